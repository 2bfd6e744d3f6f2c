/**
 * The board's Y.Doc format: a public contract for the client, exports, templates and tools.
 *
 * - `Y.Map` named `tldraw`: one entry per tldraw document record (document, page, shape,
 *   binding, asset), keyed by the record id (`shape:abc`), value = the record as plain JSON.
 *   Only document-scope records live here; camera, selection, cursor and user live in awareness.
 * - `Y.Map` named `meta`:
 *   - `schema`: the tldraw `SerializedSchema` the records were last written with, so a newer
 *     client can migrate older records on load;
 *   - `formatVersion`: this layout's version (currently 1).
 */
export const recordsMapName = 'tldraw'
export const metaMapName = 'meta'
export const schemaKey = 'schema'
export const formatVersionKey = 'formatVersion'
export const formatVersion = 1

/**
 * The board's Y.Doc format: a public contract for the client, exports, templates and tools.
 * Read and write records through `records.ts`, which knows this layout.
 *
 * - `Y.Map` named `tldraw`: one entry per tldraw document record (document, page, shape,
 *   binding, asset), keyed by the record id (`shape:abc`). Format 2: the entry is a `Y.Map` of
 *   the record's fields, with `props` and `meta` as nested `Y.Map`s of their keys, so that
 *   changes to different properties of one record merge. Format 3: a shape's `props.richText` is
 *   one `Y.Text` (layout in `richTextYjs.ts`), so that concurrent typing in one text merges
 *   character by character. (Format 1 held each record as one plain JSON value, format 2 the
 *   rich text as one JSON value; the relay upgrades such boards when it loads them.) Only
 *   document-scope records live here; camera, selection, cursor and user live in awareness.
 * - `Y.Map` named `meta`:
 *   - `schema`: the tldraw `SerializedSchema` the records were last written with, so a newer
 *     client can migrate older records on load;
 *   - `formatVersion`: this layout's version (currently 3).
 * - `Y.Map` named `facilitation`: the facilitator's tools, one entry each, listed in
 *   `facilitation.ts`.
 *
 * - `Y.Map` named `comments`: one plain JSON value per comment, keyed by its id (`comments.ts`;
 *   who writes which: `commentRights.ts`).
 *
 * Nothing else: the relay refuses any other root (`boardRootNames`).
 */
export const recordsMapName = 'tldraw'
export const metaMapName = 'meta'
export const facilitationMapName = 'facilitation'
/** Named here, not in `comments.ts` (which re-exports it): the layout loads without the comments' zod schemas. */
export const commentsMapName = 'comments'
/** The document's root maps; an update that makes any other is refused. */
export const boardRootNames: ReadonlySet<string> = new Set([recordsMapName, metaMapName, facilitationMapName, commentsMapName])
export const schemaKey = 'schema'
export const formatVersionKey = 'formatVersion'
export const formatVersion = 3

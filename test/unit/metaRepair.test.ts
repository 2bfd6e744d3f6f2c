/** What a version's meta puts back into a board whose meta no client can read. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { knownSchema } from '../../server/judge/judgeUpdate.ts'
import { readableMeta, restoreMeta } from '../../server/judge/metaRepair.ts'
import { getMetaMap } from '../../shared/board/records.ts'
import { formatVersion, formatVersionKey, schemaKey } from '../../shared/board/ydoc.ts'

const versionWith = (meta: Record<string, unknown>) => {
  const doc = new Y.Doc()
  for (const [key, value] of Object.entries(meta)) getMetaMap(doc).set(key, value)
  return Y.encodeStateAsUpdate(doc)
}
const [someSequence] = Object.keys(knownSchema.sequences)
const older = { schemaVersion: 2, sequences: { ...knownSchema.sequences, [someSequence]: 0 } }

describe('a version’s meta', () => {
  it('is readable when it holds this relay’s format and a schema at most its own', () => {
    expect(readableMeta(versionWith({ [formatVersionKey]: formatVersion, [schemaKey]: older }), knownSchema)).toEqual({ ok: true, schema: older })
  })

  it.each([
    ['a newer format', { [formatVersionKey]: 4, [schemaKey]: knownSchema }],
    ['no format', { [schemaKey]: knownSchema }],
    ['a newer sequence', { [formatVersionKey]: formatVersion, [schemaKey]: { schemaVersion: 2, sequences: { ...knownSchema.sequences, [someSequence]: 999 } } }],
    ['an unknown sequence', { [formatVersionKey]: formatVersion, [schemaKey]: { schemaVersion: 2, sequences: { 'com.example.shape.x': 1 } } }],
    ['an empty schema', { [formatVersionKey]: formatVersion, [schemaKey]: {} }],
  ])('is refused with %s', (_, meta) => {
    expect(readableMeta(versionWith(meta), knownSchema).ok).toBe(false)
  })

  it('goes back into the board, keeping what the board’s own schema holds that this relay knows, dropping the rest', () => {
    const board = new Y.Doc()
    getMetaMap(board).set(formatVersionKey, 4)
    getMetaMap(board).set(schemaKey, { schemaVersion: 2, sequences: { [someSequence]: knownSchema.sequences[someSequence], 'com.example.future': 7 } })
    restoreMeta(board, older, knownSchema)
    expect(getMetaMap(board).get(formatVersionKey)).toBe(formatVersion)
    expect(getMetaMap(board).get(schemaKey)).toEqual(knownSchema)
  })
})

/**
 * Every creation of a shape writes its text as a `Y.Text` (format 3): the server's templates, the
 * reveal of private writing, and whatever the canvas creates (carry, templates, a double click),
 * which goes through the record bridge.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLPageId } from 'tldraw'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { revealBytes } from '../../server/judge/privateReveal.ts'
import { revealedRecord } from '../../shared/board/entries/private.ts'
import { getRecordsMap, readRecord, writeRecord, type StoredRecord } from '../../shared/board/records.ts'
import { startBoardSync, type BoardSync } from '../../client/sync/boardSync.ts'
import { geoShape, makeStore } from '../helpers/boardStores.ts'
import { noteAt } from '../helpers/records.ts'

const syncs: BoardSync[] = []
afterEach(() => syncs.splice(0).forEach((s) => s.dispose()))

/** Each record's `props.richText` entry, by id. */
function texts(doc: Y.Doc): unknown[] {
  const found: unknown[] = []
  getRecordsMap(doc).forEach((entry) => {
    const props = entry instanceof Y.Map ? entry.get('props') : undefined
    if (props instanceof Y.Map && props.has('richText')) found.push(props.get('richText'))
  })
  return found
}

describe('creations in format 3', () => {
  it('a server template writes every text as a Y.Text', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, templateDocument({ template: 'planspiel', locale: 'de' }))
    expect(texts(doc).length).toBeGreaterThan(0)
    expect(texts(doc).every((text) => text instanceof Y.Text)).toBe(true)
  })

  it('a revealed private note is written as a Y.Text, and weighed at least at what it writes', () => {
    const note = noteAt(0, 0, 'Mein geheimer Gedanke, nun für alle') as unknown as Record<string, unknown>
    const doc = new Y.Doc()
    const before = Y.encodeStateVector(doc)
    writeRecord(getRecordsMap(doc), revealedRecord(note, 'a'.repeat(22)) as unknown as StoredRecord)
    expect(texts(doc)).toEqual([expect.any(Y.Text)])
    expect(revealBytes([note], 'a'.repeat(22))).toBeGreaterThanOrEqual(Y.encodeStateAsUpdate(doc, before).byteLength)
  })

  it('a shape the canvas creates reaches the doc as a Y.Text', () => {
    const doc = new Y.Doc()
    const store = makeStore('Anna')
    syncs.push(startBoardSync(store, doc))
    const pageId = store.query.ids('page').get().values().next().value as TLPageId
    const shape = geoShape(pageId, { text: 'Vom Board' })
    store.put([shape])
    expect(texts(doc)).toEqual([expect.any(Y.Text)])
    expect(readRecord(doc, shape.id)).toEqual(shape)
  })
})

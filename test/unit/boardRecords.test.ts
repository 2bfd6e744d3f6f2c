import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { toRichText, type TLGeoShape, type TLPageId, type TLStore } from 'tldraw'
import {
  getRecordsMap,
  readRecord,
  readRecords,
  recordEntry,
  upgradeFormat,
  writeRecord,
} from '../../shared/board/records.ts'
import { formatVersion } from '../../shared/board/ydoc.ts'
import { startBoardSync, type BoardSync } from '../../client/sync/boardSync.ts'
import { readFormatVersion } from '../../client/sync/boardDoc.ts'
import { textBase } from '../../shared/board/richTextEdit.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { documentRecords, geoShape, interruptibleDocs, makeStore } from '../helpers/boardStores.ts'

const syncs: BoardSync[] = []
afterEach(() => syncs.splice(0).forEach((s) => s.dispose()))

function start(store: TLStore, doc: Y.Doc) {
  syncs.push(startBoardSync(store, doc))
}

/** Two stores on one board whose link can drop, each with the same note on it. */
function twoPeersWithShape() {
  const link = interruptibleDocs()
  const [docA, docB] = link.docs
  const [storeA, storeB] = [makeStore('Anna'), makeStore('Ben')]
  start(storeA, docA)
  start(storeB, docB)
  const pageId = storeA.query.ids('page').get().values().next().value as TLPageId
  const shape = geoShape(pageId, { text: 'Erster Entwurf' })
  storeA.put([shape])
  return { ...link, storeA, storeB, shape }
}

const shapeIn = (store: TLStore, id: TLGeoShape['id']) => store.get(id) as TLGeoShape

describe('board document format 2: properties merge', () => {
  it('keeps an offline text edit and a concurrent move of the same note, on both sides', () => {
    const { storeA, storeB, shape, goOffline, comeBack } = twoPeersWithShape()
    goOffline()
    storeA.update(shape.id, (s) => ({ ...s, props: { ...s.props, richText: toRichText('Zweiter Entwurf') } }) as TLGeoShape)
    storeB.update(shape.id, (s) => ({ ...s, x: 400, y: 120 }))
    comeBack()
    for (const store of [storeA, storeB]) {
      const merged = shapeIn(store, shape.id)
      expect(merged.props.richText).toEqual(toRichText('Zweiter Entwurf'))
      expect([merged.x, merged.y]).toEqual([400, 120])
    }
    expect(documentRecords(storeA)).toEqual(documentRecords(storeB))
  })

  it('keeps concurrent changes to different props of one note (text and colour)', () => {
    const { storeA, storeB, shape, goOffline, comeBack } = twoPeersWithShape()
    goOffline()
    storeA.update(shape.id, (s) => ({ ...s, props: { ...s.props, richText: toRichText('Neu') } }) as TLGeoShape)
    storeB.update(shape.id, (s) => ({ ...s, props: { ...s.props, color: 'red' } }) as TLGeoShape)
    comeBack()
    for (const store of [storeA, storeB]) {
      expect(shapeIn(store, shape.id).props.richText).toEqual(toRichText('Neu'))
      expect(shapeIn(store, shape.id).props.color).toBe('red')
    }
  })

  it('resolves the same property changed on both sides identically on both screens', () => {
    const { storeA, storeB, shape, goOffline, comeBack } = twoPeersWithShape()
    goOffline()
    storeA.update(shape.id, (s) => ({ ...s, x: 111 }))
    storeB.update(shape.id, (s) => ({ ...s, x: 222 }))
    comeBack()
    expect([111, 222]).toContain(shapeIn(storeA, shape.id).x)
    expect(shapeIn(storeA, shape.id).x).toBe(shapeIn(storeB, shape.id).x)
  })

  it('sends only the changed property when a note moves', () => {
    const { storeA, shape, docs } = twoPeersWithShape()
    const updates: Uint8Array[] = []
    docs[0].on('update', (u: Uint8Array) => updates.push(u))
    storeA.update(shape.id, (s) => ({ ...s, x: 300 }))
    expect(updates).toHaveLength(1)
    // A whole record with its rich text is several hundred bytes; one number is a few dozen.
    expect(updates[0].byteLength).toBeLessThan(60)
  })

  it('lays records out as maps with nested props and meta that read back as the record', () => {
    const doc = new Y.Doc()
    const shape = geoShape('page:page' as TLPageId, { text: 'Hallo' })
    getRecordsMap(doc).set(shape.id, recordEntry(shape))
    const entry = getRecordsMap(doc).get(shape.id) as Y.Map<unknown>
    expect(entry.get('props')).toBeInstanceOf(Y.Map)
    expect(entry.get('meta')).toBeInstanceOf(Y.Map)
    expect(readRecord(doc, shape.id)).toEqual(shape)
    writeRecord(getRecordsMap(doc), { ...shape, x: 5, props: { ...shape.props, color: 'green' } })
    expect(readRecord(doc, shape.id)).toEqual({ ...shape, x: 5, props: { ...shape.props, color: 'green' } })
    expect(entry.get('props')).toBe((getRecordsMap(doc).get(shape.id) as Y.Map<unknown>).get('props'))
  })
})

describe('upgrading a format 1 board', () => {
  const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'old-board.ydoc'))

  it('turns every stored record into a record map with the same content, once', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, fixture)
    expect(readFormatVersion(doc)).toBe(1)
    const before = getRecordsMap(doc).toJSON()
    expect(upgradeFormat(doc)).toBe(true)
    expect(readFormatVersion(doc)).toBe(formatVersion)
    expect([...getRecordsMap(doc).values()].every((entry) => entry instanceof Y.Map)).toBe(true)
    expect(getRecordsMap(doc).toJSON()).toEqual(before)
    expect(readRecords(doc).skipped).toEqual([])
    expect(upgradeFormat(doc)).toBe(false)
  })

  it('leaves a board from a newer format alone', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, fixture)
    doc.getMap('meta').set('formatVersion', formatVersion + 1)
    const before = Y.encodeStateVector(doc)
    expect(upgradeFormat(doc)).toBe(false)
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })
})

/** A format 2 board: record maps whose rich text is a JSON value, stamped 2. */
export function formatTwoBoard(shapes: TLGeoShape[]): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const shape of shapes) {
      const { props, meta, ...fields } = shape
      getRecordsMap(doc).set(shape.id, new Y.Map<unknown>([...Object.entries(fields), ['props', new Y.Map(Object.entries(props))], ['meta', new Y.Map(Object.entries(meta))]]))
    }
    doc.getMap('meta').set('formatVersion', 2)
  })
  return doc
}
const richTextEntry = (doc: Y.Doc, id: string) => ((getRecordsMap(doc).get(id) as Y.Map<Y.Map<unknown>>).get('props')!).get('richText')

describe('format 3: a shape’s rich text is one Y.Text', () => {
  it('is the current format', () => {
    expect(formatVersion).toBe(3)
  })

  it('writes a new record’s text as a Y.Text that reads back as tldraw’s JSON', () => {
    const doc = new Y.Doc()
    const shape = geoShape('page:page' as TLPageId, { text: 'Hallo' })
    writeRecord(getRecordsMap(doc), shape as never)
    expect(richTextEntry(doc, shape.id)).toBeInstanceOf(Y.Text)
    getRecordsMap(doc).set('shape:other', recordEntry({ ...shape, id: 'shape:other' }))
    expect(richTextEntry(doc, 'shape:other')).toBeInstanceOf(Y.Text)
    expect(readRecord(doc, shape.id)).toEqual(shape)
  })

  it('upgrades a format 2 board: every text becomes a Y.Text reading the same, in one update, once', () => {
    const shapes = [geoShape('page:page' as TLPageId, { text: 'Treffen im Jugendamt' }), geoShape('page:page' as TLPageId, { text: '' })]
    shapes[1]!.props.richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'fett', marks: [{ type: 'bold' }] }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Punkt' }] }] }] }] } as never
    const doc = formatTwoBoard(shapes)
    const before = readRecords(doc).records
    let updates = 0
    doc.on('update', () => updates++)
    expect(upgradeFormat(doc)).toBe(true)
    expect(updates).toBe(1)
    expect(readFormatVersion(doc)).toBe(3)
    for (const shape of shapes) expect(richTextEntry(doc, shape.id)).toBeInstanceOf(Y.Text)
    expect(readRecords(doc).records).toEqual(before)
    expect(upgradeFormat(doc)).toBe(false)
    // A format 2 writer's JSON over a text of a format 3 board stays as written: no upgrade on every load.
    ;((getRecordsMap(doc).get(shapes[0]!.id) as Y.Map<Y.Map<unknown>>).get('props')!).set('richText', toRichText('ersetzt'))
    expect(upgradeFormat(doc)).toBe(false)
    expect(richTextEntry(doc, shapes[0]!.id)).toEqual(toRichText('ersetzt'))
  })

  it('upgrades a format 1 board straight to 3', () => {
    const doc = new Y.Doc()
    const shape = geoShape('page:page' as TLPageId, { text: 'Alte Zeiten' })
    doc.transact(() => {
      getRecordsMap(doc).set(shape.id, shape)
      doc.getMap('meta').set('formatVersion', 1)
    })
    expect(upgradeFormat(doc)).toBe(true)
    expect(readFormatVersion(doc)).toBe(3)
    expect(richTextEntry(doc, shape.id)).toBeInstanceOf(Y.Text)
    expect(readRecord(doc, shape.id)).toEqual(shape)
  })
})

describe('a text held as a Y.Text: changed, never replaced', () => {
  const base = 'Treffen im Jugendamt'
  const textOf = (doc: Y.Doc, id: string) => plainText((readRecord(doc, id)!.props as { richText: unknown }).richText)
  const withText = (shape: TLGeoShape, text: string) => ({ ...shape, props: { ...shape.props, richText: toRichText(text) } })

  /** Two replicas of a board holding one note whose text is a Y.Text. */
  function twoReplicas() {
    const link = interruptibleDocs()
    const shape = geoShape('page:page' as TLPageId, { text: base })
    writeRecord(getRecordsMap(link.docs[0]), shape as never)
    return { ...link, shape }
  }

  it('reads a new record’s Y.Text back as tldraw’s JSON on another replica', () => {
    const { docs, shape } = twoReplicas()
    const props = (getRecordsMap(docs[1]).get(shape.id) as Y.Map<Y.Map<unknown>>).get('props')!
    expect(props.get('richText')).toBeInstanceOf(Y.Text)
    expect(readRecord(docs[1], shape.id)).toEqual(shape)
  })

  it('keeps words another replica added meanwhile when a record is written with its new text', () => {
    const { docs, shape, goOffline, comeBack } = twoReplicas()
    goOffline()
    writeRecord(getRecordsMap(docs[0]), withText(shape, `${base} am Dienstag`) as never, [['props', 'richText']])
    writeRecord(getRecordsMap(docs[1]), withText(shape, `${base} (nur mit Bildungsträger)`) as never)
    comeBack()
    // Both inserts at one place: Yjs orders them by client id, the same on both replicas.
    expect([`${base} am Dienstag (nur mit Bildungsträger)`, `${base} (nur mit Bildungsträger) am Dienstag`]).toContain(textOf(docs[0], shape.id))
    expect(textOf(docs[1], shape.id)).toBe(textOf(docs[0], shape.id))
    expect(((getRecordsMap(docs[0]).get(shape.id) as Y.Map<Y.Map<unknown>>).get('props')!).get('richText')).toBeInstanceOf(Y.Text)
  })

  it('applies the change from the base the writer read, so words that arrived after it stay', () => {
    const { docs, shape } = twoReplicas()
    const ytext = ((getRecordsMap(docs[0]).get(shape.id) as Y.Map<Y.Map<unknown>>).get('props')!).get('richText') as Y.Text
    const read = textBase(ytext)
    writeRecord(getRecordsMap(docs[1]), withText(shape, `${base} (nur mit Bildungsträger)`) as never)
    writeRecord(getRecordsMap(docs[0]), withText(shape, `${base} am Dienstag`) as never, [['props', 'richText']], { bases: { richText: read } })
    for (const doc of docs) expect(textOf(doc, shape.id)).toBe(`${base} am Dienstag (nur mit Bildungsträger)`)
  })

  it('writes nothing for a whole record whose text reads as the Y.Text already does', () => {
    const { docs, shape } = twoReplicas()
    let updates = 0
    docs[0].on('update', () => updates++)
    writeRecord(getRecordsMap(docs[0]), readRecord(docs[0], shape.id)!)
    writeRecord(getRecordsMap(docs[0]), shape as never)
    expect(updates).toBe(0)
    expect(((getRecordsMap(docs[0]).get(shape.id) as Y.Map<Y.Map<unknown>>).get('props')!).get('richText')).toBeInstanceOf(Y.Text)
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { isEqual, type TLArrowBinding, type TLShape } from 'tldraw'
import { formatVersion } from '../../shared/board/ydoc.ts'
import { getMetaMap, getRecordsMap, readFormatVersion, readStoredSchema } from '../../client/sync/boardDoc.ts'
import { loadStoreFromDoc } from '../../client/sync/loadStore.ts'
import { startBoardSync } from '../../client/sync/boardSync.ts'
import { geoShape, makeStore } from '../helpers/boardStores.ts'
import { readRecord } from '../../shared/board/records.ts'

const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'old-board.ydoc'))

function openFixture(): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, fixture)
  return doc
}

const origin = Symbol('test')
const plainText = (shape: TLShape | undefined) => JSON.stringify((shape?.props as { richText?: unknown })?.richText)

afterEach(() => vi.restoreAllMocks())

describe('loading a board written with an older tldraw schema', () => {
  it('really is older than the current schema (otherwise this test proves nothing)', () => {
    const stored = readStoredSchema(openFixture())!
    const current = makeStore().schema.serialize()
    expect(stored.schemaVersion).toBe(2)
    const sequences = (stored as { sequences: Record<string, number> }).sequences
    const ours = (current as { sequences: Record<string, number> }).sequences
    expect(sequences['com.tldraw.shape.geo']).toBeLessThan(ours['com.tldraw.shape.geo'])
    expect(sequences['com.tldraw.shape.note']).toBeLessThan(ours['com.tldraw.shape.note'])
    expect(sequences['com.tldraw.shape.arrow']).toBeLessThan(ours['com.tldraw.shape.arrow'])
    expect(JSON.stringify(getRecordsMap(openFixture()).get('shape:box'))).toContain('"text":"Hallo Welt"')
  })

  it('migrates every record so that it validates and keeps its content', () => {
    const doc = openFixture()
    const store = makeStore()
    const result = loadStoreFromDoc(store, doc, origin)
    expect(result).toMatchObject({ ok: true, skipped: [] })

    const shapes = Object.fromEntries(store.query.records('shape').get().map((s) => [s.id, s]))
    for (const record of Object.values(store.serialize('document'))) {
      expect(() => store.schema.validateRecord(store, record, 'updateRecord', null)).not.toThrow()
    }
    expect(plainText(shapes['shape:box'])).toContain('Hallo Welt')
    expect(plainText(shapes['shape:sticky'])).toContain('Erste Idee')
    expect(plainText(shapes['shape:link'])).toContain('führt zu')
    expect(shapes['shape:box']).toMatchObject({ x: 100, y: 100, props: { w: 200, h: 120, color: 'blue', fill: 'semi' } })
    expect(shapes['shape:sticky']).toMatchObject({ props: { color: 'yellow', textLastEditedBy: null } })
    expect(store.get('document:document' as never)).toMatchObject({ name: 'Altes Board' })
    expect(store.get('page:main' as never)).toMatchObject({ name: 'Seite 1' })

    // The arrow's old embedded terminal became a binding record of its own.
    const bindings = store.query.records('binding').get() as TLArrowBinding[]
    expect(bindings).toHaveLength(1)
    expect(bindings[0]).toMatchObject({ fromId: 'shape:link', toId: 'shape:box', props: { terminal: 'start' } })
  })

  it('writes migrated records and the current schema back, so the next client has nothing to migrate', () => {
    const doc = openFixture()
    const store = makeStore()
    const first = loadStoreFromDoc(store, doc, origin)
    expect(first.ok && first.migrated).toBe(4) // geo, note, arrow and the new binding

    expect(readStoredSchema(doc)).toEqual(store.schema.serialize())
    expect(readFormatVersion(doc)).toBe(formatVersion)
    for (const record of Object.values(store.serialize('document'))) {
      expect(isEqual(readRecord(doc, record.id), record)).toBe(true)
    }

    const again = openFixture()
    Y.applyUpdate(again, Y.encodeStateAsUpdate(doc))
    const second = loadStoreFromDoc(makeStore(), again, origin)
    expect(second).toMatchObject({ ok: true, migrated: 0, loaded: 6 })
  })

  it('refuses a doc from a newer client and writes nothing', () => {
    const doc = openFixture()
    const store = makeStore()
    const current = store.schema.serialize() as { schemaVersion: 2; sequences: Record<string, number> }
    getMetaMap(doc).set('schema', {
      ...current,
      sequences: { ...current.sequences, 'com.tldraw.shape.geo': current.sequences['com.tldraw.shape.geo'] + 1 },
    })
    const before = Y.encodeStateVector(doc)
    const result = loadStoreFromDoc(store, doc, origin)
    expect(result).toMatchObject({ ok: false, reason: 'newer-schema' })
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(store.query.records('shape').get()).toHaveLength(0)

    getMetaMap(doc).set('formatVersion', formatVersion + 1)
    expect(loadStoreFromDoc(makeStore(), doc, origin)).toMatchObject({ ok: false, reason: 'newer-format' })
  })

  it('loads the good records when one stored record is broken, and leaves the broken one alone', () => {
    const doc = openFixture()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    getRecordsMap(doc).set('shape:broken', { id: 'shape:broken', typeName: 'shape', type: 'geo', props: null })
    const store = makeStore()
    const result = loadStoreFromDoc(store, doc, origin)
    expect(result).toMatchObject({ ok: true, skipped: ['shape:broken'] })
    expect(store.has('shape:box' as never)).toBe(true)
    expect(getRecordsMap(doc).has('shape:broken')).toBe(true)
  })

  it('stamps an empty doc with the schema and gives it a first page', () => {
    const doc = new Y.Doc()
    const store = makeStore()
    const sync = startBoardSync(store, doc)
    expect(sync.load.ok).toBe(true)
    expect(readStoredSchema(doc)).toEqual(store.schema.serialize())
    const keys = [...getRecordsMap(doc).keys()]
    expect(keys).toContain('document:document')
    expect(keys.filter((k) => k.startsWith('page:'))).toHaveLength(1)
    // Session state stays out of the doc.
    expect(keys.some((k) => /^(instance|camera|pointer|instance_page_state)/.test(k))).toBe(false)

    const page = store.query.ids('page').get().values().next().value!
    store.put([geoShape(page)])
    expect([...getRecordsMap(doc).keys()].some((k) => k.startsWith('shape:'))).toBe(true)
    sync.dispose()
  })
})

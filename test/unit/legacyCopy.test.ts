/**
 * A browser's offline copy of format 2 (IndexedDB), merged after the relay upgraded the board
 * (`client/sync/legacyCopy.ts`, `heldBackTexts.ts`). The relay's upgrade is simulated as it
 * will run: `props.richText` set to a Y.Text written with `writeRichText`, in the relay's client.
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergeLegacyCopy } from '../../client/sync/legacyCopy.ts'
import { holdBackTexts } from '../../client/sync/heldBackTexts.ts'
import { getMetaMap, getRecordsMap, readRecord, type StoredRecord } from '../../shared/board/records.ts'
import { writeFormat2Record } from '../helpers/records.ts'
import { readRichText, writeRichText, type RichTextNode } from '../../shared/board/richTextYjs.ts'
import { applyRichTextEdit, textBase } from '../../shared/board/richTextEdit.ts'
import { formatVersionKey } from '../../shared/board/ydoc.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { propertyParameters, propertyTimeout } from '../helpers/propertyRuns.ts'

const plain = (...lines: string[]): RichTextNode => ({
  type: 'doc',
  content: lines.map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
})
const zettel = (id: string, text: string, x = 0): StoredRecord => ({
  id,
  typeName: 'shape',
  type: 'note',
  x,
  y: 0,
  props: { richText: plain(text), color: 'yellow' },
  meta: {},
})

function replica(clientId: number, gc = true): Y.Doc {
  const doc = new Y.Doc({ gc })
  doc.clientID = clientId
  return doc
}
const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
const textOf = (doc: Y.Doc, id: string) => {
  const props = (getRecordsMap(doc).get(id) as Y.Map<unknown>).get('props') as Y.Map<unknown>
  return props.get('richText')
}
const wordsOf = (doc: Y.Doc, id: string) => plainText((readRecord(doc, id)!.props as { richText: unknown }).richText)

/** What the relay's upgrade 2 → 3 will do to every shape's text. */
function upgrade(relay: Y.Doc): void {
  relay.transact(() => {
    getRecordsMap(relay).forEach((entry) => {
      const props = (entry as Y.Map<unknown>).get('props') as Y.Map<unknown>
      const json = props.get('richText') as RichTextNode
      const text = new Y.Text()
      props.set('richText', text)
      writeRichText(text, json)
    })
    getMetaMap(relay).set(formatVersionKey, 3)
  })
}

function typeInto(doc: Y.Doc, id: string, change: (json: RichTextNode) => RichTextNode): void {
  const text = textOf(doc, id) as Y.Text
  const base = textBase(text)
  applyRichTextEdit(text, base, change(base.json))
}

/** A board of format 2 on the relay, a browser's copy of it, taken offline. */
function offlineBoard(ids: { relay: number; browser: number; other: number }, keepsDeleted = true) {
  const relay = replica(ids.relay)
  relay.transact(() => {
    writeFormat2Record(getRecordsMap(relay), zettel('shape:a', 'Hallo Welt'))
    getMetaMap(relay).set(formatVersionKey, 2)
  })
  // As `localCopyPersistence.ts` reads it: deleted values kept (the text an offline edit replaced).
  const copy = replica(ids.browser, !keepsDeleted)
  sync(relay, copy)
  const other = replica(ids.other)
  const live = replica(ids.browser + 1000)
  /** The browser comes back: its live doc syncs from the relay, merges the copy, the relay gets it. */
  const reconnect = () => {
    sync(relay, live)
    mergeLegacyCopy(copy, live, 'merge')
    sync(live, relay)
    sync(relay, other)
  }
  return { relay, copy, other, live, reconnect }
}

const clientOrders = [
  { relay: 1, browser: 2, other: 3 },
  { relay: 3, browser: 2, other: 1 },
  { relay: 2, browser: 1, other: 3 },
  { relay: 2, browser: 3, other: 1 },
]

describe('an offline copy of format 2 merged after the relay’s upgrade', () => {
  it.each(clientOrders)('keeps the offline word and the word another typed into the upgraded Zettel (clients %o)', (ids) => {
    const { relay, copy, other, live, reconnect } = offlineBoard(ids)
    writeFormat2Record(getRecordsMap(copy), zettel('shape:a', 'Hallo schöne Welt'), [['props', 'richText']])
    upgrade(relay)
    sync(relay, other)
    typeInto(other, 'shape:a', () => plain('Hallo Welt (nur mit Bildungsträger)'))
    sync(other, relay)

    reconnect()

    for (const doc of [relay, other, live]) {
      expect(textOf(doc, 'shape:a')).toBeInstanceOf(Y.Text)
      expect(wordsOf(doc, 'shape:a')).toBe('Hallo schöne Welt (nur mit Bildungsträger)')
    }
  })

  it.each(clientOrders)('keeps both words also when the copy no longer holds the text it was edited from (clients %o)', (ids) => {
    const { relay, copy, other, live, reconnect } = offlineBoard(ids, false)
    writeFormat2Record(getRecordsMap(copy), zettel('shape:a', 'Hallo schöne Welt'), [['props', 'richText']])
    upgrade(relay)
    sync(relay, other)
    typeInto(other, 'shape:a', () => plain('Hallo Welt (nur mit Bildungsträger)'))
    sync(other, relay)

    reconnect()

    for (const doc of [relay, other, live]) expect(wordsOf(doc, 'shape:a')).toBe('Hallo schöne Welt (nur mit Bildungsträger)')
  })

  it.each(clientOrders)('brings a Zettel created offline as a Y.Text (clients %o)', (ids) => {
    const { relay, copy, reconnect } = offlineBoard(ids)
    upgrade(relay)
    writeFormat2Record(getRecordsMap(copy), zettel('shape:b', 'Neu im Zug'))

    reconnect()

    expect(textOf(relay, 'shape:b')).toBeInstanceOf(Y.Text)
    expect(wordsOf(relay, 'shape:b')).toBe('Neu im Zug')
    expect(readRecord(relay, 'shape:b')).toMatchObject({ type: 'note', props: { color: 'yellow' } })
  })

  it.each(clientOrders)('merges an offline move and keeps the text as the relay has it (clients %o)', (ids) => {
    const { relay, copy, other, reconnect } = offlineBoard(ids)
    writeFormat2Record(getRecordsMap(copy), zettel('shape:a', 'Hallo Welt', 240), [['x']])
    upgrade(relay)
    sync(relay, other)
    typeInto(other, 'shape:a', () => plain('Hallo Welt!'))
    sync(other, relay)

    reconnect()

    expect(readRecord(relay, 'shape:a')).toMatchObject({ x: 240 })
    expect(textOf(relay, 'shape:a')).toBeInstanceOf(Y.Text)
    expect(wordsOf(relay, 'shape:a')).toBe('Hallo Welt!')
  })

  it('never sends an item on the text key: the held-back update leaves the upgraded text alone', () => {
    const { relay, copy, live } = offlineBoard(clientOrders[0])
    writeFormat2Record(getRecordsMap(copy), zettel('shape:a', 'Hallo schöne Welt', 50))
    writeFormat2Record(getRecordsMap(copy), zettel('shape:a', 'Hallo schöne neue Welt', 60))
    writeFormat2Record(getRecordsMap(copy), zettel('shape:c', 'Offline angelegt'))
    upgrade(relay)
    sync(relay, live)

    const missing = Y.diffUpdate(Y.encodeStateAsUpdate(copy), Y.encodeStateVector(live))
    const held = holdBackTexts(missing, copy)
    const items = Y.decodeUpdate(held).structs.filter((struct): struct is Y.Item => struct instanceof Y.Item)
    expect(items.length).toBeGreaterThan(0)
    for (const struct of items) expect((Y.getItem(copy.store, struct.id) as Y.Item).parentSub).not.toBe('richText')

    const before = readRichText(textOf(live, 'shape:a') as Y.Text)
    Y.applyUpdate(live, held)
    expect(textOf(live, 'shape:a')).toBeInstanceOf(Y.Text)
    expect(readRichText(textOf(live, 'shape:a') as Y.Text)).toEqual(before)
    expect(readRecord(live, 'shape:a')).toMatchObject({ x: 60 })
    expect(readRecord(live, 'shape:c')?.props).not.toHaveProperty('richText')
  })

  it.each(clientOrders)('leaves deleted what another deleted after the upgrade, and their bold on (clients %o)', (ids) => {
    const { relay, copy, other, live, reconnect } = offlineBoard(ids)
    writeFormat2Record(getRecordsMap(relay), zettel('shape:a', 'Hallo schöne Welt'))
    sync(relay, copy)
    writeFormat2Record(getRecordsMap(copy), zettel('shape:a', 'Hallo schöne Welt!'), [['props', 'richText']])
    upgrade(relay)
    sync(relay, other)
    typeInto(other, 'shape:a', () => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hallo ', marks: [{ type: 'bold' }] }, { type: 'text', text: 'Welt' }] }] }))
    sync(other, relay)

    reconnect()

    expect(wordsOf(relay, 'shape:a')).toBe('Hallo Welt!')
    expect(readRichText(textOf(relay, 'shape:a') as Y.Text)).toEqual(readRichText(textOf(live, 'shape:a') as Y.Text))
    expect(readRichText(textOf(relay, 'shape:a') as Y.Text).content?.[0].content?.[0]).toEqual({ type: 'text', text: 'Hallo ', marks: [{ type: 'bold' }] })
  })

  // Was broken: a copy holding an update it never integrated (its predecessors missing: Yjs keeps
  // it pending, and encodeStateAsUpdate sends it along) made heldBackTexts.ts look its structs up
  // in the copy's store, where they are not: mergeLegacyCopy threw, the copy was never replaced
  // and the live doc never kept locally (what was typed offline next was not stored).
  it.each(clientOrders)('merges a copy holding an update it never integrated, the offline word included (clients %o)', (ids) => {
    const { relay, copy, other, live, reconnect } = offlineBoard(ids)
    writeFormat2Record(getRecordsMap(copy), zettel('shape:a', 'Hallo schöne Welt'), [['props', 'richText']])
    const stray = replica(4242)
    sync(relay, stray)
    getRecordsMap(stray).set('x1', 1)
    const known = Y.encodeStateVector(stray)
    writeFormat2Record(getRecordsMap(stray), zettel('shape:a', 'fremd'), [['props', 'richText']])
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(stray, known))
    expect(copy.store.pendingStructs).not.toBeNull()
    upgrade(relay)
    sync(relay, other)

    reconnect()

    for (const doc of [relay, other, live]) {
      expect(textOf(doc, 'shape:a')).toBeInstanceOf(Y.Text)
      expect(wordsOf(doc, 'shape:a')).toBe('Hallo schöne Welt')
    }
  })

  it('merges a copy a second time as a no-op (a reload before the copy was replaced)', () => {
    const { relay, copy, reconnect } = offlineBoard(clientOrders[0])
    writeFormat2Record(getRecordsMap(copy), zettel('shape:a', 'Hallo schöne Welt', 80), [['props', 'richText'], ['x']])
    upgrade(relay)
    reconnect()
    const again = replica(5000)
    sync(relay, again)
    mergeLegacyCopy(copy, again, 'merge')
    sync(again, relay)
    expect(wordsOf(relay, 'shape:a')).toBe('Hallo schöne Welt')
    expect(readRecord(relay, 'shape:a')).toMatchObject({ x: 80 })
  })

  it('keeps the relay’s format stamp over one the copy made offline', () => {
    const { relay, copy, live, reconnect } = offlineBoard(clientOrders[0])
    getMetaMap(copy).set(formatVersionKey, 2)
    upgrade(relay)
    reconnect()
    for (const doc of [relay, live]) expect(getMetaMap(doc).get(formatVersionKey)).toBe(3)
  })

  const roundTrip = { gate: 200, full: 3000 }
  it(
    'writes back an update with nothing to hold back as it was: it applies to the same state',
    { timeout: propertyTimeout(roundTrip, 5) },
    () => {
      const op = fc.oneof(
        fc.record({ kind: fc.constant('map' as const), key: fc.constantFrom('a', 'b', 'c'), value: fc.integer() }),
        fc.record({ kind: fc.constant('text' as const), at: fc.nat(), words: fc.string({ maxLength: 5 }) }),
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat(4) }),
        fc.record({ kind: fc.constant('sync' as const) }),
      )
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(2), op), { maxLength: 30 }), fc.nat(30), (steps, seen) => {
          const docs = [replica(1), replica(2), replica(3)]
          const known = replica(9)
          steps.forEach(([who, step], at) => {
            const doc = docs[who]
            const text = doc.getText('t')
            if (step.kind === 'map') doc.getMap('m').set(step.key, step.value)
            else if (step.kind === 'text') text.insert(Math.min(step.at, text.length), step.words)
            else if (step.kind === 'delete') text.delete(Math.min(step.at, text.length), Math.min(step.length, text.length - Math.min(step.at, text.length)))
            else docs.forEach((to) => sync(doc, to))
            if (at === seen) sync(doc, known)
          })
          const whole = replica(8)
          docs.forEach((doc) => sync(doc, whole))
          const missing = Y.diffUpdate(Y.encodeStateAsUpdate(whole), Y.encodeStateVector(known))
          const [plainly, rewritten] = [replica(10), replica(11)]
          for (const target of [plainly, rewritten]) sync(known, target)
          Y.applyUpdate(plainly, missing)
          Y.applyUpdate(rewritten, holdBackTexts(missing, whole))
          expect(Y.encodeStateAsUpdate(rewritten)).toEqual(Y.encodeStateAsUpdate(plainly))
          expect(rewritten.getText('t').toString()).toBe(whole.getText('t').toString())
          expect(rewritten.store.pendingStructs).toBeNull()
        }),
        propertyParameters(roundTrip),
      )
    },
  )
})

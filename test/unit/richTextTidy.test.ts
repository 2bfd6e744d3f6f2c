/**
 * The relay's tidy-up of a text's formats (`shared/board/richTextTidy.ts`): after browsers format
 * one text at once, it removes exactly the formats a reader reads as nothing, so that what is left
 * reads the same and holds no format the relay would read as hidden (`hiddenFormats.ts`).
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readRichText, writeRichText } from '../../shared/board/richTextYjs.ts'
import { tidiedAfter, tidyFormats } from '../../shared/board/richTextTidy.ts'
import { hiddenItems } from '../../server/judge/hiddenFormats.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'

const words = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nicht ganz einverstanden' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'sagt Ben' }] }] }

/** Three replicas of one text, client ids 1, 2, 3. */
function replicas(): Y.Text[] {
  const first = new Y.Doc()
  first.clientID = 1
  writeRichText(first.getText('t'), words)
  return [1, 2, 3].map((clientID) => {
    if (clientID === 1) return first.getText('t')
    const d = new Y.Doc()
    d.clientID = clientID
    Y.applyUpdate(d, Y.encodeStateAsUpdate(first))
    return d.getText('t')
  })
}

const mergeAll = (texts: Y.Text[]) => {
  for (const from of texts) for (const to of texts) if (from !== to) Y.applyUpdate(to.doc!, Y.encodeStateAsUpdate(from.doc!, Y.encodeStateVector(to.doc!)))
}

const tidy = (text: Y.Text) => {
  let removed = 0
  Y.transact(text.doc!, (transaction) => {
    removed = tidyFormats(text, transaction)
  })
  return removed
}

const mark = fc.constantFrom<Record<string, unknown>>({ bold: true }, { bold: null }, { italic: true }, { italic: null }, { link: { href: 'https://example.org' } }, { link: null })
const step = fc.record({ replica: fc.integer({ min: 0, max: 2 }), kind: fc.constantFrom('format', 'format', 'delete', 'split'), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }), mark })

describe('tidying a text’s formats', () => {
  it('two browsers bold the same words mid-text at once: the second begin and end are tidied away, the words stay bold', () => {
    const [anna, ben] = replicas()
    anna.format(6, 4, { bold: true })
    ben.format(6, 4, { bold: true })
    mergeAll([anna, ben])
    const read = readRichText(anna)
    expect(hiddenItems(anna).size).toBeGreaterThan(0)
    expect(tidy(anna)).toBe(2)
    expect(readRichText(anna)).toEqual(read)
    expect(hiddenItems(anna).size).toBe(0)
  })
  it('a link begun again with an equal value (not the same object) is tidied too', () => {
    const [anna, ben] = replicas()
    anna.format(0, 5, { link: { href: 'https://example.org' } })
    ben.format(0, 10, { link: { href: 'https://example.org' } })
    mergeAll([anna, ben])
    const read = readRichText(anna)
    tidy(anna)
    expect(readRichText(anna)).toEqual(read)
    expect(hiddenItems(anna).size).toBe(0)
  })
  it('after any concurrent formatting: reads the same, holds no format that reads as nothing, and a second tidy removes nothing', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 16 }), fc.array(fc.boolean(), { maxLength: 16 }), (steps, syncs) => {
        const texts = replicas()
        steps.forEach(({ replica, kind, at, length, mark }, i) => {
          const text = texts[replica]
          // Within a line, as the editor marks and deletes; a split inserts a line end.
          const lineEnds = [...text.toString()].flatMap((ch, index) => (ch === '\n' ? [index] : []))
          const start = at % text.length
          const end = lineEnds.find((index) => index >= start) ?? text.length
          if (kind === 'split') text.insert(start, '\n')
          else if (end > start && kind === 'delete') text.delete(start, Math.min(length, end - start))
          else if (end > start) text.format(start, Math.min(length, end - start), mark)
          if (syncs[i]) mergeAll(texts)
        })
        mergeAll(texts)
        const [one, two] = texts
        const read = readRichText(one)
        tidy(one)
        expect(readRichText(one)).toEqual(read)
        expect([...hiddenItems(one)]).toEqual([])
        expect(tidy(one)).toBe(0)
        // Another replica tidied independently deletes the same items: the replicas still agree.
        tidy(two)
        mergeAll(texts)
        expect(readRichText(two)).toEqual(readRichText(one))
      }),
      propertyParameters({ gate: 200, full: 5000 }),
    )
  })
  it('after concurrent Enters in headings, headings set and unset, bold and deletions: a tidied text holds nothing hidden, and reads the same', () => {
    const heading = () => ({ type: 'heading', attrs: { level: 2 } })
    const edit = fc.record({
      replica: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('type', 'split', 'bold', 'block', 'delete'),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 4 }),
      on: fc.boolean(),
      sync: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        const first = new Y.Doc()
        first.clientID = 1
        writeRichText(first.getText('t'), { type: 'doc', content: [{ ...heading(), content: [{ type: 'text', text: 'Titel hier' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'zwei drei' }] }] })
        const texts = [first, 2, 3].map((replica) => {
          if (replica === first) return first.getText('t')
          const d = new Y.Doc()
          d.clientID = replica as number
          Y.applyUpdate(d, Y.encodeStateAsUpdate(first))
          return d.getText('t')
        })
        for (const { replica, kind, at, length, on, sync } of edits) {
          const text = texts[replica]
          const start = at % Math.max(1, text.length)
          const end = text.toString().indexOf('\n', start)
          // An Enter in a heading makes two headings, as ProseMirror splits it.
          if (kind === 'split') text.insert(start, '\n', { block: on ? heading() : null })
          else if (kind === 'type') text.insert(start, 'q')
          else if (kind === 'block' && end >= 0) text.format(end, 1, { block: on ? heading() : null })
          else if (kind === 'bold' && end > start) text.format(start, Math.min(length, end - start), { bold: on ? true : null })
          else if (kind === 'delete' && end > start) text.delete(start, Math.min(length, end - start))
          if (sync) mergeAll(texts)
        }
        mergeAll(texts)
        const read = readRichText(texts[0])
        tidy(texts[0])
        expect(readRichText(texts[0])).toEqual(read)
        expect([...hiddenItems(texts[0])]).toEqual([])
      }),
      propertyParameters({ gate: 200, full: 5000 }),
    )
  })
  it('Ben bolds words Anna deletes meanwhile, with a line split between: his bold, left on the line end alone, is tidied away', () => {
    const [anna, ben] = replicas()
    ben.format(6, 4, { bold: true })
    anna.insert(8, '\n')
    anna.delete(6, 2)
    anna.delete(7, 2)
    mergeAll([anna, ben])
    const read = readRichText(anna)
    expect(hiddenItems(anna).size).toBeGreaterThan(0)
    tidy(anna)
    expect(readRichText(anna)).toEqual(read)
    expect(hiddenItems(anna).size).toBe(0)
  })
  it('tidiedAfter tidies only texts the change touched, in a transaction of its own', () => {
    const [anna, ben] = replicas()
    ben.format(6, 4, { bold: true })
    anna.format(6, 4, { bold: true })
    const transactions: unknown[] = []
    anna.doc!.on('afterTransaction', (transaction: Y.Transaction) => transactions.push(transaction.origin))
    tidiedAfter(anna.doc!, () => Y.applyUpdate(anna.doc!, Y.encodeStateAsUpdate(ben.doc!), 'ben'))
    // The change, then tidy-ups with origin null (Yjs's own, where it tidies anything, and the relay's).
    expect(transactions[0]).toBe('ben')
    expect(new Set(transactions.slice(1))).toEqual(new Set([null]))
    expect(hiddenItems(anna).size).toBe(0)
  })
})

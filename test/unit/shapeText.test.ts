/** Text per shape counts every string a tab lays out or carries of a shape's rich text, not only its text nodes. */
import { describe, expect, it } from 'vitest'
import { toRichText } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { maxShapeTextChars, shapeTextChanged, shapeTextChars, shapeTextRefusal } from '../../shared/board/shapeText.ts'
import { getRecordsMap, writeRecord, type StoredRecord } from '../../shared/board/records.ts'
import { checkUpdate } from '../../server/judge/updateRules.ts'
import { noteAt } from '../helpers/records.ts'

const long = 'x'.repeat(200_000)
const note = (richText: unknown) => ({ typeName: 'shape', type: 'note', props: { richText } })

describe('text per shape', () => {
  it('refuses long strings hidden in a link mark, a string content or a node’s attributes', () => {
    const inMark = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: `https://e.example/${long}` } }] }] }] }
    const asContent = { type: 'doc', content: [{ type: 'paragraph', content: long }] }
    const inAttrs = { type: 'doc', content: [], attrs: { x: long } }
    for (const richText of [inMark, asContent, inAttrs]) expect(shapeTextRefusal(undefined, note(richText))).not.toBeNull()
  })

  it('takes a Zettel with a link and as much text as it may hold', () => {
    const text = 'y'.repeat(maxShapeTextChars - 100)
    const linked = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'link', attrs: { href: 'https://netzwerk.example/protokoll' } }] }] }] }
    expect(shapeTextRefusal(undefined, note(linked))).toBeNull()
  })

  it('counts lines, breaks and marks as well as characters: a Zettel of empty lines is refused, a long one of many lines taken', () => {
    // Six Zettel of 34,000 empty lines (no character counted) hung every fresh tab for 90 s.
    const breaks = { type: 'doc', content: [{ type: 'paragraph', content: Array.from({ length: 34_000 }, () => ({ type: 'hardBreak' })) }] }
    const emptyLines = { type: 'doc', content: Array.from({ length: 20_000 }, () => ({ type: 'paragraph' })) }
    const marked = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a', marks: Array.from({ length: 20_000 }, () => ({ type: 'bold' })) }] }] }
    const emptyLists = { type: 'doc', content: Array.from({ length: 20_000 }, () => []) }
    for (const richText of [breaks, emptyLines, marked, emptyLists]) expect(shapeTextRefusal(undefined, note(richText))).not.toBeNull()
    expect(shapeTextRefusal(undefined, note(toRichText('\n'.repeat(maxShapeTextChars))))).not.toBeNull()
    // A long page in 50 paragraphs, with a line break and a mark here and there, still fits.
    const paragraph = (i: number) => ({ type: 'paragraph', attrs: { dir: 'auto' }, content: [{ type: 'text', text: 'z'.repeat(89), marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: `${i}`.padStart(91, '.') }] })
    const page = { type: 'doc', content: Array.from({ length: 50 }, (_, i) => paragraph(i)) }
    expect(shapeTextRefusal(undefined, note(page))).toBeNull()
    // One character more per line is one character more of the budget.
    expect(shapeTextChars({ richText: toRichText('a\n\nb') }) - shapeTextChars({ richText: toRichText('a\nb') })).toBeGreaterThanOrEqual(1)
  })

  it('lets a shape an older relay took with more text shrink or move, never grow, however its text is spread', () => {
    const old = { typeName: 'shape', type: 'note', props: { richText: toRichText('x'.repeat(maxShapeTextChars + 2_000)) } }
    expect(shapeTextRefusal(old, { ...old, x: 40 })).toBeNull()
    expect(shapeTextRefusal(old, note(toRichText('x'.repeat(maxShapeTextChars + 1_000))))).toBeNull()
    expect(shapeTextRefusal(old, note(toRichText('x'.repeat(maxShapeTextChars + 3_000))))).not.toBeNull()
    // More text behind what is counted first: the whole shape is weighed against what it held.
    const grown = { ...old, props: { text: 'x'.repeat(maxShapeTextChars + 1_000), richText: toRichText('\n'.repeat(50_000)) } }
    expect(shapeTextRefusal(old, grown)).not.toBeNull()
    // A Zettel of empty lines an older relay took may lose lines, not gain them.
    const lines = { ...old, props: { richText: toRichText('\n'.repeat(34_000)) } }
    expect(shapeTextRefusal(lines, { ...lines, y: 7 })).toBeNull()
    expect(shapeTextRefusal(lines, note(toRichText('\n'.repeat(30_000))))).toBeNull()
    expect(shapeTextRefusal(lines, note(toRichText('\n'.repeat(40_000))))).not.toBeNull()
  })

  it('keeps an older shape from trading its letters for empty lines, or changing text past the node walk (found by a hostile review)', () => {
    // A page of 40,000 letters rewritten as 34,000 empty lines: fewer characters, but lines every tab lays out.
    const letters = { typeName: 'shape', type: 'note', props: { richText: toRichText('x'.repeat(40_000)) } }
    expect(shapeTextRefusal(letters, note(toRichText('\n'.repeat(34_000))))).not.toBeNull()
    expect(shapeTextRefusal(letters, note(toRichText('x'.repeat(39_000))))).toBeNull()
    // Past the node walk nobody knows what it held: it may move with its text, and changed text must fit.
    const huge = { typeName: 'shape', type: 'note', props: { richText: { type: 'doc', content: Array.from({ length: 120_000 }, () => 0) } } }
    expect(shapeTextRefusal(huge, { ...huge, x: 12 })).toBeNull()
    expect(shapeTextRefusal(huge, note({ type: 'doc', content: Array.from({ length: 35_000 }, () => ({ type: 'paragraph' })) }))).not.toBeNull()
    expect(shapeTextRefusal(huge, note(toRichText('kurz')))).toBeNull()
  })

  it('tells a change of the words from a move, a restyle or a migration, without recursion, even on a hostile depth', () => {
    const words = (text: string, marks: unknown[] = []) => ({ richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text, marks }] }] }, color: 'yellow' })
    expect(shapeTextChanged(words('Kita'), { ...words('Kita'), color: 'blue' })).toBe(false)
    expect(shapeTextChanged(words('Kita'), words('Kita', [{ type: 'bold' }]))).toBe(false)
    // tldraw's migration of an old note's `text` into `richText` keeps its words.
    expect(shapeTextChanged({ text: 'Hallo Welt' }, words('Hallo Welt'))).toBe(false)
    expect(shapeTextChanged(words('Kita'), words('Kitas'))).toBe(true)
    expect(shapeTextChanged(words('ab'), { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }, { type: 'text', text: 'a' }] }] } })).toBe(true)
    expect(shapeTextChanged(words('Kita'), { ...words('Kita'), text: 'x' })).toBe(true)
    // Nothing the canvas does not show passes for words it shows, nor one hidden entry for another.
    const rich = (...content: unknown[]) => ({ richText: { type: 'doc', content } })
    expect(shapeTextChanged(rich({ type: 'paragraph', text: 'a', content: [{ type: 'text', text: 'b' }] }), rich({ type: 'paragraph', content: [{ type: 'text', text: 'ab' }] }))).toBe(true)
    expect(shapeTextChanged(rich({ type: 'paragraph', text: 'a' }), rich({ type: 'paragraph', content: [{ type: 'text', text: '["",["text a"]]' }] }))).toBe(true)
    expect(shapeTextChanged({ ...words('a'), url: 'https://x.org' }, words('a https://x.org'))).toBe(true)
    // Lines are read as spaces: the migration of an old note's lines and empty lines are no change.
    expect(shapeTextChanged({ text: 'Hallo\n\nWelt ' }, { richText: toRichText('Hallo\n\nWelt') })).toBe(false)
    expect(shapeTextChanged({ text: 'Hallo Welt' }, { richText: toRichText('HalloWelt') })).toBe(true)
    // An odd note stays movable by others: what cannot be read is an entry of its own, no refusal.
    const odd = rich({ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: 'bold' }], marks: {} }, 'y', { type: 'text', text: 'z', content: 7 })
    expect(shapeTextChanged({ ...odd, color: 'red' }, { ...odd, color: 'blue' })).toBe(false)
    expect(shapeTextChanged(odd, rich({ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: ['bold'] }], marks: {} }, 'y', { type: 'text', text: 'z', content: 7 }))).toBe(true)
    let deep: unknown = { type: 'text', text: 'x' }
    for (let i = 0; i < 200_000; i++) deep = { content: [deep] }
    expect(shapeTextChanged({ richText: deep }, { richText: deep })).toBe(true)
  })

  it('refuses lists nested deeper than the relay stores, so a browser keeps its Zettel as it was instead of being cut off', () => {
    // Tab in a list nests it one level deeper; each level is four levels of JSON.
    const nested = (levels: number): unknown => {
      let item: Record<string, unknown> = { type: 'paragraph', content: [{ type: 'text', text: 'tief' }] }
      for (let i = 0; i < levels; i++) item = { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${i}` }] }, item] }] }
      return { type: 'doc', content: [item] }
    }
    const storedByTheRelay = (richText: unknown) => {
      const doc = new Y.Doc()
      const update: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => update.push(u))
      writeRecord(getRecordsMap(doc), { ...noteAt(0, 0, ''), props: { ...noteAt(0, 0, '').props, richText } } as unknown as StoredRecord)
      return checkUpdate(new Y.Doc(), update[0]!).ok
    }
    const deepest = Array.from({ length: 30 }, (_, levels) => levels).filter((levels) => shapeTextRefusal(undefined, note(nested(levels))) === null).at(-1)!
    // Ten levels is more than any Zettel needs; whatever the declaration takes, the relay stores.
    expect(deepest).toBeGreaterThanOrEqual(10)
    expect(storedByTheRelay(nested(deepest))).toBe(true)
    expect(shapeTextRefusal(undefined, note(nested(20)))).not.toBeNull()
    // As a Y.Text (format 3) a list's depth is a line's `containers`, an attribute the update rules
    // store; the declaration's refusal is what keeps the Zettel as it was.
    expect(storedByTheRelay(nested(20))).toBe(true)
  })
})


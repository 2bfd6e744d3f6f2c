/** Text per shape counts every string a tab lays out or carries of a shape's rich text, not only its text nodes. */
import { describe, expect, it } from 'vitest'
import { toRichText } from '@tldraw/tlschema'
import { maxShapeTextChars, shapeTextChanged, shapeTextRefusal } from '../../shared/board/shapeText.ts'

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
})

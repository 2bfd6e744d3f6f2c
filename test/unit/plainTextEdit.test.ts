/**
 * The list „Beitragen“ edits a Zettel as plain text; its save changes only the characters the
 * field changed, and keeps what the field does not show (`shared/board/plainTextEdit.ts`).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { withPlainTextEdit } from '../../shared/board/plainTextEdit.ts'
import { normalizeRichText, type RichTextNode } from '../../shared/board/richTextYjs.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'

const text = (value: string, ...marks: string[]): RichTextNode => (marks.length ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value })
const paragraph = (...content: RichTextNode[]): RichTextNode => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' })
const doc = (...content: RichTextNode[]): RichTextNode => ({ type: 'doc', content })

describe('a plain-text field’s edit of a rich text', () => {
  it('keeps the facilitator’s bold when the participant corrects another word', () => {
    const base = doc(paragraph(text('Termin mit dem '), text('Jugendamt', 'bold'), text(' absprechen')))
    expect(withPlainTextEdit(base, 'Termin mit dem Jugendamt vereinbaren')).toEqual(doc(paragraph(text('Termin mit dem '), text('Jugendamt', 'bold'), text(' vereinbaren'))))
  })
  it('a word typed over a bold word stays bold; typing after a word continues its marks', () => {
    const base = doc(paragraph(text('mit dem '), text('Jugendamt', 'bold')))
    expect(withPlainTextEdit(base, 'mit dem Jobcenter')).toEqual(doc(paragraph(text('mit dem '), text('Jobcenter', 'bold'))))
    expect(withPlainTextEdit(base, 'mit dem Jugendamt!')).toEqual(doc(paragraph(text('mit dem '), text('Jugendamt!', 'bold'))))
  })
  it('keeps a hard break, a heading and the space at the end the field did not show', () => {
    const base = doc({ type: 'heading', attrs: { level: 2 }, content: [text('Ziele')] }, paragraph(text('erste'), { type: 'hardBreak' }, text('zweite ')))
    expect(withPlainTextEdit(base, 'Ziele\nerste\nzweite Zeile')).toEqual(
      doc({ type: 'heading', attrs: { level: 2 }, content: [text('Ziele')] }, paragraph(text('erste'), { type: 'hardBreak' }, text('zweite Zeile '))),
    )
  })
  it('a new line in a list item stays in that item', () => {
    const item = (words: string) => ({ type: 'listItem', content: [paragraph(text(words))] })
    const base = doc({ type: 'bulletList', content: [item('eins'), item('zwei')] })
    const after = withPlainTextEdit(base, 'eins\nzwei\ndrei')
    expect(plainText(after)).toBe('eins\nzwei\ndrei')
    expect(after.content).toHaveLength(1)
  })
  it('reads as the field’s text afterwards, whatever the base and the edit', () => {
    const mark = fc.subarray(['bold', 'italic'])
    const run = fc.record({ words: fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'ä'), minLength: 1, maxLength: 6 }), marks: mark })
    const line = fc.array(run, { maxLength: 4 })
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), fc.string({ unit: fc.constantFrom('a', 'c', ' ', '\n', 'ö'), maxLength: 20 }), (lines, edited) => {
        const base = normalizeRichText(doc(...lines.map((runs) => paragraph(...runs.map(({ words, marks }) => text(words, ...marks))))))
        const field = edited.trim()
        // As the field shows it, with the white space inside lines a field keeps.
        expect(plainText(withPlainTextEdit(base, field))).toBe(field.split('\n').join('\n').trim())
      }),
      propertyParameters({ gate: 200, full: 5000 }),
    )
  })
})

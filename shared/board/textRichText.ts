/**
 * A plain text as tldraw's rich text, one paragraph a line: what `toRichText` of @tldraw/tlschema
 * writes (test/unit/textRichText.test.ts holds them equal). Its own module because that package's
 * index loads the whole schema with its validators, 35 kB a phone's list would fetch for these lines.
 */
export interface PlainRichText {
  type: 'doc'
  content: Array<{ type: 'paragraph'; content?: Array<{ type: 'text'; text: string }> }>
}

export function toRichText(text: string): PlainRichText {
  return { type: 'doc', content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })) }
}

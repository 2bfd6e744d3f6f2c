/**
 * A plain-text field's edit of a rich text (the list „Beitragen“ shows a Zettel as plain text):
 * the characters inserted and deleted in the field, applied to the rich text it showed, so that
 * whatever the field did not show stays: marks (a word the facilitator made bold), hard breaks,
 * headings and lists, spaces and empty lines at the ends. Read as plain text as `plainText`
 * reads it (shared/templates/richText.ts): a line end and a hard break are "\n", the ends trimmed.
 */
import { diffSequences } from './sequenceDiff.ts'
import { jsonOfTokens, tokensOfJson, type RichTextNode, type Token } from './richTextYjs.ts'

/** `base` with the field's text changed from what it showed of `base` to `edited`. */
export function withPlainTextEdit(base: RichTextNode, edited: string): RichTextNode {
  const tokens = tokensOfJson(base)
  const lastLine = tokens.findLastIndex((token) => token.kind === 'line')
  // One unit per token the plain text reads: a character, a hard break, a line end but the last.
  const units: { ch: string; at: number }[] = []
  tokens.forEach((token, at) => {
    if (token.kind === 'char') units.push({ ch: token.ch, at })
    else if (token.kind === 'embed' ? 'hardBreak' in token.embed : at !== lastLine) units.push({ ch: '\n', at })
  })
  // The field showed the units without the white space at either end.
  let lead = 0
  while (lead < units.length && /\s/.test(units[lead].ch)) lead++
  let end = units.length
  while (end > lead && /\s/.test(units[end - 1].ch)) end--
  const shown = units.slice(lead, end)
  const typed = [...edited]
  const hunks = diffSequences(shown, typed, (unit, ch) => unit.ch === ch)
  // Last first: earlier token positions stay where they are.
  for (const hunk of hunks.toReversed()) {
    const removed = shown.slice(hunk.from, hunk.to).map((unit) => unit.at)
    const before = lead + hunk.from - 1
    const at = removed[0] ?? (before >= 0 ? units[before].at + 1 : (units[0]?.at ?? Math.max(0, lastLine)))
    const like = removed.map((index) => tokens[index]).find((token) => token.kind === 'char') ?? (at > 0 ? tokens[at - 1] : undefined)
    const marks = like?.kind === 'char' ? like.attributes : {}
    const inserted = typed.slice(hunk.afterFrom, hunk.afterTo).map((ch): Token => (ch === '\n' ? lineEndBefore(tokens, at) : { kind: 'char', ch, attributes: marks }))
    for (const index of removed.toReversed()) tokens.splice(index, 1)
    tokens.splice(at, 0, ...inserted)
  }
  return jsonOfTokens(tokens)
}

/**
 * A new line end that splits the line `at` lies in: it ends the first part as the line's own
 * end does; in a list or quote the second part then continues the same nodes.
 */
function lineEndBefore(tokens: Token[], at: number): Token {
  const next = tokens.slice(at).find((token) => token.kind === 'line')
  if (next?.kind !== 'line') return { kind: 'line', attributes: {} }
  const { containers } = next.attributes
  if (Array.isArray(containers)) next.attributes = { ...next.attributes, containers: containers.map((level) => ({ ...level, continues: true })) }
  return { kind: 'line', attributes: { ...next.attributes, ...(containers ? { containers } : {}) } }
}

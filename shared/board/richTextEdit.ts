/**
 * Edits of a shape's rich text (`richTextYjs.ts`) applied as changes, never as replacements.
 * An editor shows a base (the text when it last read it) and produces an after; the change between
 * the two is found over the flat token sequence (characters, inline nodes, line ends; equal when
 * their content is, whatever their attributes), hunk by hunk, and placed by the Yjs ids the base
 * was read from: others' edits that arrived since stay as they are, no character the base did not
 * hold is deleted, and nothing is moved (a split inserts a line end, a join deletes one). A change
 * of attributes only (a mark, a paragraph made a heading) is a format.
 */
import * as Y from 'yjs'
import { equalityDeep } from 'lib0/function'
import { diffSequences } from './sequenceDiff.ts'
import { insertTokens, jsonOfTokens, tokenRunsOf, tokensOfJson, tokensOfRuns, type RichTextNode, type Token } from './richTextYjs.ts'

/** The text as an editor last read it, with the Yjs id each token was read from. */
export interface TextBase {
  json: RichTextNode
  /** `id` null: the line end the reader supplies when the text does not end in one. */
  tokens: { token: Token; id: Y.ID | null }[]
}
type BaseToken = TextBase['tokens'][number]
interface Place {
  at: number
  live: boolean
}

/**
 * Reads the text an editor is about to show. Its tokens one by one are made only when an edit
 * needs them: the record bridge reads a base for every record it touches, a move included.
 */
export function textBase(ytext: Y.Text): TextBase {
  const { runs, ids } = tokenRunsOf(ytext)
  let tokens: BaseToken[] | undefined
  return {
    json: jsonOfTokens(runs),
    get tokens() {
      if (tokens) return tokens
      tokens = tokensOfRuns(runs, ids)
      if (tokens.length > 0 && tokens.at(-1)!.token.kind !== 'line') tokens.push({ token: { kind: 'line', attributes: {} }, id: null })
      return tokens
    },
  }
}

/** Applies the change from `base.json` to `after` to the text as it is now, in one transaction. */
export function applyRichTextEdit(ytext: Y.Text, base: TextBase, after: RichTextNode): void {
  const target = tokensOfJson(after)
  const hunks = diffSequences(base.tokens, target, (b, a) => sameContent(b.token, a))
  const apply = () => {
    const formats: [BaseToken, Record<string, unknown>][] = []
    let from = 0
    let afterFrom = 0
    for (const hunk of [...hunks, { from: base.tokens.length, to: base.tokens.length, afterFrom: target.length, afterTo: target.length }]) {
      for (; from < hunk.from; from++, afterFrom++) {
        const kept = base.tokens[from]
        const change = attributeChange(kept.token.attributes, target[afterFrom].attributes)
        if (kept.id === null) insertTokens(ytext, ytext.length, [target[afterFrom]])
        else if (Object.keys(change).length > 0) formats.push([kept, change])
      }
      from = hunk.to
      afterFrom = hunk.afterTo
    }
    formatTokens(ytext, formats)
    for (const hunk of hunks) {
      const places = placesOf(ytext)
      const index = placeAfter(ytext, places, base.tokens.slice(0, hunk.from))
      deleteTokens(ytext, places, base.tokens.slice(hunk.from, hunk.to))
      insertTokens(ytext, index, target.slice(hunk.afterFrom, hunk.afterTo))
    }
  }
  if (ytext.doc) ytext.doc.transact(apply)
  else apply()
}

function sameContent(b: Token, a: Token): boolean {
  if (b.kind === 'char') return a.kind === 'char' && a.ch === b.ch
  if (b.kind === 'embed') return a.kind === 'embed' && equalityDeep(a.embed, b.embed)
  return a.kind === 'line'
}

/** The keys to set (or, null, to remove) to turn `base` into `after`. */
function attributeChange(base: object, after: object): Record<string, unknown> {
  const from = base as Record<string, unknown>
  const to = after as Record<string, unknown>
  const change: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(to)) if (!equalityDeep(from[key], value)) change[key] = value
  for (const key of Object.keys(from)) if (!(key in to)) change[key] = null
  return change
}

/** Where each unit the text has ever held is now: its index if it is there, else where it was. */
function placesOf(ytext: Y.Text): Map<string, Place> {
  const places = new Map<string, Place>()
  let at = 0
  for (let item = ytext._start; item; item = item.right) {
    const live = !item.deleted && item.countable
    if (!item.deleted && !item.countable) continue
    for (let unit = 0; unit < item.length; unit++) places.set(`${item.id.client}:${item.id.clock + unit}`, { at: live ? at + unit : at, live })
    if (live) at += item.length
  }
  return places
}

const keyOf = (id: Y.ID) => `${id.client}:${id.clock}`
const lengthOf = (token: Token) => (token.kind === 'char' ? token.ch.length : 1)

/** The index just after the last of `before` (or where it was, if deleted); the start without one. */
function placeAfter(ytext: Y.Text, places: Map<string, Place>, before: BaseToken[]): number {
  for (const { token, id } of before.toReversed()) {
    if (id === null) return ytext.length
    const place = places.get(keyOf(id))
    if (place) return place.live ? place.at + lengthOf(token) : place.at
  }
  return 0
}

function deleteTokens(ytext: Y.Text, places: Map<string, Place>, tokens: BaseToken[]): void {
  const spans = spansOf(places, tokens.map((token) => [token, null]))
  for (const span of spans.reverse()) ytext.delete(span.at, span.length)
}

function formatTokens(ytext: Y.Text, formats: [BaseToken, Record<string, unknown>][]): void {
  if (formats.length === 0) return
  for (const span of spansOf(placesOf(ytext), formats)) ytext.format(span.at, span.length, span.change as never)
}

/** The tokens' places in the text now (those still there), joined into spans of one change where they touch. */
function spansOf<C>(places: Map<string, Place>, tokens: [BaseToken, C][]): { at: number; length: number; change: C }[] {
  const placed: { at: number; length: number; change: C }[] = []
  for (const [{ token, id }, change] of tokens) {
    const place = id && places.get(keyOf(id))
    if (place?.live) placed.push({ at: place.at, length: lengthOf(token), change })
  }
  placed.sort((a, b) => a.at - b.at)
  const spans: typeof placed = []
  for (const span of placed) {
    const last = spans.at(-1)
    if (last && last.at + last.length === span.at && equalityDeep(last.change, span.change)) last.length += span.length
    else spans.push({ ...span })
  }
  return spans
}

/**
 * A shape's rich text as one `Y.Text`, laid out as y-quill lays out a Quill document, so that
 * concurrent edits merge character by character and no edit ever moves text: a split inserts a
 * line end, a join deletes one, a change of a paragraph's kind formats its line end. Whatever
 * others type meanwhile is never inside something deleted or moved.
 *
 * The layout, for a peer in any language (yrs: `TextRef`, `insert_with_attributes`,
 * `insert_embed_with_attributes`, `format`, `diff`): the shape's `props.richText` is a Y.Text
 * holding the document's text; every textblock (paragraph, heading, a list item's paragraph)
 * ends in a `"\n"`, the last one included. A character's formatting attributes are its marks:
 * mark type → the mark's attrs object, or `true` when it has none (`{ bold: true, link: { href,
 * target, rel, class } }`). An inline node (a hard break) is an embed, `{ hardBreak: {} }` (node
 * type → its attrs), its marks as attributes. A `"\n"` carries its block in two attributes:
 * `block` = `{ type, attrs? }` when the block is not a plain paragraph (`{ type: 'heading', attrs:
 * { level: 2 } }`; absent = `paragraph` without attrs), and `containers` = the chain of nodes it
 * sits in, outermost first, `[{ type, attrs?, continues? }]` (absent = at the top), where
 * `continues: true` says the line stays in the previous line's node of that level (it has the
 * same type there and continues all levels above), otherwise the line opens a new one: a
 * bullet list of two items is `[{type:'bulletList'},{type:'listItem'}]` then `[{type:'bulletList',
 * continues:true},{type:'listItem'}]`; a second paragraph in the same item continues both. A
 * container's attrs are those its first line gives. Reading tolerates what concurrent formatting
 * can leave: `block` and `containers` on a character and marks on a `"\n"` are ignored, text
 * after the last `"\n"` is a plain paragraph, `containers` past `maxLineContainers` levels are not
 * read. The relay removes formats read as nothing that concurrent edits leave (`richTextTidy.ts`)
 * and refuses an update that adds any other (`server/judge/hiddenFormats.ts`).
 * To write plain text, insert it with `"\n"` after
 * each paragraph and no attributes.
 *
 * Edits reach it as changes, never as replacements: `richTextEdit.ts`.
 */
import * as Y from 'yjs'
import { equalityDeep } from 'lib0/function'
import { maxTextDepth } from './shapeText.ts'

/** tldraw's rich text as TipTap/ProseMirror JSON. */
export interface RichTextNode {
  type: string
  attrs?: Record<string, unknown>
  content?: RichTextNode[]
  text?: string
  marks?: RichTextMark[]
}
export interface RichTextMark {
  type: string
  attrs?: Record<string, unknown>
}
/** A run's marks as a text's formatting attributes: mark type → its attrs, or `true`. */
export type MarkSet = Record<string, Record<string, unknown> | true>

/** A line end's attributes (the block it ends), as stored. */
export interface LineAttributes {
  block?: { type: string; attrs?: Record<string, unknown> }
  containers?: { type: string; attrs?: Record<string, unknown>; continues?: true }[]
}
export const lineKeys = ['block', 'containers'] as const
/**
 * Levels of a line's `containers` read at most: no more than rich text may nest at all
 * (`maxTextDepth`), so a reader never recurses thousands deep (a clone, a comparison); deeper
 * levels are read as nothing, and the relay refuses a text that holds them (`hiddenFormats.ts`).
 */
export const maxLineContainers = maxTextDepth

/**
 * The text as a sequence: one token a code point (so no change splits a surrogate pair), an
 * inline node or a line end, each with its attributes.
 */
export type Token =
  | { kind: 'char'; ch: string; attributes: MarkSet }
  | { kind: 'embed'; embed: Record<string, Record<string, unknown>>; attributes: MarkSet }
  | { kind: 'line'; attributes: LineAttributes }

/** The order ProseMirror keeps marks in, by tldraw's schema (TipTap sorts extensions by priority). */
const markRank = ['highlight', 'link', 'bold', 'code', 'italic', 'strike', 'underline']
/** Nodes holding blocks, not text; any other node is a textblock (a line). */
const containerTypes = new Set(['bulletList', 'orderedList', 'listItem', 'blockquote', 'taskList', 'taskItem'])

/**
 * Fills an empty text with `doc`'s content (for a shape being created). Written from its end:
 * Yjs ends an insertion by restoring the formats of the text before it, and a line written after
 * a line with other `containers` (a list's empty last item) would leave such a restore marking
 * nothing, which the relay refuses (`hiddenFormats.ts`). Nobody else holds a new text yet, so
 * the order cannot interleave with anyone's typing.
 */
export function writeRichText(ytext: Y.Text, doc: RichTextNode): void {
  const write = () => {
    const tokens = tokensOfJson(doc, true)
    for (const [from, to] of insertionRuns(tokens).reverse()) insertTokens(ytext, 0, tokens.slice(from, to))
  }
  if (ytext.doc) ytext.doc.transact(write)
  else write()
}

/** The rich text as tldraw holds it (`normalizeRichText`'s form). */
export function readRichText(ytext: Y.Text): RichTextNode {
  return jsonOfTokens(readingTokens(ytext))
}

/**
 * The rich text as it was before the transaction of `event` (read in an observer: what the
 * transaction deleted is still there to read until it ends).
 */
export function readRichTextBefore(event: Y.YTextEvent): RichTextNode {
  const wasLive = (item: Y.Item) => event.deletes(item) || (!item.deleted && !event.adds(item))
  return jsonOfTokens(readingTokens(event.target, wasLive))
}

/**
 * The text's tokens for reading: a `char` token holds all characters of one item up to a line end
 * (`jsonOfTokens` takes runs). A token per character made reading a 10,000-character Zettel mostly
 * garbage for the collector. With `ids`, each token's first Yjs id is pushed there (`runIds`).
 */
function readingTokens(ytext: Y.Text, isLive: (item: Y.Item) => boolean = (item) => !item.deleted, ids?: Y.ID[]): Token[] {
  const tokens: Token[] = []
  const current = new Map<string, unknown>()
  let marks: MarkSet = {}
  let line: LineAttributes = {}
  for (let item = ytext._start; item; item = item.right) {
    if (!isLive(item)) continue
    const content = item.content
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) current.delete(content.key)
      else current.set(content.key, content.value)
      marks = {}
      line = {}
      for (const [key, value] of current) {
        if ((lineKeys as readonly string[]).includes(key)) line[key as keyof LineAttributes] = value as never
        else marks[key] = value as MarkSet[string]
      }
      continue
    }
    if (content instanceof Y.ContentString) {
      let unit = 0
      content.str.split('\n').forEach((part, at) => {
        if (at > 0) {
          ids?.push(Y.createID(item.id.client, item.id.clock + unit - 1))
          tokens.push({ kind: 'line', attributes: line })
        }
        if (part) {
          ids?.push(Y.createID(item.id.client, item.id.clock + unit))
          tokens.push({ kind: 'char', ch: part, attributes: marks })
        }
        unit += part.length + 1
      })
    } else if (content instanceof Y.ContentEmbed && isEmbed(content.embed)) {
      ids?.push(item.id)
      tokens.push({ kind: 'embed', embed: content.embed, attributes: marks })
    }
  }
  return tokens
}

/** The text's tokens in runs (as `readRichText` reads them) with the Yjs id each run starts at. */
export function tokenRunsOf(ytext: Y.Text): { runs: Token[]; ids: Y.ID[] } {
  const ids: Y.ID[] = []
  return { runs: readingTokens(ytext, undefined, ids), ids }
}

/** `tokenRunsOf`'s runs as one token a code point, each with its own Yjs id (as `tokensOf` reads them). */
export function tokensOfRuns(runs: Token[], ids: Y.ID[]): { token: Token; id: Y.ID }[] {
  const tokens: { token: Token; id: Y.ID }[] = []
  runs.forEach((run, at) => {
    const id = ids[at]
    if (run.kind !== 'char') return void tokens.push({ token: run, id })
    let unit = 0
    for (const ch of run.ch) {
      tokens.push({ token: { kind: 'char', ch, attributes: run.attributes }, id: Y.createID(id.client, id.clock + unit) })
      unit += ch.length
    }
  })
  return tokens
}

/**
 * Rich text in the one form ProseMirror produces and `readRichText` returns: adjacent text nodes
 * with equal marks merged, empty text dropped, a "\n" in text a `hardBreak`, marks in schema
 * order, empty `attrs`, `marks` and `content` left out. Everything tldraw's editor writes is already in this form.
 */
export function normalizeRichText(node: RichTextNode): RichTextNode {
  if (node.type === 'text') return textNode(typeof node.text === 'string' ? node.text : '', marksOf(node))
  const out: RichTextNode = { type: node.type }
  if (node.attrs && Object.keys(node.attrs).length > 0) out.attrs = node.attrs
  if (node.marks && node.marks.length > 0) out.marks = textNode('', marksOf(node)).marks
  const content: RichTextNode[] = []
  // A format 2 relay stored what tldraw's validator took (`content: unknown[]`): a part that is no node reads as nothing.
  for (const child of Array.isArray(node.content) ? node.content : []) {
    if (!isNodeLike(child)) continue
    const next = normalizeRichText(child)
    if (next.type !== 'text') content.push(next)
    // A line end in text would end the line in the Y.Text: it is a hard break, as tldraw shows it.
    else next.text!.split('\n').forEach((part, at) => {
      if (at > 0) content.push({ type: 'hardBreak' })
      pushText(content, { ...next, text: part })
    })
  }
  return withContent(out, content)
}

/** A node's marks as a mark set. */
export function marksOf(node: RichTextNode): MarkSet {
  const set: MarkSet = {}
  for (const mark of Array.isArray(node.marks) ? node.marks : []) {
    if (!isNodeLike(mark) || typeof mark.type !== 'string') continue
    set[mark.type] = mark.attrs && Object.keys(mark.attrs).length > 0 ? mark.attrs : true
  }
  return set
}

/**
 * The tokens of (normalised) rich text, as `writeRichText` stores them; with `runs`, a `char`
 * token holds a text node's characters at once (for writing, where no diff needs them one by one).
 */
export function tokensOfJson(doc: RichTextNode, runs = false): Token[] {
  const tokens: Token[] = []
  // Per level, whether the next line is the first in that level's node (and so opens it).
  const opens: boolean[] = []
  const walk = (nodes: RichTextNode[], containers: NonNullable<LineAttributes['containers']>) => {
    for (const node of nodes) {
      if (containerTypes.has(node.type) && (node.content ?? []).length > 0) {
        opens[containers.length] = true
        walk(node.content ?? [], [...containers, { type: node.type, ...(node.attrs ? { attrs: node.attrs } : {}) }])
        continue
      }
      for (const child of node.content ?? []) {
        const attributes = { ...marksOf(child) }
        if (child.type === 'text' && runs) tokens.push({ kind: 'char', ch: child.text ?? '', attributes })
        else if (child.type === 'text') for (const ch of child.text ?? '') tokens.push({ kind: 'char', ch, attributes })
        else tokens.push({ kind: 'embed', embed: { [child.type]: child.attrs ?? {} }, attributes })
      }
      const line: LineAttributes = {}
      if (node.type !== 'paragraph' || node.attrs) line.block = { type: node.type, ...(node.attrs ? { attrs: node.attrs } : {}) }
      if (containers.length > 0) line.containers = containers.map((level, at) => (opens[at] ? level : { ...level, continues: true }))
      tokens.push({ kind: 'line', attributes: line })
      opens.fill(false)
    }
  }
  walk(normalizeRichText(doc).content ?? [], [])
  return tokens
}

/**
 * Rich text from its tokens (a `char` token may hold a run of characters), however concurrent
 * edits left their line ends. A copy: changing it
 * changes nothing stored.
 */
export function jsonOfTokens(tokens: Token[]): RichTextNode {
  const doc: RichTextNode = { type: 'doc' }
  const open: { type: string; node: RichTextNode }[] = []
  let inline: RichTextNode[] = []
  const endLine = (line: LineAttributes) => {
    const containers = (Array.isArray(line.containers) ? line.containers.slice(0, maxLineContainers) : []).filter((level) => typeof level?.type === 'string')
    let kept = 0
    while (kept < containers.length && kept < open.length && containers[kept].continues && open[kept].type === containers[kept].type) kept++
    open.length = kept
    for (const level of containers.slice(kept)) {
      const node: RichTextNode = { type: level.type }
      if (level.attrs && Object.keys(level.attrs).length > 0) node.attrs = level.attrs
      append(open.at(-1)?.node ?? doc, node)
      open.push({ type: level.type, node })
    }
    const block: RichTextNode = { type: typeof line.block?.type === 'string' ? line.block.type : 'paragraph' }
    if (line.block?.attrs && Object.keys(line.block.attrs).length > 0) block.attrs = line.block.attrs
    append(open.at(-1)?.node ?? doc, withContent(block, inline))
    inline = []
  }
  // Characters gathered while their attributes are the same object (one Yjs item's are), made a
  // text node once: a node per character cost a keystroke in a 300-character Zettel 0.7 ms.
  let run = ''
  let runMarks: MarkSet | null = null
  const endRun = () => {
    if (runMarks) pushText(inline, textNode(run, runMarks))
    run = ''
    runMarks = null
  }
  for (const token of tokens) {
    if (token.kind === 'char') {
      if (token.attributes !== runMarks) {
        endRun()
        runMarks = token.attributes
      }
      run += token.ch
      continue
    }
    endRun()
    if (token.kind === 'embed') inline.push(embedNode(token.embed, token.attributes))
    else endLine(token.attributes)
  }
  endRun()
  // An empty text (a browser that made the Y.Text and fills it in its next update) is an empty
  // paragraph, as tldraw holds an empty Zettel: a document without content is no valid rich text.
  if (inline.length > 0 || !doc.content) endLine({})
  return structuredClone(doc)
}

/**
 * The text's tokens as they are now, each with the Yjs id it starts at; with `only`, as if the
 * text held just the items it accepts (the ones one writer wrote, their formats included).
 */
export function tokensOf(ytext: Y.Text, only?: (item: Y.Item) => boolean, isLive: (item: Y.Item) => boolean = (item) => !item.deleted): { token: Token; id: Y.ID }[] {
  const tokens: { token: Token; id: Y.ID }[] = []
  const current = new Map<string, unknown>()
  for (let item = ytext._start; item; item = item.right) {
    if (!isLive(item) || (only && !only(item))) continue
    const content = item.content
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) current.delete(content.key)
      else current.set(content.key, content.value)
      continue
    }
    const marks: MarkSet = {}
    for (const [key, value] of current) if (!(lineKeys as readonly string[]).includes(key)) marks[key] = value as MarkSet[string]
    if (content instanceof Y.ContentString) {
      let unit = 0
      for (const ch of content.str) {
        const id = Y.createID(item.id.client, item.id.clock + unit)
        unit += ch.length
        if (ch === '\n') {
          const line: LineAttributes = {}
          for (const key of lineKeys) if (current.has(key)) line[key] = current.get(key) as never
          tokens.push({ token: { kind: 'line', attributes: line }, id })
        } else tokens.push({ token: { kind: 'char', ch, attributes: marks }, id })
      }
    } else if (content instanceof Y.ContentEmbed && isEmbed(content.embed)) {
      tokens.push({ token: { kind: 'embed', embed: content.embed, attributes: marks }, id: item.id })
    }
  }
  return tokens
}

/** `[from, to)` of each run `insertTokens` inserts as one: a line end, an embed, or characters with equal attributes. */
function insertionRuns(tokens: Token[]): [number, number][] {
  const runs: [number, number][] = []
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at]!
    let to = at + 1
    if (token.kind === 'char') while (to < tokens.length && tokens[to]!.kind === 'char' && equalityDeep(tokens[to]!.attributes, token.attributes)) to++
    runs.push([at, to])
    at = to
  }
  return runs
}

/** Inserts `tokens` at `index`, each with exactly its attributes. */
export function insertTokens(ytext: Y.Text, index: number, tokens: Token[]): void {
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at]
    // An attributes object, even empty, makes Yjs clear the formatting of the text before.
    if (token.kind === 'embed') {
      ytext.insertEmbed(index, token.embed, { ...token.attributes })
      index++
      at++
      continue
    }
    if (token.kind === 'line') {
      ytext.insert(index, '\n', { ...token.attributes })
      index++
      at++
      continue
    }
    let run = ''
    while (at < tokens.length) {
      const next = tokens[at]
      if (next.kind !== 'char' || !equalityDeep(next.attributes, token.attributes)) break
      run += next.ch
      at++
    }
    ytext.insert(index, run, { ...token.attributes })
    index += run.length
  }
}

function isEmbed(value: unknown): value is Record<string, Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const entries = Object.entries(value)
  return entries.length === 1 && typeof entries[0][1] === 'object' && entries[0][1] !== null
}

function embedNode(embed: Record<string, Record<string, unknown>>, marks: MarkSet): RichTextNode {
  const [type, attrs] = Object.entries(embed)[0]
  const node: RichTextNode = { type }
  if (Object.keys(attrs).length > 0) node.attrs = attrs
  const marked = textNode('', marks).marks
  if (marked) node.marks = marked
  return node
}

/** A text node with `marks` in schema order. */
export function textNode(text: string, marks: MarkSet): RichTextNode {
  const node: RichTextNode = { type: 'text', text }
  const types = Object.keys(marks).sort(byRank)
  if (types.length > 0) {
    node.marks = types.map((type) => {
      const attrs = marks[type]
      return attrs === true ? { type } : { type, attrs }
    })
  }
  return node
}

/** Appends a text node, merged into the one before when their marks are equal, as ProseMirror does. */
function pushText(content: RichTextNode[], node: RichTextNode): void {
  if (!node.text) return
  const last = content.at(-1)
  if (last?.type === 'text' && equalityDeep(last.marks ?? [], node.marks ?? [])) {
    content[content.length - 1] = { ...last, text: last.text! + node.text }
  } else content.push(node)
}

/** An object, as a node or mark is; anything else in stored JSON reads as nothing. */
function isNodeLike(value: unknown): value is { type: unknown; attrs?: Record<string, unknown> } & RichTextNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function append(parent: RichTextNode, node: RichTextNode): void {
  ;(parent.content ??= []).push(node)
}

function withContent(node: RichTextNode, content: RichTextNode[]): RichTextNode {
  if (content.length > 0) node.content = content
  return node
}

function byRank(a: string, b: string): number {
  const rank = (type: string) => {
    const at = markRank.indexOf(type)
    return at < 0 ? markRank.length : at
  }
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}

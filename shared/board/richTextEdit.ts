/**
 * Edits of a shape's rich text (`richTextFragment.ts`) applied as changes, never as replacements.
 * An editor shows a base (the text when it last read it) and produces an after; the change between
 * the two is found as y-prosemirror finds it (equal blocks at both ends, blocks of one type in the
 * middle paired and compared within, equal characters at both ends of a paragraph), then placed
 * by the Yjs items the base was read from: others' edits that arrived since stay as they are, and
 * no character the base did not hold is deleted. A change of marks only is a format.
 */
import * as Y from 'yjs'
import { equalityDeep } from 'lib0/function'
import {
  insertNodes,
  insertRuns,
  marksOf,
  normalizeRichText,
  readElement,
  textNode,
  type MarkSet,
  type RichTextNode,
} from './richTextFragment.ts'

/** The text as an editor last read it, with the Yjs items each part was read from. */
export interface TextBase {
  json: RichTextNode
  blocks: BaseBlock[]
}
interface BaseBlock {
  node: RichTextNode
  element: Y.XmlElement
  /** A paragraph's (textblock's) characters and inline nodes; otherwise `children`. */
  inline?: BaseInline[]
  children?: BaseBlock[]
}
type BaseInline = BaseChar | { kind: 'leaf'; node: RichTextNode; element: Y.XmlElement }
interface BaseChar {
  kind: 'char'
  /** One code point, so that no change splits a surrogate pair. */
  ch: string
  marks: MarkSet
  text: Y.XmlText
  id: Y.ID
}
type AfterInline = { kind: 'char'; ch: string; marks: MarkSet } | { kind: 'leaf'; node: RichTextNode }

/** Nodes whose content is text and inline nodes. */
const textblocks = new Set(['paragraph', 'heading', 'codeBlock'])

/** Reads the text an editor is about to show. */
export function textBase(fragment: Y.XmlFragment): TextBase {
  const blocks = elementsOf(fragment).map(baseBlock)
  const json: RichTextNode = { type: 'doc' }
  if (blocks.length > 0) json.content = blocks.map((block) => block.node)
  return { json, blocks }
}

/** Applies the change from `base.json` to `after` to the fragment as it is now, in one transaction. */
export function applyRichTextEdit(fragment: Y.XmlFragment, base: TextBase, after: RichTextNode): void {
  const target = normalizeRichText(after).content ?? []
  const apply = () => updateBlocks(fragment, base.blocks, target)
  if (fragment.doc) fragment.doc.transact(apply)
  else apply()
}

function baseBlock(element: Y.XmlElement): BaseBlock {
  const node = readElement(element)
  if (isTextblock(node)) return { node, element, inline: inlineOf(element) }
  return { node, element, children: elementsOf(element).map(baseBlock) }
}

function isTextblock(node: RichTextNode): boolean {
  return textblocks.has(node.type) || (node.content ?? []).some((child) => child.type === 'text')
}

function updateBlocks(parent: Y.XmlFragment | Y.XmlElement, base: BaseBlock[], after: RichTextNode[]): void {
  const [start, end] = equalEnds(base, after, (block, node) => equalityDeep(block.node, node))
  const gone = base.slice(start, base.length - end)
  const added = after.slice(start, after.length - end)
  // Blocks of one type in the middle are the same block changed (a split keeps the first half in
  // the old paragraph, a join the joined text in the first).
  let paired = 0
  for (; paired < gone.length && paired < added.length && gone[paired].node.type === added[paired].type; paired++) {
    updateBlock(gone[paired], added[paired])
  }
  for (const block of gone.slice(paired)) removeBlock(block)
  if (added.length > paired) {
    const before = base.slice(0, start + paired).reverse().find((block) => alive(block.element))
    insertNodes(parent, before ? indexIn(parent, before.element) + 1 : 0, added.slice(paired))
  }
}

function updateBlock(base: BaseBlock, after: RichTextNode): void {
  // A block someone else deleted stays deleted: their deletion stands.
  if (!alive(base.element)) return
  updateAttrs(base.element, base.node.attrs ?? {}, after.attrs ?? {})
  if (base.inline) updateInline(base.element, base.inline, inlineOfJson(after))
  else updateBlocks(base.element, base.children ?? [], after.content ?? [])
}

/** Deletes a block, or only what the base held of it if others have written into it since. */
function removeBlock(block: BaseBlock): void {
  if (!alive(block.element)) return
  if (holdsOnlyBase(block)) {
    const parent = block.element.parent as Y.XmlElement | Y.XmlFragment
    parent.delete(indexIn(parent, block.element), 1)
  } else if (block.inline) deleteInline(block.inline)
  else for (const child of block.children ?? []) removeBlock(child)
}

function holdsOnlyBase(block: BaseBlock): boolean {
  if (block.inline) {
    const known = new Set(block.inline.map(keyOf))
    return inlineOf(block.element).every((token) => known.has(keyOf(token)))
  }
  const children = new Map((block.children ?? []).map((child) => [child.element, child]))
  return block.element.toArray().every((child) => {
    if (child instanceof Y.XmlText) return child.length === 0
    const known = children.get(child as Y.XmlElement)
    return known !== undefined && holdsOnlyBase(known)
  })
}

function updateAttrs(element: Y.XmlElement, base: Record<string, unknown>, after: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(after)) {
    if (!(key in base) || !equalityDeep(base[key], value)) element.setAttribute(key, value as never)
  }
  for (const key of Object.keys(base)) if (!(key in after)) element.removeAttribute(key)
}

function updateInline(element: Y.XmlElement, base: BaseInline[], after: AfterInline[]): void {
  const [start, end] = equalEnds(base, after, (b, a) =>
    b.kind === 'char' ? a.kind === 'char' && a.ch === b.ch : a.kind === 'leaf' && equalityDeep(a.node, b.node),
  )
  const kept = [...range(0, start), ...range(base.length - end, base.length)]
  const formats: [BaseChar, Record<string, unknown>][] = []
  for (const at of kept) {
    const b = base[at]
    const a = after[at < start ? at : at - base.length + after.length]
    if (b.kind === 'char' && a.kind === 'char' && !equalityDeep(b.marks, a.marks)) formats.push([b, markChange(b.marks, a.marks)])
  }
  formatChars(formats)
  deleteInline(base.slice(start, base.length - end))
  insertInline(element, base.slice(0, start), after.slice(start, after.length - end))
}

/** Inserts `tokens` right after the last of `before` still in the text, or at the paragraph's start. */
function insertInline(element: Y.XmlElement, before: BaseInline[], tokens: AfterInline[]): void {
  if (tokens.length === 0) return
  // A deleted character still has a place (Yjs keeps it as a tombstone); a deleted node has none.
  const anchor = before.findLast((token) => alive(token.kind === 'char' ? token.text : token.element))
  let text: Y.XmlText | undefined
  let offset = 0
  let index = 0
  if (anchor?.kind === 'char') {
    text = anchor.text
    offset = offsetAfter(anchor)
  } else {
    index = anchor ? indexIn(element, anchor.element) + 1 : 0
    const next = element.toArray()[index]
    if (next instanceof Y.XmlText) text = next
  }
  const firstLeaf = tokens.findIndex((token) => token.kind === 'leaf')
  if (!text) return insertNodes(element, index, nodesOf(tokens))
  if (firstLeaf < 0) return insertRuns(text, offset, nodesOf(tokens))
  // An inline node splits the run: the rest of it moves after the inserted nodes.
  const leading = nodesOf(tokens.slice(0, firstLeaf))
  insertRuns(text, offset, leading)
  offset += leading.reduce((length, node) => length + node.text!.length, 0)
  const tail = textAfter(text, offset)
  if (tail.length > 0) text.delete(offset, text.length - offset)
  insertNodes(element, indexIn(element, text) + 1, [...nodesOf(tokens.slice(firstLeaf)), ...tail])
}

function deleteInline(tokens: BaseInline[]): void {
  const byText = new Map<Y.XmlText, BaseChar[]>()
  for (const token of tokens) {
    if (token.kind === 'char') byText.set(token.text, [...(byText.get(token.text) ?? []), token])
    else if (alive(token.element)) {
      const parent = token.element.parent as Y.XmlElement
      parent.delete(indexIn(parent, token.element), 1)
    }
  }
  for (const [text, chars] of byText) {
    const spans = spansOf(text, chars.map((char) => [char, null]))
    for (const span of spans.reverse()) text.delete(span.offset, span.length)
  }
}

function formatChars(formats: [BaseChar, Record<string, unknown>][]): void {
  const byText = new Map<Y.XmlText, [BaseChar, Record<string, unknown>][]>()
  for (const format of formats) byText.set(format[0].text, [...(byText.get(format[0].text) ?? []), format])
  for (const [text, changes] of byText) {
    for (const span of spansOf(text, changes)) text.format(span.offset, span.length, span.change as never)
  }
}

/** The characters' places in `text` now, joined into spans of one change where they touch. */
function spansOf<C>(text: Y.XmlText, chars: [BaseChar, C][]): { offset: number; length: number; change: C }[] {
  if (!alive(text)) return []
  const offsets = offsetsIn(text)
  const placed = chars
    .map(([char, change]) => ({ offset: offsets.get(keyOf(char)), length: char.ch.length, change }))
    .filter((span): span is { offset: number; length: number; change: C } => span.offset !== undefined)
    .sort((a, b) => a.offset - b.offset)
  const spans: typeof placed = []
  for (const span of placed) {
    const last = spans.at(-1)
    if (last && last.offset + last.length === span.offset && equalityDeep(last.change, span.change)) last.length += span.length
    else spans.push({ ...span })
  }
  return spans
}

/** Offset of each character still in `text`, by its key. */
function offsetsIn(text: Y.XmlText): Map<string, number> {
  const offsets = new Map<string, number>()
  let at = 0
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !item.countable) continue
    for (let unit = 0; unit < item.length; unit++) offsets.set(`${item.id.client}:${item.id.clock + unit}`, at + unit)
    at += item.length
  }
  return offsets
}

/** The offset just after `char`, or where it was if it has been deleted. */
function offsetAfter(char: BaseChar): number {
  let at = 0
  const { client, clock } = char.id
  for (let item = char.text._start; item; item = item.right) {
    if (!item.deleted && !item.countable) continue
    if (item.id.client === client && item.id.clock <= clock && clock < item.id.clock + item.length) {
      return item.deleted ? at : at + clock - item.id.clock + char.ch.length
    }
    if (!item.deleted) at += item.length
  }
  return at
}

/** A paragraph's characters (with the Yjs id of each) and inline nodes, as they are now. */
function inlineOf(element: Y.XmlElement): BaseInline[] {
  const tokens: BaseInline[] = []
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlElement) tokens.push({ kind: 'leaf', node: readElement(child), element: child })
    if (!(child instanceof Y.XmlText)) continue
    const ids: Y.ID[] = []
    for (let item = child._start; item; item = item.right) {
      if (item.deleted || !item.countable) continue
      for (let unit = 0; unit < item.length; unit++) ids.push(Y.createID(item.id.client, item.id.clock + unit))
    }
    let unit = 0
    for (const op of child.toDelta() as { insert: unknown; attributes?: MarkSet }[]) {
      if (typeof op.insert !== 'string') {
        unit++
        continue
      }
      for (const ch of op.insert) {
        tokens.push({ kind: 'char', ch, marks: op.attributes ?? {}, text: child, id: ids[unit] })
        unit += ch.length
      }
    }
  }
  return tokens
}

function inlineOfJson(node: RichTextNode): AfterInline[] {
  return (node.content ?? []).flatMap((child): AfterInline[] =>
    child.type === 'text'
      ? [...(child.text ?? '')].map((ch) => ({ kind: 'char', ch, marks: marksOf(child) }))
      : [{ kind: 'leaf', node: child }],
  )
}

/** Tokens back as nodes: characters of equal marks joined into text nodes. */
function nodesOf(tokens: AfterInline[]): RichTextNode[] {
  const nodes: RichTextNode[] = []
  let run: { text: string; marks: MarkSet } | undefined
  const flush = () => run && nodes.push(textNode(run.text, run.marks))
  for (const token of tokens) {
    if (token.kind === 'leaf') {
      flush()
      run = undefined
      nodes.push(token.node)
    } else if (run && equalityDeep(run.marks, token.marks)) run.text += token.ch
    else {
      flush()
      run = { text: token.ch, marks: token.marks }
    }
  }
  flush()
  return nodes
}

/** The text of `text` from `offset` on, as text nodes. */
function textAfter(text: Y.XmlText, offset: number): RichTextNode[] {
  const nodes: RichTextNode[] = []
  let at = 0
  for (const op of text.toDelta() as { insert: unknown; attributes?: MarkSet }[]) {
    if (typeof op.insert !== 'string') continue
    const from = Math.max(0, offset - at)
    if (from < op.insert.length) nodes.push(textNode(op.insert.slice(from), op.attributes ?? {}))
    at += op.insert.length
  }
  return nodes
}

function markChange(base: MarkSet, after: MarkSet): Record<string, unknown> {
  const change: Record<string, unknown> = {}
  for (const [type, attrs] of Object.entries(after)) if (!equalityDeep(base[type], attrs)) change[type] = attrs
  for (const type of Object.keys(base)) if (!(type in after)) change[type] = null
  return change
}

/** How many items at the start and at the end are equal, not overlapping. */
function equalEnds<B, A>(base: B[], after: A[], equal: (b: B, a: A) => boolean): [number, number] {
  let start = 0
  while (start < base.length && start < after.length && equal(base[start], after[start])) start++
  let end = 0
  while (end < base.length - start && end < after.length - start && equal(base[base.length - 1 - end], after[after.length - 1 - end])) end++
  return [start, end]
}

function keyOf(token: BaseInline): string {
  const id = token.kind === 'char' ? token.id : token.element._item!.id
  return `${token.kind === 'char' ? '' : 'node '}${id.client}:${id.clock}`
}

function elementsOf(parent: Y.XmlFragment | Y.XmlElement): Y.XmlElement[] {
  return parent.toArray().filter((child): child is Y.XmlElement => child instanceof Y.XmlElement)
}

function alive(type: { _item: Y.Item | null }): boolean {
  return !type._item?.deleted
}

function indexIn(parent: Y.XmlFragment | Y.XmlElement, child: Y.XmlElement | Y.XmlText): number {
  return parent.toArray().indexOf(child)
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, at) => from + at)
}

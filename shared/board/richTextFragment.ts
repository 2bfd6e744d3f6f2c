/**
 * A shape's rich text as a Yjs shared type, stored as y-prosemirror stores a ProseMirror document,
 * so that concurrent edits merge character by character and a y-prosemirror or y-crdt (yrs) peer
 * reads the same text: a `Y.XmlFragment` holds the document's children; a node is a
 * `Y.XmlElement` named for its type, its `attrs` its attributes; a run of text is a `Y.XmlText`
 * whose formatting attributes are its marks (mark type → its attrs, or `true` without attrs).
 * Inline nodes (a hard break) are elements beside the text runs of their paragraph.
 * Edits reach it as changes, never as replacements: `richTextEdit.ts`.
 */
import * as Y from 'yjs'
import { equalityDeep } from 'lib0/function'

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

/**
 * The order ProseMirror keeps marks in, by tldraw's schema (TipTap sorts extensions by priority:
 * highlight 1100, link 1000, then StarterKit's in order). Yjs keeps a run's attributes unordered,
 * so the reader puts them back in this order; marks it does not know follow, by name.
 */
const markRank = ['highlight', 'link', 'bold', 'code', 'italic', 'strike', 'underline']

/** Fills an empty fragment with `doc`'s content (for a shape being created). */
export function writeRichText(fragment: Y.XmlFragment, doc: RichTextNode): void {
  const write = () => insertNodes(fragment, 0, doc.content ?? [])
  if (fragment.doc) fragment.doc.transact(write)
  else write()
}

/** The rich text as tldraw holds it (`normalizeRichText`'s form). */
export function readRichText(fragment: Y.XmlFragment): RichTextNode {
  return withContent({ type: 'doc' }, readChildren(fragment))
}

/**
 * Rich text in the one form ProseMirror produces and `readRichText` returns: adjacent text nodes
 * with equal marks merged, empty text dropped, marks in schema order, empty `attrs`, `marks` and
 * `content` left out. Everything tldraw's editor writes is already in this form.
 */
export function normalizeRichText(node: RichTextNode): RichTextNode {
  if (node.type === 'text') return textNode(node.text ?? '', marksOf(node))
  const out: RichTextNode = { type: node.type }
  if (node.attrs && Object.keys(node.attrs).length > 0) out.attrs = node.attrs
  const content: RichTextNode[] = []
  for (const child of node.content ?? []) {
    const next = normalizeRichText(child)
    if (next.type === 'text') pushText(content, next)
    else content.push(next)
  }
  return withContent(out, content)
}

/** A text node's marks as a mark set. */
export function marksOf(node: RichTextNode): MarkSet {
  const set: MarkSet = {}
  for (const mark of node.marks ?? []) {
    set[mark.type] = mark.attrs && Object.keys(mark.attrs).length > 0 ? mark.attrs : true
  }
  return set
}

/** Inserts `nodes` (block or inline, adjacent text nodes as one `Y.XmlText`) at `index` of `parent`. */
export function insertNodes(parent: Y.XmlFragment | Y.XmlElement, index: number, nodes: RichTextNode[]): void {
  const groups: (RichTextNode | RichTextNode[])[] = []
  for (const node of nodes) {
    const last = groups.at(-1)
    if (node.type !== 'text') groups.push(node)
    else if (Array.isArray(last)) last.push(node)
    else groups.push([node])
  }
  const items = groups.map((group) => {
    if (Array.isArray(group)) return new Y.XmlText()
    const element = new Y.XmlElement(group.type)
    for (const [key, value] of Object.entries(group.attrs ?? {})) element.setAttribute(key, value as never)
    return element
  })
  parent.insert(index, items)
  // Filled once in the document, so that each insert keeps exactly its own marks.
  groups.forEach((group, at) => {
    const item = items[at]
    if (Array.isArray(group)) insertRuns(item as Y.XmlText, 0, group)
    else insertNodes(item as Y.XmlElement, 0, group.content ?? [])
  })
}

/** Inserts text nodes at `offset` of `text`, each with exactly its marks. */
export function insertRuns(text: Y.XmlText, offset: number, nodes: RichTextNode[]): void {
  for (const node of nodes) {
    // An attributes object, even empty, makes Yjs clear the marks of the text before.
    text.insert(offset, node.text ?? '', { ...marksOf(node) })
    offset += (node.text ?? '').length
  }
}

function readChildren(parent: Y.XmlFragment | Y.XmlElement): RichTextNode[] {
  const content: RichTextNode[] = []
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: MarkSet }[]) {
        if (typeof op.insert === 'string') pushText(content, textNode(op.insert, op.attributes ?? {}))
      }
    } else if (child instanceof Y.XmlElement) content.push(readElement(child))
  }
  return content
}

/** One node as tldraw holds it. */
export function readElement(element: Y.XmlElement): RichTextNode {
  const node: RichTextNode = { type: element.nodeName }
  const attrs = element.getAttributes() as Record<string, unknown>
  if (Object.keys(attrs).length > 0) node.attrs = attrs
  return withContent(node, readChildren(element))
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

/**
 * Text per shape: a Zettel's rich text, a geo or text shape's, an arrow's label, a frame's name.
 * Every fresh tab lays each one out whole and every search reads it whole, so one shape's text is
 * bounded at what a sticky note can sensibly hold: a long page, far more than any note shows.
 * The relay refuses longer text (`declaration.ts`), for client updates and imports alike.
 */
import { equalityDeep } from 'lib0/function'

/**
 * Characters of text one shape may hold: about four printed pages. Rich text's structure counts as
 * characters too (`shapeTextChars`): a line, a break, a list item or a mark costs at least one, as
 * a line break does in plain text, so a Zettel of nothing but empty lines is as bounded as one of
 * letters (six of 34,000 empty lines each hung every fresh tab for 90 s).
 */
export const maxShapeTextChars = 10_000

/** Nodes of rich text walked at most: a document deeper or wider than this is over the budget anyway. */
const maxTextNodes = 100_000
/**
 * Levels of JSON rich text may nest: below the relay's cap on any stored value (`maxJsonDepth`,
 * 64), so that a browser's own rules refuse a list tabbed in too deep and keep the Zettel as it
 * was, instead of sending what the relay then refuses whole. 56 is thirteen levels of lists.
 */
export const maxTextDepth = 56

/** The keys rich text is built of: its structure, not its text. */
const structuralKeys = new Set(['type', 'content', 'text', 'marks', 'attrs'])
/** A node's or mark's type name is structure too, as long as it is a name. */
const maxTypeNameChars = 40

/**
 * The characters of text a shape holds (`props.text`, `props.name`, and every string of its
 * `props.richText`: text nodes, but also a link's address, any attribute and any key the schema
 * does not name, since every tab carries them all), counted without recursion and up to just past
 * `limit`. Every value of the rich text costs at least one: a node (an empty line, a hard break),
 * a mark, a list of them, an attribute's number or an empty string is one character each, since
 * every tab lays each out or carries it as it does a letter.
 */
export function shapeTextChars(props: unknown, limit = maxShapeTextChars): number {
  return weigh(props, limit).chars
}

/** `shapeTextChars`, and how many values of rich text it walked (its structure alone); both past `limit` when over the node budget. */
function weigh(props: unknown, limit: number): { chars: number; values: number } {
  if (typeof props !== 'object' || props === null) return { chars: 0, values: 0 }
  const { richText, text, name } = props as Record<string, unknown>
  let chars = (typeof text === 'string' ? text.length : 0) + (typeof name === 'string' ? name.length : 0)
  const stack: Array<{ node: unknown; depth: number }> = richText === undefined ? [] : [{ node: richText, depth: 1 }]
  let nodes = 0
  for (; stack.length > 0 && chars <= limit; nodes++) {
    if (nodes > maxTextNodes) return { chars: limit + 1, values: limit + 1 }
    const { node, depth } = stack.pop()!
    if (depth > maxTextDepth) return { chars: limit + 1, values: limit + 1 }
    chars += typeof node === 'string' ? Math.max(node.length, 1) : 1
    if (Array.isArray(node)) {
      if (stack.length + node.length > maxTextNodes) return { chars: limit + 1, values: limit + 1 }
      for (const item of node) stack.push({ node: item, depth: depth + 1 })
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (!structuralKeys.has(key)) chars += key.length
        if (key === 'type' && typeof value === 'string' && value.length <= maxTypeNameChars) continue
        stack.push({ node: value, depth: depth + 1 })
      }
    }
  }
  return { chars, values: nodes }
}

const textProps = (props: unknown) => {
  const { richText, text, name } = (typeof props === 'object' && props !== null ? props : {}) as Record<string, unknown>
  return { richText, text, name }
}

/**
 * Why a shape's text, as the update leaves it, is refused; null when it fits. A shape an older
 * relay took with more text may still be moved or restyled with its text as it is, or its text
 * changed to one no longer in characters and no richer in structure (lines, breaks, marks) than
 * the budget or than it was: its new text is counted up to what it held, not only to the budget,
 * so text behind the first 10,000 characters counts as well, and a page of letters does not become
 * a page of empty lines. One past the node budget keeps its text or fits the budget.
 */
export function shapeTextRefusal(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): string | null {
  if (after?.typeName !== 'shape') return null
  if (shapeTextChars(after.props) <= maxShapeTextChars) return null
  if (before?.typeName === 'shape') {
    if (equalityDeep(textProps(before.props), textProps(after.props))) return null
    const held = weigh(before.props, Infinity)
    if (held.chars !== Infinity) {
      const now = weigh(after.props, held.chars)
      if (now.chars <= held.chars && now.values <= Math.max(maxShapeTextChars, held.values)) return null
    }
  }
  return `a shape holds at most ${maxShapeTextChars} characters of text`
}

/**
 * Rich text's node and mark types as tldraw's editor knows them: any other the canvas cannot show.
 * `richTextTypes.test.ts` derives tldraw's own list from its editor extensions and fails when an
 * upgrade of tldraw brings one that is missing here.
 */
export const knownNodeTypes: ReadonlySet<string> = new Set(['doc', 'paragraph', 'text', 'heading', 'bulletList', 'orderedList', 'listItem', 'hardBreak'])
export const knownMarkTypes: ReadonlySet<string> = new Set(['bold', 'italic', 'strike', 'code', 'underline', 'highlight', 'link'])
/** Where a block ends: a line of its own, read as a space between words. */
const blockEnd = Symbol('blockEnd')

/**
 * A shape's words as people read them: `props.text`, `props.name` and the text nodes of
 * `props.richText` in reading order, a block's end and a hard break read as a space, spacing
 * collapsed; null past the node budget. Formatting, line layout and the form the words are stored
 * in (tldraw's migration of `text` to `richText`) are not words. What decides what people read
 * without being seen words is kept apart, entry by entry (compared as JSON, so no entry passes for
 * another or for seen words): where a link or the shape's `url` sends readers, a `text` key the
 * canvas ignores (exports and search read it), content under a text node, a node or mark the
 * canvas cannot show (it would then show none of the words), an ordered list's numbering (its
 * `start` and `type`: „7.“ is read, not „1.“, and a bullet read as „1.“ is another word) and an image's alt text (what a screen reader reads
 * instead of the picture). Walked without recursion.
 */
function shapeWords(props: unknown): string | null {
  if (typeof props !== 'object' || props === null) return ''
  const { richText, text, name, url, altText } = props as Record<string, unknown>
  let words = `${typeof text === 'string' ? text : ''} ${typeof name === 'string' ? name : ''} `
  const unseen: string[] = []
  const aside = (what: string) => void unseen.push(what)
  const result = () => JSON.stringify([words.replace(/\s+/g, ' ').trim(), unseen])
  if (typeof url === 'string' && url !== '') aside(`url ${url}`)
  if (typeof altText === 'string' && altText !== '') aside(`alt ${altText}`)
  if (richText === undefined) return result()
  // Which list a numbering belongs to: moving a `start` from one list to another renumbers both.
  let lists = 0
  const stack: Array<[unknown, boolean] | typeof blockEnd> = [[richText, false]]
  for (let nodes = 0; stack.length > 0; nodes++) {
    if (nodes > maxTextNodes) return null
    const item = stack.pop()!
    if (item === blockEnd) {
      words += ' '
      continue
    }
    const [node, hidden] = item
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      aside('not a node')
      continue
    }
    const { type, text: nodeText, content, marks, attrs } = node as Record<string, unknown>
    if (typeof type !== 'string' || !knownNodeTypes.has(type)) aside(`node ${String(type).slice(0, maxTypeNameChars)}`)
    if (type === 'orderedList') {
      lists++
      // tiptap writes the defaults (`start: 1`, `type: null`) or leaves them out: the same numbers.
      const { start, type: numbering } = (typeof attrs === 'object' && attrs !== null ? attrs : {}) as Record<string, unknown>
      // Every numbered list is read with its numbers: bullets made numbers (or back) change it too.
      aside(`list ${lists} numbered ${JSON.stringify(numbering ?? null)} from ${JSON.stringify(start ?? 1)}`)
    }
    if (typeof nodeText === 'string') {
      if (type === 'text' && !hidden) words += nodeText
      else aside(`text ${nodeText}`)
    }
    if (type === 'hardBreak') words += ' '
    if (marks !== undefined && !Array.isArray(marks)) aside('marks not a list')
    else if (marks !== undefined) {
      if (stack.length + marks.length > maxTextNodes) return null
      nodes += marks.length
      for (const mark of marks) {
        const { type: markType, attrs } = (typeof mark === 'object' && mark !== null ? mark : {}) as Record<string, unknown>
        if (typeof markType !== 'string' || !knownMarkTypes.has(markType)) aside(`mark ${String(markType).slice(0, maxTypeNameChars)}`)
        const href = typeof attrs === 'object' && attrs !== null ? (attrs as Record<string, unknown>).href : undefined
        if (href !== undefined && href !== null) aside(typeof href === 'string' ? `href ${href}` : `href of type ${typeof href}`)
      }
    }
    if (content === undefined) continue
    if (!Array.isArray(content)) {
      aside('not a node')
      continue
    }
    if (stack.length + content.length > maxTextNodes) return null
    // The canvas reads no content under a text node.
    const inside = hidden || type === 'text'
    if (type !== 'text') stack.push(blockEnd)
    for (let i = content.length - 1; i >= 0; i--) stack.push([content[i], inside])
  }
  return result()
}

/**
 * Whether a change alters a shape's words (`shapeWords`). Past the node budget it counts as
 * altered: a rule that guards words then refuses rather than letting an unread change through.
 */
export function shapeTextChanged(before: unknown, after: unknown): boolean {
  const [was, is] = [shapeWords(before), shapeWords(after)]
  return was === null || is === null || was !== is
}

/**
 * What an author drew or showed besides words: a drawing's or highlight's strokes (`segments`,
 * closed or open), a line's points, and which picture an image or video shows and how it is cut
 * (`assetId`, `crop`). Compared as stored: a stroke is its author's as a word is.
 */
const drawnKeys = ['segments', 'isClosed', 'points', 'assetId', 'crop'] as const

const drawn = (props: unknown) => {
  const record = (typeof props === 'object' && props !== null ? props : {}) as Record<string, unknown>
  return JSON.stringify(drawnKeys.map((key) => record[key] ?? null))
}

/**
 * Whether a change alters what a shape's author made it say or show: its words (`shapeTextChanged`)
 * or its strokes and picture. „Zettel anderer schützen“ guards both alike.
 */
export function shapeContentChanged(before: unknown, after: unknown): boolean {
  return shapeTextChanged(before, after) || drawn(before) !== drawn(after)
}

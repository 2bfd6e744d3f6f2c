/**
 * Text per shape: a Zettel's rich text, a geo or text shape's, an arrow's label, a frame's name.
 * Every fresh tab lays each one out whole and every search reads it whole, so one shape's text is
 * bounded at what a sticky note can sensibly hold: a long page, far more than any note shows.
 * The relay refuses longer text (`declaration.ts`), for client updates and imports alike.
 */

/** Characters of text one shape may hold: about four printed pages. */
export const maxShapeTextChars = 10_000

/** Nodes of rich text walked at most: a document deeper or wider than this is over the budget anyway. */
const maxTextNodes = 100_000

/** The keys rich text is built of: its structure, not its text. */
const structuralKeys = new Set(['type', 'content', 'text', 'marks', 'attrs'])
/** A node's or mark's type name is structure too, as long as it is a name. */
const maxTypeNameChars = 40

/**
 * The characters of text a shape holds (`props.text`, `props.name`, and every string of its
 * `props.richText`: text nodes, but also a link's address, any attribute and any key the schema
 * does not name, since every tab carries them all), counted without recursion and up to just past
 * `limit`.
 */
export function shapeTextChars(props: unknown, limit = maxShapeTextChars): number {
  if (typeof props !== 'object' || props === null) return 0
  const { richText, text, name } = props as Record<string, unknown>
  let chars = (typeof text === 'string' ? text.length : 0) + (typeof name === 'string' ? name.length : 0)
  const stack: unknown[] = [richText]
  for (let nodes = 0; stack.length > 0 && chars <= limit; nodes++) {
    if (nodes > maxTextNodes) return limit + 1
    const node = stack.pop()
    if (typeof node === 'string') chars += node.length
    else if (Array.isArray(node)) {
      if (stack.length + node.length > maxTextNodes) return limit + 1
      for (const item of node) stack.push(item)
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (!structuralKeys.has(key)) chars += key.length
        if (key === 'type' && typeof value === 'string' && value.length <= maxTypeNameChars) continue
        stack.push(value)
      }
    }
  }
  return chars
}

/**
 * Why a shape's text, as the update leaves it, is refused; null when it fits. A shape an older
 * relay took with more text may still be moved or shortened: only text that grows past the
 * budget is refused.
 */
export function shapeTextRefusal(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): string | null {
  if (after?.typeName !== 'shape') return null
  const chars = shapeTextChars(after.props)
  if (chars <= maxShapeTextChars) return null
  if (before?.typeName === 'shape' && shapeTextChars(before.props, Infinity) >= chars) return null
  return `a shape holds at most ${maxShapeTextChars} characters of text`
}

/**
 * A shape's words: `props.text`, `props.name` and the text nodes of `props.richText` in reading
 * order, without whitespace, walked without recursion; null past the node budget. Formatting,
 * spacing and the form the words are stored in (tldraw's migration of `text` to `richText`) are
 * not words.
 */
function shapeWords(props: unknown): string | null {
  if (typeof props !== 'object' || props === null) return ''
  const { richText, text, name } = props as Record<string, unknown>
  const words: string[] = [typeof text === 'string' ? text : '', typeof name === 'string' ? name : '']
  const stack: unknown[] = [richText]
  for (let nodes = 0; stack.length > 0; nodes++) {
    if (nodes > maxTextNodes) return null
    const node = stack.pop()
    if (Array.isArray(node)) {
      if (stack.length + node.length > maxTextNodes) return null
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i])
    } else if (typeof node === 'object' && node !== null) {
      const { text: nodeText, content } = node as Record<string, unknown>
      if (typeof nodeText === 'string') words.push(nodeText)
      stack.push(content)
    }
  }
  return words.join('').replace(/\s+/g, '')
}

/**
 * Whether a change alters a shape's words (`shapeWords`). Past the node budget it counts as
 * altered: a rule that guards words then refuses rather than letting an unread change through.
 */
export function shapeTextChanged(before: unknown, after: unknown): boolean {
  const [was, is] = [shapeWords(before), shapeWords(after)]
  return was === null || is === null || was !== is
}

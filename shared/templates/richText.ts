/** Plain text of tldraw's rich text (a ProseMirror/TipTap JSON document), for exports. */
import type { TLShape } from '@tldraw/tlschema'

interface Node {
  type?: string
  text?: string
  content?: Node[]
}

// Containers (lists, quotes) hold paragraphs, so only these end a line.
const blockTypes = new Set(['paragraph', 'heading', 'codeBlock'])

export function plainText(richText: unknown): string {
  const lines: string[] = []
  let line = ''
  const walk = (node: Node) => {
    if (typeof node.text === 'string') line += node.text
    if (node.type === 'hardBreak') line += '\n'
    for (const child of node.content ?? []) walk(child)
    if (node.type && blockTypes.has(node.type)) {
      lines.push(line)
      line = ''
    }
  }
  if (richText && typeof richText === 'object') walk(richText as Node)
  if (line) lines.push(line)
  return lines.join('\n').trim()
}

/** The text a participant wrote on a note, a text or a geo shape; undefined for other shapes. */
export function shapeText(shape: TLShape): string | undefined {
  if (shape.type !== 'note' && shape.type !== 'text' && shape.type !== 'geo') return undefined
  return plainText((shape.props as { richText?: unknown }).richText)
}

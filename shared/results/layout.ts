/**
 * A document to file and send as a plain list of blocks: headings, lines, facts, tables, lists.
 * The Dokumentation of a board and the steering group's pack are laid out as such a list once;
 * Markdown is written from it here, the PDF on the server (`server/documents/dokumentation/pdf.ts`), so
 * both formats always say the same.
 */
import { markdownLine } from '../templates/markdownText.ts'
import { markdownTable } from './export.ts'

export type LayoutBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'line'; text: string; strong?: boolean }
  | { kind: 'facts'; facts: Array<{ label: string; value: string }> }
  /** Cells hold notes, one per line. */
  | { kind: 'table'; columns: string[]; rows: string[][][] }
  | { kind: 'list'; items: string[]; numbered?: boolean }

export interface DocumentLayout {
  /** The document's title (its first heading). */
  title: string
  /** Whether it may leave the room, in words: on every page of the PDF. */
  release: string
  blocks: LayoutBlock[]
}

export function layoutMarkdown(layout: DocumentLayout): string {
  const out: string[] = []
  for (const block of layout.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(block.level)} ${markdownLine(block.text)}`, '')
        break
      case 'line':
        out.push(block.strong ? `**${markdownLine(block.text)}**` : markdownLine(block.text), '')
        break
      case 'facts':
        out.push(...block.facts.map((f) => `**${markdownLine(f.label)}:** ${markdownLine(f.value)}  `), '')
        break
      case 'table':
        out.push(...markdownTable(block.columns, block.rows), '')
        break
      case 'list':
        out.push(...block.items.map((item, i) => `${block.numbered ? `${i + 1}.` : '-'} ${markdownLine(item)}`), '')
        break
      default: {
        // A new kind of block is a type error here until every format writes it.
        const unknown: never = block
        throw new Error(`no Markdown for the layout block ${JSON.stringify(unknown)}`)
      }
    }
  }
  return out.join('\n')
}

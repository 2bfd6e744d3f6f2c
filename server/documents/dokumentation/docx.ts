/**
 * A laid-out document (`shared/results/layout.ts`) as a Word file (.docx), written with the
 * `docx` package: the same headings, facts, lists and tables as the PDF and the ODT, each table's
 * header row repeated on every page, and on every page's footer the release line (bold and red
 * while the document is internal) and the page number.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx'
import type { DocumentLayout, LayoutBlock } from '../../../shared/results/layout.ts'
import { dokumentationWords } from '../../../shared/results/dokumentation.ts'
import type { Locale } from '../../../shared/locale.ts'
import { columnShares } from './columnShares.ts'
import { unknownBlock } from './unknownBlock.ts'
import { pageWords, xmlSafe } from './xmlText.ts'

export const docxMimeType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** A4 in twentieths of a point, with 2 cm margins. */
const page = { width: 11906, height: 16838, margin: 1134 }
const textWidth = page.width - 2 * page.margin
const colours = { text: '1A1A1A', muted: '555555', rule: '8A8A8A', head: 'E6E6E6', internal: '8A1C1C' }
const numberedList = 'numbered'

/** `text` as runs, a line break where it has one (Word folds a newline in a run into a space). */
function runs(text: string, style: { bold?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return xmlSafe(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...style }))
}

export async function renderDocx(layout: DocumentLayout, locale: Locale, internal: boolean): Promise<Uint8Array> {
  const words = pageWords(dokumentationWords.page[locale])
  const rule = { style: BorderStyle.SINGLE, size: 4, color: colours.rule }
  const borders = { top: rule, bottom: rule, left: rule, right: rule }
  let lists = 0

  const table = (columns: string[], rows: string[][][]) => {
    const widths = columnShares(columns, rows).map((share) => Math.max(400, Math.round(share * textWidth)))
    const cell = (notes: string[], c: number, head: boolean) =>
      new TableCell({
        width: { size: widths[c], type: WidthType.DXA },
        borders,
        margins: { top: 60, bottom: 60, left: 80, right: 80 },
        shading: head ? { type: ShadingType.CLEAR, color: 'auto', fill: colours.head } : undefined,
        // Word requires a paragraph in every cell, also an empty one.
        children: (notes.length > 0 ? notes : ['']).map((note) => new Paragraph({ spacing: { after: 40 }, children: runs(note, { bold: head, size: 18 }) })),
      })
    return new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((column, c) => cell([column], c, true)) }),
        ...rows.map((row) => new TableRow({ children: columns.map((_, c) => cell(row[c] ?? [], c, false)) })),
      ],
    })
  }

  const headings = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const
  const write = (block: LayoutBlock, index: number): Array<Paragraph | Table> => {
    switch (block.kind) {
      case 'heading':
        return [new Paragraph({ heading: headings[block.level], keepNext: true, children: runs(block.text) })]
      case 'line': {
        // The release line under the title stands out while the document is internal, as in the PDF.
        const marked = block.strong && internal && index < 3
        return [new Paragraph({ children: runs(block.text, { bold: block.strong, color: marked ? colours.internal : undefined }) })]
      }
      case 'facts':
        return block.facts.map((fact) => new Paragraph({ children: [...runs(`${fact.label}:`, { bold: true }), new TextRun(' '), ...runs(fact.value)] }))
      case 'list': {
        const instance = ++lists
        return block.items.map(
          (item) => new Paragraph({ ...(block.numbered ? { numbering: { reference: numberedList, level: 0, instance } } : { bullet: { level: 0 } }), children: runs(item) }),
        )
      }
      case 'table':
        // A paragraph after each table: Word joins two tables in a row into one.
        return [table(block.columns, block.rows), new Paragraph({ children: [] })]
      default:
        return unknownBlock(block)
    }
  }

  const footer = new Footer({
    children: [
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: colours.rule, space: 4 } },
        tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
        children: [
          ...runs(layout.release, { bold: internal, color: internal ? colours.internal : colours.muted, size: 16 }),
          new TextRun({ children: ['\t', words.before, PageNumber.CURRENT, words.between, PageNumber.TOTAL_PAGES, words.after], color: colours.muted, size: 16 }),
        ],
      }),
    ],
  })

  const document = new Document({
    creator: 'Netzwerkstatt',
    title: xmlSafe(layout.title),
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 20, color: colours.text, language: { value: locale === 'de' ? 'de-DE' : 'en-GB' } }, paragraph: { spacing: { after: 100 } } },
        heading1: { run: { font: 'Arial', size: 36, bold: true, color: colours.text }, paragraph: { spacing: { after: 120 } } },
        heading2: { run: { font: 'Arial', size: 28, bold: true, color: colours.text }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: 'Arial', size: 23, bold: true, color: colours.text }, paragraph: { spacing: { before: 160, after: 80 } } },
      },
    },
    numbering: {
      config: [
        {
          reference: numberedList,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }],
        },
      ],
    },
    features: { updateFields: false },
    sections: [
      {
        properties: { page: { size: { width: page.width, height: page.height }, margin: { top: page.margin, bottom: page.margin, left: page.margin, right: page.margin } } },
        footers: { default: footer },
        children: layout.blocks.flatMap(write),
      },
    ],
  })
  const buffer = await Packer.toBuffer(document)
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

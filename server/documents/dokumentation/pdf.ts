/**
 * A laid-out document (`shared/results/layout.ts`: the Dokumentation of a board, the steering
 * group's pack) as a PDF file: A4, IBM Plex Sans from our own node_modules (nothing fetched),
 * headings, tables with their header row repeated on each page, and on every page the release
 * line and the page number.
 *
 * Every character is printed in a face that has it (`glyphs.ts`: IBM Plex Sans, DejaVu Sans for
 * signs, Noto Emoji), and words break at the line's end where the document's language lets them,
 * with a hyphen (`hyphenation.ts`).
 *
 * The file is tagged (PDF/UA-style, for BITV 2.0): its language and title, a structure tree in
 * reading order (H1–H3, P, tables of TR with TH and TD, lists of LI with Lbl and LBody), and what
 * only decorates (rules, cell shading, the footer, a table's header repeated on a new page) marked
 * as artifacts, so that a screen reader reads the document and nothing twice.
 */
import PDFDocument from 'pdfkit'
import type { DocumentLayout, LayoutBlock } from '../../../shared/results/layout.ts'
import { dokumentationWords } from '../../../shared/results/dokumentation.ts'
import type { Locale } from '../../../shared/locale.ts'
import { faceFor, faceNames, faces, fontRuns, withoutInvisibles, type Coverage, type FaceName, type Weight } from './glyphs.ts'
import { hyphenate, softHyphen } from './hyphenation.ts'
import { cellNotes, columnNeeds, columnWidths, crowded, stackedRows } from './tableColumns.ts'
import { unknownBlock } from './unknownBlock.ts'

export { fontRuns, replacementCharacter } from './glyphs.ts'

/** Longer words are broken after this many characters, before pdfkit sees them. */
const longestWord = 48

/**
 * `text` with a line break inside every word longer than `longestWord`: pdfkit breaks a word
 * wider than its line letter by letter, measuring the rest again each time, and a Zettel of
 * pasted data without spaces ran the relay out of memory. A word that long is no word to keep whole.
 */
export const breakLongWords = (text: string) => text.replace(new RegExp(`\\S{${longestWord}}(?=\\S)`, 'gu'), '$&\n')

/** Letters with a stroke, which Unicode does not decompose, by the letter they are drawn from. */
const stroked: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ø: 'O', ø: 'o', Ħ: 'H', ħ: 'h' }

const fontName = (weight: Weight, face: FaceName) => `${face}-${weight}`

const size = { h1: 18, h2: 14, h3: 11.5, body: 10, table: 9, footer: 8 }
const margin = { top: 56, side: 56, bottom: 64 }
const colours = { text: '#1a1a1a', muted: '#555555', rule: '#8a8a8a', head: '#e6e6e6', internal: '#8a1c1c' }
const cellPadding = 4
/** A cell's Zettel where it holds several: each after a bullet, indented by this, a little apart. */
const cellBullet = { mark: '•', indent: 8, gap: 3 }

/**
 * The title as the PDF/A metadata repeats it: pdfkit writes it into the XMP packet unescaped, and
 * PDF/A wants the packet well-formed and equal to the document information, so the three signs
 * XML reserves are written as look-alikes there and in the information alike.
 */
export const archivalTitle = (title: string) => title.replace(/&/g, '+').replace(/</g, '‹').replace(/>/g, '›')

/** A table column's text: its words hyphenated where they are wider than `width`, in `weight`. */
type Fit = { weight: Weight; width: number }

type Struct = PDFKit.PDFStructureElement
/** A structure element's options: pdfkit also writes a table header cell's Scope, which its types lack. */
type StructOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Row' | 'Column' }

export interface PdfOptions {
  /**
   * PDF/A-2a (ISO 19005-2, level A, as the file is tagged) for archiving in an E-Akte: PDF 1.7,
   * the sRGB output intent, identification in the XMP metadata. Every font is embedded in either kind.
   */
  archival?: boolean
}

export function renderPdf(layout: DocumentLayout, locale: Locale, internal: boolean, options: PdfOptions = {}): Promise<Buffer> {
  const f = faces()
  const doc = new PDFDocument({
    ...(options.archival ? { subset: 'PDF/A-2a' as const } : {}),
    // Tagged in either kind: structure elements' attributes (a header cell's Scope) are PDF 1.7's.
    pdfVersion: '1.7',
    tagged: true,
    size: 'A4',
    margins: { top: margin.top, bottom: margin.bottom, left: margin.side, right: margin.side },
    bufferPages: true,
    // Our own font from the start: pdfkit's default would be Helvetica, which has no Ł.
    font: f.regular.latin.file,
    lang: locale === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    info: { Title: options.archival ? archivalTitle(layout.title) : layout.title, Creator: 'Netzwerkstatt' },
  })
  for (const weight of ['regular', 'bold'] as const) for (const face of faceNames) doc.registerFont(fontName(weight, face), f[weight][face].buffer)
  // pdfkit keeps a registered font under its name only if no equal font is open yet: the default
  // font above is regular latin's file, so every switch to regular latin parsed the WOFF anew
  // (half a minute of a 500-board pack's PDF). Each opened once here, and kept under its name.
  const open = doc as unknown as { _font: unknown; _fontFamilies: Record<string, unknown> }
  for (const weight of ['regular', 'bold'] as const) {
    for (const face of faceNames) {
      doc.font(fontName(weight, face))
      open._fontFamilies[fontName(weight, face)] = open._font
    }
  }
  // pdfkit draws a soft hyphen as a space glyph drawn back to no width: poppler's tag text (what a
  // screen reader gets) read every one as a space, „Do ku men ta ti on“. Each line is drawn without
  // them; one a line breaks at is a hyphen by then (pdfkit's), and stays.
  const drawn = doc as unknown as { _fragment(text: string, x: number, y: number, options: object): void }
  const fragment = drawn._fragment.bind(doc)
  drawn._fragment = (text, x, y, options) => fragment(text.replaceAll(softHyphen, ''), x, y, options)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const coverage = (weight: Weight) => Object.fromEntries(faceNames.map((name) => [name, (cp: number) => f[weight][name].glyphs.hasGlyphForCodePoint(cp)])) as Coverage
  const has = { regular: coverage('regular'), bold: coverage('bold') }
  // Each text is measured before it is written: hyphenated once (for each column width it is set in).
  const hyphenated = new Map<string, string>()
  const prepared = (text: string, fit?: Fit) => {
    const key = fit ? `${fit.weight}:${fit.width}\u0000${text}` : text
    let done = hyphenated.get(key)
    if (done === undefined) {
      // In a table's column, a word wider than the column is hyphenated however short ("Jobcenter").
      const tooWide = fit && ((word: string) => widthOf(word, fit.weight, size.table) > fit.width)
      done = breakLongWords(hyphenate(withoutInvisibles(text), locale, tooWide)) || ' '
      hyphenated.set(key, done)
    }
    return done
  }
  const left = margin.side
  const width = doc.page.width - 2 * margin.side
  const bottom = () => doc.page.height - margin.bottom

  // The structure tree: one Document element, its children in the order they are drawn.
  const root = doc.struct('Document')
  doc.addStructure(root)
  /** A structure element under `parent`, to be filled and ended by the caller. */
  const element = (parent: Struct, type: string, options: StructOptions = {}) => {
    const el = doc.struct(type, options as PDFKit.Mixins.StructureElementOptions)
    parent.add(el)
    return el
  }
  /** What `draw` puts on the page as the content of a new element `type` under `parent`. */
  const tagged = (parent: Struct, type: string, draw: () => void, options: StructOptions = {}) => {
    parent.add(doc.struct(type, options as PDFKit.Mixins.StructureElementOptions, draw))
  }
  /**
   * What `draw` puts on the page as no part of the text (a rule, a shading, the footer). Never
   * inside `tagged`'s `draw`: pdfkit ends the open content there.
   */
  const artifact = (draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') => {
    doc.markContent('Artifact', { type })
    draw()
    doc.endMarkedContent()
  }

  /**
   * Text in runs of the subsets that have its glyphs, at (x, y), paragraph by paragraph: pdfkit
   * drops the hyphen of a word it breaks at a soft hyphen when a line break follows the word
   * ("Stadtge|biet"), so it is never handed a line break.
   */
  function write(text: string, weight: Weight, fontSize: number, options: { x: number; y: number; width: number; colour?: string; fit?: Fit }) {
    doc.fillColor(options.colour ?? colours.text)
    prepared(text, options.fit)
      .split('\n')
      .forEach((paragraph, p) => {
        const runs = fontRuns(paragraph || ' ', has[weight])
        runs.forEach((run, i) => {
          doc.font(fontName(weight, run.face)).fontSize(fontSize)
          const continued = i < runs.length - 1
          if (i === 0) doc.text(run.text, options.x, p === 0 ? options.y : doc.y, { width: options.width, continued, lineGap: 1.5 })
          else doc.text(run.text, { width: options.width, continued, lineGap: 1.5 })
        })
      })
  }
  /**
   * `text` for measuring in the latin subset alone: a character it lacks stands in as its base
   * letter (Ł as L, ź as z), a sign or emoji as an "M", else an "o", of about its width. fontkit
   * breaks on a glyph a face does not have.
   */
  function measurable(text: string, weight: Weight, fit?: Fit) {
    return [...prepared(text, fit)].map((char) => measurableChar(char, weight)).join('')
  }
  function measurableChar(char: string, weight: Weight) {
    const cp = char.codePointAt(0)!
    const face = faceFor(cp, has[weight])
    if (face === 'latin') return char
    if (face === 'symbols' || face === 'emoji') return 'M'
    const base = char.normalize('NFD')[0]
    return base && has[weight].latin(base.codePointAt(0)!) ? base : stroked[char] ?? 'o'
  }
  /** The height `text` takes, measured in the latin subset (the other's glyphs are of its widths). */
  function heightOf(text: string, weight: Weight, fontSize: number, w: number, fit?: Fit) {
    doc.font(fontName(weight, 'latin')).fontSize(fontSize)
    return doc.heightOfString(measurable(text, weight, fit), { width: w, lineGap: 1.5 })
  }
  // A table's Zettel are measured for the row's height, for a page break and to be drawn: once.
  const cellHeights = new Map<string, number>()
  function cellHeightOf(note: string, fit: Fit) {
    const key = `${fit.weight}:${fit.width}\u0000${note}`
    let h = cellHeights.get(key)
    if (h === undefined) {
      h = heightOf(note, fit.weight, size.table, fit.width, fit)
      cellHeights.set(key, h)
    }
    return h
  }
  /** The widest line of `text` as written, without the soft hyphens hyphenation would add. */
  function widthOf(text: string, weight: Weight, fontSize: number) {
    doc.font(fontName(weight, 'latin')).fontSize(fontSize)
    const plain = [...withoutInvisibles(text)].map((char) => measurableChar(char, weight)).join('')
    return Math.max(0, ...plain.split('\n').map((line) => doc.widthOfString(line)))
  }
  /** A new page unless `needed` points still fit on this one. */
  function room(needed: number) {
    if (doc.y + needed > bottom()) doc.addPage()
  }

  /** `lead`: what stays on its page with it (`leadAfter`). */
  function heading(level: 1 | 2 | 3, text: string, lead: number) {
    const fontSize = size[`h${level}`]
    room(heightOf(text, 'bold', fontSize, width) + lead)
    if (doc.y > margin.top) doc.y += level === 1 ? 0 : level === 2 ? 10 : 4
    tagged(root, `H${level}`, () => write(text, 'bold', fontSize, { x: left, y: doc.y, width }))
    if (level === 2) {
      artifact(() => doc.moveTo(left, doc.y + 1).lineTo(left + width, doc.y + 1).lineWidth(0.6).strokeColor(colours.rule).stroke())
      doc.y += 4
    }
    doc.y += 4
  }

  function line(text: string, strong = false, colour?: string) {
    room(heightOf(text, strong ? 'bold' : 'regular', size.body, width))
    tagged(root, 'P', () => write(text, strong ? 'bold' : 'regular', size.body, { x: left, y: doc.y, width, colour }))
    doc.y += 5
  }

  /** Facts as a table of two columns, each label the header of its row. */
  function facts(list: Array<{ label: string; value: string }>) {
    const t = element(root, 'Table')
    const labelW = Math.min(150, Math.max(...list.map((fact) => widthOf(`${fact.label}:`, 'bold', size.body))) + 10)
    for (const fact of list) {
      const h = Math.max(heightOf(fact.value, 'regular', size.body, width - labelW), heightOf(fact.label, 'bold', size.body, labelW))
      room(h)
      const y = doc.y
      const tr = element(t, 'TR')
      tagged(tr, 'TH', () => write(`${fact.label}:`, 'bold', size.body, { x: left, y, width: labelW - 6 }), { scope: 'Row' })
      tagged(tr, 'TD', () => write(fact.value, 'regular', size.body, { x: left + labelW, y, width: width - labelW }))
      tr.end()
      doc.y = y + h + 2
    }
    t.end()
    doc.y += 5
  }

  function list(items: string[], numbered: boolean) {
    const l = element(root, 'L')
    items.forEach((item, i) => {
      const mark = numbered ? `${i + 1}.` : '•'
      room(heightOf(item, 'regular', size.body, width - 18))
      const y = doc.y
      const li = element(l, 'LI')
      tagged(li, 'Lbl', () => write(mark, 'regular', size.body, { x: left, y, width: 16 }))
      tagged(li, 'LBody', () => write(item, 'regular', size.body, { x: left + 18, y, width: width - 18 }))
      li.end()
      doc.y += 2
    })
    l.end()
    doc.y += 5
  }

  const frame = { padding: cellPadding, bullet: cellBullet.indent }
  const needsOf = (columns: string[], rows: string[][][]) => columnNeeds(columns, rows, (text, bold) => widthOf(text, bold ? 'bold' : 'regular', size.table), frame)

  /**
   * Rows under a header row (repeated on each page), in columns of `widths`; `rowHeads` where each
   * row's first cell names what the row holds (a table set row by row, `stackedRows`).
   */
  interface TablePart {
    head: string[][]
    rows: string[][][]
    widths: number[]
    rowHeads: boolean
  }
  /** A table as a grid of its columns, or, where their words would not fit the page, row by row (`stackedRows`): laid out once. */
  const parts = new Map<string[][][], TablePart[]>()
  function tableParts(columns: string[], rows: string[][][]): TablePart[] {
    let done = parts.get(rows)
    if (!done) {
      const needs = needsOf(columns, rows)
      if (!crowded(needs, width)) done = [{ head: columns.map((column) => [column]), rows, widths: columnWidths(needs, width), rowHeads: false }]
      else {
        const stacked = stackedRows(columns, rows)
        const widths = columnWidths(needsOf(['', ''], stacked.flatMap((part) => [part.head, ...part.rows])), width)
        done = stacked.map((part) => ({ ...part, widths, rowHeads: true }))
      }
      parts.set(rows, done)
    }
    return done
  }

  /** A cell's Zettel with where each is set: after a bullet where there are several. */
  function cellLayout(notes: string[], columnWidth: number, weight: Weight) {
    const shown = cellNotes(notes)
    const indent = shown.length > 1 ? cellBullet.indent : 0
    const textWidth = columnWidth - 2 * cellPadding - indent
    const fit: Fit = { weight, width: textWidth }
    return { shown, indent, textWidth, fit, height: (note: string) => cellHeightOf(note, fit) }
  }
  function rowHeight(widths: number[], cells: string[][], weight: Weight) {
    const cellHeight = (notes: string[], c: number) => {
      const cell = cellLayout(notes, widths[c]!, weight)
      return cell.shown.reduce((h, note, n) => h + (n > 0 ? cellBullet.gap : 0) + cell.height(note), 0)
    }
    return Math.max(0, ...cells.map(cellHeight)) + 2 * cellPadding
  }
  const headHeight = (part: TablePart) => rowHeight(part.widths, part.head, 'bold')
  /** The room a table part's header takes with its first row (or a page's worth of it): they never stand apart. */
  const pageRoom = (part: TablePart) => doc.page.height - margin.bottom - margin.top - headHeight(part)
  const opening = (part: TablePart) => headHeight(part) + Math.min(pageRoom(part), rowHeight(part.widths, part.rows[0] ?? [], 'regular'))

  function table(columns: string[], rows: string[][][]) {
    const all = tableParts(columns, rows)
    all.forEach((part, i) => grid(part, i < all.length - 1 ? 6 : 10))
  }

  /** A table part, `after` points above what follows. */
  function grid(part: TablePart, after: number) {
    const { widths } = part
    const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0))
    const t = element(root, 'Table')
    /**
     * A row, under the table as a TR of header cells (the header row, a row's first cell in a
     * table set row by row) and data cells; a cell's several Zettel a list. The header row again
     * on a new page (`repeated`) is no new content: an artifact.
     */
    const drawRow = (cells: string[][], weight: Weight, h: number, repeated: boolean, fill?: string) => {
      const y = doc.y
      if (fill) artifact(() => doc.rect(left, y, width, h).fill(fill))
      const tr = repeated ? null : element(t, 'TR')
      cells.forEach((notes, c) => {
        const cell = cellLayout(notes, widths[c]!, weight)
        const x = xs[c]! + cellPadding
        // Each Zettel's top: the one before it, its height and a gap below.
        const at = cell.shown.reduce<number[]>((tops, _, n) => [...tops, n === 0 ? y + cellPadding : tops[n - 1]! + cell.height(cell.shown[n - 1]!) + cellBullet.gap], [])
        const mark = (n: number) => write(cellBullet.mark, weight, size.table, { x, y: at[n]!, width: cell.indent })
        const note = (n: number) => write(cell.shown[n]!, weight, size.table, { x: x + cell.indent, y: at[n]!, width: cell.textWidth, fit: cell.fit })
        const everything = () =>
          cell.shown.forEach((_, n) => {
            if (cell.indent) mark(n)
            note(n)
          })
        if (!tr) return artifact(everything, 'Pagination')
        const header = weight === 'bold' ? { type: 'TH', options: { scope: 'Column' as const } } : part.rowHeads && c === 0 ? { type: 'TH', options: { scope: 'Row' as const } } : { type: 'TD', options: {} }
        if (!cell.indent) return tagged(tr, header.type, everything, header.options)
        const td = element(tr, header.type, header.options)
        const l = element(td, 'L')
        cell.shown.forEach((_, n) => {
          const li = element(l, 'LI')
          tagged(li, 'Lbl', () => mark(n))
          tagged(li, 'LBody', () => note(n))
          li.end()
        })
        l.end()
        td.end()
      })
      tr?.end()
      artifact(() => {
        doc.lineWidth(0.5).strokeColor(colours.rule)
        doc.rect(left, y, width, h).stroke()
        for (const x of xs.slice(1)) doc.moveTo(x, y).lineTo(x, y + h).stroke()
      })
      doc.y = y + h
    }
    const headH = headHeight(part)
    const head = (repeated: boolean) => drawRow(part.head, 'bold', headH, repeated, colours.head)
    // A row taller than a page (a cell with dozens of Zettel) goes on in the rows below it.
    const pieces = (row: string[][]): string[][][] => {
      const most = Math.max(0, ...row.map((notes) => notes.length))
      if (most <= 1 || rowHeight(widths, row, 'regular') <= pageRoom(part)) return [row]
      const half = Math.ceil(most / 2)
      return [...pieces(row.map((notes) => notes.slice(0, half))), ...pieces(row.map((notes) => notes.slice(half)))]
    }
    room(opening(part))
    head(false)
    for (const row of part.rows.flatMap(pieces)) {
      const cells = part.head.map((_, c) => row[c] ?? [])
      const h = rowHeight(widths, cells, 'regular')
      if (doc.y + h > bottom()) {
        doc.addPage()
        head(true)
      }
      drawRow(cells, 'regular', h, false)
    }
    t.end()
    doc.y += after
  }

  /**
   * About how tall what must stay with the heading before block `index` is: the headings and
   * facts right after it and the beginning of what follows them (a table's header and first
   * row, else a few lines), so that a template's heading never stands alone at a page's foot.
   */
  const leadAfter = (index: number): number => {
    const next = layout.blocks[index + 1]
    if (next?.kind === 'heading') return heightOf(next.text, 'bold', size[`h${next.level}`], width) + 18 + leadAfter(index + 1)
    if (next?.kind === 'facts') return next.facts.length * (size.body * 1.4 + 2) + 5 + leadAfter(index + 1)
    if (next?.kind === 'table') return tableParts(next.columns, next.rows)[0] ? opening(tableParts(next.columns, next.rows)[0]!) : 0
    return 60
  }
  const draw = (block: LayoutBlock, index: number) => {
    switch (block.kind) {
      case 'heading':
        return heading(block.level, block.text, leadAfter(index))
      case 'line':
        // The release line under the title stands out while the document is internal.
        return line(block.text, block.strong, block.strong && internal && index < 3 ? colours.internal : undefined)
      case 'facts':
        return facts(block.facts)
      case 'list':
        return list(block.items, !!block.numbered)
      case 'table':
        return table(block.columns, block.rows)
      default:
        return unknownBlock(block)
    }
  }
  layout.blocks.forEach(draw)
  root.end()

  // Every page: the release line and the page number, below the text area.
  const { start, count } = doc.bufferedPageRange()
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i)
    const keep = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - margin.bottom + 22
    const pageText = dokumentationWords.page[locale].replace('{n}', String(i - start + 1)).replace('{total}', String(count))
    const pageW = widthOf(pageText, 'regular', size.footer) + 2
    // The release line is also under the title: repeated on each page, it is pagination.
    artifact(() => {
      doc.lineWidth(0.5).strokeColor(colours.rule).moveTo(left, y - 6).lineTo(left + width, y - 6).stroke()
      write(layout.release, internal ? 'bold' : 'regular', size.footer, { x: left, y, width: width - pageW - 12, colour: internal ? colours.internal : colours.muted })
      write(pageText, 'regular', size.footer, { x: left + width - pageW, y, width: pageW, colour: colours.muted })
    }, 'Pagination')
    doc.page.margins.bottom = keep
  }
  doc.end()
  return done
}

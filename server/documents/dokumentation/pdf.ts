/**
 * A laid-out document (`shared/results/layout.ts`: the Dokumentation of a board, the steering
 * group's pack) as a PDF file: A4, IBM Plex Sans from our own node_modules (nothing fetched),
 * headings, tables with their header row repeated on each page, and on every page the release
 * line and the page number.
 *
 * Every character is printed in a face that has it (`glyphs.ts`: IBM Plex Sans, DejaVu Sans for
 * signs, Noto Emoji), and words break at the line's end where the document's language lets them,
 * with a hyphen (`hyphenation.ts`).
 */
import PDFDocument from 'pdfkit'
import type { DocumentLayout, LayoutBlock } from '../../../shared/results/layout.ts'
import { dokumentationWords } from '../../../shared/results/dokumentation.ts'
import type { Locale } from '../../../shared/locale.ts'
import { faceFor, faceNames, faces, fontRuns, withoutInvisibles, type Coverage, type FaceName, type Weight } from './glyphs.ts'
import { hyphenate } from './hyphenation.ts'
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

/**
 * The title as the PDF/A metadata repeats it: pdfkit writes it into the XMP packet unescaped, and
 * PDF/A wants the packet well-formed and equal to the document information, so the three signs
 * XML reserves are written as look-alikes there and in the information alike.
 */
export const archivalTitle = (title: string) => title.replace(/&/g, '+').replace(/</g, '‹').replace(/>/g, '›')

export interface PdfOptions {
  /**
   * PDF/A-2b (ISO 19005-2, level B) for archiving in an E-Akte: PDF 1.7, the sRGB output intent,
   * identification in the XMP metadata. Every font is embedded in either kind.
   */
  archival?: boolean
}

export function renderPdf(layout: DocumentLayout, locale: Locale, internal: boolean, options: PdfOptions = {}): Promise<Buffer> {
  const f = faces()
  const doc = new PDFDocument({
    ...(options.archival ? { pdfVersion: '1.7' as const, subset: 'PDF/A-2b' as const } : {}),
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
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const coverage = (weight: Weight) => Object.fromEntries(faceNames.map((name) => [name, (cp: number) => f[weight][name].glyphs.hasGlyphForCodePoint(cp)])) as Coverage
  const has = { regular: coverage('regular'), bold: coverage('bold') }
  // Each text is measured before it is written: hyphenated once.
  const hyphenated = new Map<string, string>()
  const prepared = (text: string) => {
    let done = hyphenated.get(text)
    if (done === undefined) {
      done = breakLongWords(hyphenate(withoutInvisibles(text), locale)) || ' '
      hyphenated.set(text, done)
    }
    return done
  }
  const left = margin.side
  const width = doc.page.width - 2 * margin.side
  const bottom = () => doc.page.height - margin.bottom

  /** Text in runs of the subsets that have its glyphs; at (x, y) when given, else where the last ended. */
  function write(text: string, weight: Weight, fontSize: number, options: { x?: number; y?: number; width: number; colour?: string }) {
    const runs = fontRuns(prepared(text), has[weight])
    doc.fillColor(options.colour ?? colours.text)
    runs.forEach((run, i) => {
      doc.font(fontName(weight, run.face)).fontSize(fontSize)
      const continued = i < runs.length - 1
      if (i === 0 && options.x !== undefined) doc.text(run.text, options.x, options.y, { width: options.width, continued, lineGap: 1.5 })
      else doc.text(run.text, { width: options.width, continued, lineGap: 1.5 })
    })
  }
  /**
   * `text` for measuring in the latin subset alone: a character it lacks stands in as its base
   * letter (Ł as L, ź as z), a sign or emoji as an "M", else an "o", of about its width. fontkit
   * breaks on a glyph a face does not have.
   */
  function measurable(text: string, weight: Weight) {
    return [...prepared(text)]
      .map((char) => {
        const cp = char.codePointAt(0)!
        const face = faceFor(cp, has[weight])
        if (face === 'latin') return char
        if (face === 'symbols' || face === 'emoji') return 'M'
        const base = char.normalize('NFD')[0]
        return base && has[weight].latin(base.codePointAt(0)!) ? base : stroked[char] ?? 'o'
      })
      .join('')
  }
  /** The height `text` takes, measured in the latin subset (the other's glyphs are of its widths). */
  function heightOf(text: string, weight: Weight, fontSize: number, w: number) {
    doc.font(fontName(weight, 'latin')).fontSize(fontSize)
    return doc.heightOfString(measurable(text, weight), { width: w, lineGap: 1.5 })
  }
  function widthOf(text: string, weight: Weight, fontSize: number) {
    doc.font(fontName(weight, 'latin')).fontSize(fontSize)
    return Math.max(0, ...measurable(text, weight).split('\n').map((line) => doc.widthOfString(line)))
  }
  /** A new page unless `needed` points still fit on this one. */
  function room(needed: number) {
    if (doc.y + needed > bottom()) doc.addPage()
  }

  function heading(level: 1 | 2 | 3, text: string) {
    const fontSize = size[`h${level}`]
    // A heading stays with at least a few lines of what follows it.
    room(heightOf(text, 'bold', fontSize, width) + 60)
    if (doc.y > margin.top) doc.y += level === 1 ? 0 : level === 2 ? 10 : 4
    write(text, 'bold', fontSize, { x: left, y: doc.y, width })
    if (level === 2) {
      doc.moveTo(left, doc.y + 1).lineTo(left + width, doc.y + 1).lineWidth(0.6).strokeColor(colours.rule).stroke()
      doc.y += 4
    }
    doc.y += 4
  }

  function line(text: string, strong = false, colour?: string) {
    room(heightOf(text, strong ? 'bold' : 'regular', size.body, width))
    write(text, strong ? 'bold' : 'regular', size.body, { x: left, y: doc.y, width, colour })
    doc.y += 5
  }

  function facts(list: Array<{ label: string; value: string }>) {
    const labelW = Math.min(150, Math.max(...list.map((fact) => widthOf(`${fact.label}:`, 'bold', size.body))) + 10)
    for (const fact of list) {
      const h = Math.max(heightOf(fact.value, 'regular', size.body, width - labelW), heightOf(fact.label, 'bold', size.body, labelW))
      room(h)
      const y = doc.y
      write(`${fact.label}:`, 'bold', size.body, { x: left, y, width: labelW - 6 })
      write(fact.value, 'regular', size.body, { x: left + labelW, y, width: width - labelW })
      doc.y = y + h + 2
    }
    doc.y += 5
  }

  function list(items: string[], numbered: boolean) {
    items.forEach((item, i) => {
      const mark = numbered ? `${i + 1}.` : '•'
      room(heightOf(item, 'regular', size.body, width - 18))
      const y = doc.y
      write(mark, 'regular', size.body, { x: left, y, width: 16 })
      write(item, 'regular', size.body, { x: left + 18, y, width: width - 18 })
      doc.y += 2
    })
    doc.y += 5
  }

  /** Column widths by what they hold, within the page: a narrow number column stays narrow. */
  function columnWidths(columns: string[], rows: string[][][]): number[] {
    const natural = columns.map((column, c) =>
      Math.max(widthOf(column, 'bold', size.table), ...rows.map((row) => Math.max(0, ...(row[c] ?? []).map((note) => widthOf(note, 'regular', size.table))))) + 2 * cellPadding,
    )
    const capped = natural.map((w) => Math.min(Math.max(w, 28), width * 0.6))
    const total = capped.reduce((a, b) => a + b, 0)
    if (total <= width) {
      // Room to spare goes to the widest columns, where the text is.
      const spare = width - total
      return capped.map((w) => w + (spare * w) / total)
    }
    // Too wide: narrow columns keep their width, the wide ones share what is left.
    const narrow = capped.map((w) => w <= width / columns.length)
    const fixed = capped.reduce((a, w, i) => a + (narrow[i] ? w : 0), 0)
    const wide = capped.reduce((a, w, i) => a + (narrow[i] ? 0 : w), 0)
    return capped.map((w, i) => (narrow[i] ? w : ((width - fixed) * w) / wide))
  }

  function table(columns: string[], rows: string[][][]) {
    const widths = columnWidths(columns, rows)
    const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0))
    const cellText = (notes: string[]) => notes.join('\n')
    const rowHeight = (cells: string[], weight: Weight) =>
      Math.max(...cells.map((text, c) => heightOf(text, weight, size.table, widths[c] - 2 * cellPadding))) + 2 * cellPadding
    const drawRow = (cells: string[], weight: Weight, h: number, fill?: string) => {
      const y = doc.y
      if (fill) doc.rect(left, y, width, h).fill(fill)
      cells.forEach((text, c) => write(text, weight, size.table, { x: xs[c] + cellPadding, y: y + cellPadding, width: widths[c] - 2 * cellPadding }))
      doc.lineWidth(0.5).strokeColor(colours.rule)
      doc.rect(left, y, width, h).stroke()
      for (const x of xs.slice(1)) doc.moveTo(x, y).lineTo(x, y + h).stroke()
      doc.y = y + h
    }
    const headH = rowHeight(columns, 'bold')
    const head = () => drawRow(columns, 'bold', headH, colours.head)
    // A row taller than a page (a cell with dozens of Zettel) goes on in the rows below it.
    const pageRoom = doc.page.height - margin.bottom - margin.top - headH
    const pieces = (row: string[][]): string[][][] => {
      const most = Math.max(0, ...row.map((notes) => notes.length))
      if (most <= 1 || rowHeight(row.map(cellText), 'regular') <= pageRoom) return [row]
      const half = Math.ceil(most / 2)
      return [...pieces(row.map((notes) => notes.slice(0, half))), ...pieces(row.map((notes) => notes.slice(half)))]
    }
    room(headH + Math.min(pageRoom, rowHeight((rows[0] ?? []).map(cellText), 'regular')))
    head()
    for (const row of rows.flatMap(pieces)) {
      const cells = columns.map((_, c) => cellText(row[c] ?? []))
      const h = rowHeight(cells, 'regular')
      if (doc.y + h > bottom()) {
        doc.addPage()
        head()
      }
      drawRow(cells, 'regular', h)
    }
    doc.y += 10
  }

  const draw = (block: LayoutBlock, index: number) => {
    switch (block.kind) {
      case 'heading':
        return heading(block.level, block.text)
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

  // Every page: the release line and the page number, below the text area.
  const { start, count } = doc.bufferedPageRange()
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i)
    const keep = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - margin.bottom + 22
    doc.lineWidth(0.5).strokeColor(colours.rule).moveTo(left, y - 6).lineTo(left + width, y - 6).stroke()
    const pageText = dokumentationWords.page[locale].replace('{n}', String(i - start + 1)).replace('{total}', String(count))
    const pageW = widthOf(pageText, 'regular', size.footer) + 2
    write(layout.release, internal ? 'bold' : 'regular', size.footer, { x: left, y, width: width - pageW - 12, colour: internal ? colours.internal : colours.muted })
    write(pageText, 'regular', size.footer, { x: left + width - pageW, y, width: pageW, colour: colours.muted })
    doc.page.margins.bottom = keep
  }
  doc.end()
  return done
}

/**
 * The board as PDF, through the browser's print dialog ("Als PDF speichern"): every page of the
 * board, in the board's order, one landscape A4 sheet per section (`boardSections.ts`: its
 * templates with the notes lying on them, the groups' returned copies, documents and frames, or
 * else the whole page). Where a
 * section is so large that its notes would shrink below legible print, an overview sheet is
 * followed by parts of it in which they are legible. The pictures are tldraw's own SVG export
 * (fonts embedded), so nothing is fetched. The print sheet stays in the page, hidden on screen,
 * until the next print.
 */
import { Box, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { boardSections, type BoardSection } from './boardSections.ts'
import { HeldBackError } from './heldBack.ts'
import { heldBackReason, pictureTitle } from './exportHolds.ts'
import { consentOf } from './boardConsent.ts'

let urls: string[] = []

/** The picture's box on an A4 landscape sheet (styles.css: 12 mm margins, room for the heading). */
const sheet = { w: 273, h: 160 }
/** Smallest note text in print, in mm: 9 pt, so that the line a reader sees is at least 8 pt tall. */
const legibleMm = (9 / 72) * 25.4
const padding = 24
/** tldraw's note text in page units at scale 1 (16 px × its label size factors). */
const noteFontSize: Record<string, number> = { s: 18, m: 22, l: 26, xl: 32 }

/** The smallest note text of a section, in page units, and its largest note; undefined without notes. */
function sectionNotes(editor: Editor, ids: TLShapeId[]): { text: number; note: number } | undefined {
  const sizes: number[] = []
  let note = 0
  const visit = (shape: TLShape | undefined) => {
    if (!shape) return
    if (shape.type === 'note') {
      const props = shape.props as { size?: string; scale?: number; fontSizeAdjustment?: number }
      const text = editor.getShapeUtil(shape).getText(shape)?.trim()
      if (text) sizes.push((noteFontSize[props.size ?? 'm'] ?? 22) * (props.fontSizeAdjustment || 1) * (props.scale ?? 1))
      const bounds = editor.getShapePageBounds(shape)
      if (bounds) note = Math.max(note, bounds.w, bounds.h)
    }
    for (const child of editor.getSortedChildIdsForParent(shape.id)) visit(editor.getShape(child))
  }
  for (const id of ids) visit(editor.getShape(id))
  return sizes.length > 0 ? { text: Math.min(...sizes), note } : undefined
}

interface Picture {
  label: string
  ids: TLShapeId[]
  bounds?: Box
}

/** A section as one picture, or (notes too small) as an overview followed by legible parts. */
export function sectionPictures(editor: Editor, section: BoardSection): Picture[] {
  const whole: Picture = { label: section.label, ids: section.ids }
  const notes = sectionNotes(editor, section.ids)
  const { x, y, w, h } = section.bounds
  const fit = Math.min(sheet.w / (w + 2 * padding), sheet.h / (h + 2 * padding))
  if (!notes || notes.text * fit >= legibleMm) return [whole]
  // Parts small enough that, fitted to the sheet, the smallest note text is legible. Neighbouring
  // parts overlap by a note, so that each note is whole on at least one of them.
  const needed = legibleMm / notes.text
  const partW = sheet.w / needed - 2 * padding
  const partH = sheet.h / needed - 2 * padding
  const overlap = Math.min(notes.note, partW / 3, partH / 3)
  // At most 6 × 5 parts: a huge template prints smaller rather than on a ream of paper.
  const cols = Math.min(6, Math.max(1, Math.ceil((w - overlap) / (partW - overlap))))
  const rows = Math.min(5, Math.max(1, Math.ceil((h - overlap) / (partH - overlap))))
  const count = cols * rows
  const stepX = cols > 1 ? (w - overlap) / cols : w
  const stepY = rows > 1 ? (h - overlap) / rows : h
  const parts: Picture[] = []
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const bw = cols > 1 ? stepX + overlap : w
      const bh = rows > 1 ? stepY + overlap : h
      parts.push({
        label: `${section.label} · ${format(t.printPart, { n: parts.length + 1, count })}`,
        ids: section.ids,
        bounds: new Box(x + c * stepX - padding, y + r * stepY - padding, bw + 2 * padding, bh + 2 * padding),
      })
    }
  }
  return [{ ...whole, label: `${section.label} · ${t.printOverview}` }, ...parts]
}

/**
 * Lays out the print sheet and opens the print dialog; resolves with the number of sheets. Refused
 * (HeldBackError) while a template on the board holds sections back from every export.
 */
export async function printBoard(editor: Editor, title: string): Promise<number> {
  const held = heldBackReason(editor)
  if (held) throw new HeldBackError(held)
  // Each sheet's heading names the board: a case board by the title it may show (`pictureHold.ts`).
  title = pictureTitle(editor.store.allRecords(), consentOf(editor.store), title)
  let sheetElement = document.getElementById('nws-print')
  if (!sheetElement) {
    sheetElement = document.createElement('div')
    sheetElement.id = 'nws-print'
    document.body.append(sheetElement)
  }
  for (const url of urls) URL.revokeObjectURL(url)
  urls = []
  sheetElement.replaceChildren()
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date())
  const pages = editor.getPages()
  const start = editor.getCurrentPageId()
  // Following someone would pull the view back to their page while the others are drawn.
  const following = editor.getInstanceState().followingUserId
  if (following) editor.stopFollowingUser()
  const decoded: Promise<void>[] = []
  let count = 0
  try {
    for (const page of pages) {
      // tldraw draws only the current page's shapes: each page is visited while it is drawn.
      if (editor.getCurrentPageId() !== page.id) editor.setCurrentPage(page.id)
      const prefix = pages.length > 1 ? `${page.name} · ` : ''
      for (const section of boardSections(editor)) {
        for (const picture of sectionPictures(editor, section)) {
          const { blob } = await editor.toImage(picture.ids, { format: 'svg', background: true, padding, ...(picture.bounds ? { bounds: picture.bounds } : {}) })
          const url = URL.createObjectURL(blob)
          urls.push(url)
          const part = document.createElement('section')
          part.className = 'nws-print-page'
          const heading = document.createElement('h1')
          heading.textContent = `${title} · ${prefix}${picture.label}`
          const note = document.createElement('p')
          note.textContent = date
          const image = document.createElement('img')
          image.alt = picture.label
          image.src = url
          decoded.push(image.decode())
          part.append(heading, note, image)
          sheetElement.append(part)
          count++
        }
      }
    }
  } finally {
    if (editor.getCurrentPageId() !== start) editor.setCurrentPage(start)
    if (following) editor.startFollowingUser(following)
  }
  await Promise.all(decoded)
  window.print()
  return count
}

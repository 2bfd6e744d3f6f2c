/**
 * The board as PDF, through the browser's print dialog ("Als PDF speichern"): one landscape page
 * per frame on the current page, or else per template with the notes lying in it, or else the
 * whole page. The pictures are tldraw's own SVG export (fonts embedded), so nothing is fetched.
 * The print sheet stays in the page, hidden on screen, until the next print.
 */
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { center, contains, union, type Box } from '../../shared/templates/geometry.ts'
import { findInstances, isScaffold } from '../../shared/templates/instance.ts'
import { pick } from '../../shared/templates/model.ts'
import { locale, t } from '../locale.ts'

export interface PrintPage {
  label: string
  ids: TLShapeId[]
}

export function printPages(editor: Editor): PrintPage[] {
  const shapes = editor.getCurrentPageShapesInReadingOrder()
  const frames = shapes.filter((s) => s.type === 'frame')
  if (frames.length > 0)
    return frames.map((frame, i) => ({ label: (frame.props as { name: string }).name.trim() || `${t.printFrame} ${i + 1}`, ids: [frame.id] }))
  const boxOf = (shape: TLShape): Box | undefined => editor.getShapePageBounds(shape) ?? undefined
  const loose = editor.getCurrentPageShapes().filter((s) => s.parentId === editor.getCurrentPageId() && !isScaffold(s))
  const pages = findInstances(editor.getCurrentPageShapes())
    .sort((a, b) => a.title.y - b.title.y || a.title.x - b.title.x)
    .map((instance) => {
      const scaffold = [...instance.shapes.values()]
      const area = union(scaffold.flatMap((s) => boxOf(s) ?? []))
      // The notes (and anything else) lying on the template belong on its page.
      const riders = area ? loose.filter((s) => { const b = boxOf(s); return !!b && contains(area, center(b)) }) : []
      const label = editor.getShapeUtil(instance.title).getText(instance.title)?.trim() || pick(instance.definition.title, locale)
      return { label, ids: [...scaffold, ...riders].map((s) => s.id) }
    })
  if (pages.length > 0) return pages
  const all = [...editor.getCurrentPageShapeIds()]
  return all.length > 0 ? [{ label: t.printWholeBoard, ids: all }] : []
}

let urls: string[] = []

/** Lays out the print sheet and opens the print dialog; resolves once the pictures are ready. */
export async function printBoard(editor: Editor, title: string): Promise<number> {
  const pages = printPages(editor)
  let sheet = document.getElementById('nws-print')
  if (!sheet) {
    sheet = document.createElement('div')
    sheet.id = 'nws-print'
    document.body.append(sheet)
  }
  for (const url of urls) URL.revokeObjectURL(url)
  urls = []
  sheet.replaceChildren()
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date())
  const pictures: Promise<void>[] = []
  for (const page of pages) {
    const { blob } = await editor.toImage(page.ids, { format: 'svg', background: true, padding: 24 })
    const url = URL.createObjectURL(blob)
    urls.push(url)
    const section = document.createElement('section')
    section.className = 'nws-print-page'
    const heading = document.createElement('h1')
    heading.textContent = `${title} · ${page.label}`
    const note = document.createElement('p')
    note.textContent = date
    const picture = document.createElement('img')
    picture.alt = page.label
    picture.src = url
    pictures.push(picture.decode())
    section.append(heading, note, picture)
    sheet.append(section)
  }
  await Promise.all(pictures)
  window.print()
  return pages.length
}

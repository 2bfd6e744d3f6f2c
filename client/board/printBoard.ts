/**
 * The board as PDF, through the browser's print dialog ("Als PDF speichern"): one landscape page
 * per section of the current page (`boardSections.ts`: its frames, or else its templates with
 * the notes lying on them, or else the whole page). The pictures are tldraw's own SVG export
 * (fonts embedded), so nothing is fetched. The print sheet stays in the page, hidden on screen,
 * until the next print.
 */
import type { Editor } from 'tldraw'
import { locale } from '../locale.ts'
import { boardSections } from './boardSections.ts'

let urls: string[] = []

/** Lays out the print sheet and opens the print dialog; resolves once the pictures are ready. */
export async function printBoard(editor: Editor, title: string): Promise<number> {
  const pages = boardSections(editor)
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

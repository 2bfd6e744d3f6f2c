/**
 * Documents served as downloads: a file name people recognise (also in a header only ASCII may
 * fill), and the Dokumentation's and the steering group's pack's formats from one layout.
 */
import type { Context } from 'hono'
import type { Locale } from '../../shared/locale.ts'
import { layoutMarkdown, type DocumentLayout } from '../../shared/results/layout.ts'
import { renderPdf } from '../dokumentation/pdf.ts'

/** A file name people recognise, kept to what every file system accepts. */
export function exportFileName(title: string): string {
  const cleaned = title
    // A lone UTF-16 half (JSON lets a title hold one) has no UTF-8: encodeURIComponent would throw.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFC')
    // Controls, and the direction marks that make 'x\u202Efdp.exe' look like 'xexe.pdf'.
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
  // Cut by characters, not UTF-16 units: an emoji on the cut must not be split in half.
  return Array.from(cleaned).slice(0, 80).join('') || 'board'
}

const asciiFileName = (name: string) =>
  name
    .replace(/[äÄöÖüÜß]/g, (ch) => ({ ä: 'ae', Ä: 'Ae', ö: 'oe', Ö: 'Oe', ü: 'ue', Ü: 'Ue', ß: 'ss' })[ch] ?? ch)
    .replace(/[^\x20-\x7e]|"/g, '_')

/** Sends the answer as a download named `filename` (UTF-8, with an ASCII stand-in for old clients). */
export function asAttachment(c: Context, filename: string): void {
  c.header('Content-Disposition', `attachment; filename="${asciiFileName(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
  c.header('Cache-Control', 'no-store')
}

/** A laid-out document, named by `name` and its `day` (YYYY-MM-DD), as Markdown or PDF (marked internal on every page until it is released), or its CSV. */
export async function documentResponse(
  c: Context,
  name: string,
  day: string,
  format: 'md' | 'csv' | 'pdf',
  document: { layout: () => DocumentLayout; csv: () => string; internal: boolean; locale: Locale },
): Promise<Response> {
  // The day after the name is cut to length: a folder of them sorts by it.
  asAttachment(c, `${exportFileName(name)}-${day}.${format}`)
  if (format === 'csv') return c.body(document.csv(), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
  const layout = document.layout()
  if (format === 'md') return c.body(layoutMarkdown(layout), 200, { 'Content-Type': 'text/markdown; charset=utf-8' })
  const pdf = await renderPdf(layout, document.locale, document.internal)
  return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf' })
}

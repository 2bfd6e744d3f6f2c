/**
 * The files a laid-out document (`shared/results/layout.ts`) is downloaded as: Markdown, PDF (also
 * as PDF/A for archiving), and
 * the editable office formats ODT and DOCX. All are written from the one layout, so they say the same.
 */
import { layoutMarkdown, type DocumentLayout } from '../../../shared/results/layout.ts'
import type { Locale } from '../../../shared/locale.ts'
import { docxMimeType, renderDocx } from './docx.ts'
import { odtMimeType, renderOdt } from './odt.ts'
import { renderPdf } from './pdf.ts'

export const layoutFormats = ['md', 'pdf', 'pdfa', 'odt', 'docx'] as const
export type LayoutFormat = (typeof layoutFormats)[number]

const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)

/** `layout` as a file of `format`; `internal`: marked so on every page until it is released. */
export async function renderLayout(format: LayoutFormat, layout: DocumentLayout, locale: Locale, internal: boolean): Promise<{ body: string | Uint8Array; contentType: string }> {
  switch (format) {
    case 'md':
      return { body: layoutMarkdown(layout), contentType: 'text/markdown; charset=utf-8' }
    case 'pdf':
      return { body: bytes(await renderPdf(layout, locale, internal)), contentType: 'application/pdf' }
    case 'pdfa':
      return { body: bytes(await renderPdf(layout, locale, internal, { archival: true })), contentType: 'application/pdf' }
    case 'odt':
      return { body: renderOdt(layout, locale, internal), contentType: odtMimeType }
    case 'docx':
      return { body: await renderDocx(layout, locale, internal), contentType: docxMimeType }
  }
}

/**
 * Documents served as downloads: a file name people recognise (also in a header only ASCII may
 * fill), and the finished file a document job made (`documentJobs.ts`).
 */
import type { Context } from 'hono'
import type { DocumentResult } from '../documents/documentJobs.ts'

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

/** A document job's finished file as the answer (`documentJobs.ts`); its name is set by `asAttachment`. */
export function fileResponse(c: Context, result: DocumentResult): Response {
  if (result.kind !== 'file') throw new Error(`a ${result.kind} answer is not a file`)
  const body = typeof result.body === 'string' ? result.body : new Uint8Array(result.body.buffer as ArrayBuffer, result.body.byteOffset, result.body.byteLength)
  return c.body(body, 200, { 'Content-Type': result.contentType })
}

/** The title a download is named by: the one the file holds (a case board's as its rule gives it), else the board's. */
export const fileTitle = (result: { kind: string; title?: string }, typed: string): string => (result.kind === 'file' && result.title !== undefined ? result.title : typed)

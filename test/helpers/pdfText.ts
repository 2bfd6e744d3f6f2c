/**
 * Reading a PDF back as a person would: its text through poppler's `pdftotext`, its first page
 * as a picture through `pdftoppm`. Locally missing poppler-utils skips these tests; in CI (`CI`
 * set) it fails them instead, as a missing Chromium does (`browser.ts`).
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { makeArtifact } from './artifacts.ts'

const found = (tool: string) => ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin'].some((dir) => existsSync(join(dir, tool)))
const havePoppler = found('pdftotext') && found('pdftoppm')
export const skipPdfTests = !havePoppler && !process.env.CI

function withFile<T>(pdf: Uint8Array, use: (file: string, dir: string) => T): T {
  if (!havePoppler) throw new Error('pdftotext/pdftoppm not found: install poppler-utils')
  const dir = mkdtempSync(join(tmpdir(), 'nws-pdf-'))
  try {
    const file = join(dir, 'in.pdf')
    writeFileSync(file, pdf)
    return use(file, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The PDF's text in reading order, pages separated by form feeds. */
export const pdfText = (pdf: Uint8Array): string =>
  withFile(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))

/** The PDF's text line by line as printed: a word broken at a line's end keeps its hyphen there. */
export const pdfPrintedLines = (pdf: Uint8Array): string[] =>
  withFile(pdf, (file) => execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })).split('\n')

/** Renders the first page to a PNG at `target` (60 dpi: enough to look at), making its folder; when artifacts are made (`artifacts.ts`). */
export function firstPagePng(pdf: Uint8Array, target: string): Promise<void> {
  const copy = pdf.slice()
  return makeArtifact(() => firstPageToPng(copy, target))
}

function firstPageToPng(pdf: Uint8Array, target: string): void {
  mkdirSync(dirname(target), { recursive: true })
  withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')])
    copyFileSync(join(dir, 'page.png'), target)
  })
}

/** Pages in a PDF, as poppler counts them. */
export const pdfPageCount = (pdf: Uint8Array): number =>
  withFile(pdf, (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0))

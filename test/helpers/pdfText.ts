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

/**
 * What a PDF says about itself as an archival file, read as poppler and a validator would: the
 * header's version, the XMP packet's PDF/A identification, the output intent, and each font's
 * "embedded" column from `pdffonts`. (veraPDF is in neither npm nor Debian; this checks the
 * clauses our renderer could get wrong, not the whole of ISO 19005.)
 */
export function pdfArchivalFacts(pdf: Uint8Array) {
  const raw = Buffer.from(pdf).toString('latin1')
  // The packet is UTF-8 inside a file read here byte by byte.
  const xmp = Buffer.from(/<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(raw)?.[0] ?? '', 'latin1').toString('utf8')
  const fonts = withFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }))
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    // name type encoding emb sub uni object ID: "emb" is the fourth column from the right.
    .map((line) => ({ name: line.split(/\s+/)[0]!, embedded: line.trim().split(/\s+/).at(-5) === 'yes' }))
  return {
    version: /^%PDF-(\d\.\d)/.exec(raw)?.[1] ?? null,
    part: /<pdfaid:part>(\d)<\/pdfaid:part>/.exec(xmp)?.[1] ?? null,
    conformance: /<pdfaid:conformance>([A-Z])<\/pdfaid:conformance>/.exec(xmp)?.[1] ?? null,
    xmpTitle: /<dc:title>[\s\S]*?<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(xmp)?.[1] ?? null,
    // An unescaped & or < in the packet's text makes it no XML: PDF/A wants it well-formed.
    xmpWellFormedText: !/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(xmp) && !/<(?![/?!a-zA-Z])/.test(xmp),
    outputIntent: /\/S \/GTS_PDFA1/.test(raw) && /\/DestOutputProfile \d+ 0 R/.test(raw),
    encrypted: /\/Encrypt\s/.test(raw),
    javascript: /\/JavaScript|\/JS\s/.test(raw),
    fonts,
  }
}

/** A structure element as read back: its role, its text (without spaces: pdf.js reads a soft hyphen as one), its alt text. */
export interface PdfElement {
  role: string
  text: string
  alt?: string
  children: PdfElement[]
}

interface StructNode {
  role?: string
  alt?: string
  type?: string
  id?: string
  children?: StructNode[]
}

/**
 * What a screen reader gets from a PDF, read back with pdf.js (as the browser does): the
 * document's language and title, its structure tree page by page with each element's text, and
 * any text on a page that is neither in the tree nor an artifact (`untagged`).
 */
export async function pdfStructure(pdf: Uint8Array) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise
  try {
    const info = (await doc.getMetadata()).info as { Language?: string; Title?: string }
    const pages: PdfElement[] = []
    const untagged: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent({ includeMarkedContent: true })
      const byId = new Map<string, string>()
      const open: Array<{ tag: string; id: string | null }> = []
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'endMarkedContent') open.pop()
          else open.push({ tag: (item as { tag?: string }).tag ?? '', id: item.id ?? null })
          continue
        }
        const text = item.str.replace(/[\s\u00ad]/g, '')
        if (!text) continue
        const within = open.at(-1)
        if (within?.id) byId.set(within.id, (byId.get(within.id) ?? '') + text)
        else if (!open.some((marking) => marking.tag === 'Artifact')) untagged.push(text)
      }
      const inTree = new Set<string>()
      // pdf.js gives a page the elements around its content too (a table's header row on each of
      // its pages), without their content elsewhere: an element is on the page if content of its is.
      const read = (node: StructNode): PdfElement | null => {
        const children = (node.children ?? []).filter((child) => child.type !== 'content').flatMap((child) => read(child) ?? [])
        const ids = (node.children ?? []).flatMap((child) => (child.type === 'content' && child.id ? [child.id] : []))
        if (ids.length === 0 && children.length === 0 && node.role !== 'Root') return null
        for (const id of ids) inTree.add(id)
        const text = [...ids.map((id) => byId.get(id) ?? ''), ...children.map((child) => child.text)].join('')
        return { role: node.role ?? '', text, ...(node.alt ? { alt: node.alt } : {}), children }
      }
      const tree = (await page.getStructTree()) as StructNode | null
      pages.push((tree && read(tree)) ?? { role: 'none', text: '', children: [] })
      // Tagged text whose marked content no element holds is as lost to a screen reader.
      for (const [id, text] of byId) if (!inTree.has(id)) untagged.push(text)
    }
    return { language: info.Language ?? null, title: info.Title ?? null, pages, untagged }
  } finally {
    await doc.destroy()
  }
}

/** Every element of `pages`' trees, depth first: in reading order. */
export const pdfElements = (pages: PdfElement[]): PdfElement[] => pages.flatMap(function all(element: PdfElement): PdfElement[] {
  return [element, ...element.children.flatMap(all)]
})

/** Whether poppler's `pdfinfo` calls the PDF tagged (its catalog marked, a structure tree). */
export const pdfTagged = (pdf: Uint8Array): boolean =>
  withFile(pdf, (file) => /^Tagged:\s+yes$/m.test(execFileSync('pdfinfo', [file], { encoding: 'utf8' })))

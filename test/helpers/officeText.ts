/**
 * Reading an ODT or DOCX file back as its reader's program would see it: unzipped (fflate), its
 * paragraphs in order, its headings with their levels, its tables' cells and its footer. For the
 * ODT also the package's structure that LibreOffice checks before it opens a file: `mimetype`
 * first, stored, without extra field; every file the manifest names is there.
 *
 * The XML is read with patterns, not a parser: enough for the elements these files use, and a
 * file whose XML is broken fails the browser test, which parses it with Chromium's DOMParser.
 */
import { strFromU8, unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import type { DocumentLayout } from '../../shared/results/layout.ts'

export interface OfficeText {
  /** Every paragraph's text (headings, lines, cells, list items), in order; empty ones left out. */
  paragraphs: string[]
  headings: Array<{ level: number; text: string }>
  /** Each table: its rows, each cell's text (its paragraphs joined by newlines). */
  tables: string[][][]
  footer: string
  /** The files in the package, by name. */
  files: Record<string, string>
}

const entities = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, name: string) =>
    name[0] === '#' ? String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name],
  )

function odtInline(xml: string): string {
  return entities(
    xml
      .replace(/<text:s text:c="(\d+)"\/>/g, (_, n: string) => ' '.repeat(Number(n)))
      .replace(/<text:s\/>/g, ' ')
      .replace(/<text:tab\/>/g, '\t')
      .replace(/<text:line-break\/>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  )
}

const odtParagraphs = (xml: string) => [...xml.matchAll(/<text:(p|h)\b[^>]*?(?:\/>|>([\s\S]*?)<\/text:\1>)/g)].map((m) => odtInline(m[2] ?? ''))

/** The ODT's text, after checking its package structure (throws where it is wrong). */
export function readOdt(bytes: Uint8Array): OfficeText {
  // The zip's first local header: its name, compression method (0: stored) and extra field's length.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, true) !== 0x04034b50) throw new Error('not a zip file')
  const nameLength = view.getUint16(26, true)
  const firstName = strFromU8(bytes.subarray(30, 30 + nameLength))
  if (firstName !== 'mimetype') throw new Error(`first entry is ${firstName}, not mimetype`)
  if (view.getUint16(8, true) !== 0) throw new Error('mimetype is compressed')
  if (view.getUint16(28, true) !== 0) throw new Error('mimetype has an extra field')
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]))
  if (files.mimetype !== 'application/vnd.oasis.opendocument.text') throw new Error(`mimetype is ${files.mimetype}`)
  const manifest = files['META-INF/manifest.xml']
  if (!manifest) throw new Error('no META-INF/manifest.xml')
  for (const [, path] of manifest.matchAll(/manifest:full-path="([^"]+)"/g)) if (path !== '/' && !(path in files)) throw new Error(`manifest names ${path}, which is missing`)
  for (const needed of ['content.xml', 'styles.xml']) if (!manifest.includes(`manifest:full-path="${needed}"`)) throw new Error(`manifest lacks ${needed}`)
  const content = files['content.xml']
  const tables = [...content.matchAll(/<table:table\b[\s\S]*?<\/table:table>/g)].map((t) =>
    [...t[0].matchAll(/<table:table-row\b[\s\S]*?<\/table:table-row>/g)].map((row) =>
      [...row[0].matchAll(/<table:table-cell\b[\s\S]*?<\/table:table-cell>/g)].map((cell) => odtParagraphs(cell[0]).join('\n')),
    ),
  )
  return {
    paragraphs: odtParagraphs(content).filter(Boolean),
    headings: [...content.matchAll(/<text:h\b[^>]*text:outline-level="(\d)"[^>]*>([\s\S]*?)<\/text:h>/g)].map((m) => ({ level: Number(m[1]), text: odtInline(m[2]) })),
    tables,
    footer: odtParagraphs(/<style:footer>([\s\S]*?)<\/style:footer>/.exec(files['styles.xml'])?.[1] ?? '').join('\n'),
    files,
  }
}

function docxInline(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<w:fldSimple w:instr="\s*(\w+)[^"]*"|<w:instrText[^>]*>\s*(\w+)[^<]*<\/w:instrText>/g)]
    .map((m) => (m[1] !== undefined ? entities(m[1]) : m[0] === '<w:tab/>' ? '\t' : m[0] === '<w:br/>' ? '\n' : `{${m[2] ?? m[3]}}`))
    .join('')
}

const docxParagraphs = (xml: string) => [...xml.matchAll(/<w:p(?=[\s/>])(?:[^>]*\/>|[^>]*>([\s\S]*?)<\/w:p>)/g)].map((m) => docxInline(m[1] ?? ''))

/** The DOCX's text; throws when a part Word needs is missing. */
export function readDocx(bytes: Uint8Array): OfficeText {
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]))
  for (const needed of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml']) if (!(needed in files)) throw new Error(`no ${needed}`)
  const document = files['word/document.xml']
  const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr(?=[\s>])[\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => docxParagraphs(cell[0]).join('\n'))),
  )
  const headings = [...document.matchAll(/<w:p(?=[\s>])[^>]*>([\s\S]*?)<\/w:p>/g)].flatMap((m) => {
    const level = /<w:pStyle w:val="Heading(\d)"\/>/.exec(m[1])?.[1]
    return level ? [{ level: Number(level), text: docxInline(m[1]) }] : []
  })
  const footers = Object.keys(files).filter((name) => /^word\/footer\d*\.xml$/.test(name))
  return {
    paragraphs: docxParagraphs(document).filter(Boolean),
    headings,
    tables,
    footer: footers.map((name) => docxParagraphs(files[name]).join('\n')).join('\n'),
    files,
  }
}

/** What a layout's paragraphs say, in order, as the office files must hold them. */
export function layoutParagraphs(layout: DocumentLayout): string[] {
  return layout.blocks
    .flatMap((block): string[] => {
      switch (block.kind) {
        case 'heading':
        case 'line':
          return [block.text]
        case 'facts':
          return block.facts.map((fact) => `${fact.label}: ${fact.value}`)
        case 'list':
          return block.items
        case 'table':
          return [...block.columns, ...block.rows.flatMap((row) => block.columns.flatMap((_, c) => row[c] ?? []))]
      }
    })
    .filter(Boolean)
}

/** The XML files of a package that Chromium's own parser refuses, with its message; empty when all parse. */
export async function xmlProblems(page: Page, files: Record<string, string>): Promise<string[]> {
  const xml = Object.fromEntries(Object.entries(files).filter(([name]) => /\.(xml|rels)$/.test(name)))
  return page.evaluate((xml) => {
    const problems: string[] = []
    for (const [name, text] of Object.entries(xml)) {
      const error = new DOMParser().parseFromString(text, 'application/xml').querySelector('parsererror')
      if (error) problems.push(`${name}: ${error.textContent}`)
    }
    return problems
  }, xml)
}

/**
 * A laid-out document (`shared/results/layout.ts`) as an OpenDocument text file (.odt), the format
 * German administrations file and edit in: what the PDF says, but editable in LibreOffice or
 * Word. Headings are real headings (the navigator and a table of contents find them), tables
 * repeat their header row on each page, and every page's footer carries the release line (bold
 * and red while the document is internal) and the page number, as in the PDF.
 *
 * The file is a zip whose first entry is `mimetype`, stored uncompressed, so that a program can
 * tell the type from the file's first bytes; `META-INF/manifest.xml` lists the rest (ODF 1.3,
 * part 2, 3.3).
 */
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { DocumentLayout, LayoutBlock } from '../../../shared/results/layout.ts'
import { dokumentationWords } from '../../../shared/results/dokumentation.ts'
import type { Locale } from '../../../shared/locale.ts'
import { columnShares } from './columnShares.ts'
import { unknownBlock } from './unknownBlock.ts'
import { pageWords, xmlEscape } from './xmlText.ts'

export const odtMimeType = 'application/vnd.oasis.opendocument.text'

const namespaces = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ')

const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'

/** `text` as ODF paragraph content: line breaks, tabs and runs of spaces kept (XML would fold them). */
function inline(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .split('\t')
        .map((part) => xmlEscape(part).replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`).replace(/^ /, '<text:s/>'))
        .join('<text:tab/>'),
    )
    .join('<text:line-break/>')
}

const paragraph = (style: string, content: string) => `<text:p text:style-name="${style}">${content}</text:p>`
const strong = (text: string) => `<text:span text:style-name="Strong_20_Emphasis">${inline(text)}</text:span>`

function styles(layout: DocumentLayout, locale: Locale, internal: boolean): string {
  const [language, country] = locale === 'de' ? ['de', 'DE'] : ['en', 'GB']
  const page = pageWords(dokumentationWords.page[locale])
  const release = `<text:span text:style-name="${internal ? 'Internal' : 'Released'}">${inline(layout.release)}</text:span>`
  const listLevel = `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.64cm" fo:text-indent="-0.64cm" fo:margin-left="0.64cm"/></style:list-level-properties>`
  return `${declaration}<office:document-styles ${namespaces} office:version="1.3">
<office:font-face-decls><style:font-face style:name="Arial" svg:font-family="Arial" style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.18cm"/><style:text-properties style:font-name="Arial" fo:font-size="10pt" fo:color="#1a1a1a" fo:language="${language}" fo:country="${country}" fo:hyphenate="true"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"/>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.18cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold" fo:hyphenate="false"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="1" style:class="text"><style:text-properties fo:font-size="18pt"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="2" style:class="text"><style:paragraph-properties fo:border-bottom="0.6pt solid #8a8a8a" fo:padding-bottom="0.05cm"/><style:text-properties fo:font-size="14pt"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="3" style:class="text"><style:text-properties fo:font-size="11.5pt"/></style:style>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-bottom="0.08cm"/><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-bottom="0cm"><style:tab-stops><style:tab-stop style:position="17cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="8pt" fo:color="#555555"/></style:style>
<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Internal" style:family="text"><style:text-properties fo:font-weight="bold" fo:color="#8a1c1c"/></style:style>
<style:style style:name="Released" style:family="text"/>
<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•">${listLevel}</text:list-level-style-bullet></text:list-style>
<text:list-style style:name="Numbers"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">${listLevel}</text:list-level-style-number></text:list-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.5cm" fo:border-top="0.5pt solid #8a8a8a" fo:padding-top="0.12cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"><style:footer>${paragraph(
    'Footer',
    `${release}<text:tab/>${inline(page.before)}<text:page-number text:select-page="current">1</text:page-number>${inline(page.between)}<text:page-count>1</text:page-count>${inline(page.after)}`,
  )}</style:footer></style:master-page></office:master-styles>
</office:document-styles>`
}

function content(layout: DocumentLayout, internal: boolean): string {
  const automatic: string[] = [
    `<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #8a8a8a"/></style:style>`,
    `<style:style style:name="HeadCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #8a8a8a" fo:background-color="#e6e6e6"/></style:style>`,
  ]
  let tables = 0
  const body: string[] = []

  const table = (columns: string[], rows: string[][][]) => {
    const n = ++tables
    automatic.push(`<style:style style:name="Table${n}" style:family="table"><style:table-properties style:width="17cm" table:align="margins" fo:margin-bottom="0.3cm"/></style:style>`)
    const shares = columnShares(columns, rows)
    shares.forEach((share, c) =>
      automatic.push(`<style:style style:name="Table${n}.C${c + 1}" style:family="table-column"><style:table-column-properties style:rel-column-width="${Math.max(1, Math.round(share * 10000))}*"/></style:style>`),
    )
    const cell = (style: string, paragraphStyle: string, notes: string[]) =>
      `<table:table-cell table:style-name="${style}" office:value-type="string">${(notes.length > 0 ? notes : ['']).map((note) => paragraph(paragraphStyle, inline(note))).join('')}</table:table-cell>`
    body.push(
      `<table:table table:name="${xmlEscape(`Tabelle${n}`)}" table:style-name="Table${n}">`,
      ...shares.map((_, c) => `<table:table-column table:style-name="Table${n}.C${c + 1}"/>`),
      `<table:table-header-rows><table:table-row>${columns.map((column) => cell('HeadCell', 'Table_20_Heading', [column])).join('')}</table:table-row></table:table-header-rows>`,
      ...rows.map((row) => `<table:table-row>${columns.map((_, c) => cell('Cell', 'Table_20_Contents', row[c] ?? [])).join('')}</table:table-row>`),
      '</table:table>',
    )
  }

  const write = (block: LayoutBlock, index: number) => {
    switch (block.kind) {
      case 'heading':
        return body.push(`<text:h text:style-name="Heading_20_${block.level}" text:outline-level="${block.level}">${inline(block.text)}</text:h>`)
      case 'line': {
        // The release line under the title stands out while the document is internal, as in the PDF.
        const marked = block.strong && internal && index < 3
        const text = marked ? `<text:span text:style-name="Internal">${inline(block.text)}</text:span>` : block.strong ? strong(block.text) : inline(block.text)
        return body.push(paragraph('Text_20_body', text))
      }
      case 'facts':
        return body.push(...block.facts.map((fact) => paragraph('Text_20_body', `${strong(`${fact.label}:`)} ${inline(fact.value)}`)))
      case 'list':
        return body.push(
          `<text:list text:style-name="${block.numbered ? 'Numbers' : 'Bullets'}">${block.items.map((item) => `<text:list-item>${paragraph('Text_20_body', inline(item))}</text:list-item>`).join('')}</text:list>`,
        )
      case 'table':
        return table(block.columns, block.rows)
      default:
        return unknownBlock(block)
    }
  }
  layout.blocks.forEach(write)

  return `${declaration}<office:document-content ${namespaces} office:version="1.3">
<office:automatic-styles>${automatic.join('')}</office:automatic-styles>
<office:body><office:text>${body.join('\n')}</office:text></office:body>
</office:document-content>`
}

function meta(layout: DocumentLayout, locale: Locale): string {
  return `${declaration}<office:document-meta ${namespaces} office:version="1.3"><office:meta><meta:generator>Netzwerkstatt</meta:generator><dc:title>${xmlEscape(layout.title)}</dc:title><dc:language>${locale === 'de' ? 'de-DE' : 'en-GB'}</dc:language></office:meta></office:document-meta>`
}

const manifest = `${declaration}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${odtMimeType}"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`

export function renderOdt(layout: DocumentLayout, locale: Locale, internal: boolean): Uint8Array {
  // Insertion order is the zip's order: the mimetype first, stored.
  const files: Zippable = {
    mimetype: [strToU8(odtMimeType), { level: 0 }],
    'META-INF/manifest.xml': strToU8(manifest),
    'content.xml': strToU8(content(layout, internal)),
    'styles.xml': strToU8(styles(layout, locale, internal)),
    'meta.xml': strToU8(meta(layout, locale)),
  }
  return zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') })
}

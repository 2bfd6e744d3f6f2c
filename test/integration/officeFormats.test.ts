/**
 * The pack and the Dokumentation as ODT and DOCX (`server/documents/dokumentation/odt.ts`, `docx.ts`),
 * unzipped and read back: the ODT's package as LibreOffice expects it, every heading, line, fact,
 * table cell and list item of the layout once and in order, headings at their levels, each table
 * with its header row, the release line and page numbers in the footer.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { steeringPack, steeringPackLayout } from '../../shared/results/steeringPack.ts'
import type { DocumentLayout } from '../../shared/results/layout.ts'
import { renderOdt } from '../../server/documents/dokumentation/odt.ts'
import { renderDocx } from '../../server/documents/dokumentation/docx.ts'
import { layoutParagraphs, readDocx, readOdt, type OfficeText } from '../helpers/officeText.ts'
import { network } from '../unit/templates/steeringNetwork.ts'
import { noteInCell } from '../unit/templates/helpers.ts'

const formats: Array<[string, (layout: DocumentLayout, internal: boolean) => Promise<OfficeText>]> = [
  ['ODT', async (layout, internal) => readOdt(renderOdt(layout, 'de', internal))],
  ['DOCX', async (layout, internal) => readDocx(await renderDocx(layout, 'de', internal))],
]

function packLayout() {
  const { input } = network()
  const minutes = input.boards[0]
  minutes.records = [...minutes.records, noteInCell(minutes.records as TLShape[], 'tops:cell:top1:aufgabe', 'Räume „Rathaus“ anfragen → 3 Träger ✓', 40)]
  return steeringPackLayout(steeringPack(input, '2026-11-24', 'de'), 'de')
}

describe.each(formats)('the pack as %s', (_, read) => {
  it('holds every heading, line, table cell and open item of the layout once, in order, and nothing of the internal board', async () => {
    const layout = packLayout()
    const file = await read(layout, true)
    expect(file.paragraphs).toEqual(layoutParagraphs(layout))
    for (const item of ['Entwurf an alle Träger', 'Räume „Rathaus“ anfragen → 3 Träger ✓', 'Frau Łukasz, 1.12.']) expect(file.paragraphs.filter((p) => p === item)).toHaveLength(1)
    expect(file.paragraphs.join('\n')).not.toContain('Leitung blockiert')
    const headings = layout.blocks.flatMap((block) => (block.kind === 'heading' ? [{ level: block.level, text: block.text }] : []))
    expect(file.headings).toEqual(headings)
    const tables = layout.blocks.flatMap((block) => (block.kind === 'table' ? [block] : []))
    expect(file.tables.map((table) => table[0])).toEqual(tables.map((table) => table.columns))
    expect(file.tables.map((table) => table.length)).toEqual(tables.map((table) => table.rows.length + 1))
    expect(file.footer).toContain('Alle enthaltenen Boards sind zur Weitergabe freigegeben')
    expect(file.footer).toMatch(/Seite .+ von .+/)
  })
})

describe.each(formats)('a Dokumentation as %s', (_, read) => {
  it('keeps what people wrote as they wrote it: line breaks, spaces, signs, and drops only what XML cannot hold', async () => {
    const layout: DocumentLayout = {
      title: 'Dokumentation: Łódź & <Görlitz>',
      release: 'Zur Weitergabe freigegeben am 24.11.2026',
      blocks: [
        { kind: 'heading', level: 1, text: 'Dokumentation: Łódź & <Görlitz>' },
        { kind: 'line', text: 'Zur Weitergabe freigegeben am 24.11.2026', strong: true },
        { kind: 'facts', facts: [{ label: 'Anwesend', value: 'Frau A, Herr B' }] },
        { kind: 'heading', level: 2, text: 'Inhalt' },
        { kind: 'list', numbered: true, items: ['Erste Vorlage', 'Zweite Vorlage'] },
        { kind: 'heading', level: 3, text: 'Ideen' },
        { kind: 'table', columns: ['Bereich', 'Zettel'], rows: [[['Ideen'], ['Zwei  Leerzeichen', 'Zeile eins\nZeile zwei', 'Steuer\u0007zeichen 👍']], [['Leer'], []]] },
        { kind: 'list', items: ['Frei auf dem Board'] },
      ],
    }
    const file = await read(layout, false)
    expect(file.paragraphs).toEqual(layoutParagraphs(layout).map((p) => p.replace('\u0007', '')))
    expect(file.tables[0]).toEqual([['Bereich', 'Zettel'], ['Ideen', 'Zwei  Leerzeichen\nZeile eins\nZeile zwei\nSteuerzeichen 👍'], ['Leer', '']])
    expect(file.footer).toContain('Zur Weitergabe freigegeben am 24.11.2026')
  })
})

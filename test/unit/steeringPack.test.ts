/**
 * The steering group's pack from a network's boards, built as the report tests build records:
 * the newest Statusbericht, every Beschluss and open item with its board, each board's release,
 * and an internal board counted but never shown; as Markdown, CSV and (read back) PDF.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { internalLine, steeringPack, steeringPackCsv, steeringPackLayout, steeringPackMarkdown, type SteeringPackInput } from '../../shared/results/steeringPack.ts'
import { renderPdf } from '../../server/dokumentation/pdf.ts'
import { firstPagePng, pdfText, skipPdfTests } from '../helpers/pdfText.ts'
import { artifacts } from '../helpers/browser.ts'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { build, noteInCell } from './templates/helpers.ts'
import { fallkonferenzCells } from '../../shared/templates/fallkonferenz.ts'

function network(): { input: SteeringPackInput; secretIds: string[] } {
  const protokoll = build('protokoll', { date: '2026-11-03', topics: 2 }).shapes
  const beschluss = noteInCell(protokoll, 'tops:cell:top1:thema', 'Gemeinsamer Aufnahmebogen')
  const minutes: TLShape[] = [
    ...protokoll,
    beschluss,
    noteInCell(protokoll, 'tops:cell:top1:aufgabe', 'Entwurf an alle Träger'),
    noteInCell(protokoll, 'tops:cell:top1:wer', 'Frau Łukasz, 1.12.'),
  ]
  const older = build('statusbericht', {}).shapes
  const newer = build('statusbericht', {}, 'de', { x: 0, y: 9000 }).shapes
  const reports: TLShape[] = [
    ...older,
    noteInCell(older, 'bericht:cell:bericht:datum', '10.11.2026'),
    noteInCell(older, 'ergebnis:cell:ergebnis:erreicht', 'Alter Stand'),
    ...newer,
    noteInCell(newer, 'bericht:cell:bericht:datum', '20.11.2026'),
    noteInCell(newer, 'ergebnis:cell:ergebnis:erreicht', 'Zwölf Träger haben unterschrieben'),
  ]
  const analyse = build('beteiligtenanalyse', { partners: ['Jobcenter'] }).shapes
  const secret = noteInCell(analyse, 'cell:p0:widerstaende', 'Leitung blockiert jede Kooperation')
  const internalProtokoll = build('protokoll', { date: '2026-11-01', topics: 1 }, 'de', { x: 0, y: 9000 }).shapes
  const secretTask = noteInCell(internalProtokoll, 'tops:cell:top1:aufgabe', 'Gespräch mit der Leitung unter vier Augen')
  return {
    secretIds: [secret.id, secretTask.id],
    input: {
      network: { name: 'Netzwerk Frühe Hilfen Görlitz', targetGroup: 'Alleinerziehende' },
      boards: [
        {
          id: 'a',
          title: 'Gründungsveranstaltung',
          phase: 'gruendung',
          internal: false,
          records: minutes,
          facilitation: { beschluesse: { notes: [beschluss.id] }, release: { released: true, day: '2026-11-04', at: 1 } },
        },
        { id: 'b', title: 'Steuerungsgruppe November', phase: 'verstetigung', internal: false, records: reports },
        {
          id: 'i',
          title: 'Beteiligtenanalyse (intern)',
          phase: 'vorStart',
          internal: true,
          records: [...analyse, secret, ...internalProtokoll, secretTask],
          facilitation: { beschluesse: { notes: [secret.id] }, release: { released: true, day: '2026-11-02', at: 1 } },
        },
      ],
    },
  }
}

describe('the steering group pack', () => {
  it('gathers the newest Statusbericht, every Beschluss and open item with its board, and each board’s release', () => {
    const { input } = network()
    const pack = steeringPack(input, '2026-11-24', 'de')
    expect(pack.network).toEqual({ name: 'Netzwerk Frühe Hilfen Görlitz', targetGroup: 'Alleinerziehende' })
    expect(pack.statusbericht?.board).toBe('Steuerungsgruppe November')
    const statusText = JSON.stringify(pack.statusbericht?.template.tables)
    expect(statusText).toContain('Zwölf Träger haben unterschrieben')
    expect(statusText).not.toContain('Alter Stand')
    expect(pack.beschluesse).toEqual([{ text: 'Gemeinsamer Aufnahmebogen', where: 'Protokoll · 03.11.2026 · Tagesordnung · 1 · Thema', board: 'Gründungsveranstaltung' }])
    expect(pack.openItems.map((i) => [i.board, i.what, i.who])).toEqual([['Gründungsveranstaltung', ['Entwurf an alle Träger'], ['Frau Łukasz, 1.12.']]])
    expect(pack.boards.map((b) => [b.title, b.phaseTitle, b.release.released])).toEqual([
      ['Gründungsveranstaltung', 'Der Start in die Praxis: Gründung', true],
      ['Steuerungsgruppe November', expect.any(String), false],
    ])
    expect(pack.internalLeftOut).toBe(1)
  })

  it('never shows anything of an internal board, in any format', () => {
    const { input } = network()
    const pack = steeringPack(input, '2026-11-24', 'de')
    const md = steeringPackMarkdown(pack, 'de')
    const csv = steeringPackCsv(pack, 'de')
    for (const text of [md, csv, JSON.stringify(pack)]) {
      expect(text).not.toContain('Leitung blockiert')
      expect(text).not.toContain('unter vier Augen')
      expect(text).not.toContain('Beteiligtenanalyse (intern)')
    }
    expect(md).toContain('1 internes Board ist nicht enthalten; nichts daraus erscheint hier.')
  })

  it('reads as Markdown and CSV: header, Statusbericht, Beschlüsse and open items with their board, release', () => {
    const { input } = network()
    const pack = steeringPack(input, '2026-11-24', 'de')
    const md = steeringPackMarkdown(pack, 'de')
    expect(md).toMatch(/^# Unterlagen für die Steuerungsgruppe: Netzwerk Frühe Hilfen Görlitz\n\n\*\*Intern – 1 von 2 Boards noch nicht zur Weitergabe freigegeben\*\*\n/)
    expect(md).toContain('**Zielgruppe:** Alleinerziehende  \n**Stand:** 24.11.2026')
    expect(md).toContain('## Statusbericht (aus Steuerungsgruppe November)')
    expect(md).toContain('| 1 | Gemeinsamer Aufnahmebogen | Gründungsveranstaltung · Protokoll · 03.11.2026 · Tagesordnung · 1 · Thema |')
    expect(md).toContain('| Entwurf an alle Träger | Frau Łukasz, 1.12. | Gründungsveranstaltung · Protokoll · 03.11.2026 |')
    expect(md).toContain('| Gründungsveranstaltung | Der Start in die Praxis: Gründung | Zur Weitergabe freigegeben am 04.11.2026 |')
    expect(md).toContain('| Steuerungsgruppe November | ')
    expect(md).toContain('| Intern – noch nicht zur Weitergabe freigegeben |')
    const csv = steeringPackCsv(pack, 'de').split('\r\n')
    expect(csv[1]).toBe('Was;Wer;Bis wann;Board · Quelle')
    expect(csv[2]).toBe('Entwurf an alle Träger;Frau Łukasz, 1.12.;;Gründungsveranstaltung · Protokoll · 03.11.2026')
  })

  it('holds nothing of a Fallkonferenz held back for want of consent: neither its open items nor a Beschluss on its case', () => {
    const shapes = build('fallkonferenz', {}).shapes
    const problem = noteInCell(shapes, 'fall:cell:problem:inhalt', 'Wohnungsverlust droht, Hauptstraße 3')
    const way = noteInCell(shapes, 'loesungen:cell:l1:loesung', 'Kita-Platz über Jugendamt klären')
    const who = noteInCell(shapes, 'loesungen:cell:l1:wer', 'Jugendamt, Frau S.')
    const pack = (consent: TLShape[]) =>
      steeringPack(
        {
          network: { name: 'Netzwerk', targetGroup: '' },
          boards: [
            { id: 'f', title: 'Fallkonferenz Nord', phase: 'dienstleistungskette', internal: false, records: [...shapes, problem, way, who, ...consent], facilitation: { beschluesse: { notes: [problem.id, way.id] } } },
          ],
        },
        '2026-11-24',
        'de',
      )
    const texts = (consent: TLShape[]) => [steeringPackMarkdown(pack(consent), 'de'), steeringPackCsv(pack(consent), 'de')]
    for (const text of texts([])) expect(text).not.toMatch(/Hauptstraße|Jugendamt/)
    // With every consent confirmed, the same pack holds them.
    const all = fallkonferenzCells.consentRows.map((row) => noteInCell(shapes, `einverstaendnis:cell:${row}:bestaetigt`, 'MK'))
    for (const text of texts(all)) expect(text).toMatch(/Jugendamt/)
  })

  it('counts internal boards in the language’s plural', () => {
    expect(internalLine(0, 'de')).toBe('Kein internes Board ausgelassen.')
    expect(internalLine(2, 'de')).toMatch(/^2 interne Boards sind/)
    expect(internalLine(1, 'en')).toMatch(/^1 internal board is/)
  })

  it.skipIf(skipPdfTests)('renders the pack with the board’s PDF renderer, its release state on every page', { timeout: 30_000 }, async () => {
    const { input } = network()
    const pack = steeringPack(input, '2026-11-24', 'de')
    const pdf = await renderPdf(steeringPackLayout(pack, 'de'), 'de', true)
    mkdirSync(artifacts, { recursive: true })
    firstPagePng(pdf, join(artifacts, 'steering-pack-page1.png'))
    const text = pdfText(pdf)
    // The title may wrap: its words in order.
    expect(text.replace(/\s+/g, ' ')).toContain('Unterlagen für die Steuerungsgruppe: Netzwerk Frühe Hilfen Görlitz')
    expect(text).toContain('Zwölf Träger haben unterschrieben')
    expect(text).toContain('Frau Łukasz, 1.12.')
    expect(text).not.toContain('Leitung blockiert')
    for (const page of text.split('\f').filter((p) => p.trim())) expect(page).toContain('Intern – 1 von 2 Boards noch nicht zur Weitergabe freigegeben')
  })
})

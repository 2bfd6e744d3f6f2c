/**
 * The steering group's pack from a network's boards, built as the report tests build records:
 * the newest Statusbericht, every Beschluss and open item with its board, each board's release,
 * and an internal board counted but never shown; as Markdown and CSV. The PDF, read back by
 * poppler's tools (a process), is checked in `test/integration/steeringPackPdf.test.ts`.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { internalLine, steeringPack, steeringPackCsv, steeringPackMarkdown } from '../../shared/results/steeringPack.ts'
import { build, noteInCell } from './templates/helpers.ts'
import { network } from './templates/steeringNetwork.ts'
import { fallkonferenzCells } from '../../shared/templates/fallkonferenz.ts'
import { recordedFor } from '../helpers/consentRecords.ts'

/** The network with its Steuerungsgruppe board released too: only released boards go into the pack. */
function released() {
  const { input } = network()
  input.boards[1]!.facilitation = { release: { released: true, day: '2026-11-23', at: 1 } }
  return { input }
}

describe('the steering group pack', () => {
  it('gathers the newest Statusbericht, every Beschluss and open item with its board, and each board’s release', () => {
    const { input } = released()
    const pack = steeringPack(input, '2026-11-24', 'de')
    expect(pack.network).toEqual({ name: 'Netzwerk Frühe Hilfen Görlitz', targetGroup: 'Alleinerziehende' })
    expect(pack.statusbericht?.board).toBe('Steuerungsgruppe November')
    const statusText = JSON.stringify(pack.statusbericht?.template.tables)
    expect(statusText).toContain('Zwölf Träger haben unterschrieben')
    expect(statusText).not.toContain('Alter Stand')
    expect(pack.beschluesse).toEqual([{ text: 'Gemeinsamer Aufnahmebogen', gremium: '', bindewirkung: null, where: 'Protokoll · 03.11.2026 · Tagesordnung · 1 · Thema', board: 'Gründungsveranstaltung' }])
    expect(pack.openItems.map((i) => [i.board, i.what, i.who])).toEqual([['Gründungsveranstaltung', ['Entwurf an alle Träger'], ['Frau Łukasz']]])
    expect(pack.boards.map((b) => [b.title, b.phaseTitle, b.release.released])).toEqual([
      ['Gründungsveranstaltung', 'Der Start in die Praxis', true],
      ['Steuerungsgruppe November', expect.any(String), true],
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
    const { input } = released()
    const pack = steeringPack(input, '2026-11-24', 'de')
    const md = steeringPackMarkdown(pack, 'de')
    expect(md).toMatch(/^# Unterlagen für die Steuerungsgruppe: Netzwerk Frühe Hilfen Görlitz\n\n\*\*Alle enthaltenen Boards sind zur Weitergabe freigegeben\*\*\n/)
    expect(md).toContain('**Zielgruppe:** Alleinerziehende  \n**Stand:** 24.11.2026')
    expect(md).toContain('## Statusbericht: Gremium nicht angegeben (aus Steuerungsgruppe November)')
    expect(md).toContain('| 1 | Gemeinsamer Aufnahmebogen | Gremium nicht angegeben | Bindewirkung nicht angegeben | Gründungsveranstaltung · Protokoll · 03.11.2026 · Tagesordnung · 1 · Thema |')
    expect(md).toContain('| Entwurf an alle Träger | Frau Łukasz, 1.12. | Gründungsveranstaltung · Protokoll · 03.11.2026 |')
    // No „Kopf übernehmen“ on that board: its Protokoll's own date names the meeting (issue 62).
    expect(md).toContain('| Gründungsveranstaltung | Der Start in die Praxis | 03.11.2026 | Zur Weitergabe freigegeben am 04.11.2026 |')
    expect(md).toMatch(/\| Steuerungsgruppe November \| Für Nachhaltigkeit sorgen \| [^|]* \| Zur Weitergabe freigegeben am 23.11.2026 \|/)
    expect(md).not.toContain('noch nicht freigegeben')
    const csv = steeringPackCsv(pack, 'de').split('\r\n')
    expect(csv[1]).toBe('Was;Wer;Bis wann;Board · Quelle')
    expect(csv[2]).toBe('Entwurf an alle Träger;Frau Łukasz;1.12.;Gründungsveranstaltung · Protokoll · 03.11.2026')
  })

  it('holds nothing of a board with a Fallkonferenz, consent or not: the board is internal (H 5.3.5)', () => {
    const shapes = build('fallkonferenz', {}).shapes
    const problem = noteInCell(shapes, 'fall:cell:problem:inhalt', 'Wohnungsverlust droht, Hauptstraße 3')
    const way = noteInCell(shapes, 'loesungen:cell:l1:loesung', 'Kita-Platz über Jugendamt klären')
    const who = noteInCell(shapes, 'loesungen:cell:l1:wer', 'Jugendamt, Frau S.')
    const pack = (consent: TLShape[], recorded?: unknown) =>
      steeringPack(
        {
          network: { name: 'Netzwerk', targetGroup: '' },
          boards: [
            { id: 'f', title: 'Fallkonferenz Nord', phase: 'dienstleistungskette', internal: false, records: [...shapes, problem, way, who, ...consent], facilitation: { beschluesse: { notes: [problem.id, way.id] }, consent: recorded } },
          ],
        },
        '2026-11-24',
        'de',
      )
    const texts = (consent: TLShape[], recorded?: unknown) => [steeringPackMarkdown(pack(consent, recorded), 'de'), steeringPackCsv(pack(consent, recorded), 'de')]
    for (const text of texts([])) expect(text).not.toMatch(/Hauptstraße|Jugendamt/)
    // With every consent confirmed, its ways forward still stay on the board: the pack only counts it.
    const all = fallkonferenzCells.consentRows.map((row) => noteInCell(shapes, `einverstaendnis:cell:${row}:bestaetigt`, 'MK'))
    for (const text of texts(all)) expect(text).not.toMatch(/Hauptstraße|Jugendamt|Fallkonferenz Nord/)
    expect(pack(all).internalLeftOut).toBe(1)
    // Released by the facilitator's record too: the case is internal, not the pack's.
    for (const text of texts(all, recordedFor(shapes))) expect(text).not.toMatch(/Hauptstraße|Jugendamt|Fallkonferenz Nord/)
  })

  it('leaves a board not yet released out and counts it: one such board never makes the pack „Intern“', () => {
    const { input } = network()
    const pack = steeringPack(input, '2026-11-24', 'de')
    const md = steeringPackMarkdown(pack, 'de')
    // The coming meeting's board (not released) stays out, whole; the released minutes go out as released.
    expect(md).toMatch(/^# Unterlagen für die Steuerungsgruppe: Netzwerk Frühe Hilfen Görlitz\n\n\*\*Alle enthaltenen Boards sind zur Weitergabe freigegeben\*\*\n/)
    expect(md).toContain('1 Board noch nicht freigegeben, nicht enthalten.')
    expect(md).toContain('1 internes Board ist nicht enthalten; nichts daraus erscheint hier.')
    for (const text of [md, steeringPackCsv(pack, 'de')]) {
      expect(text).not.toContain('Intern –')
      expect(text).not.toContain('Steuerungsgruppe November')
      expect(text).not.toContain('Zwölf Träger haben unterschrieben')
    }
    expect(md).toContain('Entwurf an alle Träger')
    expect(pack.boards.map((b) => b.title)).toEqual(['Gründungsveranstaltung'])
    expect([pack.unreleasedLeftOut, pack.internalLeftOut]).toEqual([1, 1])
    const two = { ...input, boards: [...input.boards, { ...input.boards[1]!, id: 'c', title: 'Steuerungsgruppe Dezember' }] }
    expect(steeringPackMarkdown(steeringPack(two, '2026-11-24', 'de'), 'de')).toContain('2 Boards noch nicht freigegeben, nicht enthalten.')
    expect(steeringPackMarkdown(steeringPack(two, '2026-11-24', 'en'), 'en')).toContain('2 boards not yet released, not included.')
  })

  it('says that it holds no board when none is released yet, instead of calling all of none released', () => {
    const { input } = network()
    input.boards[0]!.facilitation = {}
    const pack = steeringPack(input, '2026-11-24', 'de')
    expect(pack.boards).toEqual([])
    const md = steeringPackMarkdown(pack, 'de')
    expect(md).not.toContain('Alle enthaltenen Boards')
    expect(md).toMatch(/^# Unterlagen für die Steuerungsgruppe: Netzwerk Frühe Hilfen Görlitz\n\n\*\*Noch kein Board zur Weitergabe freigegeben: Diese Unterlagen enthalten keines\.\*\*\n/)
    expect(steeringPackCsv(pack, 'de')).toContain('Noch kein Board zur Weitergabe freigegeben')
    expect(steeringPackMarkdown(steeringPack(input, '2026-11-24', 'en'), 'en')).toContain('**No board is released to be passed on yet: this pack holds none.**')
  })

  it('counts internal boards in the language’s plural', () => {
    expect(internalLine(0, 'de')).toBe('Kein internes Board ausgelassen.')
    expect(internalLine(2, 'de')).toMatch(/^2 interne Boards sind/)
    expect(internalLine(1, 'en')).toMatch(/^1 internal board is/)
  })
})

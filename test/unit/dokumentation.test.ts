/**
 * The Dokumentation of a board, from records built as the report tests build them: the meeting
 * header with those present, the Beschlüsse with the cell they lie in, the Planspiel's case before
 * its scenes, no empty tables, the open items, the release line; as Markdown and CSV.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { dokumentation, dokumentationCsv, dokumentationLayout } from '../../shared/results/dokumentation.ts'
import { layoutMarkdown } from '../../shared/results/layout.ts'
import { build, noteAt, noteInCell } from './templates/helpers.ts'

const board = { id: 'b', title: 'Steuerungsgruppe Łódź' }

function meeting() {
  const protokoll = build('protokoll', { date: '2026-11-24', topics: 2 }).shapes
  const planspiel = build('planspiel', { scenes: 2 }, 'de', { x: 0, y: 8000 }).shapes
  const beschluss = noteInCell(protokoll, 'tops:cell:top1:thema', 'Kita-Randzeiten gemeinsam klären')
  const loose = noteAt(-9000, -9000, 'Parkplatz: Ferienbetreuung')
  const records = [
    ...protokoll,
    ...planspiel,
    noteInCell(protokoll, 'sitzung:cell:sitzung:anwesende', 'Frau Özdemir (Jugendamt)'),
    noteInCell(protokoll, 'sitzung:cell:sitzung:anwesende', 'Herr Łukasz (Jobcenter)', 60),
    beschluss,
    noteInCell(protokoll, 'tops:cell:top1:aufgabe', 'Bedarf bei Trägern abfragen'),
    noteInCell(protokoll, 'tops:cell:top1:wer', 'Herr B., 15.1.'),
    noteInCell(planspiel, 'scene:s1:was', 'Frau Kern geht zum Jobcenter'),
    loose,
  ]
  return { records, beschluss, loose }
}

describe('the Dokumentation of a board', () => {
  it('has the header, the Beschlüsse where they lie, the case first, no empty tables, and is internal until released', () => {
    const { records, beschluss, loose } = meeting()
    const entries = {
      beschluesse: { notes: [beschluss.id, 'shape:deleted', loose.id] },
      meeting: { date: '2026-11-24', place: 'Łódź, Rathaus', moderation: 'Frau Kern' },
    }
    const doc = dokumentation(board, records, entries, '2026-11-25')
    expect(doc.present).toEqual(['Frau Özdemir (Jugendamt)', 'Herr Łukasz (Jobcenter)'])
    expect(doc.beschluesse).toEqual([
      { text: 'Kita-Randzeiten gemeinsam klären', gremium: '', bindewirkung: null, where: 'Protokoll · 24.11.2026 · Tagesordnung · 1 · Thema' },
      { text: 'Parkplatz: Ferienbetreuung', gremium: '', bindewirkung: null, where: null },
    ])
    expect(doc.release).toEqual({ released: false })
    const planspiel = doc.templates.find((t) => t.template === 'planspiel')!
    expect(planspiel.tables[0].title).toBe('Fiktives Fallbeispiel')
    expect(planspiel.tables.map((t) => t.title)).toContain('Spielszenen')
    // Short form: no table nobody wrote in, no empty row.
    const scenes = planspiel.tables.find((t) => t.title === 'Spielszenen')!
    expect(scenes.rows).toHaveLength(1)
    expect(doc.openItems.map((i) => i.what)).toEqual([['Bedarf bei Trägern abfragen']])

    const md = layoutMarkdown(dokumentationLayout(doc, 'de'))
    expect(md).toMatch(/^# Dokumentation: Steuerungsgruppe Łódź\n\n\*\*Intern – noch nicht zur Weitergabe freigegeben\*\*\n/)
    expect(md).toContain('**Datum:** 24.11.2026  \n**Ort:** Łódź, Rathaus  \n**Moderation:** Frau Kern  \n**Anwesend:** Frau Özdemir (Jugendamt), Herr Łukasz (Jobcenter)')
    expect(md).toContain('## Beschlüsse\n\n| Nr. | Beschluss | Gremium | Bindewirkung | Wo |\n| --- | --- | --- | --- | --- |\n| 1 | Kita-Randzeiten gemeinsam klären | Gremium nicht angegeben | Bindewirkung nicht angegeben | Protokoll · 24.11.2026 · Tagesordnung · 1 · Thema |\n| 2 | Parkplatz: Ferienbetreuung | Gremium nicht angegeben | Bindewirkung nicht angegeben | Frei auf dem Board |')
    expect(md.indexOf('### Fiktives Fallbeispiel')).toBeLessThan(md.indexOf('### Spielszenen'))
    // „Wer und bis wann?“ read as both (issue 61).
    expect(md).toContain('| Bedarf bei Trägern abfragen | Herr B., 15.1. | Protokoll · 24.11.2026 |')
    expect(md).not.toMatch(/\| Szene 2 \|/)
  })

  it('says when it was released, in both languages', () => {
    const { records } = meeting()
    const doc = dokumentation(board, records, { release: { released: true, day: '2026-11-26', at: 1 } }, '2026-11-26')
    expect(layoutMarkdown(dokumentationLayout(doc, 'de'))).toContain('**Zur Weitergabe freigegeben am 26.11.2026**')
    expect(dokumentationLayout(doc, 'en').release).toMatch(/^Released to be passed on on /)
    // A release taken back is internal again.
    expect(dokumentation(board, records, { release: { released: false, at: 2 } }, '2026-11-26').release).toEqual({ released: false })
  })

  it('gives the open items as CSV with the release line above them', () => {
    const { records } = meeting()
    const csv = dokumentationCsv(dokumentation(board, records, {}, '2026-11-25'), 'de')
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFIntern – noch nicht zur Weitergabe freigegeben',
      'Was;Wer;Bis wann;Quelle',
      'Bedarf bei Trägern abfragen;Herr B.;15.1.;Protokoll · 24.11.2026',
    ])
  })

  it('leaves out a Beschluss on a Fallkonferenz that holds its case back', () => {
    const fk = build('fallkonferenz', {}).shapes
    const secret = noteInCell(fk, 'fall:cell:problem:inhalt', 'Wohnungsverlust droht')
    const records: TLShape[] = [...fk, secret]
    const doc = dokumentation(board, records, { beschluesse: { notes: [secret.id] } }, '2026-11-25')
    expect(doc.beschluesse).toEqual([])
    expect(layoutMarkdown(dokumentationLayout(doc, 'de'))).not.toContain('Wohnungsverlust')
  })
})

/**
 * Netzwerkregeln und Kooperationsvereinbarung (H 4.3.9, 6.2.3, 3.3.3; L 5.2.4, 5.2.5): the rule
 * areas as rows with who watches over each and when it is reviewed, per organisation what it
 * brings in and how you work together, the adoption and the next joint review; rules someone is
 * to watch and the next review are open items of the report.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import { netzwerkregelnCells as nr } from '../../../shared/templates/netzwerkregeln.ts'
import { gruendungsveranstaltungCells as gv } from '../../../shared/templates/gruendungsveranstaltung.ts'
import { templates } from '../../../shared/templates/registry.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Netzwerk' }
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!)
const tablesOf = (records: TLShape[]) => exportBoard(board, records).templates[0].tables

describe('Netzwerkregeln', () => {
  it.each(['de', 'en'] as Locale[])('is valid, locked and free of overlaps (%s)', (locale) => {
    const { plan, shapes } = build('netzwerkregeln', {}, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
  })

  it('has a row per rule area H 4.3.9 names, each with who watches over it and when it is reviewed', () => {
    const { shapes } = build('netzwerkregeln', {})
    const areas = shapes
      .filter((s) => /^regeln:row:\w+$/.test(keyOf(s) ?? ''))
      .sort((a, b) => a.y - b.y)
      .map((s) => shapeText(s))
    expect(areas).toEqual([
      'Teilhabe',
      'Entscheidungen',
      'Arbeitsgruppen',
      'Ziele und Berichte',
      'Dokumentation',
      'Vertraulichkeit, Konkurrenz',
      'Öffentlichkeit',
      'Treffen, Koordination',
      'Bindewirkung',
      'Architektur',
    ])
    expect(['regel', 'vereinbartAm', 'verbindlichkeit', 'wer', 'ueberpruefung'].map((col) => text(shapes, `regeln:head:${col}`))).toEqual([
      'Regel: so machen wir es',
      'Vereinbart am',
      'Verbindlichkeit',
      'Wer achtet darauf?',
      'Überprüfung am',
    ])
    // The question of each area stands in the corner of the cell it is answered in.
    const teilhabe = shapes.find((s) => keyOf(s) === 'regeln:cell:teilhabe:regel')!
    expect(JSON.stringify(teilhabe.props)).toContain('Wie kommt man hinzu, wie geht man?')
  })

  it('has the rule rows the founding event’s first rules are carried into', () => {
    const { shapes } = build('netzwerkregeln', {})
    for (const row of Object.values(gv.regeln.rows)) {
      expect(Object.values(nr.regeln.rows)).toContain(row)
      expect(shapes.some((s) => keyOf(s) === `${nr.regeln.section}:cell:${row}:${nr.regeln.col.regel}`)).toBe(true)
    }
  })

  it('asks per organisation what it brings in and not, its contact, exchange, data protection and feedback in conflicts', () => {
    const { shapes } = build('netzwerkregeln', { partners: ['Jobcenter', 'Jugendamt'] })
    const records = [
      ...shapes,
      noteInCell(shapes, 'partner:cell:p1:bringt', 'Beratung nach § 16 SGB VIII'),
      noteInCell(shapes, 'partner:cell:p0:datenschutz', 'Nur mit Einwilligung'),
    ]
    const partners = tablesOf(records).find((t) => t.title === 'Was jede Organisation einbringt')!
    expect(partners.columns).toEqual([
      'Organisation',
      'Bringt ein: Aufgaben, Mittel',
      'Bringt nicht ein',
      'Ansprechperson',
      'Hospitation, Fortbildung?',
      'Einzelfälle: wie schützen wir die Daten?',
      'Rückmeldung bei Konflikten',
    ])
    expect(partners.rows.map((r) => r[0][0])).toEqual(['Jobcenter', 'Jugendamt'])
    expect(partners.rows[1][1]).toEqual(['Beratung nach § 16 SGB VIII'])
    expect(partners.rows[0][5]).toEqual(['Nur mit Einwilligung'])
  })

  it('grows by a rule and by a partner (offering the board’s partners), notes staying in their cells', () => {
    const actions = templates.netzwerkregeln.actions
    expect(actions.map((a) => a.id)).toEqual(['addRule', 'addPartner'])
    expect(actions.find((a) => a.id === 'addPartner')!.offersPartners).toBe(true)
    const { shapes } = build('netzwerkregeln', {})
    const note = noteInCell(shapes, 'regeln:cell:treffen:regel', 'Alle sechs Wochen')
    const { next } = grow([...shapes, note], 'addRule')
    expectTidy(next.filter((s) => s.id !== note.id))
    expect(next.some((s) => keyOf(s) === 'regeln:cell:r1:regel')).toBe(true)
    const grown = grow(next, 'addPartner', 'Familienzentrum').next
    expect(grown.some((s) => shapeText(s) === 'Familienzentrum' && scaffoldMeta(s)?.kind === 'header')).toBe(true)
    const rules = tablesOf(grown).find((t) => t.title === 'Regeln für die Zusammenarbeit')!
    expect(rules.rows.find((r) => r[0][0] === 'Treffen, Koordination')![1]).toEqual(['Alle sechs Wochen'])
  })

  it('exports the form of the agreement and its date as facts', () => {
    const { shapes } = build('netzwerkregeln', { form: 'vereinbarung', date: '2026-11-24' })
    expect(exportBoard(board, shapes).templates[0].facts).toEqual([
      { label: 'Verbindlichkeit der Vereinbarung', value: 'Schriftliche Kooperationsvereinbarung' },
      { label: 'Stand', value: '24.11.2026' },
    ])
    expect(() => build('netzwerkregeln', { form: 'handschlag' })).toThrow()
  })

  it('lists a rule due for review (named by its area) and the next joint review as open items; a rule someone merely watches over is not', () => {
    const { shapes } = build('netzwerkregeln', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'regeln:cell:teilhabe:regel', 'Eintritt auf Beschluss des Plenums'),
      noteInCell(shapes, 'regeln:cell:treffen:regel', 'Alle sechs Wochen'),
      noteInCell(shapes, 'regeln:cell:treffen:wer', 'Koordination'),
      noteInCell(shapes, 'regeln:cell:vertraulichkeit:regel', 'Fälle nur anonym'),
      noteInCell(shapes, 'regeln:cell:vertraulichkeit:wer', 'Koordination'),
      noteInCell(shapes, 'regeln:cell:vertraulichkeit:ueberpruefung', 'Juni 2027'),
      noteInCell(shapes, 'beschluss:cell:beschluss:naechste', 'Regeln im Plenum durchsehen, Mai'),
      noteInCell(shapes, 'beschluss:cell:beschluss:wer', 'Koordination'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2026-11-24')
    expect(report.openItems.map(({ what, who, when }) => ({ what, who, when }))).toEqual([
      { what: ['Vertraulichkeit, Konkurrenz', 'Fälle nur anonym'], who: ['Koordination'], when: ['Juni 2027'] },
      { what: ['Regeln im Plenum durchsehen, Mai'], who: ['Koordination'], when: [] },
    ])
  })

  // H 3.2.8: where partners compete, network and coordination see to transparency; H 4.3.9 asks
  // how in-house decisions reach the network (and so how its results reach the Häuser); H 2.2.2:
  // partners get to know each other's work through Hospitationen (and, H 6.x, shared training).
  it('asks who lays competition open, how decisions travel between network and Häuser, and for Hospitationen', () => {
    const { shapes } = build('netzwerkregeln', {})
    const label = (key: string) => shapeText(shapes.find((s) => scaffoldMeta(s)?.key === key)!) ?? ''
    expect(label('regeln:cell:vertraulichkeit:regel')).toContain('Wo wir konkurrieren: transparent?')
    expect(label('regeln:cell:entscheidungen:regel')).toContain('im Haus')
    expect(label('regeln:cell:bindung:regel')).toContain('ins Haus')
    expect(label('partner:head:austausch')).toContain('Hospitation')
    expect(label('partner:head:austausch')).toContain('Fortbildung')
    const en = build('netzwerkregeln', {}, 'en').shapes
    expect(shapeText(en.find((s) => scaffoldMeta(s)?.key === 'partner:head:austausch')!)).toContain('Shadowing')
  })
})

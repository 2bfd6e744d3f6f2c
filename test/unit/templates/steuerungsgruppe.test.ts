/**
 * Steuerungsgruppen-Sitzung (H 4.2.2, 4.3.3): the working groups' reports, the questions put
 * before the group (declared as Entscheidungsbedarf for the pack), its decisions with whom they
 * bind and how, its releases with their Verteiler, and tasks with Wer / Bis wann / Erledigt?.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { steuerungsgruppe, steuerungsgruppeCells as cells } from '../../../shared/templates/steuerungsgruppe.ts'
import { cellKey } from '../../../shared/templates/table.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Steuerungsgruppe' }
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!) ?? ''
const keys = (shapes: TLShape[]) => new Set(shapes.map(keyOf))
const task = (n: number, col: string) => cellKey(cells.aufgaben.section, cells.aufgaben.row(n), col)

describe('Steuerungsgruppen-Sitzung', () => {
  it.each([
    [{}, 'de'],
    [{}, 'en'],
    [{ date: '2027-02-03', reports: 12, needs: 16, decisions: 16, releases: 12, tasks: 20 }, 'de'],
    [{ reports: 1, needs: 1, decisions: 1, releases: 1, tasks: 1 }, 'en'],
  ] as [unknown, Locale][])('builds a valid layout without overlaps for %j (%s)', (options, locale) => {
    const { plan, shapes } = build('steuerungsgruppe', options, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
  })

  it('holds reports, questions for decision, decisions, releases and tasks, each a table of the export', () => {
    const { shapes } = build('steuerungsgruppe', { date: '2027-02-03' })
    expect(text(shapes, 'title')).toBe('Steuerungsgruppen-Sitzung · 03.02.2027')
    const tables = exportBoard(board, shapes).templates[0].tables.map((t) => t.title)
    expect(tables).toEqual(expect.arrayContaining(['Sitzung', 'Berichte der Fachgruppen', 'Entscheidungsbedarf', 'Beschlüsse', 'Freigaben', 'Aufgaben']))
    // A decision says whom it binds and how; a release for whom and on what it rests.
    expect(text(shapes, 'beschluesse:head:giltFuer:prompt')).toMatch(/Gesamtnetzwerk[^]*Fachgruppe[^]*Steuerungsgruppe/)
    expect(text(shapes, 'beschluesse:head:verbindlichkeit')).toBe('Verbindlichkeit')
    expect(text(shapes, 'beschluesse:head:verbindlichkeit:prompt')).toMatch(/vorbehaltlich der Häuser[^]*Empfehlung/)
    expect(text(shapes, 'freigaben:head:fuerWen:prompt')).toMatch(/Verteiler/)
    expect(text(shapes, 'freigaben:head:grundlage:prompt')).toMatch(/Regel[^]*Beschluss/)
    expect(['aufgabe', 'wer', 'bisWann', 'erledigt'].map((col) => text(shapes, `aufgaben:head:${col}`))).toEqual(['Was ist zu tun?', 'Wer', 'Bis wann', 'Erledigt?'])
  })

  it('ticks the decision makers among those present (H 4.3.1) and names the question a Beschluss answers', () => {
    const { shapes } = build('steuerungsgruppe', {})
    expect(text(shapes, 'sitzung:head:anwesende:prompt')).toMatch(/✓ wer für sein Haus entscheiden darf/)
    expect(text(shapes, 'beschluesse:head:frage')).toBe('Zu Frage Nr.')
    const en = build('steuerungsgruppe', {}, 'en').shapes
    expect(text(en, 'sitzung:head:anwesende:prompt')).toMatch(/✓ who may decide for it/)
  })

  it('keeps the network’s resources a standing item of every meeting (H 6.1): what its work costs, who gives staff, money, rooms', () => {
    const { shapes } = build('steuerungsgruppe', {})
    const resources = cellKey(cells.sitzung.section, cells.sitzung.row, cells.sitzung.col.ressourcen)
    expect(text(shapes, 'sitzung:head:ressourcen')).toBe('Ressourcen')
    expect(text(shapes, 'sitzung:head:ressourcen:prompt')).toMatch(/Was kostet die Netzwerkarbeit\?[^]*Personal, Geld, Räume/)
    const en = build('steuerungsgruppe', {}, 'en').shapes
    expect(text(en, 'sitzung:head:ressourcen')).toBe('Resources')
    expect(text(en, 'sitzung:head:ressourcen:prompt')).toMatch(/What does the network’s work cost\?[^]*staff, money, rooms/)
    // What the group writes there is in the meeting's table of the export, beside who chaired.
    const records = [...shapes, noteInCell(shapes, resources, 'Jobcenter: 10 Std. Koordination bis 12/2027')]
    const meeting = exportBoard(board, records).templates[0].tables.find((t) => t.title === 'Sitzung')!
    expect(meeting.columns.slice(-4)).toEqual(['Sitzungsleitung', 'Anwesende', 'Protokoll', 'Ressourcen'])
    expect(meeting.rows[0].at(-1)).toEqual(['Jobcenter: 10 Std. Koordination bis 12/2027'])
  })

  it('declares its Entscheidungsbedarf for the pack, by a section its layout has', () => {
    expect(steuerungsgruppe.decisionNeeds).toEqual([{ section: cells.bedarf.section, what: [cells.bedarf.col.frage] }])
    expect(keys(build('steuerungsgruppe', {}).shapes).has(cellKey(cells.bedarf.section, cells.bedarf.row(1), cells.bedarf.col.frage))).toBe(true)
  })

  it('lists a task with who and by when as open; once „Erledigt?“ holds a date it is no longer open, but a „nein“ keeps it', () => {
    const { shapes } = build('steuerungsgruppe', {})
    const records = [
      ...shapes,
      noteInCell(shapes, task(1, 'aufgabe'), 'Kooperationsvereinbarung in die Häuser geben'),
      noteInCell(shapes, task(1, 'wer'), 'Frau Albers'),
      noteInCell(shapes, task(1, 'bisWann'), '15.3.'),
      noteInCell(shapes, task(2, 'aufgabe'), 'Raum für den Fachtag buchen'),
      noteInCell(shapes, task(2, 'erledigt'), '20.2. HK'),
      noteInCell(shapes, task(3, 'aufgabe'), 'Statusbericht AG Kinderbetreuung anfordern'),
      noteInCell(shapes, task(3, 'erledigt'), 'nein'),
      // A question for decision is not a task.
      noteInCell(shapes, cellKey(cells.bedarf.section, cells.bedarf.row(1), cells.bedarf.col.frage), 'Gemeinsamer Laufzettel für alle Stellen?'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2027-02-03')
    expect(report.openItems.map((item) => [item.what, item.who, item.when])).toEqual([
      [['Kooperationsvereinbarung in die Häuser geben'], ['Frau Albers'], ['15.3.']],
      [['Statusbericht AG Kinderbetreuung anfordern'], [], []],
    ])
  })

  it('grows each table by a row; notes stay in their cells', () => {
    const { shapes } = build('steuerungsgruppe', {})
    let records = [...shapes, noteInCell(shapes, 'berichte:cell:b2:ergebnis', 'Laufzettel in drei Stellen erprobt')]
    for (const action of steuerungsgruppe.actions.map((a) => a.id)) records = grow(records, action).next
    for (const key of ['berichte:cell:b4:fachgruppe', 'entscheidungsbedarf:cell:e4:frage', 'beschluesse:cell:d4:beschluss', 'freigaben:cell:f3:was', 'aufgaben:cell:a4:erledigt'])
      expect(keys(records).has(key), key).toBe(true)
    expectTidy(records.filter((s) => s.type !== 'note'))
    const reports = exportBoard(board, records).templates[0].tables.find((t) => t.title === 'Berichte der Fachgruppen')!
    expect(reports.rows[1][2]).toEqual(['Laufzettel in drei Stellen erprobt'])
  })
})

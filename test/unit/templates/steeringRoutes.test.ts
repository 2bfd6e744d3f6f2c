/**
 * Carry routes into the Steuerungsgruppen-Sitzung (shared/results/routes/steuerungsgruppe.ts): a
 * working group's Statusbericht arrives as one Bericht, in one row of its own; the service chain's
 * „Was muss sich ändern?“ and the Fallkonferenz's „Grundsätzlich klären“ arrive as
 * Entscheidungsbedarf, the latter only once its confirmations are recorded.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { carryRoutes, planCarry, type CarryRoute, type SourceNote, type TargetNote } from '../../../shared/results/carryOver.ts'
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import type { CellRef } from '../../../shared/board/scaffoldMeta.ts'
import type { ExportCell, Instance, InstanceView } from '../../../shared/templates/definition.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'
import { shapeText, templateViews } from '../../../shared/results/export.ts'
import { carrySources } from '../../../shared/results/carrySource.ts'
import { fallkonferenzCells } from '../../../shared/templates/fallkonferenz.ts'
import { completeConsent, recordedFor } from '../../helpers/consentRecords.ts'
import { build, noteInCell } from './helpers.ts'

const route = (id: string) => {
  const found = carryRoutes.find((r) => r.id === id)
  if (!found) throw new Error(`no route ${id}`)
  return found
}

function cellsOf(name: TemplateName, options: unknown = {}): Map<string, CellRef> {
  const blocks = planTemplate(name, options, 'de').layout.blocks
  return new Map(blocks.flatMap((b) => (b.kind === 'cell' && b.cell ? [[b.key, b.cell] as const] : [])))
}
const keysOf = (name: TemplateName, options: unknown = {}) => new Set(planTemplate(name, options, 'de').layout.blocks.map((b) => b.key))

let counter = 0
function noteIn(cells: Map<string, CellRef>, key: string, text: string): SourceNote {
  const cell = cells.get(key)
  if (!cell) throw new Error(`no cell ${key}`)
  return { id: `n${++counter}`, text, cell }
}

/** The source as its export gate reads it: its cells with their notes. */
function viewOf(notes: SourceNote[]): InstanceView {
  const cells = new Map<string, ExportCell>()
  for (const note of notes) {
    const key = JSON.stringify([note.cell.section, note.cell.row, note.cell.col])
    const cell = cells.get(key) ?? { ref: note.cell, shape: {} as TLShape, notes: [] }
    cell.notes.push(note.text)
    cells.set(key, cell)
  }
  const unread = () => undefined
  return { instance: {} as Instance, cells: [...cells.values()], shapes: new Map(), bindings: [], boundsOf: unread, textOf: unread, cellOf: unread }
}

function carry(r: CarryRoute, sourceNotes: SourceNote[], targetNotes: TargetNote[] = [], sourceInstance = 'src') {
  return planCarry(r, { sourceInstance, sourceNotes, sourceView: viewOf(sourceNotes), targetKeys: keysOf(r.to), targetNotes, targetOptions: {}, targetLocale: 'de' })
}
const placed = (plan: ReturnType<typeof carry>) => plan.planned.map((p) => [p.cellKey, p.text])

describe('routes into the Steuerungsgruppen-Sitzung', () => {
  const sb = cellsOf('statusbericht')
  const report = (group: string) => [
    noteIn(sb, 'bericht:cell:bericht:projekt', group),
    noteIn(sb, 'bericht:cell:bericht:zeitraum', 'Jan.–März 2027'),
    noteIn(sb, 'ergebnis:cell:ergebnis:erreicht', `${group}: Laufzettel in drei Stellen erprobt`),
    noteIn(sb, 'ergebnis:cell:ergebnis:beurteilung', 'Rückmeldungen kommen spät'),
    noteIn(sb, 'ergebnis:cell:ergebnis:konsequenzen', 'Rückmeldefrist von zwei Wochen vereinbaren'),
    // What was planned and done stays in the report; the steering group hears its outcome.
    noteIn(sb, 'aktivitaeten:cell:a1:geplant', 'Laufzettel entwerfen'),
  ]

  it('carries a Statusbericht as one Bericht: group and period, result, assessment, consequences in one row', () => {
    expect(placed(carry(route('report-steering'), report('AG Laufzettel')))).toEqual([
      ['berichte:cell:b1:fachgruppe', 'AG Laufzettel'],
      ['berichte:cell:b1:fachgruppe', 'Jan.–März 2027'],
      ['berichte:cell:b1:ergebnis', 'AG Laufzettel: Laufzettel in drei Stellen erprobt'],
      ['berichte:cell:b1:beurteilung', 'Rückmeldungen kommen spät'],
      ['berichte:cell:b1:konsequenzen', 'Rückmeldefrist von zwei Wochen vereinbaren'],
    ])
  })

  it('puts a second group’s report into the next row, and none into a row someone wrote in', () => {
    const first = carry(route('report-steering'), report('AG Laufzettel'), [], 'sb1')
    const there: TargetNote[] = [...first.planned, { cellKey: 'berichte:cell:b2:beurteilung', text: 'Von Hand: AG Wohnen berichtet mündlich' }]
    const second = carry(route('report-steering'), report('AG Kinderbetreuung'), there, 'sb2')
    expect(new Set(second.planned.map((p) => p.cellKey.split(':')[2]))).toEqual(new Set(['b3']))
    // Every row taken: not mixed into another group's report, counted instead.
    const full: TargetNote[] = [1, 2, 3].map((n) => ({ cellKey: `berichte:cell:b${n}:ergebnis`, text: `Bericht ${n}` }))
    const none = carry(route('report-steering'), report('AG Wohnen'), full, 'sb3')
    expect(none.planned).toEqual([])
    expect(none.unassigned).toBe(5)
  })

  it('carries the chain’s „Was muss sich ändern?“ as Entscheidungsbedarf, one question per row', () => {
    const dk = cellsOf('dienstleistungskette')
    const notes = [
      noteIn(dk, 'vergleich:cell:v1:aendert', 'Kita-Plätze für Randzeiten gemeinsam beantragen'),
      noteIn(dk, 'vergleich:cell:v2:aendert', 'Ein Erstgespräch statt drei'),
      noteIn(dk, 'vergleich:cell:v2:ist', 'Drei Erstgespräche'),
    ]
    expect(placed(carry(route('chain-decisions'), notes))).toEqual([
      ['entscheidungsbedarf:cell:e1:frage', 'Kita-Plätze für Randzeiten gemeinsam beantragen'],
      ['entscheidungsbedarf:cell:e2:frage', 'Ein Erstgespräch statt drei'],
    ])
  })

  it('carries a Fallkonferenz’s „Grundsätzlich klären“ only once its confirmations are recorded', () => {
    // Read as the board reads it when carrying: the export's view of the template, with the board's record.
    const { shapes } = build('fallkonferenz', { pseudonym: 'FK-2026-11-25-1', date: '2026-11-25' })
    const principle = noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:verfahren', 'Wer lädt zur Fallkonferenz ein?')
    const gap = noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:luecke', 'Keine Beratung am Samstag')
    // A remark in the confirmation cells, as the old gate read a yes: it releases nothing.
    const said = fallkonferenzCells.consentRows.map((row) => noteInCell(shapes, `einverstaendnis:cell:${row}:bestaetigt`, 'ja'))
    const records = [...shapes, principle, gap, ...said]
    const carryWith = (consent: unknown) => {
      const [{ instance, view }] = templateViews(records, consent)
      const sourceNotes = [principle, gap].map((n): SourceNote => ({ id: n.id, text: shapeText(n)!, cell: view.cellOf(n)!.ref }))
      return planCarry(route('case-decisions'), { sourceInstance: instance.instance, sourceNotes, sourceView: view, targetKeys: keysOf('steuerungsgruppe'), targetNotes: [], targetOptions: {}, targetLocale: 'de' })
    }
    for (const consent of [undefined, recordedFor(shapes, { ...completeConsent, entbindung: 'muendlich' })]) {
      const held = carryWith(consent)
      expect(held.planned).toEqual([])
      expect(held.held?.de).toMatch(/fehlen noch Bestätigungen/)
    }
    // Recorded: the question alone, not the gap (that goes to the chain).
    expect(placed(carryWith(recordedFor(shapes)))).toEqual([['entscheidungsbedarf:cell:e1:frage', 'Wer lädt zur Fallkonferenz ein?']])
    // From another board: the carry source the relay reads with the record offers it, without the record it holds it.
    const [source] = carrySources(records, undefined, recordedFor(shapes))
    const across = planCarry(route('case-decisions'), { sourceInstance: source.instance, sourceBoard: 'fall', sourceNotes: source.notes, sourceHeld: source.held, targetKeys: keysOf('steuerungsgruppe'), targetNotes: [] })
    expect(placed(across)).toEqual([['entscheidungsbedarf:cell:e1:frage', 'Wer lädt zur Fallkonferenz ein?']])
    const [unrecorded] = carrySources(records)
    expect(planCarry(route('case-decisions'), { sourceInstance: unrecorded.instance, sourceBoard: 'fall', sourceNotes: unrecorded.notes, sourceHeld: unrecorded.held, targetKeys: keysOf('steuerungsgruppe'), targetNotes: [] }).planned).toEqual([])
  })

  it('carries a theme of the Fallübergreifende Zusammenschau found in two cases or more as Entscheidungsbedarf (R), saying in how many', () => {
    const fm = cellsOf('fallmatrix')
    const theme = (row: string) => [...fm.values()].find((ref) => ref.row === row)!.rowLabel
    const notes = [noteIn(fm, 'matrix:cell:th0:f1', 'x'), noteIn(fm, 'matrix:cell:th0:f2', 'x'), noteIn(fm, 'matrix:cell:th1:f2', 'x')]
    expect(placed(carry(route('matrix-steering'), notes))).toEqual([['entscheidungsbedarf:cell:e1:frage', `${theme('th0')} (2 Fälle)`]])
  })

  it('carries a Beschluss of the Steuerungsgruppe into an Arbeitsauftrag’s „Beauftragung“, saying who gave it and when', () => {
    const sg = cellsOf('steuerungsgruppe')
    const notes = [
      noteIn(sg, 'beschluesse:cell:d1:beschluss', 'Die AG Kinderbetreuung erarbeitet bis Juni ein Randzeitenkonzept'),
      // Its Verbindlichkeit and the question it answers stay in the Sitzung.
      noteIn(sg, 'beschluesse:cell:d1:verbindlichkeit', 'gilt'),
    ]
    const plan = planCarry(route('decision-order'), { sourceInstance: 'sg', sourceNotes: notes, sourceView: viewOf(notes), sourceOptions: { date: '2027-03-03' }, targetKeys: keysOf('arbeitsauftrag'), targetNotes: [], targetOptions: {}, targetLocale: 'de' })
    expect(placed(plan)).toEqual([['auftrag:cell:beauftragung:inhalt', 'Beschluss der Steuerungsgruppe · 03.03.2027: Die AG Kinderbetreuung erarbeitet bis Juni ein Randzeitenkonzept']])
  })
})

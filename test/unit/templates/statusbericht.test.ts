/**
 * Statusbericht (H, Anlage Statusbericht; H 3.3.4 on the Zielsystem): the columns as the
 * handbook's form names them („Beurteilung u. Auswertung“), and the Geplantes Ergebnis with its
 * Indikatoren carried from the Zielsystem's Teilziele, so that the report's reader judges the
 * result reached by the measure the network agreed on, not by one written afresh.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { carryRoutes, planCarry, type CarryRoute, type SourceNote, type TargetNote } from '../../../shared/results/carryOver.ts'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import type { CellRef } from '../../../shared/board/scaffoldMeta.ts'
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import { statusberichtCells as bericht } from '../../../shared/templates/statusbericht.ts'
import { cellKey } from '../../../shared/templates/table.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!) ?? ''
const geplant = cellKey(bericht.head.section, bericht.head.row, bericht.head.col.geplant)
const indikatoren = cellKey(bericht.head.section, bericht.head.row, bericht.head.col.indikatoren)

const route = (): CarryRoute => {
  const found = carryRoutes.find((r) => r.from === 'zielsystem' && r.to === 'statusbericht' && r.id === 'subgoals-result-report')
  if (!found) throw new Error('no route from the Zielsystem’s Teilziele into the Statusbericht')
  return found
}
const zielsystem = new Map(
  planTemplate('zielsystem', { subgoals: 3, projectGoals: 2, servesGoal: [1, 2, 2] }, 'de').layout.blocks.flatMap((b) =>
    b.kind === 'cell' && b.cell ? [[b.key, b.cell] as const] : [],
  ),
)
let counter = 0
const noteIn = (key: string, words: string): SourceNote => {
  const cell: CellRef | undefined = zielsystem.get(key)
  if (!cell) throw new Error(`no cell ${key}`)
  return { id: `z${++counter}`, text: words, cell }
}
const carry = (notes: SourceNote[], written: TargetNote[] = [], locale: Locale = 'de', targetKeys = new Set(planTemplate('statusbericht', {}, locale).layout.blocks.map((b) => b.key))) =>
  planCarry(route(), {
    sourceInstance: 'ziele',
    sourceNotes: notes,
    targetKeys,
    targetNotes: written,
    targetLocale: locale,
  })

describe('Statusbericht', () => {
  it.each([
    [{}, 'de'],
    [{}, 'en'],
    [{ activities: 20 }, 'de'],
  ] as [unknown, Locale][])('builds a valid layout without overlaps for %j (%s)', (options, locale) => {
    const { plan, shapes } = build('statusbericht', options, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
  })

  it('names the judgement column as the handbook’s form does, under its old key', () => {
    expect(text(build('statusbericht', {}).shapes, 'ergebnis:head:beurteilung')).toBe('Beurteilung u. Auswertung')
    expect(text(build('statusbericht', {}, 'en').shapes, 'ergebnis:head:beurteilung')).toBe('Assessment and evaluation')
    const { shapes } = build('statusbericht', {})
    const records = [...shapes, noteInCell(shapes, 'ergebnis:cell:ergebnis:beurteilung', 'Ziel knapp verfehlt')]
    const outcome = exportBoard({ id: 'b', title: 'Bericht' }, records).templates[0].tables.find((t) => t.title === 'Ergebnis')!
    expect(outcome.columns).toEqual(['', 'Erreichtes Ergebnis', 'Beurteilung u. Auswertung', 'Konsequenzen'])
    expect(outcome.rows[0][2]).toEqual(['Ziel knapp verfehlt'])
  })

  it('asks for the Indikatoren beside the Geplantes Ergebnis, in both languages', () => {
    const de = build('statusbericht', {}).shapes
    expect([text(de, 'bericht:head:geplant'), text(de, 'bericht:head:indikatoren')]).toEqual(['Geplantes Ergebnis', 'Indikatoren'])
    const en = build('statusbericht', {}, 'en').shapes
    expect([text(en, 'bericht:head:geplant'), text(en, 'bericht:head:indikatoren')]).toEqual(['Planned result', 'Indicators'])
    expect(de.some((s) => keyOf(s) === indikatoren)).toBe(true)
  })

  it('carries each Teilziel as the Geplantes Ergebnis and its Indikatoren beside it, each naming its Teilziel; no activity, no goal above', () => {
    const notes = [
      noteIn('ziele:cell:t2:beschreibung', 'Betreuung in Randzeiten ist gesichert'),
      noteIn('ziele:cell:t2:indikatoren', '20 Plätze am Abend bis 12/2027'),
      noteIn('ziele:cell:t1:beschreibung', 'Beratung aus einer Hand'),
      noteIn('ziele:cell:t1:indikatoren', 'Wartezeit unter zwei Wochen'),
      noteIn('ziele:cell:t1:quellen', 'Statistik des Jobcenters'),
      noteIn('ziele:cell:a1:beschreibung', 'Gemeinsame Sprechstunde einrichten'),
      noteIn('ziele:cell:projektziel:beschreibung', 'Alleinerziehende finden Arbeit'),
      noteIn('ziele:cell:oberziel:beschreibung', 'Vereinbarkeit ist verbessert'),
    ]
    const plan = carry(notes)
    expect(plan.unassigned).toBe(0)
    expect(plan.planned.map((p) => [p.cellKey, p.text])).toEqual([
      [geplant, 'Teilziel 1: Beratung aus einer Hand'],
      [indikatoren, 'Teilziel 1: Wartezeit unter zwei Wochen'],
      [geplant, 'Teilziel 2: Betreuung in Randzeiten ist gesichert'],
      [indikatoren, 'Teilziel 2: 20 Plätze am Abend bis 12/2027'],
    ])
    expect(carry(notes.slice(0, 2), [], 'en').planned.map((p) => p.text)).toEqual(['Sub-goal 2: Betreuung in Randzeiten ist gesichert', 'Sub-goal 2: 20 Plätze am Abend bis 12/2027'])
  })

  it('gives a report made before „Indikatoren“ existed the indicators with its Geplantes Ergebnis, named as such', () => {
    const before = new Set([...planTemplate('statusbericht', {}, 'de').layout.blocks.map((b) => b.key)].filter((key) => !key.includes('indikatoren')))
    const notes = [noteIn('ziele:cell:t2:beschreibung', 'Betreuung in Randzeiten ist gesichert'), noteIn('ziele:cell:t2:indikatoren', '20 Plätze am Abend')]
    const plan = carry(notes, [], 'de', before)
    expect(plan.unassigned).toBe(0)
    expect(plan.planned.map((p) => [p.cellKey, p.text])).toEqual([
      [geplant, 'Teilziel 2: Betreuung in Randzeiten ist gesichert'],
      [geplant, 'Teilziel 2, Indikator: 20 Plätze am Abend'],
    ])
  })

  it('adds nothing when carried twice and keeps what the group wrote there', () => {
    const notes = [noteIn('ziele:cell:t3:beschreibung', 'Arbeitgeber kennen das Netzwerk'), noteIn('ziele:cell:t3:indikatoren', '10 Betriebe beraten')]
    const written: TargetNote[] = [{ cellKey: geplant, text: 'Von Hand: Wegweiser gedruckt' }]
    const first = carry(notes, written)
    expect(first.planned).toHaveLength(2)
    const after = [...written, ...first.planned.map(({ cellKey: key, text: words, from }) => ({ cellKey: key, text: words, from }))]
    expect(carry(notes, after).planned).toEqual([])
  })
})

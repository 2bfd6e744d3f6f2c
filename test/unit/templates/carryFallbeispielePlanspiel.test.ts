/**
 * A case written with „Fallbeispiele erstellen“ is what the Planspiel plays (H 4.3.4 „Anhand des
 * Fallbeispiels …“, H 4.3.5): carried, not retyped. The Planspiel's case card is a text card, and
 * carried Zettel live in cells (their Herkunft, no second copy when carried twice), so a Planspiel
 * with „Eigenes Fallbeispiel“ has a cell for the case's Zettel right under the card; a Planspiel
 * playing one of the handbook's cases says why it takes none. The case leaves the Fallbeispiele
 * only once its own checks say it is invented and nobody recognisable (H 4.3.5).
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { carriedFromKey, carryRoutes, planCarry, type CarryRoute, type SourceNote, type TargetNote } from '../../../shared/results/carryOver.ts'
import { dokumentation } from '../../../shared/results/dokumentation.ts'
import type { CellRef } from '../../../shared/board/scaffoldMeta.ts'
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import { fallbeispieleCells as faelle } from '../../../shared/templates/fallbeispiele.ts'
import { planspielCells as spiel } from '../../../shared/templates/planspiel.ts'
import { cellKey } from '../../../shared/templates/table.ts'
import { build, expectTidy, grow, keyOf, noteInCell } from './helpers.ts'

const route = (): CarryRoute => {
  const found = carryRoutes.filter((r) => r.from === 'fallbeispiele' && r.to === 'planspiel')
  expect(found).toHaveLength(1)
  return found[0]
}

const cells = new Map(planTemplate('fallbeispiele', {}, 'de').layout.blocks.flatMap((b) => (b.kind === 'cell' && b.cell ? [[b.key, b.cell] as const] : [])))
const caseCell = (row: string) => cellKey(faelle.case.section, row, faelle.case.col)
const checkCell = (col: string) => cellKey(faelle.checks.section, faelle.checks.row, col)
let n = 0
const noteIn = (key: string, text: string): SourceNote => {
  const cell: CellRef | undefined = cells.get(key)
  if (!cell) throw new Error(`no cell ${key}`)
  return { id: `shape:f${++n}`, text, cell }
}

const story = () => [
  noteIn(caseCell('lage'), 'Mitte 30, zwei Kinder (3 und 7), Zweizimmerwohnung'),
  noteIn(caseCell('geld'), 'Kein Unterhalt, ergänzend SGB II'),
  noteIn(caseCell('kinder'), 'Kita nur bis 14 Uhr'),
  noteIn(caseCell('kinder'), 'Die Große hat Angst vor der Schule'),
  // What the case shows is the Fallbeispiele's own work, not the case.
  noteIn(cellKey(faelle.uses.section, faelle.uses.rows.schnittstellen, faelle.uses.col.erkenntnis), 'Niemand meldet die Kita-Zusage zurück'),
]
const checked = () => [noteIn(checkCell('erfunden'), 'ja'), noteIn(checkCell('niemand'), '✓ 3.3. MK')]

const ownCase = { case: 'blank' }
const keysOf = (options: unknown) => new Set(planTemplate('planspiel', options, 'de').layout.blocks.map((b) => b.key))
const carry = (sourceNotes: SourceNote[], target: unknown = ownCase, targetNotes: TargetNote[] = []) =>
  planCarry(route(), { sourceInstance: 'fb', sourceNotes, targetKeys: keysOf(target), targetNotes, targetOptions: target, targetLocale: 'de' })

describe('Fallbeispiele → Planspiel: the invented case is the case played', () => {
  it('carries each line of the case, with what it covers, into the case part of a Planspiel with its own case', () => {
    const plan = carry([...story(), ...checked()])
    expect(plan.held).toBeUndefined()
    expect(plan.planned.map((p) => [p.cellKey, p.text])).toEqual([
      [spiel.caseZettel, 'Lebenslage: Mitte 30, zwei Kinder (3 und 7), Zweizimmerwohnung'],
      [spiel.caseZettel, 'Trennung und Geld: Kein Unterhalt, ergänzend SGB II'],
      [spiel.caseZettel, 'Kinder und Betreuung: Kita nur bis 14 Uhr'],
      [spiel.caseZettel, 'Kinder und Betreuung: Die Große hat Angst vor der Schule'],
    ])
  })

  it('carrying twice adds nothing', () => {
    const first = carry([...story(), ...checked()])
    const there: TargetNote[] = first.planned.map((p) => ({ cellKey: p.cellKey, text: p.text, from: p.from }))
    expect(carry([...story(), ...checked()], ownCase, there).planned).toEqual([])
  })

  it('holds the case until its checks say it is invented and nobody recognisable (H 4.3.5)', () => {
    const none = carry(story())
    expect(none.planned).toEqual([])
    expect(none.held?.de).toMatch(/Erfunden/)
    expect(none.held?.de).toMatch(/Niemand erkennbar/)
    const doubt = carry([...story(), noteIn(checkCell('erfunden'), 'ja'), noteIn(checkCell('niemand'), 'noch nicht, die Kita ist zu erkennen')])
    expect(doubt.planned).toEqual([])
    expect(doubt.held?.de).toMatch(/Niemand erkennbar/)
    expect(doubt.held?.de).not.toMatch(/Erfunden/)
    // The check's own words confirm it.
    expect(carry([...story(), noteIn(checkCell('erfunden'), 'Kein realer Fall ✓'), noteIn(checkCell('niemand'), 'keine echten Namen, MK')]).held).toBeUndefined()
  })

  it('a check passes only on a confirmation; a doubt anywhere in it holds the case („auch kein leicht veränderter“ real case, H 4.3.5)', () => {
    const withErfunden = (mark: string) => carry([...story(), noteIn(checkCell('erfunden'), mark), noteIn(checkCell('niemand'), 'ja')])
    for (const doubt of ['Eher nein', 'Leider nicht', 'teilweise, angelehnt an echten Fall', 'nur leicht verändert', 'realer Fall, Namen geändert', 'MK', 'siehe oben']) {
      expect(withErfunden(doubt).held?.de, doubt).toMatch(/Erfunden/)
    }
    for (const confirmed of ['ja', '✓', 'x', 'erfunden', 'Kein realer Fall ✓', 'kein echter Fall', 'ja, frei erfunden – MK 3.3.']) {
      expect(withErfunden(confirmed).held, confirmed).toBeUndefined()
    }
    const withNiemand = (mark: string) => carry([...story(), noteIn(checkCell('erfunden'), 'ja'), noteIn(checkCell('niemand'), mark)])
    expect(withNiemand('niemand erkennbar').held).toBeUndefined()
    expect(withNiemand('die Kita ist zu erkennen').held?.de).toMatch(/Niemand erkennbar/)
  })

  it('a Planspiel playing one of the handbook’s cases takes none, and says how to play one’s own', () => {
    const plan = carry([...story(), ...checked()], { case: 'mietschulden' })
    expect(plan.planned).toEqual([])
    expect(plan.held?.de).toMatch(/Eigenes Fallbeispiel/)
    expect(plan.held?.en).toMatch(/Your own case/)
  })

  it('only a Planspiel with its own case has the case’s cell, beside the card, and the board grows no taller for it', () => {
    const plan = planTemplate('planspiel', ownCase, 'de')
    const blocks = plan.layout.blocks
    const cell = blocks.find((b) => b.key === spiel.caseZettel)
    const card = blocks.find((b) => b.key === 'case')!
    const roles = blocks.find((b) => b.key === 'head:roles')!
    expect(cell?.kind).toBe('cell')
    expect(cell!.y).toBe(card.y)
    expect(cell!.x).toBeGreaterThanOrEqual(card.x + card.w)
    expect(cell!.y + cell!.h).toBeLessThanOrEqual(roles.y)
    expect(keysOf({ case: 'mietschulden' }).has(spiel.caseZettel)).toBe(false)
    // The same roles as a handbook case with as many partners: the same height (its headers as readable).
    const handbook = planTemplate('planspiel', { case: 'mietschulden', organisations: (plan.options as { organisations: string[] }).organisations }, 'de')
    expect(plan.layout.h).toBe(handbook.layout.h)
  })

  it('a Planspiel with its own case from before has no place yet; grown once, it has, tidy', () => {
    const { shapes } = build('planspiel', ownCase)
    // As stored before: no case cell, the card the row's whole width.
    const old = shapes.filter((s) => keyOf(s) !== spiel.caseZettel).map((s) => (keyOf(s) === 'case' ? ({ ...s, props: { ...s.props, w: 900 } } as TLShape) : s))
    const plan = carry([...story(), ...checked()], ownCase)
    const before = planCarry(route(), { sourceInstance: 'fb', sourceNotes: [...story(), ...checked()], targetKeys: new Set(old.flatMap((s) => keyOf(s) ?? [])), targetNotes: [], targetOptions: ownCase, targetLocale: 'de' })
    expect(before.planned).toEqual([])
    expect(before.unassigned).toBe(plan.planned.length)
    const { next } = grow(old, 'addScene')
    expectTidy(next)
    expect(next.some((s) => keyOf(s) === spiel.caseZettel)).toBe(true)
  })

  it('the Dokumentation prints the carried case first; the card’s untouched prompt is no case', () => {
    const { shapes } = build('planspiel', ownCase)
    const carried = (text: string, dy: number): TLShape => {
      const note = noteInCell(shapes, spiel.caseZettel, text, dy)
      return { ...note, meta: { [carriedFromKey]: { instance: 'fb', note: `shape:x${dy}`, route: route().id } } }
    }
    const records = [...shapes, carried('Lebenslage: Mitte 30, zwei Kinder', 0), carried('Kinder und Betreuung: Kita nur bis 14 Uhr', 60)]
    const doc = dokumentation({ id: 'b', title: 'Planspiel im Mai' }, records, {}, '2027-05-04')
    const tables = doc.templates[0].tables
    expect(tables[0].title).toBe('Fiktives Fallbeispiel')
    expect(JSON.stringify(tables.slice(0, 2))).toContain('Lebenslage: Mitte 30, zwei Kinder')
    expect(JSON.stringify(tables.slice(0, 2))).toContain('Kinder und Betreuung: Kita nur bis 14 Uhr')
    expect(JSON.stringify(doc)).not.toContain('Beschreiben Sie hier einen typischen Fall')
  })
})

/**
 * Carrying across boards of one network (shared/results/carrySource.ts, carryOver.ts): what a
 * board offers to carry from it, read from its records as its export reads them (a withheld case
 * stays out); a carried Zettel keeps its board, note and text, so that carrying again adds nothing
 * and "seit der Übernahme geändert" or "in der Quelle gelöscht" can be told; the routes added for
 * the network's process.
 */
import { describe, expect, it } from 'vitest'
import { carriedFrom, carriedState, carryRoutes, maxCarriedText, planCarry, type CarriedFrom, type TargetNote } from '../../../shared/results/carryOver.ts'
import { carrySources } from '../../../shared/results/carrySource.ts'
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import { cellKey } from '../../../shared/templates/table.ts'
import { zielsystemCells as ziele } from '../../../shared/templates/zielsystem.ts'
import { zukunftskonferenzCells as zk } from '../../../shared/templates/zukunftskonferenz.ts'
import { fallkonferenzCells as fall } from '../../../shared/templates/fallkonferenz.ts'
import { gruendungsveranstaltungCells as gruendung } from '../../../shared/templates/gruendungsveranstaltung.ts'
import { laufzettelCells as slips } from '../../../shared/templates/laufzettel.ts'
import { fallmatrixCells as matrix } from '../../../shared/templates/fallmatrix.ts'
import { dienstleistungsketteCells as kette } from '../../../shared/templates/dienstleistungskette.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'
import { build, noteInCell } from './helpers.ts'

const route = (id: string) => carryRoutes.find((r) => r.id === id)!
const keysOf = (name: TemplateName, options: unknown = {}) => new Set(planTemplate(name, options, 'de').layout.blocks.map((b) => b.key))
const actionKey = (col: string) => zk.actions.block(1, col)

describe('what a board offers to carry from it', () => {
  it('lists its templates with the Zettel in their cells, by the cells the templates declare', () => {
    const { shapes } = build('zukunftskonferenz', {})
    const action = noteInCell(shapes, actionKey(zk.actions.col.massnahme), 'Babysitterpool aufbauen')
    const [source] = carrySources([...shapes, action])
    expect(source).toMatchObject({ template: 'zukunftskonferenz', locale: 'de' })
    expect(source.title).toMatch(/^Zukunftskonferenz/)
    expect(source.notes).toEqual([{ id: action.id, text: 'Babysitterpool aufbauen', cell: expect.objectContaining({ section: zk.actions.section, col: zk.actions.col.massnahme }) }])
  })

  it('leaves out what a template’s export gate withholds, and names why, so a carry from it is refused', () => {
    const { shapes } = build('fallkonferenz', {})
    const finding = noteInCell(shapes, cellKey(fall.findings, fall.findingsRow, fall.col.luecke), 'Keine Beratung am Samstag')
    const [source] = carrySources([...shapes, finding])
    expect(source.notes).toEqual([])
    expect(source.held?.reason.de).toMatch(/es fehlen noch Bestätigungen/)
    expect(source.held?.reason.en).toMatch(/confirmations/)
    const plan = planCarry(route('case-gaps'), {
      sourceInstance: source.instance,
      sourceBoard: 'boardA',
      sourceNotes: source.notes,
      sourceHeld: source.held,
      targetKeys: keysOf('dienstleistungskette'),
      targetNotes: [],
    })
    expect(plan).toEqual({ planned: [], unassigned: 0, held: source.held!.reason })
  })
})

describe('a Zettel carried from another board', () => {
  const { shapes } = build('zukunftskonferenz', {})
  const action = noteInCell(shapes, actionKey(zk.actions.col.massnahme), 'Babysitterpool aufbauen')
  const goal = noteInCell(shapes, actionKey(zk.actions.col.ziel), 'Teilziel 2')
  const [source] = carrySources([...shapes, action, goal])
  const targetKeys = keysOf('zielsystem')
  const carry = (targetNotes: TargetNote[], board = 'boardA', notes = source.notes) =>
    planCarry(route('zk-actions-teilziel'), { sourceInstance: source.instance, sourceBoard: board, sourceNotes: notes, targetKeys, targetNotes })

  it('keeps its board, template, note, route and the text it had', () => {
    const { planned } = carry([])
    expect(planned).toEqual([
      {
        cellKey: cellKey(ziele.goals, ziele.aktivitaet(2), ziele.col.beschreibung),
        text: 'Babysitterpool aufbauen',
        from: { board: 'boardA', instance: source.instance, note: action.id, route: 'zk-actions-teilziel', text: 'Babysitterpool aufbauen' },
      },
    ])
    // As the shape's meta keeps it, and reads it back.
    expect(carriedFrom({ carriedFrom: JSON.parse(JSON.stringify(planned[0].from)) })).toEqual(planned[0].from)
  })

  it('adds nothing when carried twice, also once its source was changed; the same instance on another board is another source', () => {
    const once = carry([]).planned.map((p) => ({ cellKey: p.cellKey, text: p.text, from: p.from }))
    expect(carry(once).planned).toEqual([])
    const changed = source.notes.map((n) => (n.id === action.id ? { ...n, text: 'Babysitterpool mit Ehrenamtlichen' } : n))
    expect(carry(once, 'boardA', changed).planned).toEqual([])
    // A copy of board A (its instance ids alike) is not board A.
    expect(carry(once, 'boardC', changed).planned.map((p) => p.text)).toEqual(['Babysitterpool mit Ehrenamtlichen'])
  })

  it('tells whether its source says the same now, something else, or is gone', () => {
    const from: CarriedFrom = carry([]).planned[0].from
    const now = (text?: string) => new Map(text === undefined ? [] : [[action.id, text]])
    expect(carriedState(from, now('Babysitterpool aufbauen'))).toBe('unchanged')
    expect(carriedState(from, now('  babysitterpool   aufbauen '))).toBe('unchanged')
    expect(carriedState(from, now('Babysitterpool mit Ehrenamtlichen'))).toBe('changed')
    expect(carriedState(from, now())).toBe('deleted')
    // A carry from before texts were kept cannot tell a change, only a deletion.
    expect(carriedState({ instance: 'i', note: action.id }, now('anders'))).toBeUndefined()
    // A row's name carried (a need) is no note of its own.
    expect(carriedState({ instance: 'i', note: 'row:b1', text: 'x' }, now())).toBeUndefined()
  })

  it('keeps at most a bounded text in its meta, and still tells no change for a long note', () => {
    const long = 'Wort '.repeat(400).trim()
    const notes = source.notes.map((n) => (n.id === action.id ? { ...n, text: long } : n))
    const [{ from }] = carry([], 'boardA', notes).planned
    expect(from.text!.length).toBe(maxCarriedText)
    expect(carriedState(from, new Map([[action.id, long]]))).toBe('unchanged')
  })
})

describe('routes along the network’s process', () => {
  it('takes the founding event’s expectations for the target group into the Eingang, saying whose, not into a Projektziel', () => {
    const { shapes } = build('gruendungsveranstaltung', {})
    const row = gruendung.round.row(0)
    const expectation = noteInCell(shapes, cellKey(gruendung.round.section, row, gruendung.round.col.zielgruppe), 'Schneller einen Kitaplatz')
    const offer = noteInCell(shapes, cellKey(gruendung.round.section, row, gruendung.round.col.angebot), 'Beratung')
    const [source] = carrySources([...shapes, expectation, offer])
    const plan = planCarry(route('founding-expectations'), {
      sourceInstance: source.instance,
      sourceNotes: source.notes,
      targetKeys: keysOf('zielsystem', { projectGoals: 2 }),
      targetNotes: [],
    })
    const partner = source.notes.find((n) => n.text === 'Schneller einen Kitaplatz')!.cell.rowLabel
    expect(plan.planned.map((p) => [p.cellKey, p.text])).toEqual([[ziele.eingangCell, `${partner} (für die Zielgruppe): Schneller einen Kitaplatz`]])
  })

  it('takes what the review of returned slips taught into the Zusammenschau’s proposals', () => {
    const { shapes } = build('laufzettel', {})
    const lesson = noteInCell(shapes, cellKey(slips.review, slips.slip(1), slips.col.erkenntnis), 'Wohnungslosigkeit')
    const way = noteInCell(shapes, cellKey(slips.review, slips.slip(1), slips.col.weg), 'Jobcenter → Kita')
    const [source] = carrySources([...shapes, lesson, way])
    const plan = planCarry(route('slips-themes'), { sourceInstance: source.instance, sourceNotes: source.notes, targetKeys: keysOf('fallmatrix'), targetNotes: [] })
    expect(plan.planned.map((p) => [p.cellKey, p.text])).toEqual([[matrix.vorschlaege, 'Wohnungslosigkeit']])
  })

  it('takes the Zielsystem’s Projektziele, the benefit at the target group, into the service chain’s Wirkungen, not its other goals', () => {
    const { shapes } = build('zielsystem', { projectGoals: 2 })
    const goal = (row: string, text: string) => noteInCell(shapes, cellKey(ziele.goals, row, ziele.col.beschreibung), text)
    const notes = [
      goal(ziele.oberziel, 'Alleinerziehende leben ohne Armut'),
      goal(ziele.projektziel(1), 'Alleinerziehende finden Hilfe an einer Stelle'),
      goal(ziele.projektziel(2), 'Kinderbetreuung passt zur Arbeit'),
      goal(ziele.teilziel(1), 'Lotsenstelle ist eingerichtet'),
    ]
    const [source] = carrySources([...shapes, ...notes])
    const plan = planCarry(route('goals-effects'), { sourceInstance: source.instance, sourceNotes: source.notes, targetKeys: keysOf('dienstleistungskette'), targetNotes: [] })
    expect(plan.planned.map((p) => [p.cellKey, p.text])).toEqual([
      [kette.wirkungen, 'Alleinerziehende finden Hilfe an einer Stelle'],
      [kette.wirkungen, 'Kinderbetreuung passt zur Arbeit'],
    ])
  })
})

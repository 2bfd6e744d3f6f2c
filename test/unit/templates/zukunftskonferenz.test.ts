import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { GrowRefused } from '../../../shared/templates/instance.ts'
import { findInstances } from '../../../shared/templates/catalogue.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../../shared/locale.ts'
import { zukunftskonferenz, type ZukunftskonferenzOptions } from '../../../shared/templates/zukunftskonferenz.ts'
import { build, cellCentre, expectTidy, grow, noteAt, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Netzwerk Alleinerziehende' }
const keyOf = (s: TLShape) => scaffoldMeta(s)?.key
const shapeByKey = (shapes: TLShape[], key: string) => shapes.find((s) => keyOf(s) === key)!
const plain = (shape: TLShape) => shapeText(shape) ?? ''
const parsed = (options: Partial<ZukunftskonferenzOptions>) => zukunftskonferenz.options.parse(options)

const tableOf = (records: TLShape[], title: string) =>
  exportBoard(board, records).templates[0].tables.find((t) => t.title === title)!

describe('Zukunftskonferenz', () => {
  const combinations: [unknown, Locale][] = [
    [{}, 'de'],
    [{}, 'en'],
    [{ groups: 2, actionRows: 1 }, 'de'],
    [{ groups: 8, actionRows: 30, question: 'W'.repeat(300) }, 'en'],
    [{ groups: 5, question: 'Wie kommen Kinder unter drei gut in die Kita?' }, 'de'],
  ]

  it.each(combinations)('builds valid, tidy, locked scaffold for %j (%s)', (options, locale) => {
    const { plan, shapes } = build('zukunftskonferenz', options, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
    for (const block of plan.layout.blocks.filter((b) => b.kind === 'cell')) {
      expect(block.w, block.key).toBeGreaterThanOrEqual(300)
      expect(block.h, block.key).toBeGreaterThanOrEqual(240)
    }
    expect(plan.layout.blocks[0]).toMatchObject({ key: 'title', x: 0, y: 0 })
  })

  it('shows the five steps numbered from left to right, each with a prompt', () => {
    const { shapes } = build('zukunftskonferenz', {})
    const steps = [1, 2, 3, 4, 5].map((n) => shapeByKey(shapes, `step:${n}`))
    expect(steps.map(plain)).toEqual([
      '1 · Vergangenheit',
      '2 · Gegenwart und Trends',
      '3 · Vision',
      '4 · Gemeinsamkeiten',
      '5 · Maßnahmenplanung',
    ])
    // Each prompt lies on its step's header.
    for (const n of [1, 2, 3, 4, 5]) expect(plain(shapeByKey(shapes, `step:${n}:prompt`)).length).toBeGreaterThan(30)
    expect(steps.map((s) => s.x)).toEqual([...steps.map((s) => s.x)].sort((a, b) => a - b))
    expect(new Set(steps.map((s) => s.y)).size).toBe(1)
  })

  it('starts with four groups, six action rows and a guiding question in the board language', () => {
    const de = build('zukunftskonferenz', {}, 'de')
    const options = de.plan.options as ZukunftskonferenzOptions
    expect(options).toMatchObject({ groups: 4, actionRows: 6 })
    expect(options.question).toContain('Alleinerziehende')
    expect(plain(shapeByKey(de.shapes, 'question'))).toBe(`Leitfrage: ${options.question}`)
    const en = build('zukunftskonferenz', { question: '   ' }, 'en').plan.options as ZukunftskonferenzOptions
    expect(en.question).toContain('single parents')
    const own = build('zukunftskonferenz', { question: '  Wie erreichen wir Väter?  ' })
    expect(plain(shapeByKey(own.shapes, 'question'))).toBe('Leitfrage: Wie erreichen wir Väter?')
    const groups = de.shapes.filter((s) => keyOf(s)?.startsWith('group:'))
    expect(groups.map(plain)).toEqual(['Gruppe 1', 'Gruppe 2', 'Gruppe 3', 'Gruppe 4'])
  })

  it('refuses bad options', () => {
    expect(() => build('zukunftskonferenz', { groups: 1 })).toThrow()
    expect(() => build('zukunftskonferenz', { groups: 9 })).toThrow()
    expect(() => build('zukunftskonferenz', { groups: 2.5 })).toThrow()
    expect(() => build('zukunftskonferenz', { question: 'x'.repeat(301) })).toThrow()
    expect(() => build('zukunftskonferenz', { question: 42 })).toThrow()
    expect(() => build('zukunftskonferenz', { actionRows: 0 })).toThrow()
  })

  it('exports each group per step, the common ground and the action plan', () => {
    const { shapes } = build('zukunftskonferenz', {})
    const at = (key: string, text: string, dy = 0) => noteInCell(shapes, key, text, dy)
    const notes = [
      at('cell:g3:vision', 'Eine Anlaufstelle für alles', -20),
      at('cell:g3:vision', 'Kita auch am Abend', 20),
      at('cell:g1:vergangenheit', 'Viele Angebote, keiner kennt sie'),
      at('cell:gemeinsamkeiten', 'Lotsin für jede Familie'),
      at('action:a1:massnahme', 'Lotsenstelle beantragen'),
      at('action:a1:wer', 'Steuerungsgruppe'),
      at('action:a1:bisWann', 'Juni'),
      at('action:a1:indikator', 'Stelle besetzt'),
    ]
    const result = exportBoard(board, [...shapes, ...notes])
    expect(result.otherNotes).toEqual([])
    const tables = result.templates[0].tables
    expect(tables.map((t) => t.title)).toEqual(['Auftrag der Zukunftskonferenz', 'Kleingruppen: Vergangenheit, Gegenwart, Vision', 'Gemeinsamkeiten', 'Eingang in die internen Zieldefinitionen', 'Maßnahmenplanung'])

    const [mandate, groups, common, , actions] = tables
    expect(groups.columns).toEqual(['Kleingruppe', 'Vergangenheit', 'Gegenwart und Trends', 'Vision'])
    expect(groups.rows.map((r) => r[0][0])).toEqual(['Gruppe 1', 'Gruppe 2', 'Gruppe 3', 'Gruppe 4'])
    expect(groups.rows[0]).toEqual([['Gruppe 1'], ['Viele Angebote, keiner kennt sie'], [], []])
    expect(groups.rows[2]).toEqual([['Gruppe 3'], [], [], ['Eine Anlaufstelle für alles', 'Kita auch am Abend']])
    // First whether the actions are suggestions or mandates; then what all carry and what stays disputed.
    expect(mandate.rows).toEqual([[['Anregung oder Umsetzungsauftrag?'], []]])
    expect(common.rows).toEqual([
      [['4 · Gemeinsamkeiten'], ['Lotsin für jede Familie']],
      [['Bleibender Dissens'], []],
    ])
    expect(actions.columns).toEqual(['Nr.', 'Maßnahme', 'Teilziel', 'Wer', 'Bis wann', 'Woran merken wir es?', 'Erledigt?'])
    expect(actions.rows).toHaveLength(6)
    expect(actions.rows[0]).toEqual([['1'], ['Lotsenstelle beantragen'], [], ['Steuerungsgruppe'], ['Juni'], ['Stelle besetzt'], []])
    expect(result.templates[0].facts).toEqual([{ label: 'Leitfrage', value: expect.stringContaining('Alleinerziehende') }])
  })

  it('exports with English headings on an English board', () => {
    const { shapes } = build('zukunftskonferenz', {}, 'en')
    const c = cellCentre(shapes, 'cell:g2:gegenwart')
    const result = exportBoard(board, [...shapes, noteAt(c.x, c.y, 'More part-time training')])
    const [, groups, , , actions] = result.templates[0].tables
    expect(groups.columns).toEqual(['Small group', 'Past', 'Present and trends', 'Vision'])
    expect(groups.rows[1]).toEqual([['Group 2'], [], ['More part-time training'], []])
    expect(actions.columns).toEqual(['No.', 'Action', 'Goal', 'Who', 'By when', 'How will we notice?', 'Done?'])
  })

  it('grows by a small group: a new row, the common-ground area grows along, notes stay', () => {
    const { shapes } = build('zukunftskonferenz', {})
    const c = cellCentre(shapes, 'cell:gemeinsamkeiten')
    const common = noteAt(c.x, c.y, 'Ein gemeinsamer Laufzettel')
    const v = cellCentre(shapes, 'cell:g4:vision')
    const vision = noteAt(v.x, v.y, 'Wohnortnahe Beratung')
    const before = shapeByKey(shapes, 'cell:gemeinsamkeiten')
    const { create, update, next } = grow([...shapes, common, vision], 'addGroup')
    expect(create.map(keyOf).sort()).toEqual(['cell:g5:gegenwart', 'cell:g5:vergangenheit', 'cell:g5:vision', 'group:g5'])
    expect(plain(shapeByKey(create, 'group:g5'))).toBe('Gruppe 5')
    const grownCommon = update.find((s) => s.id === before.id)!
    expect((grownCommon.props as { h: number }).h).toBeGreaterThan((before.props as { h: number }).h)
    expect(update.find((s) => s.id === vision.id)).toBeUndefined()
    expectTidy(next)
    const [grown] = findInstances(next)
    expect((grown.options as ZukunftskonferenzOptions).groups).toBe(5)
    const groups = tableOf(next, 'Kleingruppen: Vergangenheit, Gegenwart, Vision')
    expect(groups.rows.map((r) => r[0][0])).toEqual(['Gruppe 1', 'Gruppe 2', 'Gruppe 3', 'Gruppe 4', 'Gruppe 5'])
    expect(groups.rows[3][3]).toEqual(['Wohnortnahe Beratung'])
    expect(tableOf(next, 'Gemeinsamkeiten').rows[0][1]).toEqual(['Ein gemeinsamer Laufzettel'])
  })

  it('refuses a ninth small group', () => {
    const action = zukunftskonferenz.actions.find((a) => a.id === 'addGroup')!
    const full = parsed({ groups: 8 })
    expect(action.apply(full, undefined)).toBe(full)
    const { shapes } = build('zukunftskonferenz', { groups: 8 })
    expect(() => grow(shapes, 'addGroup')).toThrow(GrowRefused)
    expectTidy(shapes)
  })

  it('grows by an action-plan row', () => {
    const { shapes } = build('zukunftskonferenz', {})
    const c = cellCentre(shapes, 'action:a6:wer')
    const note = noteAt(c.x, c.y, 'Jobcenter')
    const { create, update, next } = grow([...shapes, note], 'addActionRow')
    expect(create.map(keyOf)).toEqual(['action:a7:massnahme', 'action:a7:ziel', 'action:a7:wer', 'action:a7:bisWann', 'action:a7:indikator', 'action:a7:erledigt'])
    expect(update.find((s) => s.id === note.id)).toBeUndefined()
    expectTidy(next)
    expect((findInstances(next)[0].options as ZukunftskonferenzOptions).actionRows).toBe(7)
    const actions = tableOf(next, 'Maßnahmenplanung')
    expect(actions.rows.map((r) => r[0][0])).toEqual(['1', '2', '3', '4', '5', '6', '7'])
    expect(actions.rows[5][3]).toEqual(['Jobcenter'])
  })

  it('settles the mandate at the top, before step 1: suggestion or order to implement, and who decides', () => {
    const { shapes } = build('zukunftskonferenz', {})
    const box = (key: string) => {
      const s = shapeByKey(shapes, key)
      return { y: s.y, h: (s.props as { h: number }).h }
    }
    const mandate = box('cell:auftrag')
    expect(mandate.y + mandate.h).toBeLessThanOrEqual(box('step:1').y)
    expect(mandate.y + mandate.h).toBeLessThanOrEqual(box('phase:groups').y)
    // Asked in a header of its own, readable from the back of the room, beside the cell for the answer.
    expect(box('head:auftrag').y + box('head:auftrag').h).toBeLessThanOrEqual(box('step:1').y)
    const asked = `${plain(shapeByKey(shapes, 'head:auftrag'))} ${plain(shapeByKey(shapes, 'head:auftrag:prompt'))}`
    expect(asked).toMatch(/Schritt 1/)
    expect(asked).toMatch(/Anregung/)
    expect(asked).toMatch(/umzusetzen/)
    expect(asked).toMatch(/entscheidet/)
    const en = build('zukunftskonferenz', {}, 'en').shapes
    expect(`${plain(shapeByKey(en, 'head:auftrag'))} ${plain(shapeByKey(en, 'head:auftrag:prompt'))}`).toMatch(/step 1[^]*decides/i)
  })

  it('asks in the goal column for the Teilziel by its number or a keyword from it', () => {
    const { shapes } = build('zukunftskonferenz', {})
    expect(plain(shapeByKey(shapes, 'head:action:ziel'))).toBe('Teilziel')
    // The step's prompt says what to write there.
    const prompt = plain(shapeByKey(shapes, 'step:5:prompt'))
    expect(prompt).toMatch(/Teilziel[^.]*Nummer[^.]*Stichwort/)
  })

  // H 4.3.8: the common ground of the groups' visions "im Plenum"; the action plan names no
  // setting; differing views are kept; the network settles how results reach each
  // organisation's "interne Zieldefinitionen".
  it('holds step 4 in the plenary and step 5 in groups or the plenary, keeps the Dissens, asks how results reach the Häuser', () => {
    const { shapes } = build('zukunftskonferenz', {})
    expect(plain(shapeByKey(shapes, 'phase:plenary'))).toBe('Im Plenum')
    expect(plain(shapeByKey(shapes, 'phase:actions'))).toBe('In Kleingruppen oder im Plenum')
    expect(plain(shapeByKey(shapes, 'intro'))).not.toContain('4 und 5 erarbeitet das Plenum')
    expect(plain(shapeByKey(shapes, 'cell:dissens'))).toContain('Bleibender Dissens')
    expect(plain(shapeByKey(shapes, 'head:action:indikator'))).toBe('Woran merken wir es?')
    expect(plain(shapeByKey(shapes, 'cell:eingang'))).toContain('Eingang in die internen Zieldefinitionen')
    const records = [...shapes, noteInCell(shapes, 'cell:eingang', 'Jobcenter: in die Zielvereinbarung 2027')]
    const eingang = tableOf(records, 'Eingang in die internen Zieldefinitionen')
    expect(eingang.rows.flat(2)).toContain('Jobcenter: in die Zielvereinbarung 2027')
    const en = build('zukunftskonferenz', {}, 'en').shapes
    expect(plain(shapeByKey(en, 'phase:actions'))).toBe('In small groups or in plenary')
    expect(plain(shapeByKey(en, 'cell:eingang'))).toContain('organisations’ own goals')
  })
})

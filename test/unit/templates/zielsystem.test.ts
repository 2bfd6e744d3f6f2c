/**
 * Zielsystem as the handbook draws it (H 3.3.4, Anlage Zielsystem): the Projektziel is the benefit
 * for the target group, several may stand under one Oberziel; only activities have someone who
 * does them by a date; what other templates hand over waits in the Eingang; activities and
 * milestones not yet reached are the report's open items.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import stored from './fixtures/storedLayouts.json' with { type: 'json' }
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { findInstances } from '../../../shared/templates/catalogue.ts'
import { zielsystem, zielsystemCells } from '../../../shared/templates/zielsystem.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Steuerungsgruppe' }
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!) ?? ''
const keys = (shapes: TLShape[]) => new Set(shapes.map(keyOf))
const tableOf = (records: TLShape[], title: string) => exportBoard(board, records).templates[0].tables.find((t) => t.title === title)!

describe('Zielsystem', () => {
  it.each([
    [{}, 'de'],
    [{}, 'en'],
    [{ projectGoals: 4, subgoals: 8, milestones: 20, date: '2026-11-24' }, 'de'],
    [{ projectGoals: 2, subgoals: 1, milestones: 1 }, 'en'],
  ] as [unknown, Locale][])('builds a valid layout without overlaps for %j (%s)', (options, locale) => {
    const { plan, shapes } = build('zielsystem', options, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
  })

  it('asks for the Projektziel as the benefit for the target group, a contribution to the Oberziel', () => {
    const de = text(build('zielsystem', {}, 'de').shapes, 'ziele:row:projektziel:prompt')
    expect(de).toMatch(/Nutzen/)
    expect(de).toMatch(/Zielgruppe|Alleinerziehende/)
    expect(de).toMatch(/Oberziel/)
    expect(de).not.toMatch(/Netzwerk selbst/)
    expect(text(build('zielsystem', {}, 'en').shapes, 'ziele:row:projektziel:prompt')).toMatch(/benefit/)
  })

  it('says that activities feed the Statusbericht and milestones say when to report', () => {
    const intro = text(build('zielsystem', {}, 'de').shapes, 'intro')
    expect(intro).toMatch(/Statusbericht[^.]*geplanten Aktivitäten/)
    expect(intro).toMatch(/Meilensteine[^.]*berichte/)
  })

  it('has Akteur(e) and Bis wann in activity rows and the Eingang only (what is carried in keeps its owner)', () => {
    const present = keys(build('zielsystem', {}).shapes)
    for (const row of ['oberziel', 'projektziel', 't1', 't3'])
      for (const col of ['akteure', 'bisWann']) expect(present.has(`ziele:cell:${row}:${col}`), `${row}:${col}`).toBe(false)
    for (const col of ['beschreibung', 'akteure', 'bisWann']) expect(present.has(`ziele:cell:eingang:${col}`), `eingang:${col}`).toBe(true)
    for (const col of ['indikatoren', 'quellen', 'annahmen']) expect(present.has(`ziele:cell:eingang:${col}`), `eingang:${col}`).toBe(false)
    for (const row of ['a1', 'a2', 'a3'])
      for (const col of ['beschreibung', 'indikatoren', 'quellen', 'annahmen', 'akteure', 'bisWann']) expect(present.has(`ziele:cell:${row}:${col}`), `${row}:${col}`).toBe(true)
    expect(text(build('zielsystem', {}).shapes, 'ziele:head:akteure')).toBe('Akteur(e)')
  })

  it('holds several Projektziele and grows by one', () => {
    const { shapes } = build('zielsystem', { projectGoals: 2 })
    const rows = shapes
      .filter((s) => keyOf(s)?.startsWith('ziele:row:') && !keyOf(s)?.endsWith(':prompt'))
      .sort((a, b) => a.y - b.y)
      .map((s) => shapeText(s))
    // Each Projektziel with its Teilziele beneath; they serve the first until told otherwise.
    expect(rows.slice(0, 4)).toEqual(['Oberziel', 'Projektziel 1', 'Teilziel 1 · zu Projektziel 1', 'Aktivitäten zu Teilziel 1'])
    expect(rows.at(-2)).toBe('Projektziel 2')
    // A Teilziel added now serves the newest Projektziel.
    const added = grow(shapes, 'addSubgoal').next
    expect(text(added, 'ziele:row:t4')).toBe('Teilziel 4 · zu Projektziel 2')
    expect(added.find((s) => keyOf(s) === 'ziele:row:t4')!.y).toBeGreaterThan(added.find((s) => keyOf(s) === 'ziele:row:projektziel2')!.y)
    const { next } = grow(shapes, 'addProjectGoal')
    expect(keys(next).has(`ziele:cell:${zielsystemCells.projektziel(3)}:beschreibung`)).toBe(true)
    expectTidy(next)
    // One Projektziel reads as before.
    expect(text(build('zielsystem', {}).shapes, 'ziele:row:projektziel')).toBe('Projektziel')
  })

  it('is dated like the Beteiligtenanalyse', () => {
    const { plan, shapes } = build('zielsystem', { date: '2026-11-24' })
    expect(text(shapes, 'title')).toContain('24.11.2026')
    expect(zielsystem.exportFacts!(plan.options as never, 'de')).toEqual([{ label: 'Stand', value: '24.11.2026' }])
    expect(text(build('zielsystem', {}).shapes, 'title')).toBe('Zielsystem')
  })

  it('grows a board stored with old options: the Eingang appears, notes stay in their cells', () => {
    const old = (stored as Record<string, { locale: Locale; options: unknown; keys: string[] }[]>).zielsystem[0]
    const oldKeys = new Set(old.keys)
    // The board as yesterday's code built it: none of today's new blocks.
    const shapes = build('zielsystem', old.options, old.locale).shapes.filter((s) => oldKeys.has(keyOf(s)!))
    expect(keys(shapes).has('ziele:row:eingang')).toBe(false)
    const records = [
      ...shapes,
      noteInCell(shapes, 'ziele:cell:t2:beschreibung', 'Beratung aus einer Hand ist erreicht'),
      noteInCell(shapes, 'meilensteine:cell:m2:meilenstein', 'Sprechstunde läuft'),
    ]
    const { next } = grow(records, 'addSubgoal')
    expect(findInstances(next)[0].options).toMatchObject({ subgoals: 4 })
    for (const key of ['ziele:row:eingang', 'ziele:cell:eingang:beschreibung', 'ziele:cell:a1:akteure', 'ziele:cell:a4:bisWann']) expect(keys(next).has(key), key).toBe(true)
    const goals = tableOf(next, 'Ziele und Aktivitäten')
    expect(goals.rows.find((row) => row[0][0] === 'Teilziel 2')![1]).toEqual(['Beratung aus einer Hand ist erreicht'])
    expect(goals.rows.at(-1)![0]).toEqual(['Eingang'])
    expect(tableOf(next, 'Meilensteine').rows[1][1]).toEqual(['Sprechstunde läuft'])
    expectTidy(next)
  })

  it('reports activities taken on and milestones not yet reached as open items', () => {
    const { shapes } = build('zielsystem', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'ziele:cell:t1:beschreibung', 'Alleinerziehende finden Beratung an einer Stelle'),
      noteInCell(shapes, 'ziele:cell:a1:beschreibung', 'Gemeinsame Sprechstunde einrichten'),
      noteInCell(shapes, 'ziele:cell:a1:akteure', 'Jobcenter, Jugendamt'),
      noteInCell(shapes, 'ziele:cell:a1:bisWann', '31.3.'),
      noteInCell(shapes, 'meilensteine:cell:m1:meilenstein', 'Sprechstunde läuft'),
      noteInCell(shapes, 'meilensteine:cell:m1:bisWann', 'Juni'),
      noteInCell(shapes, 'meilensteine:cell:m2:meilenstein', 'Flyer gedruckt'),
      noteInCell(shapes, 'meilensteine:cell:m2:erreicht', 'ja'),
      noteInCell(shapes, 'meilensteine:cell:m3:meilenstein', 'Website online'),
      // In German forms an x is a tick: done.
      noteInCell(shapes, 'meilensteine:cell:m3:erreicht', 'x'),
      noteInCell(shapes, 'meilensteine:cell:m4:meilenstein', 'Beirat gegründet'),
      noteInCell(shapes, 'meilensteine:cell:m4:erreicht', 'fehlt noch'),
      // A no that is not the first word keeps it open too.
      noteInCell(shapes, 'meilensteine:cell:m5:meilenstein', 'Elternbefragung ausgewertet'),
      noteInCell(shapes, 'meilensteine:cell:m5:erreicht', 'noch offen'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2026-11-24')
    expect(report.openItems.map((item) => [item.what, item.who, item.when])).toEqual([
      [['Gemeinsame Sprechstunde einrichten'], ['Jobcenter, Jugendamt'], ['31.3.']],
      [['Sprechstunde läuft'], [], ['Juni']],
      [['Beirat gegründet'], [], []],
      [['Elternbefragung ausgewertet'], [], []],
    ])
  })
})

/**
 * The second wave of templates (minutes, founding event, goal system, needs analysis, maturity
 * scale, cross-case overview, status report): valid tldraw records in both languages, no
 * overlaps, every grow action keeps the layout tidy, and notes come back in the right place of
 * the export, with the tables each template adds.
 */
import { toRichText, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import type { ExportTable } from '../../../shared/templates/definition.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../../shared/locale.ts'
import { templates } from '../../../shared/templates/registry.ts'
import { arrow, build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, secondWave, validate } from './helpers.ts'

const board = { id: 'b', title: 'Steuerungsgruppe' }
const names = secondWave

const tables = (records: TLShape[]) => exportBoard(board, records).templates[0].tables
const tableNamed = (records: TLShape[], title: string): ExportTable => {
  const found = tables(records).find((t) => t.title === title)
  if (!found) throw new Error(`no table ${title}: ${tables(records).map((t) => t.title).join(', ')}`)
  return found
}
const keys = (shapes: TLShape[]) => shapes.map(keyOf)
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!)

describe.each(names)('%s', (name) => {
  it.each(['de', 'en'] as Locale[])('builds valid, locked scaffold without overlaps (%s)', (locale) => {
    const { plan, shapes } = build(name, {}, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    // Cards (actors on a map) stay unlocked so that arrows bind to them.
    expect(shapes.every((s) => s.isLocked || scaffoldMeta(s)?.kind === 'card')).toBe(true)
    expect(shapes.filter((s) => scaffoldMeta(s)?.kind === 'cell').length).toBeGreaterThan(1)
    // Every cell's words name it in the export.
    for (const shape of shapes) {
      const cell = scaffoldMeta(shape)?.cell
      if (cell) expect(cell.sectionTitle.length, keyOf(shape)).toBeGreaterThan(2)
    }
  })

  for (const action of templates[name].actions)
    it(`grows by "${action.label.de}" and stays tidy; notes stay in their cells`, () => {
      const { shapes } = build(name, {})
      const firstCell = shapes.find((s) => scaffoldMeta(s)?.kind === 'cell')!
      const note = noteInCell(shapes, keyOf(firstCell)!, 'Bleibt hier')
      const { next } = grow([...shapes, note], action.id, action.input ? 'Neu dabei' : undefined)
      expectTidy(next.filter((s) => s.id !== note.id))
      const rows = tables(next).flatMap((t) => t.rows)
      expect(rows.some((row) => row.slice(1).some((notes) => notes.includes('Bleibt hier')))).toBe(true)
      if (action.input) expect(next.some((s) => shapeText(s) === 'Neu dabei')).toBe(true)
    })
})

describe('Protokoll', () => {
  it('shows its date in the title and lists agenda items with a task as open items', () => {
    const { shapes } = build('protokoll', { date: '2026-11-23', topics: 3 })
    expect(text(shapes, 'title')).toBe('Protokoll · 23.11.2026')
    expect(text(build('protokoll', { date: '2026-11-23' }, 'en').shapes, 'title')).toBe('Minutes · 2026-11-23')
    const notes = [
      noteInCell(shapes, 'sitzung:cell:sitzung:anwesende', 'Frau A. (Jobcenter)'),
      noteInCell(shapes, 'tops:cell:top1:thema', 'Begrüßung'),
      noteInCell(shapes, 'tops:cell:top2:thema', 'Kita-Randzeiten'),
      noteInCell(shapes, 'tops:cell:top2:aufgabe', 'Bedarf bei Trägern abfragen'),
      noteInCell(shapes, 'tops:cell:top2:wer', 'Herr B., 15.1.'),
    ]
    const records = [...shapes, ...notes]
    expect(tableNamed(records, 'Sitzung').rows[0]).toEqual([['Sitzung'], [], [], ['Frau A. (Jobcenter)'], []])
    expect(tableNamed(records, 'Tagesordnung').rows[1]).toEqual([['2'], ['Kita-Randzeiten'], [], ['Bedarf bei Trägern abfragen'], ['Herr B., 15.1.'], []])
    const open = tableNamed(records, 'Offene Punkte')
    expect(open.columns).toEqual(['TOP', 'Thema', 'Was ist zu tun?', 'Wer und bis wann?'])
    expect(open.rows).toEqual([[['2'], ['Kita-Randzeiten'], ['Bedarf bei Trägern abfragen'], ['Herr B., 15.1.']]])
  })

  it('asks whose minutes they are, of which kind, and who receives them (H 4.3.3), and exports it', () => {
    const { shapes } = build('protokoll', {})
    for (const row of ['gremium', 'art', 'verteiler']) expect(keys(shapes)).toContain(`rahmen:cell:${row}:vereinbart`)
    expect(text(shapes, 'rahmen:row:art')).toBe('Verlaufs- oder Ergebnisprotokoll?')
    expect(text(build('protokoll', {}, 'en').shapes, 'rahmen:row:verteiler')).toBe('Distribution')
    const records = [...shapes, noteInCell(shapes, 'rahmen:cell:verteiler:vereinbart', 'alle Partner, nicht öffentlich')]
    expect(tableNamed(records, 'Zu diesem Protokoll').rows).toEqual([[['Gremium'], []], [['Verlaufs- oder Ergebnisprotokoll?'], []], [['Verteiler'], ['alle Partner, nicht öffentlich']]])
  })

  it('refuses a date that is no day', () => {
    expect(() => build('protokoll', { date: '23.11.2026' })).toThrow()
    expect(() => build('protokoll', { date: '2026-13-45' })).toThrow()
  })
})

describe('Gründungsveranstaltung', () => {
  it('has a row per organisation and the plenary fields below', () => {
    const { shapes } = build('gruendungsveranstaltung', { partners: ['Jobcenter', 'Familienzentrum'] })
    const notes = [
      noteInCell(shapes, 'runde:cell:p1:angebot', 'Offener Treff'),
      noteInCell(shapes, 'plenum:cell:plenum:fehlt', 'Wohnungsamt'),
    ]
    const records = [...shapes, ...notes]
    const round = tableNamed(records, 'Vorstellungsrunde')
    expect(round.columns).toEqual(['Organisation', 'Unser Angebot', 'Erwartungen für die Zielgruppe', 'Vorerfahrungen mit der Zielgruppe', 'Erwartungen für unsere Organisation'])
    expect(round.rows.map((r) => r[0][0])).toEqual(['Jobcenter', 'Familienzentrum'])
    expect(round.rows[1][1]).toEqual(['Offener Treff'])
    expect(tableNamed(records, 'Im Plenum').rows[0]).toEqual([['Im Plenum'], ['Wohnungsamt'], [], [], [], [], []])
  })
})

describe('Zielsystem', () => {
  it('runs from the overall goal down to activities, each level with its prompt', () => {
    const { shapes } = build('zielsystem', { subgoals: 2 })
    const levels = shapes
      .filter((s) => keyOf(s)?.startsWith('ziele:row:') && !keyOf(s)?.endsWith(':prompt'))
      .sort((a, b) => a.y - b.y)
      .map((s) => shapeText(s))
    expect(levels).toEqual(['Oberziel', 'Projektziel', 'Teilziel 1', 'Aktivitäten zu Teilziel 1', 'Teilziel 2', 'Aktivitäten zu Teilziel 2', 'Eingang'])
    expect(text(shapes, 'ziele:row:t1:prompt')).toContain('Zustand')
    expect(text(shapes, 'ziele:row:a1:prompt')).toContain('Anweisung')
    const records = [...shapes, noteInCell(shapes, 'ziele:cell:a2:indikatoren', '20 Beratungen im Quartal'), noteInCell(shapes, 'meilensteine:cell:m1:meilenstein', 'Sprechstunde läuft')]
    const goals = tableNamed(records, 'Ziele und Aktivitäten')
    expect(goals.columns).toEqual(['Ebene', 'Beschreibung', 'Indikatoren', 'Quellen', 'Annahmen', 'Akteur(e)', 'Bis wann'])
    expect(goals.rows.find((r) => r[0][0] === 'Aktivitäten zu Teilziel 2')![2]).toEqual(['20 Beratungen im Quartal'])
    expect(tableNamed(records, 'Meilensteine').rows[0]).toEqual([['1'], ['Sprechstunde läuft'], [], []])
  })
})

describe('Bedarfsanalyse', () => {
  it('starts with the handbooks’ needs on both levels and keeps the levels apart in the export', () => {
    const { plan, shapes } = build('bedarfsanalyse', {})
    const options = plan.options as { individual: string[]; structural: string[] }
    expect(options.individual).toContain('Schulden, Haushalt')
    expect(options.structural).toContain('Anbindung an Bus und Bahn')
    const records = [...shapes, noteInCell(shapes, 'strukturell:cell:s4:weitere', 'Verkehrsbetrieb')]
    const structural = tableNamed(records, 'Strukturelle Ebene')
    expect(structural.columns).toEqual(['Bedarf', 'Wer bearbeitet das heute?', 'Welche Partner schon?', 'Wen noch einbeziehen?'])
    expect(structural.rows[4]).toEqual([['Anbindung an Bus und Bahn'], [], [], ['Verkehrsbetrieb']])
    expect(tableNamed(records, 'Individuelle Ebene').rows).toHaveLength(options.individual.length)
  })
})

// Reifegrad (Netzwerkfunktionen): reifegrad.test.ts.

describe('Fallübergreifende Zusammenschau', () => {
  it('counts the cases per theme, most frequent first; a case counts once', () => {
    const { shapes } = build('fallmatrix', { themes: ['Schulden', 'Sucht', 'Wohnen'], cases: 4 })
    const records = [
      ...shapes,
      noteInCell(shapes, 'matrix:cell:th1:f3', 'X'),
      noteInCell(shapes, 'matrix:cell:th1:f1', 'X', -40),
      noteInCell(shapes, 'matrix:cell:th1:f1', 'X', 40),
      noteInCell(shapes, 'matrix:cell:th0:f2', 'X'),
    ]
    const counts = tableNamed(records, 'Fälle je Thema')
    expect(counts.columns).toEqual(['Problemthema', 'Anzahl Fälle', 'Fälle'])
    expect(counts.rows).toEqual([
      [['Sucht'], ['2'], ['Fall A', 'Fall C']],
      [['Schulden'], ['1'], ['Fall B']],
      [['Wohnen'], ['0'], []],
    ])
  })
})

describe('Statusbericht', () => {
  it('says where the plan comes from: activities from the Zielsystem, the period from its milestones', () => {
    const intro = text(build('statusbericht', {}).shapes, 'intro')
    expect(intro).toMatch(/geplanten Aktivitäten[^.]*Aktivitäten[^.]*Zielsystem/)
    expect(intro).toMatch(/Berichtszeitraum[^.]*Meilenstein/)
  })

  it('compares planned and completed activities and ends with result, assessment and consequences', () => {
    const { shapes } = build('statusbericht', { activities: 2 })
    const records = [
      ...shapes,
      noteInCell(shapes, 'bericht:cell:bericht:zeitraum', '1. Halbjahr'),
      noteInCell(shapes, 'aktivitaeten:cell:a2:durchgefuehrt', 'Zwei Sprechstunden'),
      noteInCell(shapes, 'ergebnis:cell:ergebnis:konsequenzen', 'Termin verlegen'),
    ]
    expect(tableNamed(records, 'Bericht').rows[0]).toEqual([['Bericht'], [], ['1. Halbjahr'], [], [], [], []])
    expect(tableNamed(records, 'Aktivitäten').rows[1]).toEqual([['2'], [], ['Zwei Sprechstunden'], []])
    expect(tableNamed(records, 'Ergebnis').columns).toEqual(['', 'Erreichtes Ergebnis', 'Beurteilung u. Auswertung', 'Konsequenzen'])
    expect(tableNamed(records, 'Ergebnis').rows[0][3]).toEqual(['Termin verlegen'])
  })
})

describe('Netzwerkkarte', () => {
  it('puts one actor in the centre of each map, the others around it with the symbol of their kind', () => {
    const { shapes } = build('netzwerkkarte', { centre: 'Jobcenter', actors: ['Jugendamt', 'Familienzentrum', 'Arbeitgeber', 'Bäckerei Kunz'] })
    const ist = (key: string) => shapes.find((s) => keyOf(s) === `ist:${key}`)!
    expect(shapeText(ist('centre'))).toBe('Jobcenter')
    const geoOf = (s: TLShape) => (s.props as { geo: string }).geo
    expect([0, 1, 2, 3].map((n) => geoOf(ist(`actor:${n}`)))).toEqual(['rectangle', 'ellipse', 'diamond', 'cloud'])
    expect(shapes.filter((s) => keyOf(s)?.startsWith('soll:actor:'))).toHaveLength(4)
    // Actors are cards: arrows bind to them.
    expect(ist('actor:0').isLocked).toBe(false)
  })

  it('keeps a full map tidy: twelve actors, none covering another', () => {
    const actors = Array.from({ length: 12 }, (_, i) => `Organisation mit langem Namen ${i + 1}`)
    for (const maps of ['ist', 'both'])
      for (const locale of ['de', 'en'] as Locale[]) expect(overlappingPairs(build('netzwerkkarte', { actors, maps }, locale).plan)).toEqual([])
    expect(() => build('netzwerkkarte', { actors: [...actors, 'Eine zu viel'] })).toThrow()
    // One map alone is narrower than the legend: the template is as wide as both.
    const single = build('netzwerkkarte', { maps: 'soll' }).plan.layout
    expect(single.w).toBeGreaterThanOrEqual(Math.max(...single.blocks.map((b) => b.x + b.w)))
  })

  it('exports the actors per map with their kind, and the rated arrows between them', () => {
    const { shapes } = build('netzwerkkarte', { centre: 'Jobcenter', actors: ['Jugendamt', 'Kita-Träger'] })
    const byKey = (key: string) => shapes.find((s) => keyOf(s) === key)!
    const [link, ...bindings] = arrow(byKey('ist:centre'), byKey('ist:actor:1'))
    const rated = { ...link, props: { ...link.props, dash: 'dashed', size: 'l', arrowheadStart: 'arrow', richText: toRichText('Randzeiten abstimmen') } } as TLShape
    // Someone drew a new actor into the Soll map and connected it.
    const sollCentre = byKey('soll:centre')
    const drawn = { ...sollCentre, id: 'shape:drawn', x: sollCentre.x + 600, meta: {}, props: { ...sollCentre.props, geo: 'hexagon', richText: toRichText('Elterninitiative') } } as TLShape
    const [second, ...more] = arrow(sollCentre, drawn)
    const records = [...shapes, rated, drawn, second] as TLShape[]
    const all = [...records, ...bindings, ...more] as unknown as TLShape[]
    const actorsTable = tableNamed(all, 'Akteure')
    expect(actorsTable.columns).toEqual(['Karte', 'Akteur', 'Art'])
    expect(actorsTable.rows).toContainEqual([['Soll'], ['Elterninitiative'], ['Selbsthilfe, Ehrenamt']])
    expect(actorsTable.rows).toContainEqual([['Ist'], ['Kita-Träger'], ['Bildung, Betreuung']])
    expect(actorsTable.rows.filter((r) => r[0][0] === 'Ist')).toHaveLength(3)
    expect(actorsTable.rows).toContainEqual([['Ist'], ['Jobcenter'], ['In der Mitte']])
    expect(tableNamed(all, 'Beziehungen').rows).toEqual([
      [['Ist'], ['Jobcenter'], ['Kita-Träger (in beide Richtungen)'], ['gelegentlich'], ['viel'], [], ['Randzeiten abstimmen']],
      [['Soll'], ['Jobcenter'], ['Elterninitiative'], ['eng'], ['mittel'], [], []],
    ])
  })
})

describe('boards made with an earlier layout', () => {
  it('grow into the new layout: a Beteiligtenanalyse from before the status column gets it, and its notes stay in their fields', () => {
    // As the previous layout built it: no status column, every other column one place to the left.
    const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter'] })
    const colW = 380
    const old = shapes
      .filter((s) => !keyOf(s)?.includes('status'))
      .map((s) => {
        const key = keyOf(s)!
        const shifted = key.startsWith('cell:') || (key.startsWith('head:') && key !== 'head:beteiligte' && !key.startsWith('head:beteiligte:'))
        return shifted ? ({ ...s, x: s.x - colW } as TLShape) : s
      })
    const note = noteInCell(old, 'cell:p0:ziele', 'Vermittlung in Arbeit')
    const { next } = grow([...old, note], 'addPartner', 'Familienzentrum')
    expectTidy(next.filter((s) => s.id !== note.id))
    const [table] = tables(next)
    expect(table.columns.slice(0, 3)).toEqual(['Beteiligte', 'Verhältnis und Politikfeld', 'Ziele'])
    expect(table.rows[0]).toEqual([['Jobcenter'], [], ['Vermittlung in Arbeit'], [], [], [], [], [], []])
  })

  it('grow into the new layout: a Zukunftskonferenz from before the dissent fields keeps its common ground apart from them', () => {
    const { shapes } = build('zukunftskonferenz', {})
    const common = shapes.find((s) => keyOf(s) === 'cell:gemeinsamkeiten')!
    // The plenary column's last field (the mandate now sits above step 1).
    const dissens = shapes.find((s) => keyOf(s) === 'cell:dissens')!
    const tall = (dissens.y + (dissens.props as { h: number }).h) - common.y
    // Before: one tall common-ground cell, no dissent fields, no goal column.
    const old = shapes
      .filter((s) => !['cell:dissens', 'cell:auftrag'].includes(keyOf(s)!) && !keyOf(s)!.includes(':ziel'))
      .map((s) => (s.id === common.id ? ({ ...s, props: { ...s.props, h: tall } } as TLShape) : s))
    const low = noteInCell(old, 'cell:gemeinsamkeiten', 'Lotsin für jede Familie', tall / 2 - 120)
    const { next } = grow([...old, low], 'addActionRow')
    expectTidy(next.filter((s) => s.id !== low.id))
    const commonTable = tables(next).find((t) => t.title === 'Gemeinsamkeiten')!
    // The note rode along with its cell, which now ends above the dissent fields.
    const notes = commonTable.rows.flatMap((r) => r.slice(1).flat())
    expect(notes).toEqual(['Lotsin für jede Familie'])
  })
})

describe('dates', () => {
  it('takes only days that exist', () => {
    expect(() => build('protokoll', { date: '2026-02-30' })).toThrow()
    expect(() => build('protokoll', { date: '2028-02-29' })).not.toThrow()
  })
})

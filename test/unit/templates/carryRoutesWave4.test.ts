/**
 * The fourth wave's routes (issue 44, 6): out of the Dienstleistungskette (its gaps and what must
 * change, with who and by when, into the Zielsystem's Eingang or an Arbeitsauftrag; its
 * hand-overs into a Laufzettel), the Arbeitsauftrag's reporter into the Statusbericht, the
 * Zielsystem's indicators into Erfolg und Reflexion and back, and the three that went to the
 * wrong level: one organisation's expectations and every common ground wait in the Eingang, a
 * report gets the milestones of its period, not all. On real template layouts and, for the whole
 * item, real records read by the Dokumentation and the pack.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { carriedFrom, carriedFromKey, carryRoutes, planCarry, type CarryRoute, type SourceNote, type TargetNote } from '../../../shared/results/carryOver.ts'
import { steeringPack } from '../../../shared/results/steeringPack.ts'
import { dokumentation } from '../../../shared/results/dokumentation.ts'
import { scaffoldMeta, type CellRef } from '../../../shared/board/scaffoldMeta.ts'
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import { dienstleistungsketteCells as kette } from '../../../shared/templates/dienstleistungskette.ts'
import { zielsystemCells as ziele } from '../../../shared/templates/zielsystem.ts'
import { arbeitsauftragCells as auftrag } from '../../../shared/templates/arbeitsauftrag.ts'
import { statusberichtCells as bericht } from '../../../shared/templates/statusbericht.ts'
import { erfolgCells as erfolg } from '../../../shared/templates/erfolg.ts'
import { cellKey } from '../../../shared/templates/table.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'
import type { OpenItem } from '../../../shared/templates/definition.ts'
import { build, keyOf, noteInCell } from './helpers.ts'
import { released } from '../../../shared/board/entries/release.ts'

const route = (id: string): CarryRoute => {
  const found = carryRoutes.find((r) => r.id === id)
  if (!found) throw new Error(`no route ${id}`)
  return found
}

/** A fresh layout's cells, by block key. */
const cellsOf = (name: TemplateName, options: unknown = {}) =>
  new Map(planTemplate(name, options, 'de').layout.blocks.flatMap((b) => (b.kind === 'cell' && b.cell ? [[b.key, b.cell] as const] : [])))
const keysOf = (name: TemplateName, options: unknown = {}) => new Set(planTemplate(name, options, 'de').layout.blocks.map((b) => b.key))

let counter = 0
const noteIn = (cells: Map<string, CellRef>, key: string, text: string): SourceNote => {
  const cell = cells.get(key)
  if (!cell) throw new Error(`no cell ${key}`)
  return { id: `n${++counter}`, text, cell }
}

function carry(r: CarryRoute, sourceNotes: SourceNote[], targetNotes: TargetNote[] = [], options: { source?: unknown; target?: unknown } = {}) {
  return planCarry(r, {
    sourceInstance: 'src',
    sourceNotes,
    sourceOptions: options.source,
    targetKeys: keysOf(r.to, options.target ?? {}),
    targetNotes,
    targetOptions: options.target ?? {},
    targetLocale: 'de',
  })
}
const placed = (plan: ReturnType<typeof carry>) => plan.planned.map((p) => [p.cellKey, p.text])

const eingang = ziele.eingangCell
const eingangRow = (col: string) => cellKey(ziele.goals, ziele.eingang, col)
const change = (n: number, col: string) => cellKey(kette.comparison.section, kette.comparison.row(n), col)

describe('out of the Dienstleistungskette', () => {
  const dk = cellsOf('dienstleistungskette', { handovers: ['Jobcenter → Jugendamt', 'Kita → Jobcenter'] })

  it('puts its gaps into the Zielsystem’s Eingang, not onto a level', () => {
    expect(placed(carry(route('chain-gaps-goals'), [noteIn(dk, kette.gaps, 'Keine Beratung am Samstag')]))).toEqual([[eingang, 'Keine Beratung am Samstag']])
  })

  it('carries what must change with who sets it going and by when into the Eingang, each keeping its change', () => {
    const notes = [
      noteIn(dk, change(1, kette.comparison.col.soll), 'Ein Termin für beide Ämter'),
      noteIn(dk, change(1, kette.comparison.col.aendert), 'Jobcenter meldet Termine an die Kita'),
      noteIn(dk, change(1, kette.comparison.col.wer), 'Jobcenter, Frau Brandt'),
      noteIn(dk, change(1, kette.comparison.col.bisWann), '30.09.2026'),
      noteIn(dk, change(2, kette.comparison.col.aendert), 'Rückruf binnen einer Woche'),
    ]
    const plan = carry(route('chain-changes-goals'), notes)
    expect(placed(plan)).toEqual([
      [eingang, 'Jobcenter meldet Termine an die Kita'],
      [eingangRow(ziele.col.akteure), 'Jobcenter, Frau Brandt'],
      [eingangRow(ziele.col.bisWann), '30.09.2026'],
      [eingang, 'Rückruf binnen einer Woche'],
    ])
    const [first, who, when] = plan.planned
    expect([who.from.part, who.from.item, when.from.part, when.from.item]).toEqual(['who', first.from.note, 'when', first.from.note])
  })

  it('makes a gap the goal of an Arbeitsauftrag and a change one of its phases, with who and by when', () => {
    expect(placed(carry(route('chain-gaps-order'), [noteIn(dk, kette.gaps, 'Keine Beratung am Samstag')], [], { target: { teilziel: 2 } }))).toEqual([
      [auftrag.ziele, 'Keine Beratung am Samstag'],
    ])
    const phase = (n: number, col: string) => cellKey(auftrag.phasen.section, auftrag.phasen.row(n), col)
    const notes = [
      noteIn(dk, change(1, kette.comparison.col.aendert), 'Jobcenter meldet Termine an die Kita'),
      noteIn(dk, change(1, kette.comparison.col.wer), 'Frau Brandt'),
      noteIn(dk, change(1, kette.comparison.col.bisWann), '30.09.2026'),
      noteIn(dk, change(3, kette.comparison.col.aendert), 'Rückruf binnen einer Woche'),
    ]
    // The first phase is the group's own: the changes take the next free ones.
    const own: TargetNote[] = [{ cellKey: phase(1, auftrag.phasen.col.phase), text: 'Auftakt der Gruppe' }]
    expect(placed(carry(route('chain-changes-order'), notes, own))).toEqual([
      [phase(2, auftrag.phasen.col.phase), 'Jobcenter meldet Termine an die Kita'],
      [phase(2, auftrag.phasen.col.wer), 'Frau Brandt'],
      [phase(2, auftrag.phasen.col.bisWann), '30.09.2026'],
      [phase(3, auftrag.phasen.col.phase), 'Rückruf binnen einer Woche'],
    ])
  })

  it('puts each marked hand-over someone wrote about into the Laufzettel’s stations, not those not yet placed', () => {
    const notes = [
      noteIn(dk, kette.handover(0), 'Termine gehen verloren'),
      noteIn(dk, kette.handover(0), 'Keine Rückmeldung'),
      noteIn(dk, kette.handover(1), 'Kita weiß nichts vom Termin'),
      noteIn(dk, kette.handoverOpen, 'Termin gleich mitgeben'),
    ]
    expect(placed(carry(route('chain-handovers-slip'), notes))).toEqual([
      ['entwurf:cell:an:vorschlag', 'Jobcenter → Jugendamt'],
      ['entwurf:cell:an:vorschlag', 'Kita → Jobcenter'],
    ])
  })

  it('makes a change somebody took on an open item of the chain', () => {
    expect(planTemplate('dienstleistungskette', {}, 'de').layout.blocks.some((b) => b.key === change(1, kette.comparison.col.wer))).toBe(true)
    const { shapes } = build('dienstleistungskette', {})
    const records = [
      ...shapes,
      noteInCell(shapes, change(1, kette.comparison.col.aendert), 'Jobcenter meldet Termine an die Kita'),
      noteInCell(shapes, change(1, kette.comparison.col.wer), 'Frau Brandt'),
      noteInCell(shapes, change(2, kette.comparison.col.aendert), 'Noch niemandes Sache'),
    ]
    expect(dokumentation({ id: 'A', title: 'Kette' }, records, {}, '2026-07-01').openItems.map(({ what, who }) => ({ what, who }))).toEqual([
      { what: ['Jobcenter meldet Termine an die Kita'], who: ['Frau Brandt'] },
    ])
  })
})

/** A board holding one template, its notes written cell by cell, read as the carry reads them. */
function boardWith(name: TemplateName, options: unknown, notes: ReadonlyArray<readonly [string, string]>) {
  const { shapes } = build(name, options)
  const written = notes.map(([key, text]) => noteInCell(shapes, key, text))
  const cells = new Map(shapes.flatMap((s) => (scaffoldMeta(s)?.cell ? [[keyOf(s)!, scaffoldMeta(s)!.cell!] as const] : [])))
  return {
    records: [...shapes, ...written] as TLShape[],
    instance: scaffoldMeta(shapes[0])!.instance,
    sourceNotes: written.map((n, i): SourceNote => ({ id: n.id, text: notes[i][1], cell: cells.get(notes[i][0])! })),
    shapes,
    written,
  }
}

describe('a change carried from the chain into the Eingang is one item', () => {
  it('lists it once, where it was carried, with its who, its date and where it came from', () => {
    const chain = boardWith('dienstleistungskette', {}, [
      [change(1, kette.comparison.col.aendert), 'Jobcenter meldet Termine an die Kita'],
      [change(1, kette.comparison.col.wer), 'Frau Brandt'],
      [change(1, kette.comparison.col.bisWann), '30.09.2026'],
    ])
    const goals = boardWith('zielsystem', {}, [])
    const plan = planCarry(route('chain-changes-goals'), {
      sourceInstance: chain.instance,
      sourceBoard: 'A',
      sourceBoardTitle: 'Kettenworkshop',
      sourceDay: '2026-06-10',
      sourceNotes: chain.sourceNotes,
      targetKeys: new Set(goals.shapes.map(keyOf).filter((k): k is string => !!k)),
      targetNotes: [],
    })
    expect(plan.planned).toHaveLength(3)
    const copies = plan.planned.map((p, i) => {
      const shape = noteInCell(goals.shapes, p.cellKey, p.text, i * 3)
      shape.meta = { [carriedFromKey]: { ...p.from } }
      return shape
    })
    const records = [...goals.records, ...copies]
    const items = (list: readonly OpenItem[]) => list.map(({ what, who, when }) => ({ what, who, when }))
    const doc = dokumentation({ id: 'B', title: 'Zielworkshop' }, records, {}, '2026-07-01')
    expect(items(doc.openItems)).toEqual([{ what: ['Jobcenter meldet Termine an die Kita'], who: ['Frau Brandt'], when: ['30.09.2026'] }])
    // Released: only released boards go into the pack.
    const board = (id: string, title: string, recs: readonly unknown[]) => ({ id, title, phase: 'zieleArchitektur' as const, internal: false, records: recs, facilitation: { release: released('2026-06-01', 1) } })
    const pack = steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [board('A', 'Kettenworkshop', chain.records), board('B', 'Zielworkshop', records)] }, '2026-07-01', 'de')
    expect(pack.openItems.map((i) => [i.board, i.what, i.who, i.when])).toEqual([['Zielworkshop', ['Jobcenter meldet Termine an die Kita'], ['Frau Brandt'], ['30.09.2026']]])
    expect(carriedFrom(copies[0].meta)).toMatchObject({ board: 'A', boardTitle: 'Kettenworkshop', day: '2026-06-10' })
  })
})

describe('the Arbeitsauftrag’s reporter into the Statusbericht', () => {
  const aa = cellsOf('arbeitsauftrag')
  const who = (n: number, text: string) => noteIn(aa, cellKey(auftrag.phasen.section, auftrag.phasen.row(n), auftrag.phasen.col.wer), text)
  const berichtet = cellKey(bericht.head.section, bericht.head.row, bericht.head.col.berichtet)

  it('names who reports and for which group: the order’s title, else the Teilziel it serves', () => {
    const notes = [who(1, 'Frau Schulz'), who(2, 'Frau Schulz'), who(3, 'Herr Öztürk')]
    expect(placed(carry(route('order-reporter'), notes, [], { source: { title: 'AG Randzeiten', teilziel: 2 } }))).toEqual([
      [berichtet, 'Frau Schulz – AG Randzeiten'],
      [berichtet, 'Herr Öztürk – AG Randzeiten'],
    ])
    expect(placed(carry(route('order-reporter'), [who(1, 'Frau Schulz')], [], { source: { teilziel: 2 } }))).toEqual([[berichtet, 'Frau Schulz – Arbeitsgruppe zu Teilziel 2']])
    expect(placed(carry(route('order-reporter'), [who(1, 'Frau Schulz')], [], { source: {} }))).toEqual([[berichtet, 'Frau Schulz']])
  })
})

describe('indicators between the Zielsystem and Erfolg und Reflexion', () => {
  const zs = cellsOf('zielsystem', { subgoals: 3 })
  const goal = (row: string, col: string) => cellKey(ziele.goals, row, col)
  const indicator = (n: number, col: string) => cellKey(erfolg.indicators, erfolg.indicator(n), col)

  it('carries the goals’ indicators, naming their level, one per row, with where they are read off', () => {
    const notes = [
      noteIn(zs, goal(ziele.teilziel(2), ziele.col.indikatoren), '20 Plätze am Abend'),
      noteIn(zs, goal(ziele.teilziel(2), ziele.col.quellen), 'Belegungsliste der Kitas'),
      noteIn(zs, goal(ziele.projektziel(1), ziele.col.indikatoren), 'Wartezeit unter zwei Wochen'),
      noteIn(zs, goal(ziele.aktivitaet(1), ziele.col.indikatoren), 'Flyer gedruckt'),
    ]
    const written: TargetNote[] = [{ cellKey: indicator(1, erfolg.col.indikator), text: 'Von Hand' }]
    const plan = carry(route('goals-indicators-success'), notes, written)
    expect(placed(plan)).toEqual([
      [indicator(2, erfolg.col.indikator), 'Projektziel: Wartezeit unter zwei Wochen'],
      [indicator(3, erfolg.col.indikator), 'Teilziel 2: 20 Plätze am Abend'],
      [indicator(3, erfolg.col.quelle), 'Belegungsliste der Kitas'],
    ])
    expect(plan.planned[2].from.part).toBe('source')
  })

  it('carries what the reflection found back to the level its indicator names, else into the Eingang, and nothing that came from there', () => {
    const ef = cellsOf('erfolg')
    const notes = [
      noteIn(ef, indicator(1, erfolg.col.indikator), 'Teilziel 2: 20 Plätze am Abend'),
      noteIn(ef, indicator(2, erfolg.col.indikator), 'Teilziel 1: Erstgespräch binnen einer Woche'),
      noteIn(ef, indicator(2, erfolg.col.quelle), 'Terminkalender der Anlaufstelle'),
      noteIn(ef, indicator(2, erfolg.col.sicht), 'Ich muss nur einmal erzählen'),
      noteIn(ef, indicator(3, erfolg.col.indikator), 'Partner kommen gern'),
      noteIn(ef, indicator(3, erfolg.col.stand), 'Meist voll besetzt'),
    ]
    const there: TargetNote[] = [{ cellKey: goal(ziele.teilziel(2), ziele.col.indikatoren), text: '20 Plätze am Abend' }]
    expect(placed(carry(route('success-indicators-goals'), notes, there, { target: { subgoals: 3 } }))).toEqual([
      [goal(ziele.teilziel(1), ziele.col.indikatoren), 'Erstgespräch binnen einer Woche'],
      [goal(ziele.teilziel(1), ziele.col.quellen), 'Terminkalender der Anlaufstelle'],
      [goal(ziele.teilziel(1), ziele.col.indikatoren), 'Sicht der Zielgruppe: Ich muss nur einmal erzählen'],
      [eingang, 'Indikator: Partner kommen gern'],
    ])
  })
})

describe('what the sustainability checklist found, as assumptions to check', () => {
  it('offers what a shaky or missing area rests on to the Eingang, as an assumption to sort onto a level, and nothing of an area that holds', () => {
    const ef = cellsOf('erfolg')
    const check = (area: string, col: string) => cellKey(erfolg.checklist, area, col)
    const notes = [
      noteIn(ef, check('ressourcen', 'rot'), 'AB'),
      noteIn(ef, check('ressourcen', 'gelb'), 'CD'),
      noteIn(ef, check('ressourcen', erfolg.basis), 'Förderung endet 2027'),
      noteIn(ef, check('kommune', 'gelb'), 'EF'),
      noteIn(ef, check('kommune', erfolg.basis), 'Sozialausschuss kennt uns kaum'),
      noteIn(ef, check('strukturen', 'gruen'), 'GH'),
      noteIn(ef, check('strukturen', erfolg.basis), 'Treffen alle sechs Wochen'),
    ]
    expect(placed(carry(route('success-findings-assumptions'), notes))).toEqual([
      [eingang, 'Annahme prüfen – Verankert in der Kommune (Gelb): Sozialausschuss kennt uns kaum'],
      [eingang, 'Annahme prüfen – Dauerhafte Ressourcen (Rot): Förderung endet 2027'],
    ])
  })
})

describe('to the right level', () => {
  it('puts each organisation’s expectations into the Eingang, saying whose, never into the Projektziel', () => {
    const gv = cellsOf('gruendungsveranstaltung', { partners: ['Jobcenter', 'Jugendamt'] })
    const round = (i: number, col: string) => [...gv].find(([, ref]) => ref.section === 'runde' && ref.row === `p${i}` && ref.col === col)![0]
    const notes = [noteIn(gv, round(0, 'zielgruppe'), 'Schneller in Arbeit'), noteIn(gv, round(1, 'einrichtung'), 'Weniger Doppelberatung')]
    const plan = carry(route('founding-expectations'), notes)
    expect(placed(plan)).toEqual([
      [eingang, 'Jobcenter (für die Zielgruppe): Schneller in Arbeit'],
      [eingang, 'Jugendamt (für die eigene Organisation): Weniger Doppelberatung'],
    ])
  })

  it('puts every common ground of the Zukunftskonferenz into the Eingang, not the one Oberziel', () => {
    const zk = cellsOf('zukunftskonferenz')
    const notes = [noteIn(zk, 'cell:gemeinsamkeiten', 'Hilfe aus einem Guss'), noteIn(zk, 'cell:gemeinsamkeiten', 'Niemand wird weggeschickt'), noteIn(zk, 'cell:dissens', 'Rolle des Jobcenters')]
    expect(placed(carry(route('zk-common-goal'), notes))).toEqual([
      [eingang, 'Hilfe aus einem Guss'],
      [eingang, 'Niemand wird weggeschickt'],
    ])
  })

  it('offers a report the milestones of one period: the first not yet reached, and those due with it', () => {
    const zs = cellsOf('zielsystem', { milestones: 5 })
    const m = (n: number, col: string) => cellKey(ziele.milestones.section, ziele.milestones.row(n), col)
    const { meilenstein, bisWann, erreicht } = ziele.milestones.col
    const notes = [
      noteIn(zs, m(1, meilenstein), 'Anlaufstelle geplant'),
      noteIn(zs, m(1, bisWann), '31.03.2026'),
      noteIn(zs, m(1, erreicht), 'ja'),
      noteIn(zs, m(2, meilenstein), 'Sprechstunde läuft'),
      noteIn(zs, m(2, bisWann), '30.06.2026'),
      noteIn(zs, m(2, erreicht), 'noch nicht'),
      noteIn(zs, m(3, meilenstein), 'Flyer verteilt'),
      noteIn(zs, m(3, bisWann), '30.06.2026'),
      noteIn(zs, m(4, meilenstein), 'Erste Auswertung'),
      noteIn(zs, m(4, bisWann), '31.12.2026'),
    ]
    const period = cellKey(bericht.head.section, bericht.head.row, bericht.head.col.zeitraum)
    expect(placed(carry(route('milestones-period'), notes))).toEqual([
      [period, 'Sprechstunde läuft – 30.06.2026'],
      [period, 'Flyer verteilt – 30.06.2026'],
    ])
    // Once they are marked reached, the next report gets the next period's.
    const later = [...notes, noteIn(zs, m(2, erreicht), 'ja'), noteIn(zs, m(3, erreicht), 'erledigt')]
    expect(placed(carry(route('milestones-period'), later))).toEqual([[period, 'Erste Auswertung – 31.12.2026']])
  })
})

it('lists every route with its handbook section in docs/facilitation.md', async () => {
  const { readFile } = await import('node:fs/promises')
  const doc = await readFile(new URL('../../../docs/facilitation.md', import.meta.url), 'utf8')
  for (const r of carryRoutes) expect(doc, r.id).toMatch(new RegExp(`\\| \`${r.id}\` \\|[^\\n]*\\| (H|L|R)[^|]*\\|\\n`))
})

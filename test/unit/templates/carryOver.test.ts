/**
 * Carry routes (shared/results/carryOver.ts): for every route, its source cells and its target
 * cells exist in fresh templates (laid out by the templates' own declared keys, so a renamed key
 * fails here); a note in each source cell lands in its target cell and remembers where it came
 * from; what people wrote in the target stays; carrying twice adds nothing. Then what each route
 * does of its own: the Teilziel an action names, one activity per report row, row labels.
 */
import { describe, expect, it } from 'vitest'
import { carryRoutes, planCarry, type CarryInput, type CarryRoute, type SourceNote, type TargetNote } from '../../../shared/results/carryOver.ts'
import { matchTeilziel } from '../../../shared/results/matchTeilziel.ts'
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import { zielsystemCells } from '../../../shared/templates/zielsystem.ts'
import { fallbeispieleCells } from '../../../shared/templates/fallbeispiele.ts'
import type { CellRef } from '../../../shared/board/scaffoldMeta.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'
import type { ExportCell, Instance, InstanceView } from '../../../shared/templates/definition.ts'
import type { TLShape } from '@tldraw/tlschema'
import { consentKey } from '../../../shared/board/entries/consent.ts'
import { completeConsent } from '../../helpers/consentRecords.ts'

const route = (id: string) => {
  const found = carryRoutes.find((r) => r.id === id)
  if (!found) throw new Error(`no route ${id}`)
  return found
}

/** A fresh layout's cells, by block key. */
function cellsOf(name: TemplateName, options: unknown = {}): Map<string, CellRef> {
  const blocks = planTemplate(name, options, 'de').layout.blocks
  return new Map(blocks.flatMap((b) => (b.kind === 'cell' && b.cell ? [[b.key, b.cell] as const] : [])))
}
const keysOf = (name: TemplateName, options: unknown = {}) => new Set(planTemplate(name, options, 'de').layout.blocks.map((b) => b.key))

const inSource = (r: CarryRoute, ref: CellRef) => {
  const sections: readonly string[] = typeof r.source.section === 'string' ? [r.source.section] : r.source.section
  return sections.includes(ref.section) && (!r.source.cols || r.source.cols.includes(ref.col ?? '')) && (!r.source.rows || r.source.rows(ref.row ?? ''))
}

let counter = 0
/** A note in the source cell with this key. */
function noteIn(cells: Map<string, CellRef>, key: string, text: string): SourceNote {
  const cell = cells.get(key)
  if (!cell) throw new Error(`no cell ${key}`)
  return { id: `n${++counter}`, text, cell }
}

/** What the source's export gate reads: its cells with their notes (the gates read no more). */
function viewOf(notes: SourceNote[]): InstanceView {
  const cells = new Map<string, ExportCell>()
  for (const note of notes) {
    const key = JSON.stringify([note.cell.section, note.cell.row, note.cell.col])
    const cell = cells.get(key) ?? { ref: note.cell, shape: {} as TLShape, notes: [] }
    cell.notes.push(note.text)
    cells.set(key, cell)
  }
  const unread = () => undefined
  // The four confirmation Zettel stand for the facilitator's record here: only the record releases (`fallkonferenzConsent.test.ts`).
  const confirmed = ['einverstaendnis', 'entbindung', 'pseudonym', 'moderation'].every((row) => notes.some((n) => n.cell.section === 'einverstaendnis' && n.cell.row === row))
  const instance = { instance: 'src', title: { parentId: 'page:p' } } as unknown as Instance
  // …and that record releases every Stelle the case's „Beteiligte Stellen“ names.
  const named = notes.filter((n) => n.cell.section === 'fall' && n.cell.row === 'stellen').map((n) => n.text)
  const record = { ...completeConsent, entbundeneStellen: [...completeConsent.entbundeneStellen, ...named] }
  const consent = confirmed ? { cases: { [consentKey('src', 'page:p')]: record } } : undefined
  return { instance, cells: [...cells.values()], shapes: new Map(), bindings: [], boundsOf: unread, textOf: unread, cellOf: unread, consent }
}

function carry(r: CarryRoute, sourceNotes: SourceNote[], targetNotes: TargetNote[] = [], targetOptions: unknown = {}, targetKeys = keysOf(r.to, targetOptions)) {
  const sourceView = viewOf(sourceNotes)
  const input: CarryInput = { sourceInstance: 'src', sourceNotes, sourceView, targetKeys, targetNotes, targetOptions, targetLocale: 'de' }
  return planCarry(r, input)
}

/** The target's notes after a carry: what was there, and what was carried. */
const after = (before: TargetNote[], planned: ReturnType<typeof carry>['planned']): TargetNote[] => [
  ...before,
  ...planned.map(({ cellKey, text, from }) => ({ cellKey, text, from })),
]

/**
 * Routes that take only some source rows, by the target's options or the source's own state: the
 * options, which rows, and the cells left empty (a milestone marked reached is no longer offered).
 */
const targetChoice: Record<string, { options: unknown; rows: (row: string | undefined) => boolean; empty?: (ref: CellRef) => boolean; from?: unknown }> = {
  'goal-order': { options: { teilziel: 1 }, rows: (row) => row === 't1' },
  // The chain's marked hand-overs, not those carried in and not placed yet.
  'chain-handovers-slip': { options: {}, rows: (row) => row !== 'open', from: { handovers: ['Jobcenter → Jugendamt', 'Kita → Jobcenter'] } },
  'milestones-period': { options: {}, rows: (row) => row === 'm1', empty: (ref) => ref.col === zielsystemCells.milestones.col.erreicht },
  // A case goes only into a Planspiel playing its own case (a handbook case's card is the case played).
  'fallbeispiele-planspiel-case': { options: { case: 'blank' }, rows: () => true },
}

describe.each(carryRoutes.map((r) => [r.id, r] as const))('route %s', (_id, r) => {
  const choice = targetChoice[r.id]
  const targetOptions = choice?.options ?? {}
  const sourceCells = cellsOf(r.from, choice?.from)
  const targetKeys = keysOf(r.to, targetOptions)
  const sourceKeys = [...sourceCells].filter(([, ref]) => inSource(r, ref) && (!choice || choice.rows(ref.row))).map(([key]) => key)
  const kept = (key: string) => !choice?.empty?.(sourceCells.get(key)!)
  // A case's checks pass only on a confirmation („ja“, ✓), not on any Zettel.
  const confirmation = (key: string) => (sourceCells.get(key)?.section === fallbeispieleCells.checks.section ? ' ✓' : '')

  it('reads cells the source template has, by its declared keys', () => {
    expect(sourceKeys.length, `${r.from} has no cell in ${JSON.stringify(r.source.section)}`).toBeGreaterThan(0)
    for (const col of r.source.cols ?? []) expect([...sourceCells.values()].some((ref) => inSource(r, ref) && ref.col === col), col).toBe(true)
  })

  it('carries a note from each source cell into a cell the target has, with where it came from', () => {
    // A note in every cell of the source (confirmations a route waits for included); carried: those in its cells.
    const all = [...sourceCells.keys()].filter(kept).map((key) => noteIn(sourceCells, key, `Aus ${key}${confirmation(key)}`))
    const notes = all.filter((n) => sourceKeys.some((key) => sourceCells.get(key) === n.cell))
    const { planned, unassigned, held } = carry(r, all, [], targetOptions)
    expect(held).toBeUndefined()
    expect(unassigned).toBe(0)
    // Each source note once; who and by when may travel with it (`companions`).
    const carried = planned.filter((p) => !p.from.part)
    expect(carried.length).toBe(r.rowLabels ? new Set(notes.map((n) => `${n.cell.section}:${n.cell.row}`)).size : notes.length)
    for (const note of planned) {
      expect(targetKeys.has(note.cellKey), note.cellKey).toBe(true)
      expect(note.from.instance).toBe('src')
      expect(note.from.route).toBe(r.id)
    }
  })

  it('keeps what is in the target and adds nothing when carried twice', () => {
    const others = [...sourceCells.keys()].filter((key) => !sourceKeys.includes(key) && kept(key))
    const notes = [...sourceKeys.slice(0, 3), ...others].map((key) => noteIn(sourceCells, key, `Aus ${key}${confirmation(key)}`))
    const first = carry(r, notes, [], targetOptions)
    expect(first.planned.length).toBeGreaterThan(0)
    const written: TargetNote[] = first.planned.map((p) => ({ cellKey: p.cellKey, text: 'Schon da, von Hand' }))
    const second = carry(r, notes, written, targetOptions)
    // Only additions: the plan never names a note that is there.
    expect(second.planned.every((p) => p.text !== 'Schon da, von Hand')).toBe(true)
    expect(second.planned.length).toBe(first.planned.length)
    expect(carry(r, notes, after(written, second.planned), targetOptions).planned).toEqual([])
  })
})

describe('Zukunftskonferenz actions go to the Teilziel their plan names (H 4.3.8)', () => {
  const zk = cellsOf('zukunftskonferenz')
  const action = (n: number, what: string, goal?: string) => [
    noteIn(zk, `action:a${n}:massnahme`, what),
    ...(goal ? [noteIn(zk, `action:a${n}:ziel`, goal)] : []),
  ]
  const teilziele: TargetNote[] = [
    { cellKey: 'ziele:cell:t1:beschreibung', text: 'Alleinerziehende finden Beratung an einer Stelle' },
    { cellKey: 'ziele:cell:t2:beschreibung', text: 'Kinderbetreuung in Randzeiten ist gesichert' },
    { cellKey: 'ziele:cell:t3:beschreibung', text: 'Arbeitgeber kennen das Netzwerk' },
  ]

  it('puts "Teilziel 2" into Aktivitäten zu Teilziel 2, and a keyword into the Teilziel that has it', () => {
    const { planned } = carry(route('zk-actions-teilziel'), [
      ...action(1, 'Babysitterpool aufbauen', 'Teilziel 2'),
      ...action(2, 'Infoabend bei der IHK', 'Arbeitgeber'),
      ...action(3, 'Wegweiser drucken', 'TZ 1'),
    ], teilziele)
    expect(planned.map((p) => [p.cellKey, p.text])).toEqual([
      ['ziele:cell:a2:beschreibung', 'Babysitterpool aufbauen'],
      ['ziele:cell:a3:beschreibung', 'Infoabend bei der IHK'],
      ['ziele:cell:a1:beschreibung', 'Wegweiser drucken'],
    ])
  })

  it('puts a "Wegweiser für Alleinerziehende" whose goal is in words into the Teilziel those words name, not the first', () => {
    const single: TargetNote[] = [
      { cellKey: 'ziele:cell:t1:beschreibung', text: 'Alleinerziehende finden Beratung an einer Stelle' },
      { cellKey: 'ziele:cell:t2:beschreibung', text: 'Alleinerziehende haben Kinderbetreuung in Randzeiten' },
      { cellKey: 'ziele:cell:t3:beschreibung', text: 'Alleinerziehende sind über Angebote informiert' },
    ]
    const { planned } = carry(route('zk-actions-teilziel'), action(1, 'Wegweiser für Alleinerziehende', 'Alleinerziehende informieren'), single)
    expect(planned.map((p) => p.cellKey)).toEqual(['ziele:cell:a3:beschreibung'])
  })

  it('matches what it cannot place, a Projektziel or nothing at all, to the Eingang, saying what the plan said', () => {
    const keys = keysOf('zielsystem')
    const eingang = [...keys].find((k) => k === 'ziele:cell:eingang:beschreibung')
    expect(eingang, 'the Zielsystem declares an Eingang').toBeDefined()
    const { planned } = carry(route('zk-actions-teilziel'), [...action(1, 'Pressearbeit', 'Projektziel'), ...action(2, 'Fest feiern')], teilziele)
    expect(planned.map((p) => [p.cellKey, p.text])).toEqual([
      [eingang, 'Ziel: Projektziel – Pressearbeit'],
      [eingang, 'Fest feiern'],
    ])
  })

  it('writes into the Eingang the Zielsystem declares, a cell of its layout in either language', () => {
    expect(zielsystemCells.eingangCell).toBe('ziele:cell:eingang:beschreibung')
    for (const locale of ['de', 'en'] as const) expect(planTemplate('zielsystem', {}, locale).layout.blocks.some((b) => b.key === zielsystemCells.eingangCell)).toBe(true)
  })

  it('counts an action as having no place on an old Zielsystem without Eingang, never forcing it into Teilziel 1', () => {
    const keys = new Set([...keysOf('zielsystem')].filter((k) => !k.includes('eingang')))
    const { planned, unassigned } = carry(route('zk-actions-teilziel'), [...action(1, 'Pressearbeit', 'Öffentlichkeit')], teilziele, {}, keys)
    expect(planned).toEqual([])
    expect(unassigned).toBe(1)
  })
})

describe('matchTeilziel', () => {
  const goals = new Map<number, string[]>([
    [1, ['Alleinerziehende finden Beratung an einer Stelle']],
    [2, ['Kinderbetreuung in Randzeiten ist gesichert', 'Betreuung auch am Wochenende']],
    [3, ['Beratung zur Kinderbetreuung für Arbeitgeber']],
  ])
  it('takes a number over words', () => {
    expect(matchTeilziel('3', goals)).toBe(3)
    expect(matchTeilziel('Ziel 1: Kinderbetreuung', goals)).toBe(1)
    expect(matchTeilziel('TZ2', goals)).toBe(2)
    expect(matchTeilziel('Teilziel 2', goals)).toBe(2)
  })
  it('matches words, umlauts and word forms alike, and the most shared words win', () => {
    expect(matchTeilziel('Randzeiten', goals)).toBe(2)
    expect(matchTeilziel('Kinderbetreuung, Arbeitgeber', goals)).toBe(3)
    expect(matchTeilziel('beratungsangebote für alleinerziehende', goals)).toBe(1)
  })
  it('finds none on a tie: which Teilziel it is, the group decides in the Eingang', () => {
    expect(matchTeilziel('Kinderbetreuung', goals)).toBeUndefined()
  })
  it('does not take two words for one because they begin alike ("Sprachkurs", "Sprachkita")', () => {
    const language = new Map<number, string[]>([
      [1, ['Sprachkita für die Kinder']],
      [2, ['Sprachkurs mit Kinderbetreuung']],
    ])
    expect(matchTeilziel('Sprachkurs', language)).toBe(2)
  })

  it('does not count words every Teilziel has', () => {
    const single = new Map<number, string[]>([
      [1, ['Alleinerziehende finden Beratung an einer Stelle']],
      [2, ['Alleinerziehende haben Kinderbetreuung in Randzeiten']],
      [3, ['Alleinerziehende sind über Angebote informiert']],
    ])
    expect(matchTeilziel('Alleinerziehende über Angebote informieren', single)).toBe(3)
    expect(matchTeilziel('Alleinerziehende', single)).toBeUndefined()
  })
  it('finds none for no shared word, a number with no such Teilziel, or a goal above the Teilziele', () => {
    expect(matchTeilziel('Pressearbeit', goals)).toBeUndefined()
    expect(matchTeilziel('Teilziel 7', goals)).toBeUndefined()
    expect(matchTeilziel('Projektziel 2', goals)).toBeUndefined()
    expect(matchTeilziel('Oberziel', goals)).toBeUndefined()
    expect(matchTeilziel('', goals)).toBeUndefined()
  })
})

describe('from the Zielsystem to the Statusbericht (H, Anlage Zielsystem)', () => {
  const zs = cellsOf('zielsystem')
  it('carries activities, one per report row and then the last row, naming their Teilziel; a row someone filled stays theirs', () => {
    const notes = [
      noteIn(zs, 'ziele:cell:a2:beschreibung', 'Sprechstunde einrichten'),
      noteIn(zs, 'ziele:cell:a1:beschreibung', 'Wegweiser drucken'),
      noteIn(zs, 'ziele:cell:t1:beschreibung', 'Ein Teilziel, keine Aktivität'),
      noteIn(zs, 'ziele:cell:a3:beschreibung', 'Infoabend'),
    ]
    const written: TargetNote[] = [{ cellKey: 'aktivitaeten:cell:a2:geplant', text: 'Von Hand geplant' }]
    const { planned } = carry(route('goals-activities-report'), notes, written, { activities: 3 })
    expect(planned.map((p) => [p.cellKey, p.text])).toEqual([
      ['aktivitaeten:cell:a1:geplant', 'Teilziel 1: Wegweiser drucken'],
      ['aktivitaeten:cell:a3:geplant', 'Teilziel 2: Sprechstunde einrichten'],
      ['aktivitaeten:cell:a3:geplant', 'Teilziel 3: Infoabend'],
    ])
  })

  it('carries milestones with their dates as the reporting period, not as activities', () => {
    const notes = [noteIn(zs, 'meilensteine:cell:m1:meilenstein', 'Sprechstunde läuft'), noteIn(zs, 'meilensteine:cell:m1:bisWann', '30.6.')]
    expect(carry(route('milestones-period'), notes).planned.map((p) => [p.cellKey, p.text])).toEqual([['bericht:cell:bericht:zeitraum', 'Sprechstunde läuft – 30.6.']])
  })
})

describe('the Zielsystem’s Teilziel into an Arbeitsauftrag (H, Anlage Arbeitsauftrag)', () => {
  const zs = cellsOf('zielsystem')
  const notes = [
    noteIn(zs, 'ziele:cell:t1:beschreibung', 'Beratung an einer Stelle'),
    noteIn(zs, 'ziele:cell:t2:beschreibung', 'Betreuung in Randzeiten ist gesichert'),
    noteIn(zs, 'ziele:cell:t2:indikatoren', '20 Plätze am Abend'),
    noteIn(zs, 'ziele:cell:a2:beschreibung', 'Eine Aktivität, kein Ziel'),
  ]
  it('carries only the Teilziel the order serves, with its indicators', () => {
    const { planned, unassigned } = carry(route('goal-order'), notes, [], { teilziel: 2 })
    expect(unassigned).toBe(0)
    expect(planned.map((p) => [p.cellKey, p.text])).toEqual([
      ['auftrag:cell:ziele:inhalt', 'Betreuung in Randzeiten ist gesichert'],
      ['auftrag:cell:ziele:inhalt', 'Indikator: 20 Plätze am Abend'],
    ])
  })
  it('waits until the order names its Teilziel', () => {
    const plan = carry(route('goal-order'), notes, [], { teilziel: 0 })
    expect(plan.planned).toEqual([])
    expect(plan.held?.de).toMatch(/erst das Teilziel/)
  })
})

describe('the founding event’s rules into the Netzwerkregeln (H 3.3.3 → 4.3.9)', () => {
  it('puts what was agreed on each rule topic into that topic’s rule', () => {
    const gv = cellsOf('gruendungsveranstaltung')
    const notes = ['treffen', 'architektur', 'vertraulichkeit', 'bindung'].map((row) => noteIn(gv, `regeln:cell:${row}:vereinbart`, `Vereinbart: ${row}`))
    const written: TargetNote[] = [{ cellKey: 'regeln:cell:treffen:regel', text: 'Alle sechs Wochen, von Hand' }]
    const { planned, unassigned } = carry(route('founding-rules'), notes, written)
    expect(unassigned).toBe(0)
    expect(planned.map((p) => [p.cellKey, p.text])).toEqual([
      ['regeln:cell:architektur:regel', 'Vereinbart: architektur'],
      ['regeln:cell:bindung:regel', 'Vereinbart: bindung'],
      ['regeln:cell:treffen:regel', 'Vereinbart: treffen'],
      ['regeln:cell:vertraulichkeit:regel', 'Vereinbart: vertraulichkeit'],
    ])
  })
})

describe('old routes', () => {
  it('no longer make Protokoll tasks or milestones into planned activities', () => {
    expect(carryRoutes.map((r) => r.id)).not.toContain('minutes-report')
    expect(carryRoutes.map((r) => r.id)).not.toContain('milestones-report')
  })

  it('count a note carried before routes had ids as carried', () => {
    const ps = cellsOf('planspiel')
    const note = noteIn(ps, 'scene:s1:fehlt', 'Kinderbetreuung am Abend')
    expect(carry(route('planspiel-gaps'), [note], [{ cellKey: 'gaps', text: note.text, from: { instance: 'src', note: note.id } }]).planned).toEqual([])
  })

  it('put scenes beyond the comparison’s rows into its last row', () => {
    const ps = cellsOf('planspiel', { scenes: 6 })
    const notes = [noteIn(ps, 'scene:s2:was', 'Frau K. beim Jobcenter'), noteIn(ps, 'scene:s6:was', 'Frau K. bei der Kita')]
    const { planned } = carry(route('planspiel-ist'), notes, [], { comparison: 4 })
    expect(planned.map((p) => p.cellKey)).toEqual(['vergleich:cell:v2:ist', 'vergleich:cell:v4:ist'])
  })
})

describe('routes into the service chain and the Beteiligtenanalyse', () => {
  it('carries each need someone wrote about, once, as the chain’s Bedarfslage (the need’s name, not the notes)', () => {
    const ba = cellsOf('bedarfsanalyse')
    const [first] = [...ba].filter(([, ref]) => ref.section === 'individuell')
    const structural = [...ba].find(([, ref]) => ref.section === 'strukturell')!
    const notes = [
      noteIn(ba, first[0], 'Wartezeiten beim Amt'),
      noteIn(ba, first[0].replace(/[^:]+$/, 'partner'), 'Jobcenter'),
      noteIn(ba, structural[0], 'Keine Abendbetreuung'),
    ]
    const r = route('needs-chain')
    const { planned } = carry(r, notes)
    expect(planned.map((p) => [p.cellKey, p.text])).toEqual([
      ['bedarfslagen', first[1].rowLabel],
      ['bedarfslagen', structural[1].rowLabel],
    ])
    expect(planned.map((p) => p.from.note)).toEqual([`row:${first[1].row}`, `row:${structural[1].row}`])
    expect(carry(r, notes, after([], planned)).planned).toEqual([])
  })

  it('puts what could be better in the play among the chain’s hand-overs not placed yet, and who is missing among the candidates', () => {
    const ps = cellsOf('planspiel')
    expect(carry(route('planspiel-handovers'), [noteIn(ps, 'scene:s2:besser', 'Termin gleich mitgeben')]).planned.map((p) => p.cellKey)).toEqual(['handover:open'])
    const gv = cellsOf('gruendungsveranstaltung')
    const fehlt = [...gv].find(([, ref]) => ref.section === 'plenum' && ref.col === 'fehlt')![0]
    expect(carry(route('founding-missing'), [noteIn(gv, fehlt, 'Familienzentrum')]).planned.map((p) => [p.cellKey, p.text])).toEqual([['cell:kandidaten', 'Familienzentrum']])
  })

  it('puts who is missing on the Netzwerkkarte among the Beteiligtenanalyse’s candidates, as its prompt promises', () => {
    const nk = cellsOf('netzwerkkarte')
    const fehlt = [...nk].find(([, ref]) => ref.section === 'auswertung' && ref.col === 'fehlt')![0]
    const luecken = [...nk].find(([, ref]) => ref.section === 'auswertung' && ref.col === 'luecken')![0]
    const notes = [noteIn(nk, fehlt, 'Wohnungsamt'), noteIn(nk, luecken, 'Kita und Jobcenter reden nicht')]
    expect(carry(route('map-missing'), notes).planned.map((p) => [p.cellKey, p.text])).toEqual([['cell:kandidaten', 'Wohnungsamt']])
  })

  it('carries a name once, though several rows name it, and not at all when the target has it already', () => {
    const gv = cellsOf('gruendungsveranstaltung')
    const fehlt = [...gv].find(([, ref]) => ref.section === 'plenum' && ref.col === 'fehlt')![0]
    const notes = [noteIn(gv, fehlt, 'Schuldnerberatung'), noteIn(gv, fehlt, ' schuldnerberatung '), noteIn(gv, fehlt, 'Familienzentrum')]
    expect(carry(route('founding-missing'), notes).planned.map((p) => p.text)).toEqual(['Schuldnerberatung', 'Familienzentrum'])
    const there: TargetNote[] = [{ cellKey: 'cell:kandidaten', text: 'FAMILIENZENTRUM' }]
    expect(carry(route('founding-missing'), notes, there).planned.map((p) => p.text)).toEqual(['Schuldnerberatung'])
    const ba = cellsOf('bedarfsanalyse')
    const weitere = [...ba].filter(([, ref]) => ref.col === 'weitere').map(([key]) => key)
    const named = weitere.slice(0, 3).map((key) => noteIn(ba, key, 'Schuldnerberatung'))
    expect(named.length).toBe(3)
    expect(carry(route('needs-partners'), named).planned.map((p) => p.text)).toEqual(['Schuldnerberatung'])
  })

  it('counts notes whose target cell an old template lacks, rather than putting them elsewhere', () => {
    const ps = cellsOf('planspiel')
    const keys = new Set([...keysOf('dienstleistungskette')].filter((k) => k !== 'handover:open'))
    expect(carry(route('planspiel-handovers'), [noteIn(ps, 'scene:s1:besser', 'Rückruf vereinbaren')], [], {}, keys)).toEqual({ planned: [], unassigned: 1 })
  })

  it('carries the Zukunftskonferenz’s common ground into the Eingang, not what stays disputed', () => {
    const zk = cellsOf('zukunftskonferenz')
    const notes = [noteIn(zk, 'cell:gemeinsamkeiten', 'Hilfe aus einem Guss'), noteIn(zk, 'cell:dissens', 'Rolle des Jobcenters')]
    expect(carry(route('zk-common-goal'), notes).planned.map((p) => [p.cellKey, p.text])).toEqual([['ziele:cell:eingang:beschreibung', 'Hilfe aus einem Guss']])
  })
})

describe('routes of the third wave’s instruments', () => {
  const fk = cellsOf('fallkonferenz')
  const confirmations = ['einverstaendnis', 'entbindung', 'pseudonym', 'moderation'].map((row) => noteIn(fk, `einverstaendnis:cell:${row}:bestaetigt`, 'ja'))
  const findings = [
    noteIn(fk, 'erkenntnisse:cell:erkenntnisse:luecke', 'Keine Beratung am Samstag'),
    noteIn(fk, 'erkenntnisse:cell:erkenntnisse:schnittstelle', 'Jobcenter → Kita: keine Rückmeldung'),
    noteIn(fk, 'erkenntnisse:cell:erkenntnisse:thema', 'Schulden'),
  ]

  it('carries a Fallkonferenz’s findings only once all its confirmations are written down', () => {
    for (const id of ['case-gaps', 'case-handovers', 'case-themes']) {
      const held = carry(route(id), [...confirmations.slice(0, 3), ...findings])
      expect(held.planned, id).toEqual([])
      expect(held.held?.de, id).toMatch(/es fehlen noch Bestätigungen/)
    }
    const carried = (id: string) => carry(route(id), [...confirmations, ...findings]).planned.map((p) => [p.cellKey, p.text])
    expect(carried('case-gaps')).toEqual([['gaps', 'Keine Beratung am Samstag']])
    expect(carried('case-handovers')).toEqual([['handover:open', 'Jobcenter → Kita: keine Rückmeldung']])
    expect(carried('case-themes')).toEqual([['vorschlaege', 'Schulden']])
  })

  it('asks the Fallkonferenz’s own export gate, so that no route from its case can forget it', () => {
    const untold: CarryRoute = { id: 'test-case', from: 'fallkonferenz', to: 'dienstleistungskette', what: { de: 'x', en: 'x' }, source: { section: 'erkenntnisse' }, target: () => 'gaps' }
    const held = carry(untold, [...confirmations.slice(0, 3), ...findings])
    expect(held.planned).toEqual([])
    expect(held.held?.de).toMatch(/es fehlen noch Bestätigungen/)
    expect(held.held?.en).toMatch(/confirmations before the conference are still missing/)
    expect(carry(untold, [...confirmations, ...findings]).planned.length).toBe(3)
    // The confirmations are held with the case („Einverständnis Frau Yilmaz liegt vor“ names her).
    const consent: CarryRoute = { ...untold, source: { section: 'einverstaendnis' } }
    expect(carry(consent, confirmations.slice(0, 3)).held?.de).toMatch(/es fehlen noch Bestätigungen/)
    expect(carryRoutes.filter((r) => r.from === 'fallkonferenz').every((r) => !r.holds)).toBe(true)
  })

  it('proposes a theme found in two cases or more as a goal, saying in how many', () => {
    const fm = cellsOf('fallmatrix')
    const theme = (row: string) => [...fm.values()].find((ref) => ref.row === row)!.rowLabel
    const notes = [
      noteIn(fm, 'matrix:cell:th0:f1', 'x'),
      noteIn(fm, 'matrix:cell:th0:f3', 'x'),
      noteIn(fm, 'matrix:cell:th0:f3', 'noch einmal'),
      noteIn(fm, 'matrix:cell:th1:f2', 'x'),
    ]
    expect(carry(route('matrix-goals'), notes).planned.map((p) => [p.cellKey, p.text])).toEqual([['ziele:cell:eingang:beschreibung', `${theme('th0')} (2 Fälle)`]])
  })

  it('puts the ways of returned slips into the chain’s as-is, one per row, and duplicates among the open hand-overs', () => {
    const lz = cellsOf('laufzettel')
    const ways = [noteIn(lz, 'auswertung:cell:z1:weg', 'Jobcenter → Beratung'), noteIn(lz, 'auswertung:cell:z2:weg', 'Kita → Jugendamt')]
    expect(carry(route('slips-chain'), ways, [{ cellKey: 'vergleich:cell:v1:ist', text: 'Von Hand' }]).planned.map((p) => p.cellKey)).toEqual([
      'vergleich:cell:v2:ist',
      'vergleich:cell:v3:ist',
    ])
    const twice = noteIn(lz, 'auswertung:cell:z1:doppelt', 'Zweimal Schuldnerberatung')
    expect(carry(route('slips-handovers'), [twice]).planned.map((p) => p.cellKey)).toEqual(['handover:open'])
  })

  it('carries the gaps of the overview of services into the chain’s gaps', () => {
    const ao = cellsOf('angebotsuebersicht')
    const gap = [...ao].find(([, ref]) => ref.col === 'luecke')![0]
    expect(carry(route('offers-gaps'), [noteIn(ao, gap, 'Nichts am Wochenende')]).planned.map((p) => [p.cellKey, p.text])).toEqual([['gaps', 'Nichts am Wochenende']])
  })
})

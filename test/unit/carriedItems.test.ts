/**
 * A carried item is one item wherever it is (shared/results/carriedItems.ts), on real template
 * records: a Zukunftskonferenz's actions on one board, carried (by the real carry plan, again and
 * again, into Zielsysteme on other boards) with who, by when and the indicator; the pack and the
 * Dokumentation list each action once, where it was carried, with its origin and the right date.
 * Property: however many times and wherever actions are carried, the pack has no more open items
 * than the conference planned, and each action's text is in it once.
 */
import type { TLShape } from '@tldraw/tlschema'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { carryRoutes, carriedFrom, carriedFromKey, planCarry, type CarriedFrom, type SourceNote, type TargetNote } from '../../shared/results/carryOver.ts'
import { oneItemEach, originLine } from '../../shared/results/carriedItems.ts'
import { steeringPack, steeringPackCsv } from '../../shared/results/steeringPack.ts'
import { dokumentation, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { zukunftskonferenzCells as zk } from '../../shared/templates/zukunftskonferenz.ts'
import { zielsystemCells as ziele } from '../../shared/templates/zielsystem.ts'
import { cellKey } from '../../shared/templates/table.ts'
import type { OpenItem } from '../../shared/templates/definition.ts'
import { build, keyOf, noteInCell } from './templates/helpers.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'
import { released } from '../../shared/board/entries/release.ts'
import { isCaseTitle } from '../../shared/board/caseCells.ts'
import { holdsCase } from '../../shared/results/caseBoards.ts'
import { caseTemplates } from '../../shared/templates/caseBoards.ts'

const route = carryRoutes.find((r) => r.id === 'zk-actions-teilziel')!

interface Action {
  text: string
  teilziel: number
  who?: string
  when?: string
  indicator?: string
}

/** A board with a Zukunftskonferenz, its actions written row by row. */
function conference(actions: readonly Action[]) {
  const { shapes } = build('zukunftskonferenz', { actionRows: Math.max(6, actions.length) })
  const notes: TLShape[] = []
  actions.forEach((a, i) => {
    const put = (col: string, text: string | undefined) => text && notes.push(noteInCell(shapes, zk.actions.block(i + 1, col), text))
    put(zk.actions.col.massnahme, a.text)
    put(zk.actions.col.ziel, `Teilziel ${a.teilziel}`)
    put(zk.actions.col.wer, a.who)
    put(zk.actions.col.bisWann, a.when)
    put(zk.actions.col.indikator, a.indicator)
  })
  const instance = scaffoldMeta(shapes[0])!.instance
  const cells = new Map(shapes.flatMap((s) => (scaffoldMeta(s)?.cell ? [[s.id as string, s] as const] : [])))
  // Each note's cell, as the carry reads it: the cell whose box holds its centre.
  const sourceNotes: SourceNote[] = notes.map((n) => {
    const cell = [...cells.values()].find((c) => {
      const { w, h } = c.props as { w: number; h: number }
      return n.x + 100 > c.x && n.x + 100 < c.x + w && n.y + 100 > c.y && n.y + 100 < c.y + h
    })!
    return { id: n.id, text: (n.props as { richText: { content: { content: { text: string }[] }[] } }).richText.content[0].content[0].text, cell: scaffoldMeta(cell)!.cell! }
  })
  return { records: [...shapes, ...notes] as TLShape[], instance, sourceNotes }
}

/** A board with a Zielsystem, into which carries write as the client does (each note into its cell, with its provenance). */
function goalBoard(y = 0) {
  const { shapes } = build('zielsystem', { subgoals: 3 }, 'de', { x: 0, y })
  const keys = new Set(shapes.map(keyOf).filter((k): k is string => !!k))
  const written: TLShape[] = []
  const targetNotes: TargetNote[] = []
  return {
    get records() {
      return [...shapes, ...written]
    },
    written,
    carry(source: ReturnType<typeof conference>, board: string, title: string, day = '2025-03-12') {
      const plan = planCarry(route, {
        sourceInstance: source.instance,
        sourceBoard: board,
        sourceBoardTitle: title,
        sourceDay: day,
        sourceNotes: source.sourceNotes,
        targetKeys: keys,
        targetNotes,
      })
      for (const note of plan.planned) {
        const inCell = targetNotes.filter((t) => t.cellKey === note.cellKey).length
        const shape = noteInCell(shapes, note.cellKey, note.text, inCell * 3)
        shape.meta = { [carriedFromKey]: { ...note.from } }
        written.push(shape)
        targetNotes.push({ cellKey: note.cellKey, text: note.text, from: note.from })
      }
      return plan.planned.length
    },
  }
}

// Released: only released boards go into the pack.
const board = (id: string, title: string, records: readonly unknown[]) => ({ id, title, phase: 'zieleArchitektur' as const, internal: false, records, facilitation: { release: released('2025-03-01', 1) } })
const items = (list: ReadonlyArray<OpenItem>) => list.map(({ what, who, when }) => ({ what, who, when }))

describe('carrying the whole item', () => {
  it('carries who, by when and the indicator into the Teilziel’s row, each keeping the note it belongs to', () => {
    const source = conference([{ text: 'Babysitterpool aufbauen', teilziel: 2, who: 'Familienzentrum Nord', when: '30.06.2025', indicator: '20 Familien nutzen ihn' }])
    const target = goalBoard()
    expect(target.carry(source, 'A', 'Zukunftskonferenz März')).toBe(4)
    const froms: CarriedFrom[] = target.written.map((s) => carriedFrom(s.meta)!)
    const action = froms.find((f) => !f.part)!
    expect(action).toMatchObject({ board: 'A', boardTitle: 'Zukunftskonferenz März', day: '2025-03-12', text: 'Babysitterpool aufbauen' })
    expect(froms.filter((f) => f.part).map((f) => [f.part, f.item, f.text])).toEqual([
      ['who', action.note, 'Familienzentrum Nord'],
      ['when', action.note, '30.06.2025'],
      ['indicator', action.note, '20 Familien nutzen ihn'],
    ])
    // Carrying again adds nothing, the companions neither.
    expect(target.carry(source, 'A', 'Zukunftskonferenz März')).toBe(0)
  })

  it('carries an action into the Eingang with its who and date, its indicator waiting at the source (the Eingang has no indicator column)', () => {
    const source = conference([{ text: 'Fachtag ausrichten', teilziel: 9, who: 'Jobcenter', when: '30.06.2025', indicator: '80 Gäste' }])
    const target = goalBoard()
    expect(target.carry(source, 'A', 'ZK')).toBe(3)
    expect(target.written.map((s) => carriedFrom(s.meta)?.part)).toEqual([undefined, 'who', 'when'])
  })

  it('keeps an action with its own date in a row that holds another activity, and lists it once in the pack with its origin', () => {
    const source = conference([{ text: 'Babysitterpool aufbauen', teilziel: 2, who: 'Familienzentrum Nord', when: '30.06.2025' }])
    const target = goalBoard()
    const row2 = (col: string) => cellKey(ziele.goals, ziele.aktivitaet(2), col)
    const shapes = target.records
    target.written.push(
      noteInCell(shapes, row2(ziele.col.beschreibung), 'Elterncafé einrichten', -40),
      noteInCell(shapes, row2(ziele.col.akteure), 'Stadtteilbüro', -40),
      noteInCell(shapes, row2(ziele.col.bisWann), '31.12.2025', -40),
    )
    target.carry(source, 'A', 'Zukunftskonferenz März')
    const doc = dokumentation({ id: 'B', title: 'Zielworkshop' }, target.records, {}, '2025-04-01')
    expect(items(doc.openItems)).toEqual([
      { what: ['Elterncafé einrichten'], who: ['Stadtteilbüro'], when: ['31.12.2025'] },
      { what: ['Babysitterpool aufbauen'], who: ['Familienzentrum Nord'], when: ['30.06.2025'] },
    ])
    expect(dokumentationMarkdown(doc, 'de')).toContain('aus: Zukunftskonferenz März, 12.03.2025')

    const pack = steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [board('A', 'Zukunftskonferenz März', source.records), board('B', 'Zielworkshop', target.records)] }, '2025-04-01', 'de')
    expect(pack.openItems.map((i) => [i.board, i.what, i.who, i.when])).toEqual([
      ['Zielworkshop', ['Elterncafé einrichten'], ['Stadtteilbüro'], ['31.12.2025']],
      ['Zielworkshop', ['Babysitterpool aufbauen'], ['Familienzentrum Nord'], ['30.06.2025']],
    ])
    const csv = steeringPackCsv(pack, 'de')
    expect(csv.split('\n').filter((l) => l.includes('Babysitterpool'))).toEqual([expect.stringContaining('aus: Zukunftskonferenz März, 12.03.2025')])
  })

  it('takes who and by when from the copy where the target changed them since, else from the source now', () => {
    const source = conference([{ text: 'Babysitterpool aufbauen', teilziel: 1, who: 'Familienzentrum Nord', when: '30.06.2025' }])
    const target = goalBoard()
    target.carry(source, 'A', 'ZK')
    const packOf = () =>
      steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [board('A', 'ZK', source.records), board('B', 'Ziele', target.records)] }, '2025-04-01', 'de').openItems.map((i) => [i.who, i.when])
    // The conference moves its date: the copy was not changed, so the source's newer word counts.
    const sourceDate = source.records.find((s) => s.type === 'note' && JSON.stringify(s.props).includes('30.06.2025'))!
    const setText = (shape: TLShape, text: string) => ((shape.props as { richText: unknown }).richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
    setText(sourceDate, '31.07.2025')
    expect(packOf()).toEqual([[['Familienzentrum Nord'], ['31.07.2025']]])
    // The Zielsystem's group sets its own date: theirs counts.
    const copyDate = target.written.find((s) => carriedFrom(s.meta)?.part === 'when')!
    setText(copyDate, '15.09.2025')
    expect(packOf()).toEqual([[['Familienzentrum Nord'], ['15.09.2025']]])
  })

  it('keeps an action carried without who or date in its row, whose who and date the group writes there, and still lists it once', () => {
    const source = conference([{ text: 'Lotsendienst starten', teilziel: 1 }])
    const target = goalBoard()
    expect(target.carry(source, 'A', 'ZK')).toBe(1)
    const row1 = (col: string) => cellKey(ziele.goals, ziele.aktivitaet(1), col)
    target.written.push(noteInCell(target.records, row1(ziele.col.akteure), 'Jobcenter'), noteInCell(target.records, row1(ziele.col.bisWann), '01.10.2025'))
    const pack = steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [board('A', 'ZK', source.records), board('B', 'Ziele', target.records)] }, '2025-04-01', 'de')
    expect(pack.openItems.map((i) => [i.board, i.what, i.who, i.when])).toEqual([['Ziele', ['Lotsendienst starten'], ['Jobcenter'], ['01.10.2025']]])
  })

  it('takes a date written anew beside the one carried action (its carried date deleted) as that action’s', () => {
    const source = conference([{ text: 'Babysitterpool aufbauen', teilziel: 3, who: 'Familienzentrum Nord', when: '30.06.2025' }])
    const target = goalBoard()
    target.carry(source, 'A', 'ZK')
    const carriedDate = target.written.findIndex((s) => carriedFrom(s.meta)?.part === 'when')
    target.written.splice(carriedDate, 1)
    target.written.push(noteInCell(target.records, cellKey(ziele.goals, ziele.aktivitaet(3), ziele.col.bisWann), '01.12.2025', 40))
    const pack = steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [board('A', 'ZK', source.records), board('B', 'Ziele', target.records)] }, '2025-04-01', 'de')
    expect(pack.openItems.map((i) => [i.what, i.who, i.when])).toEqual([[['Babysitterpool aufbauen'], ['Familienzentrum Nord'], ['01.12.2025']]])
  })

  it('names the origin in a line of its own words', () => {
    expect(originLine({ boardTitle: 'Zukunftskonferenz März', title: 'Zukunftskonferenz', day: '2025-03-12' }, 'de')).toBe('aus: Zukunftskonferenz März, 12.03.2025')
    expect(originLine({ title: 'Zukunftskonferenz', day: '2025-03-12' }, 'en')).toBe('from: Zukunftskonferenz, 2025-03-12')
    expect(originLine({}, 'de')).toBeUndefined()
  })

  it('names who wrote the carried Zettel after its origin, in one wording', () => {
    expect(originLine({ boardTitle: 'Steuerungsgruppe Mai', day: '2026-05-12', writer: 'Anna' }, 'de')).toBe('aus: Steuerungsgruppe Mai, 12.05.2026 · von Anna')
    expect(originLine({ boardTitle: 'Steuerungsgruppe Mai', day: '2026-05-12', writer: 'Anna' }, 'en')).toBe('from: Steuerungsgruppe Mai, 2026-05-12 · by Anna')
    expect(originLine({ title: 'Protokoll', writer: 'Anna' }, 'de')).toBe('aus: Protokoll · von Anna')
    // Without a place or day, a name alone says nothing of where the Zettel came from.
    expect(originLine({ writer: 'Anna' }, 'de')).toBeUndefined()
  })

  it('carries the writer of each Zettel into its provenance, and the pack and the Dokumentation name her', () => {
    const source = conference([{ text: 'Babysitterpool aufbauen', teilziel: 2, who: 'Familienzentrum Nord', when: '30.06.2025' }])
    const writers = new Map([['Babysitterpool aufbauen', 'Anna Krüger (Jobcenter)'], ['Familienzentrum Nord', 'Ben']])
    const named = { ...source, sourceNotes: source.sourceNotes.map((n) => (writers.has(n.text) ? { ...n, writer: writers.get(n.text) } : n)) }
    const target = goalBoard()
    target.carry(named, 'A', 'Zukunftskonferenz März')
    const froms = target.written.map((s) => carriedFrom(s.meta)!)
    expect(froms.map((f) => [f.part ?? 'what', f.writer])).toEqual([
      ['what', 'Anna Krüger (Jobcenter)'],
      ['who', 'Ben'],
      ['when', undefined],
    ])
    const doc = dokumentation({ id: 'B', title: 'Zielworkshop' }, target.records, {}, '2025-04-01')
    expect(dokumentationMarkdown(doc, 'de')).toContain('aus: Zukunftskonferenz März, 12.03.2025 · von Anna Krüger (Jobcenter)')
    const pack = steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [board('A', 'Zukunftskonferenz März', source.records), board('B', 'Zielworkshop', target.records)] }, '2025-04-01', 'en')
    expect(steeringPackCsv(pack, 'en').split('\n').filter((l) => l.includes('Babysitterpool'))).toEqual([expect.stringContaining('from: Zukunftskonferenz März, 2025-03-12 · by Anna Krüger (Jobcenter)')])
  })

  it('knows a case board by the same rule on the relay, which loads no template, as where it is read', () => {
    // The relay keeps no writer's name on a board that holds a case (`server/room/writerNames.ts`).
    for (const template of caseTemplates) expect(build(template, {}).shapes.some((s) => isCaseTitle(s as unknown as Record<string, unknown>)), template).toBe(true)
    for (const template of ['zielsystem', 'zukunftskonferenz', 'beteiligtenanalyse'] as const) {
      const { shapes } = build(template, {})
      expect(shapes.some((s) => isCaseTitle(s as unknown as Record<string, unknown>)), template).toBe(holdsCase(shapes))
    }
  })

  it('keeps a provenance bounded and drops what it does not know', () => {
    const from = carriedFrom({ carriedFrom: { instance: 'i', note: 'n', boardTitle: 'x'.repeat(5000), day: 'gestern', part: 'who', item: 'n0', text: 'y'.repeat(5000) } })!
    expect(from.boardTitle!.length).toBeLessThanOrEqual(200)
    expect(from.text!.length).toBeLessThanOrEqual(1000)
    expect(from.day).toBeUndefined()
    expect(from.part).toBe('who')
    expect(carriedFrom({ carriedFrom: { instance: 'i', note: 'n', part: 'boss' } })?.part).toBeUndefined()
    // Who wrote it: one line of at most 80 characters, as the board's record of writers keeps names.
    expect(carriedFrom({ carriedFrom: { instance: 'i', note: 'n', writer: ` Anna\n${'x'.repeat(500)}` } })?.writer).toBe(`Anna ${'x'.repeat(75)}`)
    expect(carriedFrom({ carriedFrom: { instance: 'i', note: 'n', writer: 42 } })?.writer).toBeUndefined()
    expect(carriedFrom({ carriedFrom: { instance: 'i', note: 'n', writer: '  ' } })).toEqual({ instance: 'i', note: 'n' })
  })

  it('property: carrying N times, into any boards, never makes more items than the conference planned', () => {
    const action = fc.record({
      text: fc.constantFrom('Babysitterpool', 'Elterncafé', 'Lotsendienst', 'Sprechstunde', 'Wegweiser', 'Fachtag'),
      teilziel: fc.integer({ min: 1, max: 4 }),
      who: fc.option(fc.constantFrom('Jobcenter', 'Caritas', 'Stadt'), { nil: undefined }),
      when: fc.option(fc.constantFrom('30.06.2025', '31.12.2025'), { nil: undefined }),
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(action, { minLength: 1, maxLength: 5, selector: (a) => a.text }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 6 }),
        (actions, carries) => {
          const source = conference(actions)
          const targets = [goalBoard(), goalBoard(5000), goalBoard(10000)]
          for (const t of carries) targets[t].carry(source, 'A', 'ZK')
          const pack = steeringPack(
            { network: { name: 'N', targetGroup: '' }, boards: [board('A', 'ZK', source.records), ...targets.map((t, i) => board(`T${i}`, `Ziele ${i}`, t.records))] },
            '2025-04-01',
            'de',
          )
          expect(pack.openItems.length).toBeLessThanOrEqual(actions.length)
          // In the Eingang (a Teilziel the target lacks) the action says what its plan said: „Ziel: Teilziel 4 – …“.
          const names = (i: OpenItem, text: string) => i.what.some((w) => w === text || w.endsWith(`– ${text}`))
          for (const a of actions) expect(pack.openItems.filter((i) => names(i, a.text)).length).toBe(1)
        },
      ),
      propertyParameters({ gate: 60, full: 600 }),
    )
  })

  it('merges a chain and a loop of carries into one item, and keeps what of a source item nobody carried', () => {
    const ref = (instance: string, ...notes: string[]) => ({ instance, notes })
    const carried = (instance: string, note: string, board?: string) => ({ instance, note, ...(board ? { board } : {}), changed: { who: false, when: false } })
    const source: OpenItem = { what: ['Erstens', 'Zweitens'], who: ['X'], when: [], ref: ref('zk', 'n1', 'n2') }
    const copy: OpenItem = { what: ['Erstens'], who: ['X'], when: [], ref: ref('ziele', 'c1'), carried: carried('zk', 'n1', 'A') }
    const again: OpenItem = { what: ['Erstens'], who: ['X'], when: [], ref: ref('bericht', 'd1'), carried: carried('ziele', 'c1') }
    const merged = oneItemEach([
      { board: 'A', items: [source] },
      { board: 'B', items: [copy, again] },
    ])
    expect(merged.map((i) => i.what)).toEqual([['Zweitens'], ['Erstens']])
    // Copies that name each other (no source among the items) end where the loop closes.
    const a: OpenItem = { what: ['a'], who: [], when: [], ref: ref('p', 'x'), carried: carried('q', 'y') }
    const b: OpenItem = { what: ['b'], who: [], when: [], ref: ref('q', 'y'), carried: carried('p', 'x') }
    expect(oneItemEach([{ board: 'A', items: [a, b] }]).map((i) => i.what)).toEqual([['b']])
  })
})

/**
 * Every way a Fallkonferenz's case reaches beyond the live board, read as the relay reads it
 * (the worker jobs call these functions): nothing of the case, its confirmations, its pseudonym
 * or the board's comments goes out before consent; its ways forward never leave the board for
 * the network. Exports and the Dokumentation are in `templates/fallkonferenz.test.ts`; the
 * relay's routes in `test/integration/fallkonferenzPaths.test.ts`.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { Comment } from '../../shared/board/comments.ts'
import { dueItems, searchHits } from '../../shared/results/boardBetween.ts'
import { carryRoutes, planCarry } from '../../shared/results/carryOver.ts'
import { carrySources } from '../../shared/results/carrySource.ts'
import { dokumentation, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'
import { shapeText, templateNoteCounts, templateViews } from '../../shared/results/export.ts'
import { packBoardSummary } from '../../shared/results/packSummary.ts'
import { planTemplate } from '../../shared/templates/catalogue.ts'
import { fallkonferenzCells as fall } from '../../shared/templates/fallkonferenz.ts'
import { mustBeInternal, preTicked } from '../../shared/templates/caseBoards.ts'
import { newBoardChoices, phases } from '../../shared/templates/phases.ts'
import { build, noteInCell } from './templates/helpers.ts'
import { recordedFor } from '../helpers/consentRecords.ts'

const board = { id: 'b', title: 'Fallarbeit' }
/** What a facilitator may write in the confirmation cells (a remark): held with the case, a name in it held after release. */
const remarks = (shapes: TLShape[]) => fall.consentRows.map((row) => noteInCell(shapes, `einverstaendnis:cell:${row}:bestaetigt`, 'Einverständnis Frau Yilmaz liegt vor'))

function caseBoard() {
  const { shapes } = build('fallkonferenz', { pseudonym: 'FK-2026-11-25-1', date: '2026-11-25' })
  const written = [
    noteInCell(shapes, 'fall:cell:problem:inhalt', 'Wohnungsverlust droht, Kita-Platz fehlt'),
    noteInCell(shapes, 'loesungen:cell:l1:loesung', 'Kita-Platz über Jugendamt klären'),
    noteInCell(shapes, 'loesungen:cell:l1:wer', 'Jugendamt'),
    noteInCell(shapes, 'loesungen:cell:l1:bisWann', '28.11.2026'),
    noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:luecke', 'Notfall-Betreuung am Abend'),
  ]
  const comments = new Map<string, Comment>([
    ['c1', { author: 'a', name: 'Nora', text: 'Wohnt sie noch in der Lindenstraße?', at: 1, target: { kind: 'shape', shapeId: written[0].id, pageId: 'page:page' } }],
  ])
  // Released only by the recorded confirmations, not by what the cells say.
  const records = [...shapes, ...written, ...remarks(shapes)]
  return { shapes, written, comments, records, consent: recordedFor(shapes) }
}

const leaks = /Yilmaz|Wohnungsverlust|Kita-Platz|Lindenstraße|FK-2026-11-25-1|Notfall-Betreuung/

describe('a Fallkonferenz beyond its board', () => {
  it('network search finds nothing of the held case, its pseudonym or the board’s comments', () => {
    const { shapes, records: onPage, consent, comments } = caseBoard()
    // The search reads what lies on a page it knows.
    const page = { typeName: 'page', id: shapes[0].parentId, name: 'Seite 1', index: 'a1', meta: {} }
    const records = [page, ...onPage]
    // That the search finds what lies on a board without a case: `caseBoardWhole.test.ts`.
    // Held: nothing recorded, or a record passed along that is not complete.
    for (const held of [undefined, recordedFor(shapes, { ...consent.cases[Object.keys(consent.cases)[0]], entbindung: 'muendlich' })]) {
      for (const query of ['Wohnungsverlust', 'Yilmaz', 'Lindenstraße', 'FK-2026', 'Kita']) expect(searchHits(records, comments, query, { consent: held })).toEqual({ total: 0, hits: [] })
      expect(JSON.stringify(searchHits(records, comments, 'Fallkonferenz', { consent: held }))).not.toMatch(leaks)
    }
    // Released: still nothing; the network's link reaches more than the Stellen at the table (`caseBoardHold.ts`).
    expect(searchHits(records, comments, 'Wohnungsverlust', { consent }).total).toBe(0)
    expect(searchHits(records, comments, 'Yilmaz', { consent }).total).toBe(0)
  })

  it('since the last visit and the digest count no way forward of the case as due, released or not', () => {
    const { records } = caseBoard()
    expect(dueItems(board, records, '2026-11-26')).toEqual([])
  })

  it('the pack counts a board with a Fallkonferenz as internal and reads nothing of it', () => {
    const { records, consent: recorded, comments } = caseBoard()
    for (const consent of [undefined, recorded]) {
      const summary = packBoardSummary({ id: 'b', title: 'Fallarbeit', phase: 'dienstleistungskette', internal: false, records, facilitation: { comments, consent } }, '2026-11-26')
      expect(summary).toMatchObject({ internal: true, openItems: [], openComments: [], beschluesse: [] })
      // Which methods it holds, with how many Zettel: what the pack's Fahrplan counts (issue 61), no text.
      for (const method of summary.methods) expect(Object.keys(method).sort()).toEqual(['notes', 'template'])
      expect(JSON.stringify(summary)).not.toMatch(leaks)
    }
  })

  it('the Dokumentation of a board with a Fallkonferenz says it is internal, whatever its release', () => {
    const { records, consent } = caseBoard()
    const doc = dokumentation(board, records, { release: { released: true, day: '2026-11-26' }, consent }, '2026-11-26')
    expect(doc.release).toEqual({ released: false, case: true })
    expect(dokumentationMarkdown(doc, 'de')).toContain('Intern – mit einer Fallkonferenz nur für die Beteiligten')
  })

  it('the Fahrplan’s counts and the carry sources name the template without its pseudonym until consent', () => {
    const { records, consent } = caseBoard()
    expect(templateNoteCounts(records).map((t) => t.title)).toEqual(['Fallkonferenz · Pseudonym zurückgehalten · 25.11.2026'])
    expect(templateNoteCounts(records, consent).map((t) => t.title)).toEqual(['Fallkonferenz · FK-2026-11-25-1 · 25.11.2026'])
    const [source] = carrySources(records)
    expect(JSON.stringify(source)).not.toMatch(leaks)
    expect(source.notes).toEqual([])
    // Released: the case is offered, the name in a remark is not.
    const [open] = carrySources(records, undefined, consent)
    expect(open.title).toBe('Fallkonferenz · FK-2026-11-25-1 · 25.11.2026')
    expect(open.notes.map((n) => n.text)).toContain('Notfall-Betreuung am Abend')
    expect(JSON.stringify(open)).not.toMatch(/Yilmaz/)
  })

  it('a carry route leaves a name in a released case where it is', () => {
    const { shapes } = build('fallkonferenz', {})
    const plain = noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:luecke', 'Keine Beratung am Samstag')
    const named = noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:luecke', 'Wie bei Frau Kaya: keine Beratung', 30)
    const records = [...shapes, plain, named]
    const [source] = carrySources(records, undefined, recordedFor(shapes))
    expect(source.notes.map((n) => n.text)).toEqual(['Keine Beratung am Samstag'])
    const targetKeys = new Set(planTemplate('dienstleistungskette', {}, 'de').layout.blocks.map((b) => b.key))
    const route = carryRoutes.find((r) => r.id === 'case-gaps')!
    const plan = planCarry(route, { sourceInstance: source.instance, sourceBoard: 'a', sourceNotes: source.notes, targetKeys, targetNotes: [] })
    expect(plan.planned.map((p) => p.text)).toEqual(['Keine Beratung am Samstag'])
    // Within the board: every Zettel of the cell offered, the gate's view with the record leaves the name.
    const [view] = templateViews(records, recordedFor(shapes))
    const everyNote = [plain, named].map((n) => ({ id: n.id, text: shapeText(n)!, cell: view.view.cellOf(n)!.ref }))
    const within = planCarry(route, { sourceInstance: source.instance, sourceNotes: everyNote, sourceView: view.view, targetKeys, targetNotes: [] })
    expect(within.planned.map((p) => p.text)).toEqual(['Keine Beratung am Samstag'])
    // Without the record, nothing goes.
    const [unrecorded] = templateViews(records)
    expect(planCarry(route, { sourceInstance: source.instance, sourceNotes: everyNote, sourceView: unrecorded.view, targetKeys, targetNotes: [] }).planned).toEqual([])
  })

  it('a new board of the phase never starts with the Fallkonferenz ticked, and one holding it is internal', () => {
    const phase = phases.find((p) => p.methods.includes('fallkonferenz'))!
    expect(preTicked(phase.methods)).not.toContain('fallkonferenz')
    expect(preTicked(phase.methods)).toContain('angebotsuebersicht')
    expect(newBoardChoices(phase, 8)).toMatchObject({ offered: expect.arrayContaining(['fallkonferenz']), ticked: preTicked(phase.methods) })
    expect(mustBeInternal(['angebotsuebersicht', 'fallkonferenz'])).toBe(true)
    expect(mustBeInternal(['angebotsuebersicht'])).toBe(false)
  })
})

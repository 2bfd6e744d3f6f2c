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
import { templateNoteCounts } from '../../shared/results/export.ts'
import { packBoardSummary } from '../../shared/results/packSummary.ts'
import { planTemplate } from '../../shared/templates/catalogue.ts'
import { fallkonferenzCells as fall } from '../../shared/templates/fallkonferenz.ts'
import { mustBeInternal, preTicked } from '../../shared/templates/caseBoards.ts'
import { phases } from '../../shared/templates/phases.ts'
import { build, noteInCell } from './templates/helpers.ts'

const board = { id: 'b', title: 'Fallarbeit' }
const consent = (shapes: TLShape[]) => fall.consentRows.map((row) => noteInCell(shapes, `einverstaendnis:cell:${row}:bestaetigt`, 'Einverständnis Frau Yilmaz liegt vor'))

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
  return { shapes, written, comments, held: [...shapes, ...written], released: [...shapes, ...written, ...consent(shapes)] }
}

const leaks = /Yilmaz|Wohnungsverlust|Kita-Platz|Lindenstraße|FK-2026-11-25-1|Notfall-Betreuung/

describe('a Fallkonferenz beyond its board', () => {
  it('network search finds nothing of the held case, its pseudonym or the board’s comments', () => {
    const { shapes, held: heldShapes, released: releasedShapes, comments } = caseBoard()
    // The search reads what lies on a page it knows.
    const page = { typeName: 'page', id: shapes[0].parentId, name: 'Seite 1', index: 'a1', meta: {} }
    const held = [page, ...heldShapes]
    const released = [page, ...releasedShapes]
    // Before the test can say anything, the search must find something on this board.
    expect(searchHits(held, comments, 'Bisheriger Verlauf').total).toBeGreaterThan(0)
    for (const query of ['Wohnungsverlust', 'Yilmaz', 'Lindenstraße', 'FK-2026', 'Kita']) expect(searchHits(held, comments, query)).toEqual({ total: 0, hits: [] })
    expect(JSON.stringify(searchHits(held, comments, 'Fallkonferenz'))).not.toMatch(leaks)
    // Released: the case is found, a name in it is not.
    expect(searchHits(released, comments, 'Wohnungsverlust').total).toBe(1)
    expect(searchHits(released, comments, 'Yilmaz').total).toBe(0)
  })

  it('since the last visit and the digest count no way forward of the case as due, released or not', () => {
    const { held, released } = caseBoard()
    expect(dueItems(board, held, '2026-11-26')).toEqual([])
    expect(dueItems(board, released, '2026-11-26')).toEqual([])
  })

  it('the pack counts a board with a Fallkonferenz as internal and reads nothing of it', () => {
    const { held, released, comments } = caseBoard()
    for (const records of [held, released]) {
      const summary = packBoardSummary({ id: 'b', title: 'Fallarbeit', phase: 'dienstleistungskette', internal: false, records, facilitation: { comments } }, '2026-11-26')
      expect(summary).toMatchObject({ internal: true, openItems: [], openComments: [], methods: [], beschluesse: [] })
      expect(JSON.stringify(summary)).not.toMatch(leaks)
    }
  })

  it('the Dokumentation of a board with a Fallkonferenz says it is internal, whatever its release', () => {
    const { released } = caseBoard()
    const doc = dokumentation(board, released, { release: { released: true, day: '2026-11-26' } }, '2026-11-26')
    expect(doc.release).toEqual({ released: false, case: true })
    expect(dokumentationMarkdown(doc, 'de')).toContain('Intern – mit einer Fallkonferenz nur für die Beteiligten')
  })

  it('the Fahrplan’s counts and the carry sources name the template without its pseudonym until consent', () => {
    const { held, released } = caseBoard()
    expect(templateNoteCounts(held).map((t) => t.title)).toEqual(['Fallkonferenz · Pseudonym zurückgehalten · 25.11.2026'])
    expect(templateNoteCounts(released).map((t) => t.title)).toEqual(['Fallkonferenz · FK-2026-11-25-1 · 25.11.2026'])
    const [source] = carrySources(held)
    expect(JSON.stringify(source)).not.toMatch(leaks)
    expect(source.notes).toEqual([])
  })

  it('a carry route leaves a name in a released case where it is', () => {
    const { shapes } = build('fallkonferenz', {})
    const plain = noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:luecke', 'Keine Beratung am Samstag')
    const named = noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:luecke', 'Wie bei Frau Kaya: keine Beratung', 30)
    const [source] = carrySources([...shapes, plain, named, ...consent(shapes)])
    expect(source.notes.map((n) => n.text)).toEqual(['Keine Beratung am Samstag'])
    const targetKeys = new Set(planTemplate('dienstleistungskette', {}, 'de').layout.blocks.map((b) => b.key))
    const plan = planCarry(carryRoutes.find((r) => r.id === 'case-gaps')!, { sourceInstance: source.instance, sourceBoard: 'a', sourceNotes: source.notes, targetKeys, targetNotes: [] })
    expect(plan.planned.map((p) => p.text)).toEqual(['Keine Beratung am Samstag'])
  })

  it('a new board of the phase never starts with the Fallkonferenz ticked, and one holding it is internal', () => {
    const phase = phases.find((p) => p.methods.includes('fallkonferenz'))!
    expect(preTicked(phase.methods)).not.toContain('fallkonferenz')
    expect(preTicked(phase.methods)).toContain('planspiel')
    expect(mustBeInternal(['planspiel', 'fallkonferenz'])).toBe(true)
    expect(mustBeInternal(['planspiel'])).toBe(false)
  })
})

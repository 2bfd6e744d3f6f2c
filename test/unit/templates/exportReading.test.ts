/** How `readBoard` reads a board for every export: page by page, gated text held, crafted records survived. */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, heldBackNotes, heldBackTemplates, renderExport } from '../../../shared/results/export.ts'
import type { KeptVote } from '../../../shared/board/entries/voteRecord.ts'
import { fallkonferenzCells } from '../../../shared/templates/fallkonferenz.ts'
import { arrow, build, keyOf, newShapeId, noteInCell } from './helpers.ts'
import { recordedFor } from '../../helpers/consentRecords.ts'

const board = { id: 'b', title: 'Zwei Seiten' }
const onPage = (shape: TLShape, page: string): TLShape => ({ ...shape, parentId: page as TLShape['parentId'] })

describe('reading the board for an export', () => {
  it('a Fallkonferenz duplicated onto another page is its own case: page A confirmations do not open page B', () => {
    const { shapes: a } = build('fallkonferenz', {})
    // A duplicated page: same instance id and keys, new shape ids, another page.
    const b = a.map((s) => ({ ...onPage(s, 'page:b'), id: newShapeId() }))
    const pages = [
      { typeName: 'page', id: 'page:page', index: 'a1', name: 'A', meta: {} },
      { typeName: 'page', id: 'page:b', index: 'a2', name: 'B', meta: {} },
    ]
    const confirmedA = fallkonferenzCells.consentRows.map((row) => noteInCell(a, `einverstaendnis:cell:${row}:bestaetigt`, 'MK'))
    const caseB = onPage(noteInCell(b, 'fall:cell:problem:inhalt', 'Wohnungsverlust droht'), 'page:b')
    const records = [...pages, ...a, ...b, ...confirmedA, caseB]
    // A's confirmations recorded, kept under A's page: B's copy is a case of its own.
    const recorded = recordedFor(a)
    const data = exportBoard(board, records, undefined, undefined, recorded)
    expect(data.templates).toHaveLength(2)
    for (const format of ['json', 'csv', 'md'] as const) expect(renderExport(data, format, 'de')).not.toMatch(/Wohnungsverlust/)
    const held = heldBackTemplates(records, recorded)
    expect(held.map((h) => h.page)).toEqual(['page:b'])
    // A dot on page B's case Zettel: held back by B's gate, not released by A's.
    const vote: KeptVote = { id: 'v', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1, participation: { voters: 1, dots: 1 }, results: { [caseB.id]: 1 } }
    expect(exportBoard(board, records, [vote], undefined, recorded).votes![0].ranking).toEqual([{ rank: 1, note: null, withheld: true, dots: 1 }])
    expect(heldBackNotes(records, recorded)(caseB.id)).toBe(true)
  })

  it('a cell record without bounds does not break the export', () => {
    const { shapes } = build('fallkonferenz', {})
    const key = 'fall:cell:problem:inhalt'
    const cell = shapes.find((s) => keyOf(s) === key)!
    const crafted = { ...cell, id: newShapeId(), props: {} } as unknown as TLShape
    const note = noteInCell(shapes, key, 'Ein Zettel')
    expect(exportBoard(board, [...shapes, crafted, note]).templates).toHaveLength(1)
  })

  it("an arrow from another template's chain to a held case Zettel does not put its text in the export", () => {
    const { shapes: chain } = build('dienstleistungskette', { organisations: ['Jobcenter', 'Jugendamt'] })
    const { shapes: fall } = build('fallkonferenz', {}, 'de', { x: 6000, y: 0 })
    const held = noteInCell(fall, 'fall:cell:problem:inhalt', 'Wohnungsverlust droht')
    const start = chain.find((s) => keyOf(s) === 'start:soll')!
    const data = exportBoard(board, [...chain, ...fall, held, ...arrow(start, held)])
    for (const format of ['json', 'csv', 'md'] as const) expect(renderExport(data, format, 'de')).not.toMatch(/Wohnungsverlust/)
  })
})

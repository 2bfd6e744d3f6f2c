/**
 * What one document holds of a Fallkonferenz's case (`caseCopies.ts`): the board itself, one of
 * its saved versions, or another board of the network. Apart from the list and its words, which
 * the client loads, because reading cells needs the export's reading of the board.
 */
import type { TLShape } from '@tldraw/tlschema'
import { pageOf, scaffoldMeta } from '../board/scaffoldMeta.ts'
import { carriedFrom } from './carryOver.ts'
import { notePlaces } from './export.ts'
import type { CaseCopiesIn, CaseSource } from './caseCopies.ts'

const isShape = (record: unknown): record is TLShape => (record as { typeName?: unknown } | null)?.typeName === 'shape'

/**
 * What `records` hold of the case. `here`: they are the source board's (or a version of it),
 * where a carry within the board names no board; elsewhere a carry names the source board.
 */
export function caseCopiesIn(records: readonly unknown[], source: CaseSource, here: boolean): CaseCopiesIn {
  const shapes = new Map(records.filter(isShape).map((shape) => [shape.id as string, shape]))
  const pages = new Set<string>()
  if (here) for (const shape of shapes.values()) if (scaffoldMeta(shape)?.instance === source.instance) pages.add(pageOf(shape, shapes))
  const notes = here ? [...notePlaces(records)].filter(([, place]) => place.template?.instance === source.instance && place.cell).map(([id]) => id) : []
  const carried = [...shapes.values()]
    .filter((shape) => {
      const from = carriedFrom(shape.meta)
      return from?.instance === source.instance && (here ? from.board === undefined || from.board === source.board : from.board === source.board)
    })
    .map((shape) => shape.id as string)
  return { notes, pages: pages.size, carried }
}

/** Whether a saved version holds any of the case. */
export const holdsCase = (found: CaseCopiesIn) => found.notes.length + found.carried.length > 0

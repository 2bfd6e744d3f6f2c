/**
 * Which notes a vote was about, read from a board's records as the relay holds them: the notes
 * in its scope at the reveal. Kept with the result, so that notes written later never join a
 * finished vote. Apart from `voting.ts`, which the export imports: no import cycle.
 */
import type { TLShape } from '@tldraw/tlschema'
import { exportedRecords } from '../board/shapeTree.ts'
import { recordBounds } from '../board/shapeBounds.ts'
import { pageOf } from '../board/scaffoldMeta.ts'
import { isVotableNoteId, notesInScope, type ScopeWorld } from './voting.ts'
import type { VoteScope } from '../board/entries/vote.ts'

/** The board as the scope rules see it, from its records alone (every page). */
export function recordScopeWorld(records: Iterable<unknown>): ScopeWorld {
  const shapes = (exportedRecords(records) as Array<{ typeName?: unknown }>).filter((r) => r.typeName === 'shape') as TLShape[]
  const byId = new Map(shapes.map((s) => [s.id as string, s]))
  return { shapes, boundsOf: (shape) => recordBounds(shape, byId), pageOf: (shape) => pageOf(shape, byId) }
}

/** The ids of the notes in `scope` on the board these records make. */
export const scopeNoteIds = (scope: VoteScope, records: Iterable<unknown>): string[] =>
  notesInScope(scope, recordScopeWorld(records))
    .map((note) => note.id as string)
    .filter(isVotableNoteId)

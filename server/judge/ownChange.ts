/**
 * The relay's own writes are writes: a reveal of private notes, a vote's results, a version's
 * meta brought back. Each is made on the rehearsal's copy first (`Rehearsal.rehearseChange`),
 * judged and measured like a client's update, and only then stored and applied
 * (`Room.applyOwnChange`). What would break the board is refused whole and changes nothing:
 * - past MAX_BOARD_BYTES the board would no longer open for anyone (`boardBudget.ts`);
 * - the update rules a client's update passes (`updateRules.ts`, in `BoardJudge.ownChange`): an
 *   update they refuse would be skipped when the board is next loaded (`restoreDocument.ts`);
 * - records are judged by the board declaration as a whole board's (`judgeUpdate.ts`): valid
 *   records of board types, parents that lead to a page within `maxShapeDepth`, bindings between
 *   shapes, no entry without a key. The document's `meta` and the facilitation entries are the
 *   relay's by the declaration itself (a vote's results, the end of a round): its code writes
 *   them from their schemas, so they are not judged as someone's writes.
 */
import type * as Y from 'yjs'
import type { Refusal } from '../../shared/board/declaration.ts'
import { facilitationMapName, metaMapName } from '../../shared/board/ydoc.ts'
import { judgeRehearsed } from './judgeUpdate.ts'
import type { Rehearsed } from './rehearsal.ts'

/** Why a change of the relay's own was refused: the board is full, or it is no board's change. */
export type OwnChangeProblem = 'board-full' | 'not-allowed'

/** A change of the relay's own that was not made: the one who asked for it is told (`app.ts`). */
export class OwnChangeRefused extends Error {
  override name = 'OwnChangeRefused'
  constructor(
    readonly problem: OwnChangeProblem,
    /** For the log: no contents. */
    readonly detail: string,
  ) {
    super(problem === 'board-full' ? 'the board is full' : 'the change would break the board')
  }
}

/** The answer for whoever asked: German first, then English, as the board's own messages are. */
export function ownChangeAnswer(refused: OwnChangeRefused): { status: 507 | 422; error: string } {
  return refused.problem === 'board-full'
    ? {
        status: 507,
        error:
          'Das Board ist voll: dafür ist kein Platz mehr (MAX_BOARD_BYTES). Es wurde nichts geändert; bitte zuerst etwas löschen. / ' +
          'The board is full: there is no room for this (MAX_BOARD_BYTES). Nothing was changed; delete something first.',
      }
    : {
        status: 422,
        error:
          'Diese Änderung würde das Board beschädigen und wurde nicht gemacht. / This change would break the board and was not made.',
      }
}

/** The first refusal of the declaration for the records a change of the relay's own writes, or null. */
export function judgeOwnChange(board: Y.Doc, rehearsed: Rehearsed): Refusal | null {
  const writes = rehearsed.writes.filter((write) => write.path[0] !== metaMapName && write.path[0] !== facilitationMapName)
  if (writes.length === 0) return null
  return judgeRehearsed(board, { ...rehearsed, writes }, { role: 'facilitator', author: null, wholeBoard: true })
}

/**
 * Who wrote under which author id (`shared/board/entries/writers.ts`), kept by the relay: a Zettel
 * carries only its writer's author id, and names live only in presence. When a client's accepted
 * update adds a Zettel under the connection's own author id, and the connection's presence carries
 * a name (on a sign-in board the sign-in's, `awarenessGuard.ts`), the relay records that name as
 * its own change. Only shapes the update really adds count (judged by what Yjs keeps, `rehearsal.ts`),
 * never someone else's id, and never on a board that holds a case (`shared/board/caseCells.ts`):
 * when a board becomes one, the entry goes; a board opened holding a case and names loses them too.
 */
import type * as Y from 'yjs'
import { forgetWriters, recordWriter, writerName, writersEntry, writerToRecord } from '../../shared/board/entries/writers.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { getRecordsMap, readEntry } from '../../shared/board/records.ts'
import { recordsMapName } from '../../shared/board/ydoc.ts'
import { docHoldsCase, isCaseTitle } from '../../shared/board/caseCells.ts'
import { describeError } from '../base/logger.ts'
import type { Accepted } from '../judge/verdict.ts'
import type { RoomClient } from '../judge/roomClient.ts'
import type { RoomHandle, RoomPolicy } from './roomPolicy.ts'

type Shape = Record<string, unknown> & { typeName?: unknown; type?: unknown; meta?: { author?: unknown } }

/** The records an accepted update writes whole (a new record), as the board holds them now. */
function addedRecords(doc: Y.Doc, write: Accepted): Shape[] {
  const records = getRecordsMap(doc)
  return write.rehearsed.writes.flatMap((w) => {
    if (w.path.length !== 2 || w.path[0] !== recordsMapName || w.value?.kind !== 'map') return []
    const record = readEntry(records.get(w.path[1]!))
    return record && typeof record === 'object' && !Array.isArray(record) ? [record as Shape] : []
  })
}

export function writerNames(room: RoomHandle, nameOf: (client: RoomClient) => string | undefined): RoomPolicy {
  const forget = (why: string) =>
    void room.applyOwnChange(forgetWriters).catch((error: unknown) => {
      room.logger.warn('the board’s writers were not forgotten', { board: room.boardId, why, ...describeError(error) })
    })
  return {
    async loaded() {
      // A board that holds a case keeps no names, whatever brought it here (an old version, an import).
      if (facilitationMap(room.doc).has(writersEntry.key) && docHoldsCase(room.doc)) {
        await room.applyOwnChange(forgetWriters).catch((error: unknown) => {
          room.logger.warn('the board’s writers were not forgotten', { board: room.boardId, why: 'case board', ...describeError(error) })
        })
      }
    },
    changed(by, write) {
      if (!write) return
      const added = addedRecords(room.doc, write)
      if (added.length === 0) return
      if (added.some(isCaseTitle)) {
        if (facilitationMap(room.doc).has(writersEntry.key)) forget('became a case board')
        return
      }
      const author = by.author
      if (!author || !added.some((r) => r.typeName === 'shape' && r.type === 'note' && r.meta?.author === author)) return
      const name = writerName(nameOf(by))
      if (!name || !writerToRecord(writersEntry.get(room.doc), author, name)) return
      // Read only when there is a name to record: once per writer and board.
      if (docHoldsCase(room.doc)) return
      void room
        // Asked again on the board as it is then: two Zettel in a row record the name once.
        .applyOwnChange((doc) => (docHoldsCase(doc) ? undefined : recordWriter(doc, author, name)))
        .catch((error: unknown) => room.logger.warn('a writer’s name was not recorded', { board: room.boardId, ...describeError(error) }))
    },
  }
}

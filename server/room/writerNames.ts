/**
 * Who wrote under which author id (`shared/board/entries/writers.ts`), kept by the relay: a Zettel
 * carries only its writer's author id, and names live only in presence. When a client's accepted
 * update adds a Zettel under the connection's own author id, and the connection's presence carries
 * a name (on a sign-in board the sign-in's, `awarenessGuard.ts`), the relay records that name as
 * its own change. Only shapes the update really adds count (judged by what Yjs keeps, `rehearsal.ts`),
 * never someone else's id, and never on a board that holds a case (`shared/board/caseCells.ts`):
 * when a board becomes one, the entry goes; a board opened holding a case and names loses them too.
 * A writer whose last Zettel leaves the board (deleted, a version restored) loses her name with it.
 * A board that holds a case also loses the names carried Zettel's provenances give
 * (`shared/board/carriedWriter.ts`; the judge refuses new ones there, `judge/caseNames.ts`).
 */
import * as Y from 'yjs'
import { forgetWriters, recordWriter, writerName, writersEntry, writerToRecord } from '../../shared/board/entries/writers.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { forgetCarriedWriters, namesCarriedWriter } from '../../shared/board/carriedWriter.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { getRecordsMap, readEntry, storedField } from '../../shared/board/records.ts'
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

const field = storedField

/** The author id of a stored Zettel; undefined for any other record. */
function noteAuthor(entry: unknown): string | undefined {
  if (field(entry, 'typeName') !== 'shape' || field(entry, 'type') !== 'note') return undefined
  const author = field(field(entry, 'meta'), authorMetaKey)
  return typeof author === 'string' ? author : undefined
}

/**
 * Of `authors`, each with no Zettel left on the board loses her recorded name (the relay's own
 * change): deleted means gone. One walk over the records, ended once every one is found.
 */
function forgetWritersWithoutZettel(doc: Y.Doc, authors: ReadonlySet<string>): void {
  const map = writersEntry.map(doc)
  if (!map) return
  const gone = new Set([...authors].filter((author) => map.has(author)))
  for (const entry of getRecordsMap(doc).values()) {
    if (gone.size === 0) return
    const author = noteAuthor(entry)
    if (author) gone.delete(author)
  }
  if (gone.size === 0) return
  doc.transact(() => {
    for (const author of gone) map.delete(author)
    if (map.size === 0) facilitationMap(doc).delete(writersEntry.key)
  })
}

/** Every name the board keeps of its writers: the record and the carried Zettel's provenances. */
function forgetNames(doc: Y.Doc): void {
  doc.transact(() => {
    forgetWriters(doc)
    forgetCarriedWriters(doc)
  })
}

/** Whether the board keeps any name of a writer (cheap reads first: a case is looked for only then). */
const keepsNames = (doc: Y.Doc): boolean => facilitationMap(doc).has(writersEntry.key) || [...getRecordsMap(doc).values()].some(namesCarriedWriter)

/** A board that holds a case keeps no names, whatever brought it here (an old version, an import): opening it forgets them. */
export const forgetsNamesOnOpening = (doc: Y.Doc): boolean => keepsNames(doc) && docHoldsCase(doc)

export function writerNames(room: RoomHandle, nameOf: (client: RoomClient) => string | undefined): RoomPolicy {
  const forget = (why: string) =>
    room.applyOwnChange(forgetNames).catch((error: unknown) => {
      room.logger.warn('the board’s writers were not forgotten', { board: room.boardId, why, ...describeError(error) })
    })
  return {
    async storing(write) {
      // Before the write is applied: the Zettel it deletes are still there to say whose they were.
      const writers = writersEntry.map(room.doc)
      if (!writers) return
      const records = getRecordsMap(room.doc)
      const authors = new Set<string>()
      for (const w of write.rehearsed.writes) {
        if (w.path.length !== 2 || w.path[0] !== recordsMapName || w.value !== null) continue
        const author = noteAuthor(records.get(w.path[1]!))
        if (author && writers.has(author)) authors.add(author)
      }
      if (authors.size === 0) return
      // Queued behind this write, so it reads the board without those Zettel.
      void room
        .applyOwnChange((doc) => forgetWritersWithoutZettel(doc, authors))
        .catch((error: unknown) => room.logger.warn('a writer’s name was not forgotten', { board: room.boardId, ...describeError(error) }))
    },
    async loaded() {
      if (forgetsNamesOnOpening(room.doc)) await forget('case board')
    },
    changed(by, write) {
      if (!write) return
      const added = addedRecords(room.doc, write)
      if (added.length === 0) return
      if (added.some(isCaseTitle)) {
        if (keepsNames(room.doc)) void forget('became a case board')
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

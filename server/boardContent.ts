/** Reading a board for exports: from its live room if loaded, else from storage. */
import type * as Y from 'yjs'
import { readRecords } from '../shared/boardRecords.ts'
import { facilitationMap } from '../shared/facilitation/doc.ts'
import { readVote, type Vote } from '../shared/facilitation/voting.ts'
import { restoreDocument } from './Room.ts'
import type { Rooms } from './Rooms.ts'
import type { Storage } from './storage/Storage.ts'

function readBoard<T>(rooms: Rooms, storage: Storage, boardId: string, read: (doc: Y.Doc) => T): T {
  const live = rooms.get(boardId)
  if (live) return read(live.doc)
  // Not loaded: read a throwaway copy instead of loading a room nobody is in.
  const { doc } = restoreDocument(storage.loadDocument(boardId))
  try {
    return read(doc)
  } finally {
    doc.destroy()
  }
}

/** What an export needs of a board: its records and its dot vote. */
export interface ExportSource {
  records: unknown[]
  vote: Vote | undefined
}

export const exportSource = (doc: Y.Doc): ExportSource => ({ records: readRecords(doc).records, vote: readVote(doc) })

export const readExportSource = (rooms: Rooms, storage: Storage, boardId: string): ExportSource =>
  readBoard(rooms, storage, boardId, exportSource)

/** The current value of one `facilitation` key, as stored (unvalidated). */
export const readFacilitationValue = (rooms: Rooms, storage: Storage, boardId: string, key: string): unknown =>
  readBoard(rooms, storage, boardId, (doc) => facilitationMap(doc).get(key))

/** Reading a board's records for exports: from its live room if loaded, else from storage. */
import { readRecords } from '../shared/boardRecords.ts'
import { restoreDocument } from './Room.ts'
import type { Rooms } from './Rooms.ts'
import type { Storage } from './storage/Storage.ts'

export function readBoardRecords(rooms: Rooms, storage: Storage, boardId: string): unknown[] {
  const live = rooms.get(boardId)
  if (live) return readRecords(live.doc).records
  // Not loaded: read a throwaway copy instead of loading a room nobody is in.
  const { doc } = restoreDocument(storage.loadDocument(boardId))
  try {
    return readRecords(doc).records
  } finally {
    doc.destroy()
  }
}

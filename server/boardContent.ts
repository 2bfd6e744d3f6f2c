/** Reading a board's records for exports: from its live room if loaded, else from storage. */
import { recordsMapName } from '../shared/ydoc.ts'
import { restoreDocument } from './Room.ts'
import type { Rooms } from './Rooms.ts'
import type { Storage } from './storage/Storage.ts'

export function readBoardRecords(rooms: Rooms, storage: Storage, boardId: string): unknown[] {
  const live = rooms.get(boardId)
  if (live) return [...live.doc.getMap(recordsMapName).values()]
  // Not loaded: read a throwaway copy instead of loading a room nobody is in.
  const { doc } = restoreDocument(storage.loadDocument(boardId))
  try {
    return [...doc.getMap(recordsMapName).values()]
  } finally {
    doc.destroy()
  }
}

/**
 * Boards as a hostile participant could leave them before the relay judged the document's
 * `meta`: written straight into a stopped relay's SQLite store, as the relay would have stored them.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { restoreDocument } from '../../server/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { getMetaMap } from '../../shared/boardRecords.ts'

/** Sets keys of the board's `meta` (e.g. `formatVersion: 3`) as one more stored update. */
export async function damageMeta(dataDir: string, boardId: string, meta: Record<string, unknown>): Promise<void> {
  const storage = new SqliteStorage(dataDir)
  try {
    const { doc } = restoreDocument(await storage.loadDocument(boardId))
    let update: Uint8Array | null = null
    doc.on('update', (u: Uint8Array) => (update = u))
    doc.transact(() => {
      for (const [key, value] of Object.entries(meta)) getMetaMap(doc).set(key, value)
    })
    await storage.appendUpdate(boardId, update!)
    doc.destroy()
  } finally {
    await storage.close()
  }
}

/** Saves the board as it is stored now as a named version; returns its id. */
export async function saveStoredVersion(dataDir: string, boardId: string, name: string): Promise<string> {
  const storage = new SqliteStorage(dataDir)
  try {
    const { doc } = restoreDocument(await storage.loadDocument(boardId))
    const id = randomBytes(12).toString('base64url')
    await storage.putVersion(boardId, { id, createdAt: new Date().toISOString(), name }, Y.encodeStateAsUpdate(doc))
    doc.destroy()
    return id
  } finally {
    await storage.close()
  }
}

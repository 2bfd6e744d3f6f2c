/**
 * Boards as a hostile participant could leave them before the relay judged what they wrote (the
 * document's `meta`, parent chains): written straight into a stopped relay's SQLite store, as
 * the relay would have stored them.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { restoreDocument } from '../../server/room/restoreDocument.ts'
import Database from 'better-sqlite3'
import { SqliteStorage, databasePath } from '../../server/storage/SqliteStorage.ts'
import { getMetaMap } from '../../shared/board/records.ts'

/** Appends an update to a stopped relay's stored board, unjudged. */
export async function storeUnjudged(dataDir: string, boardId: string, update: Uint8Array): Promise<void> {
  const storage = new SqliteStorage(dataDir)
  try {
    await storage.appendUpdate(boardId, update)
  } finally {
    await storage.close()
  }
}

/** Forgets the export setting storage keeps beside the board, as for a board stored before it was kept (`server/judge/exportSetting.ts`). */
export function forgetExportSetting(dataDir: string, boardId: string): void {
  const db = new Database(databasePath(dataDir))
  try {
    db.prepare('UPDATE boards SET observers_may_export = NULL WHERE id = ?').run(boardId)
  } finally {
    db.close()
  }
}

/** Sets keys of the board's `meta` (e.g. `formatVersion: 4`) as one more stored update. */
export async function damageMeta(dataDir: string, boardId: string, meta: Record<string, unknown>): Promise<void> {
  const storage = new SqliteStorage(dataDir)
  const stored = await storage.loadDocument(boardId).finally(() => storage.close())
  const { doc } = restoreDocument(stored)
  let update: Uint8Array | null = null
  doc.on('update', (u: Uint8Array) => (update = u))
  doc.transact(() => {
    for (const [key, value] of Object.entries(meta)) getMetaMap(doc).set(key, value)
  })
  doc.destroy()
  await storeUnjudged(dataDir, boardId, update!)
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

/**
 * A backend's Storage is made of one part per concern (`server/storage/composeParts.ts`): what
 * callers and tests do with a storage's methods must work on the composed ones as on a class's.
 */
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { issueTokens } from '../../server/links/access.ts'
import { composeParts } from '../../server/storage/composeParts.ts'
import { SqliteStorage, sqliteParts } from '../../server/storage/SqliteStorage.ts'
import { SqliteDocumentLog } from '../../server/storage/sqlite/documentLog.ts'
import { addMissingColumns, schema } from '../../server/storage/sqlite/schema.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { board } from '../helpers/storageContract/stores.ts'

describe('a storage composed of its parts', () => {
  let dir: string
  let storage: SqliteStorage
  beforeEach(async () => {
    dir = makeDataDir()
    storage = new SqliteStorage(dir)
    await storage.createBoard(board, issueTokens().hashes)
  })
  afterEach(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  it('calls a part’s method detached from the storage, as callers pass them around', async () => {
    const { appendUpdate, loadDocument } = storage
    const seq = await appendUpdate(board.id, Uint8Array.of(1))
    expect(await loadDocument(board.id)).toEqual({ snapshot: null, updates: [Uint8Array.of(1)], lastSeq: seq })
  })

  it('lets a stand-in cover a method, on a copy (Object.create) or spied on, as tests do', async () => {
    const failing = Object.create(storage) as SqliteStorage
    failing.appendUpdate = async () => Promise.reject(new Error('disk full'))
    await expect(failing.appendUpdate(board.id, Uint8Array.of(1))).rejects.toThrow('disk full')
    // The copy's other methods, and the storage itself, are untouched.
    expect((await failing.getBoard(board.id))?.title).toBe(board.title)
    expect(await storage.appendUpdate(board.id, Uint8Array.of(1))).toBeGreaterThan(0)

    const spy = vi.spyOn(storage, 'documentBytes')
    expect(await storage.documentBytes(board.id)).toBe(1)
    expect(spy).toHaveBeenCalledWith(board.id)
    spy.mockRestore()
  })

  it('refuses a part whose method another part (or the storage itself) already has', () => {
    const db = new Database(':memory:')
    try {
      db.exec(schema)
      addMissingColumns(db)
      const parts = sqliteParts(db)
      expect(() => composeParts(storage, parts)).toThrow('storage method loadDocument is declared twice')
      expect(() => composeParts({ close() {} }, parts)).not.toThrow()
    } finally {
      db.close()
    }
  })

  it('takes of each part only the methods its concern declares, not a helper the part happens to show', () => {
    const db = new Database(':memory:')
    try {
      db.exec(schema)
      addMissingColumns(db)
      class LeakyDocumentLog extends SqliteDocumentLog {
        rowCount(): number {
          return 0
        }
      }
      const parts = sqliteParts(db)
      const target = {}
      composeParts(target, { ...parts, documents: new LeakyDocumentLog(db) })
      expect('loadDocument' in target).toBe(true)
      expect('rowCount' in target).toBe(false)
    } finally {
      db.close()
    }
  })
})

/**
 * The stores the storage contract runs against: SqliteStorage on a temporary directory and
 * PostgresStorage on a real PostgreSQL server (a database of the test file's own on the run's
 * server, a fresh schema per test), and
 * what every contract suite (`documentLog.ts`, `boardDirectory.ts`, …) gets of the running test.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import * as Y from 'yjs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { issueTokens } from '../../../server/links/access.ts'
import { PostgresStorage } from '../../../server/storage/PostgresStorage.ts'
import { SqliteStorage, databasePath } from '../../../server/storage/SqliteStorage.ts'
import type { Storage, StoredDocument } from '../../../server/storage/Storage.ts'
import type { AuditKey } from '../../../server/base/auditKey.ts'
import { makeDataDir, removeDataDir } from '../relay.ts'
import { skipPostgresTests, type PostgresServer } from '../postgres.ts'
import { filePostgres } from '../testServers.ts'

/** Every table that holds a board's rows, by its board id column. */
export const boardTables = ['boards', 'snapshots', 'updates', 'assets', 'ballots', 'private_notes', 'versions', 'join_codes', 'board_tokens', 'audit', 'network_boards', 'client_ids'] as const
export type RowCounts = Record<(typeof boardTables)[number], number>
const boardColumn = (table: string) => (table === 'boards' ? 'id' : 'board_id')

/** One empty store of a backend. */
export interface Store {
  /** Opens it, again and again (a reopen, or a second relay process on the same data); under AUDIT_KEY where given. */
  open(auditKey?: AuditKey | null): Promise<Storage>
  /** How many rows each table holds of the board, read past the Storage interface. */
  rowsOf(boardId: string): Promise<RowCounts>
  /** Runs one SQL statement past the Storage interface (someone with the database's file or password). */
  exec(sql: string): Promise<void>
  remove(): Promise<void>
}

export interface Backend {
  name: string
  skip: boolean
  start(): Promise<void>
  stop(): Promise<void>
  fresh(): Promise<Store>
}

export const sqliteBackend: Backend = {
  name: 'SqliteStorage',
  skip: false,
  start: async () => {},
  stop: async () => {},
  fresh: async () => {
    const dir = makeDataDir()
    return {
      open: async (auditKey = null) => new SqliteStorage(dir, { auditKey }),
      rowsOf: async (boardId) => {
        const db = new Database(databasePath(dir), { readonly: true })
        try {
          const counts = boardTables.map((table) => {
            const row = db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${boardColumn(table)} = ?`).get(boardId) as { n: number }
            return [table, row.n]
          })
          return Object.fromEntries(counts) as RowCounts
        } finally {
          db.close()
        }
      },
      exec: async (sql) => {
        const db = new Database(databasePath(dir))
        try {
          db.exec(sql)
        } finally {
          db.close()
        }
      },
      remove: async () => removeDataDir(dir),
    }
  },
}

let server: PostgresServer | undefined
let schemas = 0
export const postgresBackend: Backend = {
  name: 'PostgresStorage',
  skip: skipPostgresTests,
  start: async () => {
    server = await filePostgres()
  },
  stop: async () => {
    await server?.stop()
    server = undefined
  },
  // A schema of its own per test (search_path in the URL): created in milliseconds, where a
  // database takes a few hundred.
  fresh: async () => {
    const schema = `test_${++schemas}`
    const url = `${server!.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
    const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        return (await client.query<T>(sql, params)).rows
      } finally {
        await client.end()
      }
    }
    await query(`CREATE SCHEMA ${schema}`)
    return {
      open: (auditKey = null) => PostgresStorage.open(url, { auditKey }),
      rowsOf: async (boardId) => {
        const counts: Array<[string, number]> = []
        for (const table of boardTables) {
          const [row] = await query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${boardColumn(table)} = $1`, [boardId])
          counts.push([table, Number(row!.n)])
        }
        return Object.fromEntries(counts) as RowCounts
      },
      exec: async (sql) => void (await query(sql)),
      remove: async () => void (await query(`DROP SCHEMA ${schema} CASCADE`)),
    }
  },
}

export const board = { id: 'b'.repeat(22), title: 'Gründungsworkshop', createdAt: '2026-11-21T10:00:00.000Z' }

export const docFrom = (stored: StoredDocument) => {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

/** What a contract suite gets of the running test. */
export interface StorageContract {
  /** The running test's storage: a fresh store, opened, with `board` created in it. */
  readonly storage: Storage
  readonly store: Store
  /** Another instance on the same data, as a second relay process has; closed after the test. */
  openAnother(): Promise<Storage>
  /** Closes the storage and opens the same data again, as a restarted relay does (with AUDIT_KEY where given). */
  reopen(auditKey?: AuditKey | null): Promise<Storage>
}

/**
 * A fresh store of the backend for each test of the calling `describe` block, with `board` in
 * it; the contract suites run inside that block.
 */
export function storeEachTest(backend: Backend): StorageContract {
  let store: Store
  let storage: Storage
  const others: Storage[] = []
  beforeAll(() => backend.start())
  afterAll(() => backend.stop())
  beforeEach(async () => {
    store = await backend.fresh()
    storage = await store.open()
    await storage.createBoard(board, issueTokens().hashes)
  })
  afterEach(async () => {
    for (const another of others.splice(0)) await another.close()
    await storage.close()
    await store.remove()
  })
  return {
    get storage() {
      return storage
    },
    get store() {
      return store
    },
    openAnother: async () => {
      const another = await store.open()
      others.push(another)
      return another
    },
    reopen: async (auditKey = null) => {
      await storage.close()
      storage = await store.open(auditKey)
      return storage
    },
  }
}

/**
 * The storage contract, run against both backends: SqliteStorage on a temporary directory and
 * PostgresStorage on a real PostgreSQL server (one per file, a fresh schema per test). What
 * only the SQLite file can show (its bytes, permissions, size cap) is tested below for SQLite.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { hashToken, issueTokens } from '../../server/access.ts'
import { PostgresStorage } from '../../server/storage/PostgresStorage.ts'
import { SqliteStorage, databasePath } from '../../server/storage/SqliteStorage.ts'
import type { Storage, StoredDocument } from '../../server/storage/Storage.ts'
import { isStorageFull } from '../../server/storage/storageErrors.ts'
import { createLogger } from '../../server/logger.ts'
import { AuditTrail, auditRows, hashedBoard, linkActor, subjectActor, sweepAudit } from '../../server/audit.ts'
import { hashJoinCode, newJoinCode, openLink, sealLink } from '../../server/joinCodes.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { skipPostgresTests, startPostgres, type PostgresServer } from '../helpers/postgres.ts'

/** Every table that holds a board's rows, by its board id column. */
const boardTables = ['boards', 'snapshots', 'updates', 'assets', 'ballots', 'private_notes', 'versions', 'join_codes', 'board_tokens', 'audit'] as const
type RowCounts = Record<(typeof boardTables)[number], number>
const boardColumn = (table: string) => (table === 'boards' ? 'id' : 'board_id')

/** One empty store of a backend. */
interface Store {
  /** Opens it, again and again (a reopen, or a second relay process on the same data). */
  open(): Promise<Storage>
  /** How many rows each table holds of the board, read past the Storage interface. */
  rowsOf(boardId: string): Promise<RowCounts>
  remove(): Promise<void>
}

interface Backend {
  name: string
  skip: boolean
  start(): Promise<void>
  stop(): Promise<void>
  fresh(): Promise<Store>
}

const sqliteBackend: Backend = {
  name: 'SqliteStorage',
  skip: false,
  start: async () => {},
  stop: async () => {},
  fresh: async () => {
    const dir = makeDataDir()
    return {
      open: async () => new SqliteStorage(dir),
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
      remove: async () => removeDataDir(dir),
    }
  },
}

let server: PostgresServer | undefined
let schemas = 0
const postgresBackend: Backend = {
  name: 'PostgresStorage',
  skip: skipPostgresTests,
  start: async () => {
    server = await startPostgres()
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
      open: () => PostgresStorage.open(url),
      rowsOf: async (boardId) => {
        const counts: Array<[string, number]> = []
        for (const table of boardTables) {
          const [row] = await query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${boardColumn(table)} = $1`, [boardId])
          counts.push([table, Number(row!.n)])
        }
        return Object.fromEntries(counts) as RowCounts
      },
      remove: async () => void (await query(`DROP SCHEMA ${schema} CASCADE`)),
    }
  },
}

const board = { id: 'b'.repeat(22), title: 'Gründungsworkshop', createdAt: '2026-11-21T10:00:00.000Z' }

const docFrom = (stored: StoredDocument) => {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

/**
 * Stores a doc's updates one after the other, as Room.ts does (each append awaited before the
 * next); `done` waits for the last and gives its sequence number.
 */
function storeUpdates(storage: () => Storage, boardId: string, doc: Y.Doc) {
  let queue: Promise<number> = Promise.resolve(0)
  const seqs: number[] = []
  doc.on('update', (update: Uint8Array) => {
    queue = queue.then(async () => {
      const seq = await storage().appendUpdate(boardId, update)
      seqs.push(seq)
      return seq
    })
  })
  return { seqs, done: () => queue }
}

for (const backend of [sqliteBackend, postgresBackend]) {
  describe.skipIf(backend.skip)(backend.name, () => {
    let store: Store
    let storage: Storage
    const others: Storage[] = []
    /** Another instance on the same data, as a second relay process has; closed after the test. */
    const openAnother = async () => {
      const another = await store.open()
      others.push(another)
      return another
    }

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

    it('loads appended updates back in order, across a reopen', async () => {
      const source = new Y.Doc()
      const stored = storeUpdates(() => storage, board.id, source)
      const list = source.getArray<number>('list')
      for (let i = 0; i < 20; i++) list.push([i])
      await stored.done()

      await storage.close()
      storage = await store.open()
      const loaded = await storage.loadDocument(board.id)
      expect(loaded.snapshot).toBeNull()
      expect(loaded.updates).toHaveLength(20)
      expect(docFrom(loaded).getArray('list').toArray()).toEqual(list.toArray())
    })

    it('compaction keeps the content, drops covered updates and keeps later ones', async () => {
      const source = new Y.Doc()
      const stored = storeUpdates(() => storage, board.id, source)
      const map = source.getMap<string>('notes')
      map.set('a', 'Jobcenter')
      map.set('b', 'Jugendamt')
      await storage.compact(board.id, Y.encodeStateAsUpdate(source), await stored.done())
      map.set('c', 'Kita-Träger')
      const lastSeq = await stored.done()

      const loaded = await storage.loadDocument(board.id)
      expect(loaded.snapshot).not.toBeNull()
      expect(loaded.updates).toHaveLength(1)
      expect(loaded.lastSeq).toBe(lastSeq)
      expect(docFrom(loaded).getMap('notes').toJSON()).toEqual({ a: 'Jobcenter', b: 'Jugendamt', c: 'Kita-Träger' })
    })

    it('tells the bytes of what loadDocument returns, before and after compaction, without reading it', async () => {
      expect(await storage.documentBytes(board.id)).toBe(0)
      const first = await storage.appendUpdate(board.id, new Uint8Array(100))
      await storage.appendUpdate(board.id, new Uint8Array(50))
      expect(await storage.documentBytes(board.id)).toBe(150)
      await storage.compact(board.id, new Uint8Array(30), first)
      expect(await storage.documentBytes(board.id)).toBe(30 + 50)
      expect(await storage.documentBytes('nichtda')).toBe(0)
    })

    it('ignores a compaction older than the snapshot it would replace (a room unloading while a new one already compacted)', async () => {
      const first = await storage.appendUpdate(board.id, Uint8Array.of(1))
      const second = await storage.appendUpdate(board.id, Uint8Array.of(2))
      await storage.compact(board.id, Uint8Array.of(9, 2), second)
      await storage.compact(board.id, Uint8Array.of(9, 1), first)
      expect(await storage.loadDocument(board.id)).toEqual({ snapshot: Uint8Array.of(9, 2), updates: [], lastSeq: second })
    })

    it('numbers appends increasingly in call order, and loads snapshot plus later updates after compaction', async () => {
      expect(await storage.loadDocument(board.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
      // Sent all at once, not awaited one by one: still stored in the order of the calls.
      const seqs = await Promise.all(Array.from({ length: 30 }, (_, i) => storage.appendUpdate(board.id, Uint8Array.of(i))))
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!)
      let loaded = await storage.loadDocument(board.id)
      expect(loaded.updates.map((u) => u[0])).toEqual(seqs.map((_, i) => i))
      expect(loaded.lastSeq).toBe(seqs.at(-1))

      await storage.compact(board.id, Uint8Array.of(100, 101), seqs[19]!)
      loaded = await storage.loadDocument(board.id)
      expect(loaded.snapshot).toEqual(Uint8Array.of(100, 101))
      expect(loaded.updates.map((u) => u[0])).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
      expect(loaded.lastSeq).toBe(seqs.at(-1))

      // Compacting everything: no updates left, lastSeq is the snapshot's.
      await storage.compact(board.id, Uint8Array.of(102), seqs.at(-1)!)
      loaded = await storage.loadDocument(board.id)
      expect(loaded).toEqual({ snapshot: Uint8Array.of(102), updates: [], lastSeq: seqs.at(-1) })
      // Appends go on numbering above what was compacted.
      const next = await storage.appendUpdate(board.id, Uint8Array.of(200))
      expect(next).toBeGreaterThan(seqs.at(-1)!)
      expect((await storage.loadDocument(board.id)).updates).toEqual([Uint8Array.of(200)])
    })

    it('refuses updates, assets and versions of a board that does not exist', async () => {
      const missing = 'z'.repeat(22)
      await expect(storage.appendUpdate(missing, Uint8Array.of(1))).rejects.toThrow()
      await expect(storage.putAsset(missing, 'a'.repeat(22), { mimeType: 'image/png', data: Uint8Array.of(1) })).rejects.toThrow()
      await expect(storage.putVersion(missing, { id: 'v1', createdAt: board.createdAt, name: null }, Uint8Array.of(1))).rejects.toThrow()
      expect(await storage.loadDocument(missing)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
    })

    it('appends from two instances at once (two relay processes) while a third compacts lose nothing', async () => {
      const [first, second, compactor] = [storage, await openAnother(), await openAnother()]
      const count = 60
      const writer = async (instance: Storage, name: string) => {
        const doc = new Y.Doc()
        const stored = storeUpdates(() => instance, board.id, doc)
        for (let i = 0; i < count; i++) {
          doc.getArray<string>('list').push([`${name}${i}`])
          // Let the other writer and the compactor in between.
          if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve))
        }
        await stored.done()
        return stored.seqs
      }
      let writing = true
      let compactions = 0
      const compacting = (async () => {
        while (writing) {
          const loaded = await compactor.loadDocument(board.id)
          const merged = Y.mergeUpdates([...(loaded.snapshot ? [loaded.snapshot] : []), ...loaded.updates])
          await compactor.compact(board.id, merged, loaded.lastSeq)
          compactions++
          // SQLite's calls resolve at once: let the writers run.
          await new Promise((resolve) => setImmediate(resolve))
        }
      })()
      const [a, b] = await Promise.all([writer(first, 'a'), writer(second, 'b')]).finally(() => (writing = false))
      await compacting

      expect(a).toHaveLength(count)
      expect(b).toHaveLength(count)
      expect(new Set([...a, ...b]).size).toBe(2 * count)
      for (const seqs of [a, b]) for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!)
      expect(compactions).toBeGreaterThan(0)

      const loaded = await storage.loadDocument(board.id)
      expect(loaded.lastSeq).toBe(Math.max(...a, ...b))
      const doc = docFrom(loaded)
      // An update dropped by a compaction would leave its writer's later ones pending, unseen.
      expect(doc.getArray<string>('list').toArray().sort()).toEqual(
        [...Array.from({ length: count }, (_, i) => `a${i}`), ...Array.from({ length: count }, (_, i) => `b${i}`)].sort(),
      )
    })

    it('creates a board with its initial state as snapshot, and atomically', async () => {
      const template = new Y.Doc()
      template.getMap<string>('notes').set('title', 'Vorlage')
      const other = { ...board, id: 'e'.repeat(22) }
      const { tokens, hashes } = issueTokens()
      await storage.createBoard(other, hashes, Y.encodeStateAsUpdate(template))
      let loaded = await storage.loadDocument(other.id)
      expect(loaded.updates).toEqual([])
      expect(loaded.lastSeq).toBe(0)
      expect(docFrom(loaded).getMap('notes').toJSON()).toEqual({ title: 'Vorlage' })
      const seq = await storage.appendUpdate(other.id, Uint8Array.of(0, 0))
      loaded = await storage.loadDocument(other.id)
      expect(loaded.updates).toEqual([Uint8Array.of(0, 0)])
      expect(loaded.lastSeq).toBe(seq)

      // A second board with the same id fails as a whole: neither its tokens nor its state land.
      const again = issueTokens()
      await expect(storage.createBoard({ ...other, title: 'Doppelt' }, again.hashes, Uint8Array.of(9))).rejects.toThrow()
      expect((await storage.getBoard(other.id))?.title).toBe(board.title)
      expect(await storage.roleForTokenHash(other.id, hashToken(again.tokens.facilitator))).toBeUndefined()
      expect(await storage.roleForTokenHash(other.id, hashToken(tokens.facilitator))).toBe('facilitator')
      expect(docFrom(await storage.loadDocument(other.id)).getMap('notes').toJSON()).toEqual({ title: 'Vorlage' })
    })

    it('keeps boards apart and deletes a board with its document and assets', async () => {
      const other = { ...board, id: 'c'.repeat(22) }
      await storage.createBoard(other, issueTokens().hashes)
      await storage.appendUpdate(board.id, Y.encodeStateAsUpdate(new Y.Doc()))
      await storage.putAsset(board.id, 'a'.repeat(22), { mimeType: 'image/png', data: Uint8Array.of(1, 2, 3) })
      expect((await storage.getAsset(board.id, 'a'.repeat(22)))?.data).toEqual(Uint8Array.of(1, 2, 3))
      expect((await storage.loadDocument(other.id)).updates).toHaveLength(0)

      await storage.deleteBoard(board.id)
      expect(await storage.getBoard(board.id)).toBeUndefined()
      expect((await storage.loadDocument(board.id)).updates).toHaveLength(0)
      expect(await storage.getAsset(board.id, 'a'.repeat(22))).toBeUndefined()
      expect((await storage.listBoards()).map((b) => b.id)).toEqual([other.id])
    })

    it('deleting a board removes its rows from every table and leaves other boards alone', async () => {
      const other = { ...board, id: 'c'.repeat(22), createdAt: '2026-11-21T11:00:00.000Z' }
      const code = newJoinCode()
      const tokensOf = new Map<string, ReturnType<typeof issueTokens>['tokens']>()
      for (const b of [other]) {
        const issued = issueTokens()
        tokensOf.set(b.id, issued.tokens)
        await storage.createBoard(b, issued.hashes, Uint8Array.of(7))
      }
      for (const id of [board.id, other.id]) {
        const seq = await storage.appendUpdate(id, Uint8Array.of(1))
        await storage.compact(id, Uint8Array.of(2), seq)
        await storage.appendUpdate(id, Uint8Array.of(3))
        await storage.putAsset(id, 'a'.repeat(22), { mimeType: 'image/png', data: Uint8Array.of(1, 2, 3) })
        await storage.putBallot(id, 'vote', 'voter', '{"x":1}')
        await storage.putPrivateNotes(id, 'round', 'author', '[]')
        await storage.putVersion(id, { id: 'v1', createdAt: board.createdAt, name: 'Stand' }, Uint8Array.of(4))
        await storage.putJoinCode({
          boardId: id,
          role: 'participant',
          codeHash: hashJoinCode(`${code}${id}`),
          sealedLink: Uint8Array.of(5),
          expiresAt: '2026-12-01T00:00:00.000Z',
        })
        await storage.touchBoard(id, '2026-11-22T00:00:00.000Z')
        await storage.appendAudit({ at: '2026-11-22T00:00:00.000Z', action: 'link-replaced', board: id, actor: 'admin' })
      }
      const full: RowCounts = { boards: 1, snapshots: 1, updates: 1, assets: 1, ballots: 1, private_notes: 1, versions: 1, join_codes: 1, board_tokens: 3, audit: 1 }
      expect(await store.rowsOf(board.id)).toEqual(full)
      const otherBefore = {
        board: await storage.getBoard(other.id),
        document: await storage.loadDocument(other.id),
        stats: (await storage.boardStats()).find((s) => s.id === other.id),
      }

      await storage.deleteBoard(board.id)
      const none = Object.fromEntries(boardTables.map((table) => [table, 0]))
      expect(await store.rowsOf(board.id)).toEqual(none)
      // Through the interface too, and from another instance (another relay process).
      for (const instance of [storage, await openAnother()]) {
        expect(await instance.getBoard(board.id)).toBeUndefined()
        expect(await instance.loadDocument(board.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
        expect(await instance.getAsset(board.id, 'a'.repeat(22))).toBeUndefined()
        expect(await instance.assetBytes(board.id)).toBe(0)
        expect(await instance.ballots(board.id, 'vote')).toEqual([])
        expect(await instance.privateNotes(board.id, 'round')).toEqual([])
        expect(await instance.listVersions(board.id)).toEqual([])
        expect(await instance.versionState(board.id, 'v1')).toBeUndefined()
        expect(await instance.findJoinCode(hashJoinCode(`${code}${board.id}`))).toBeUndefined()
        expect((await instance.boardStats()).map((s) => s.id)).toEqual([other.id])
        expect(await instance.boardsUnusedSince('2027-01-01T00:00:00.000Z')).toEqual([other.id])
      }

      expect(await store.rowsOf(other.id)).toEqual(full)
      expect(await storage.getBoard(other.id)).toEqual(otherBefore.board)
      expect(await storage.loadDocument(other.id)).toEqual(otherBefore.document)
      expect((await storage.boardStats()).find((s) => s.id === other.id)).toEqual(otherBefore.stats)
      expect(await storage.roleForTokenHash(other.id, hashToken(tokensOf.get(other.id)!.observer))).toBe('observer')
      expect((await storage.findJoinCode(hashJoinCode(`${code}${other.id}`)))?.boardId).toBe(other.id)
      expect(await storage.ballot(other.id, 'vote', 'voter')).toBe('{"x":1}')
      expect(await storage.privateNotes(other.id, 'round')).toEqual([{ author: 'author', notes: '[]' }])
      // Deleting what is not there is no error.
      await storage.deleteBoard(board.id)
    })

    it('appends audit rows, lists them oldest first by board and date, and drops those past their time', async () => {
      const other = 'c'.repeat(22)
      const rows = [
        { at: '2026-01-01T00:00:00.000Z', action: 'link-replaced', board: board.id, actor: 'link:facilitator:0123456789abcdef' },
        { at: '2026-06-01T00:00:00.000Z', action: 'sign-in-failed:password', board: null, actor: 'unknown' },
        { at: '2026-11-01T00:00:00.000Z', action: 'vote-revealed', board: other, actor: 'author:abc' },
      ]
      for (const row of [rows[2]!, rows[0]!, rows[1]!]) await storage.appendAudit(row)
      expect(await storage.listAudit()).toEqual(rows)
      expect(await (await openAnother()).listAudit({ boards: [board.id] })).toEqual([rows[0]])
      expect(await storage.listAudit({ since: '2026-06-01T00:00:00.000Z' })).toEqual(rows.slice(1))
      expect(await storage.listAudit({ boards: [other, board.id], since: '2026-02-01' })).toEqual([rows[2]])
      expect(await sweepAudit(storage, 200, Date.parse('2026-12-01T00:00:00.000Z'))).toBe(1)
      expect(await storage.listAudit()).toEqual(rows.slice(1))
      expect(await sweepAudit(storage, 0, Date.parse('2030-01-01T00:00:00.000Z'))).toBe(0)
    })

    it("deleting a board drops its audit rows; its deletion row keeps only the id's hash", async () => {
      const trail = new AuditTrail(storage, createLogger('silent'))
      await trail.record('link-replaced', board.id, linkActor(board.id, 'facilitator'))
      await trail.record('sign-in-failed:password', null, 'unknown')
      await storage.deleteBoard(board.id)
      await trail.boardDeleted(board.id, linkActor(board.id, 'facilitator'))
      const all = await storage.listAudit()
      expect(all.map((r) => [r.action, r.board])).toEqual([
        ['sign-in-failed:password', null],
        ['board-deleted', hashedBoard(board.id)],
      ])
      expect(JSON.stringify(all)).not.toContain(board.id)
      // Whoever knows the id finds who deleted it.
      expect((await auditRows(storage, { board: board.id })).map((r) => r.action)).toEqual(['board-deleted'])
    })

    it('keeps only hashes of access tokens, finds a role by its hash, and forgets a replaced one', async () => {
      const other = { ...board, id: 'd'.repeat(22) }
      const { tokens, hashes } = issueTokens()
      await storage.createBoard(other, hashes)
      expect(await storage.roleForTokenHash(other.id, hashToken(tokens.observer))).toBe('observer')
      expect(await storage.roleForTokenHash(other.id, hashToken(tokens.facilitator))).toBe('facilitator')
      // A token of one board opens no other board.
      expect(await storage.roleForTokenHash(board.id, hashToken(tokens.facilitator))).toBeUndefined()

      await storage.replaceTokenHash(other.id, 'participant', hashToken('x'.repeat(32)))
      expect(await storage.roleForTokenHash(other.id, hashToken(tokens.participant))).toBeUndefined()
      expect(await storage.roleForTokenHash(other.id, hashToken('x'.repeat(32)))).toBe('participant')
      // The other roles keep theirs.
      expect(await storage.roleForTokenHash(other.id, hashToken(tokens.observer))).toBe('observer')
    })

    it('keeps a role’s link sealed for facilitators only while it is the role’s link', async () => {
      const other = { ...board, id: 'k'.repeat(22) }
      const { tokens, hashes } = issueTokens()
      await storage.createBoard(other, hashes)
      expect(await storage.sealedLink(other.id, 'participant')).toBeUndefined()
      const sealed = new Uint8Array([1, 2, 3])
      expect(await storage.keepSealedLink(other.id, 'participant', hashToken(tokens.participant), sealed)).toBe(true)
      expect(await storage.sealedLink(other.id, 'participant')).toEqual(sealed)
      expect(await storage.sealedLink(other.id, 'observer')).toBeUndefined()
      // Not the role's link (any more): nothing is kept.
      expect(await storage.keepSealedLink(other.id, 'observer', hashToken(tokens.participant), sealed)).toBe(false)
      await storage.replaceTokenHash(other.id, 'participant', hashToken('x'.repeat(32)))
      expect(await storage.sealedLink(other.id, 'participant')).toBeUndefined()
      expect(await storage.keepSealedLink(other.id, 'participant', hashToken(tokens.participant), sealed)).toBe(false)
      expect(await storage.keepSealedLink(other.id, 'participant', hashToken('x'.repeat(32)), sealed)).toBe(true)
    })

    it("keeps a board's sign-in requirement, off until set", async () => {
      expect((await storage.getBoard(board.id))?.signInRequired).toBeUndefined()
      await storage.setSignInRequired(board.id, true)
      expect((await storage.getBoard(board.id))?.signInRequired).toBe(true)
      await storage.setSignInRequired(board.id, false)
      expect((await storage.getBoard(board.id))?.signInRequired).toBeUndefined()
    })

    it('keeps sessions by kind until they expire, takes a pending login once, and sweeps the expired', async () => {
      const now = '2026-11-24T00:00:00.000Z'
      await storage.putSession({ idHash: 'h-session', kind: 'session', data: '{"rights":["create"]}', expiresAt: '2026-11-24T12:00:00.000Z' })
      await storage.putSession({ idHash: 'h-login', kind: 'pending-login', data: '{"state":"s"}', expiresAt: '2026-11-24T00:10:00.000Z' })
      await storage.putSession({ idHash: 'h-old', kind: 'session', data: '{}', expiresAt: '2026-11-23T00:00:00.000Z' })
      expect(await storage.findSession('h-session', 'session', now)).toEqual({ idHash: 'h-session', kind: 'session', data: '{"rights":["create"]}', expiresAt: '2026-11-24T12:00:00.000Z' })
      // A pending login's id is no session, and an expired session is none either.
      expect(await storage.findSession('h-login', 'session', now)).toBeUndefined()
      expect(await storage.findSession('h-old', 'session', now)).toBeUndefined()
      expect((await storage.takeSession('h-login', 'pending-login', now))?.data).toBe('{"state":"s"}')
      expect(await storage.takeSession('h-login', 'pending-login', now)).toBeUndefined()
      expect(await storage.dropExpiredSessions(now)).toBe(1)
      await storage.deleteSession('h-session')
      expect(await storage.findSession('h-session', 'session', now)).toBeUndefined()
    })

    it('keeps join codes sealed, finds them by hash, and drops the expired ones', async () => {
      const { tokens } = issueTokens()
      const code = newJoinCode()
      const sealed = sealLink(code, board.id, tokens.participant)
      await storage.putJoinCode({ boardId: board.id, role: 'participant', codeHash: hashJoinCode(code), sealedLink: sealed, expiresAt: '2026-11-30T00:00:00.000Z' })
      const old = newJoinCode()
      await storage.putJoinCode({ boardId: board.id, role: 'observer', codeHash: hashJoinCode(old), sealedLink: sealLink(old, board.id, tokens.observer), expiresAt: '2026-11-20T00:00:00.000Z' })
      const found = (await storage.findJoinCode(hashJoinCode(code)))!
      expect(found).toMatchObject({ boardId: board.id, role: 'participant', codeHash: hashJoinCode(code), expiresAt: '2026-11-30T00:00:00.000Z' })
      expect(openLink(code, board.id, found.sealedLink)).toBe(tokens.participant)
      // Another code, or the right code on another board, opens nothing.
      expect(() => openLink(newJoinCode(), board.id, found.sealedLink)).toThrow()
      expect(() => openLink(code, 'c'.repeat(22), found.sealedLink)).toThrow()

      expect(await storage.dropExpiredJoinCodes('2026-11-22T00:00:00.000Z')).toBe(1)
      expect(await storage.findJoinCode(hashJoinCode(old))).toBeUndefined()
      expect(await storage.findJoinCode(hashJoinCode(code))).toBeDefined()
      // A new code for the role replaces its old one.
      const newer = newJoinCode()
      await storage.putJoinCode({ boardId: board.id, role: 'participant', codeHash: hashJoinCode(newer), sealedLink: sealed, expiresAt: '2026-12-30T00:00:00.000Z' })
      expect(await storage.findJoinCode(hashJoinCode(code))).toBeUndefined()
      expect((await storage.findJoinCode(hashJoinCode(newer)))?.expiresAt).toBe('2026-12-30T00:00:00.000Z')
      // Replacing the participant link ends its code.
      await storage.replaceTokenHash(board.id, 'participant', hashToken(issueTokens().tokens.participant))
      expect(await storage.findJoinCode(hashJoinCode(newer))).toBeUndefined()
    })

    it('notes last use, finds unused boards, lists boards newest first with their sizes', async () => {
      const older = { id: 'o'.repeat(22), title: 'Alt', createdAt: '2026-01-01T00:00:00.000Z' }
      await storage.createBoard(older, issueTokens().hashes)
      expect((await storage.getBoard(board.id))?.lastUsedAt).toBeUndefined()
      expect((await storage.boardsUnusedSince('2026-06-01T00:00:00.000Z')).sort()).toEqual([older.id])
      await storage.touchBoard(older.id, '2026-11-25T00:00:00.000Z')
      expect(await storage.getBoard(older.id)).toEqual({ ...older, lastUsedAt: '2026-11-25T00:00:00.000Z' })
      expect(await storage.boardsUnusedSince('2026-06-01T00:00:00.000Z')).toEqual([])
      expect(await storage.boardsUnusedSince('2026-11-22T00:00:00.000Z')).toEqual([board.id])
      expect((await storage.listBoards()).map((b) => b.id)).toEqual([board.id, older.id])
      expect((await storage.listBoards())[0]).toEqual(board)

      const template = { ...board, id: 't'.repeat(22), createdAt: '2026-11-21T12:00:00.000Z' }
      await storage.createBoard(template, issueTokens().hashes, Uint8Array.of(1, 2))
      await storage.appendUpdate(board.id, new Uint8Array(10))
      await storage.putAsset(board.id, 'a'.repeat(22), { mimeType: 'image/png', data: new Uint8Array(100) })
      await storage.putAsset(board.id, 'b'.repeat(22), { mimeType: 'image/jpeg', data: new Uint8Array(50) })
      // Putting an asset again replaces it.
      await storage.putAsset(board.id, 'b'.repeat(22), { mimeType: 'image/webp', data: new Uint8Array(40) })
      expect((await storage.getAsset(board.id, 'b'.repeat(22)))?.mimeType).toBe('image/webp')
      await storage.putVersion(board.id, { id: 'v1', createdAt: board.createdAt, name: null }, new Uint8Array(1000))
      expect(await storage.assetBytes(board.id)).toBe(140)
      expect(await storage.assetBytes(older.id)).toBe(0)
      expect(await storage.boardStats()).toEqual([
        { id: older.id, createdAt: older.createdAt, lastUsedAt: '2026-11-25T00:00:00.000Z', bytes: 0, assets: 0, versions: 0 },
        { id: board.id, createdAt: board.createdAt, lastUsedAt: null, bytes: 1150, assets: 2, versions: 1 },
        { id: template.id, createdAt: template.createdAt, lastUsedAt: null, bytes: 2, assets: 0, versions: 0 },
      ])
    })

    it('returns assets as bytes of their own', async () => {
      const data = new TextEncoder().encode('Bilddaten')
      await storage.putAsset(board.id, 'a'.repeat(22), { mimeType: 'image/png', data })
      const asset = (await storage.getAsset(board.id, 'a'.repeat(22)))!
      expect(asset.data).toBeInstanceOf(Uint8Array)
      expect(asset.data.byteLength).toBe(data.byteLength)
      // Its buffer is its own: nothing else shares the memory.
      expect(asset.data.buffer.byteLength).toBe(data.byteLength)
      expect(new TextDecoder().decode(asset.data)).toBe('Bilddaten')
    })

    it('lists versions newest first, gives their states and prunes only automatic ones', async () => {
      const at = (minute: number) => `2026-11-21T10:${String(minute).padStart(2, '0')}:00.000Z`
      for (let i = 0; i < 6; i++) await storage.putVersion(board.id, { id: `auto${i}`, createdAt: at(i), name: null }, Uint8Array.of(i))
      await storage.putVersion(board.id, { id: 'named', createdAt: at(1), name: 'Vor der Pause' }, Uint8Array.of(99))
      // Saved in the same instant: the later one is newer.
      await storage.putVersion(board.id, { id: 'auto6', createdAt: at(5), name: null }, Uint8Array.of(6))
      const other = { ...board, id: 'c'.repeat(22) }
      await storage.createBoard(other, issueTokens().hashes)
      await storage.putVersion(other.id, { id: 'auto0', createdAt: at(0), name: null }, Uint8Array.of(50))
      // An id once taken on a board stays taken.
      await expect(storage.putVersion(board.id, { id: 'auto0', createdAt: at(9), name: null }, Uint8Array.of(0))).rejects.toThrow()

      expect((await storage.listVersions(board.id)).map((v) => v.id)).toEqual(['auto6', 'auto5', 'auto4', 'auto3', 'auto2', 'named', 'auto1', 'auto0'])
      expect((await storage.listVersions(board.id)).find((v) => v.id === 'named')).toEqual({ id: 'named', createdAt: at(1), name: 'Vor der Pause' })
      expect(await storage.versionState(board.id, 'named')).toEqual(Uint8Array.of(99))
      expect(await storage.versionState(other.id, 'auto0')).toEqual(Uint8Array.of(50))
      expect(await storage.versionState(other.id, 'named')).toBeUndefined()

      // The newest 4 automatic ones stay, and of those only the ones from minute 3 on.
      await storage.pruneVersions(board.id, 4, at(3))
      expect((await storage.listVersions(board.id)).map((v) => v.id)).toEqual(['auto6', 'auto5', 'auto4', 'auto3', 'named'])
      await storage.pruneVersions(board.id, 1, at(0))
      expect((await storage.listVersions(board.id)).map((v) => v.id)).toEqual(['auto6', 'named'])
      await storage.pruneVersions(board.id, 0, at(59))
      expect((await storage.listVersions(board.id)).map((v) => v.id)).toEqual(['named'])
      expect((await storage.listVersions(other.id)).map((v) => v.id)).toEqual(['auto0'])
    })

    it('keeps secret ballots of the one open vote per board', async () => {
      const other = { ...board, id: 'c'.repeat(22) }
      await storage.createBoard(other, issueTokens().hashes)
      await storage.putBallot(board.id, 'vote1', 'anna', 'A')
      await storage.putBallot(board.id, 'vote1', 'ben', 'B')
      await storage.putBallot(board.id, 'vote1', 'anna', 'A2')
      await storage.putBallot(other.id, 'vote1', 'anna', 'other board')
      expect(await storage.ballot(board.id, 'vote1', 'anna')).toBe('A2')
      expect((await storage.ballots(board.id, 'vote1')).sort()).toEqual(['A2', 'B'])
      expect(await storage.ballot(board.id, 'vote2', 'anna')).toBeUndefined()

      // Withdrawn.
      await storage.putBallot(board.id, 'vote1', 'ben', null)
      expect(await storage.ballots(board.id, 'vote1')).toEqual(['A2'])
      // A ballot in another vote drops the first vote's ballots, of this board only; so does a
      // withdrawal there.
      await storage.putBallot(board.id, 'vote2', 'carla', 'C')
      expect(await storage.ballots(board.id, 'vote1')).toEqual([])
      expect(await storage.ballots(board.id, 'vote2')).toEqual(['C'])
      expect(await storage.ballots(other.id, 'vote1')).toEqual(['other board'])
      await storage.putBallot(board.id, 'vote3', 'dora', null)
      expect(await storage.ballots(board.id, 'vote2')).toEqual([])

      await storage.putBallot(board.id, 'vote4', 'anna', 'D')
      await storage.deleteBallots(board.id, 'vote4')
      expect(await storage.ballots(board.id, 'vote4')).toEqual(['D'])
      await storage.deleteBallots(board.id, 'vote5')
      expect(await storage.ballots(board.id, 'vote4')).toEqual([])
      await storage.putBallot(board.id, 'vote6', 'anna', 'E')
      await storage.deleteBallots(board.id)
      expect(await storage.ballots(board.id, 'vote6')).toEqual([])
      expect(await storage.ballots(other.id, 'vote1')).toEqual(['other board'])
    })

    it('keeps private notes of the one open round per board, by author', async () => {
      const other = { ...board, id: 'c'.repeat(22) }
      await storage.createBoard(other, issueTokens().hashes)
      await storage.putPrivateNotes(board.id, 'round1', 'Zoe', '["z"]')
      await storage.putPrivateNotes(board.id, 'round1', 'anna', '["a"]')
      await storage.putPrivateNotes(board.id, 'round1', 'ben', '["b"]')
      await storage.putPrivateNotes(board.id, 'round1', 'Zoe', '["z1","z2"]')
      await storage.putPrivateNotes(other.id, 'round1', 'zoe', '["other"]')
      // By author, in byte order (upper case first), as SQLite sorts.
      expect(await storage.privateNotes(board.id, 'round1')).toEqual([
        { author: 'Zoe', notes: '["z1","z2"]' },
        { author: 'anna', notes: '["a"]' },
        { author: 'ben', notes: '["b"]' },
      ])
      await storage.putPrivateNotes(board.id, 'round1', 'ben', null)
      expect((await storage.privateNotes(board.id, 'round1')).map((n) => n.author)).toEqual(['Zoe', 'anna'])

      // Writing in another round drops the first round's notes, of this board only.
      await storage.putPrivateNotes(board.id, 'round2', 'ben', '["neu"]')
      expect(await storage.privateNotes(board.id, 'round1')).toEqual([])
      expect(await storage.privateNotes(board.id, 'round2')).toEqual([{ author: 'ben', notes: '["neu"]' }])
      expect(await storage.privateNotes(other.id, 'round1')).toEqual([{ author: 'zoe', notes: '["other"]' }])
      await storage.deletePrivateNotes(board.id)
      expect(await storage.privateNotes(board.id, 'round2')).toEqual([])
      expect(await storage.privateNotes(other.id, 'round1')).toHaveLength(1)
    })
  })
}

describe('SqliteStorage file', () => {
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

  it('holds hashes of access tokens, never the tokens', async () => {
    const other = { ...board, id: 'd'.repeat(22) }
    const { tokens, hashes } = issueTokens()
    await storage.createBoard(other, hashes)
    await storage.replaceTokenHash(other.id, 'participant', hashToken('x'.repeat(32)))
    // Closing checkpoints the write-ahead log into the file.
    await storage.close()
    const file = readFileSync(storage.path).toString('latin1')
    for (const token of Object.values(tokens)) expect(file).not.toContain(token)
    expect(file).toContain(hashes.observer)
    storage = new SqliteStorage(dir)
  })

  it('leaves no readable trace of a deleted board in its files (secure_delete)', async () => {
    const secret = 'Vertrauliche-Notiz-4711'
    await storage.appendUpdate(board.id, new TextEncoder().encode(secret))
    await storage.putAsset(board.id, 'a'.repeat(22), { mimeType: 'image/png', data: new TextEncoder().encode(secret.repeat(200)) })
    await storage.deleteBoard(board.id)
    for (const file of [storage.path, `${storage.path}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).toString('latin1')).not.toContain(secret)
    }
  })

  it('is readable by the relay account only', () => {
    expect(statSync(storage.path).mode & 0o777).toBe(0o600)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })

  it('rejects writes past maxBytes with an error that counts as a full store', async () => {
    await storage.close()
    storage = new SqliteStorage(dir, { maxBytes: 256 * 1024 })
    const error = await storage.putAsset(board.id, 'a'.repeat(22), { mimeType: 'image/png', data: new Uint8Array(1024 * 1024) }).catch((e: unknown) => e)
    expect((error as { code?: string }).code).toBe('SQLITE_FULL')
    expect(isStorageFull(error)).toBe(true)
    // Smaller writes still fit.
    expect(await storage.appendUpdate(board.id, Uint8Array.of(1))).toBeGreaterThan(0)
  })
})

describe('AuditTrail', () => {
  it('does not fail the action when its row cannot be stored, and logs that without board or actor', async () => {
    const lines: string[] = []
    const trail = new AuditTrail({ appendAudit: async () => Promise.reject(new Error(`disk gone ${board.id}`)) }, createLogger('info', (line) => lines.push(line)))
    await expect(trail.record('link-replaced', board.id, 'link:facilitator:0123456789abcdef')).resolves.toBeUndefined()
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', msg: 'audit row not stored', action: 'link-replaced' })
    expect(lines[0]).not.toContain(board.id)
    expect(lines[0]).not.toContain('link:')
  })

  it('names actors by pseudonyms: a link by role and a hash, an OIDC subject by a salted hash', () => {
    expect(linkActor(board.id, 'facilitator')).toMatch(/^link:facilitator:[0-9a-f]{16}$/)
    expect(linkActor(board.id, 'facilitator')).not.toBe(linkActor('c'.repeat(22), 'facilitator'))
    expect(subjectActor('alice', 'salt')).toMatch(/^oidc:[0-9a-f]{16}$/)
    expect(subjectActor('alice', 'salt')).not.toBe(subjectActor('alice', 'other salt'))
  })
})

describe('isStorageFull', () => {
  it("recognises SQLite's SQLITE_FULL and PostgreSQL's disk_full (53100), also as a cause", () => {
    const postgresFull = Object.assign(new pg.DatabaseError('could not extend file "base/16384/16400": No space left on device', 0, 'error'), {
      code: '53100',
    })
    expect(isStorageFull(postgresFull)).toBe(true)
    expect(isStorageFull(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBe(true)
    expect(isStorageFull(new Error('storing failed', { cause: postgresFull }))).toBe(true)
    for (const other of [new Error('x'), { code: '53200' }, { code: 'SQLITE_BUSY' }, null, undefined, 'SQLITE_FULL', 53100]) {
      expect(isStorageFull(other)).toBe(false)
    }
  })
})

describe.skipIf(skipPostgresTests)('PostgresStorage server', () => {
  let pgServer: PostgresServer
  beforeAll(async () => {
    pgServer = await startPostgres()
  })
  afterAll(() => pgServer?.stop())

  it('lets several relay processes start on one new database at once', async () => {
    const url = await pgServer.newDatabase()
    const instances = await Promise.all(Array.from({ length: 6 }, () => PostgresStorage.open(url, { maxConnections: 2 })))
    try {
      await instances[0]!.createBoard(board, issueTokens().hashes)
      for (const instance of instances) expect((await instance.getBoard(board.id))?.title).toBe(board.title)
    } finally {
      await Promise.all(instances.map((instance) => instance.close()))
    }
  })

  it('lets one relay process at a time use a database as its own, and the next once it is gone', async () => {
    const url = await pgServer.newDatabase()
    const exclusive = { waitMs: 300, onLost: () => {} }
    const first = await PostgresStorage.open(url, { exclusive })
    await expect(PostgresStorage.open(url, { exclusive })).rejects.toThrow(/another relay process is using this database/)
    // Tools and tests may still read along.
    const reader = await PostgresStorage.open(url)
    await reader.close()
    await first.close()
    const second = await PostgresStorage.open(url, { exclusive })
    await second.close()
  })

  describe('several relay processes', () => {
    const member = { waitMs: 300, onLost: () => {} }
    const update = () => {
      const doc = new Y.Doc()
      doc.getMap('m').set('k', Math.random())
      return Y.encodeStateAsUpdate(doc)
    }
    /** Ends one process's lock connection, as a cut network or a crash would. */
    const endLockOf = async (processKey: number) => {
      const admin = new pg.Client({ connectionString: pgServer.url })
      await admin.connect()
      try {
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 5 AND objid = $1 AND objsubid = 2`, [processKey])
      } finally {
        await admin.end()
      }
    }

    it('hands each board to one process, and the next takes it once the holder is gone', async () => {
      const url = await pgServer.newDatabase()
      const [a, b] = await Promise.all([PostgresStorage.open(url, { member }), PostgresStorage.open(url, { member })])
      try {
        expect(a.processKey).not.toBe(b.processKey)
        await a.createBoard(board, issueTokens().hashes)
        expect(await a.claimBoard(board.id)).toEqual({ mine: true })
        expect(await b.claimBoard(board.id)).toEqual({ mine: false, owner: a.processKey })
        await a.appendUpdate(board.id, update())
        await expect(b.appendUpdate(board.id, update())).rejects.toThrow(/held by another relay process/)

        await a.releaseBoard(board.id)
        expect(await b.claimBoard(board.id)).toEqual({ mine: true })
        expect(await a.claimBoard(board.id)).toEqual({ mine: false, owner: b.processKey })
        await b.close()
        expect(await a.claimBoard(board.id)).toEqual({ mine: true })
        expect((await a.loadDocument(board.id)).updates).toHaveLength(1)
      } finally {
        await Promise.all([a.close(), b.close()])
      }
    })

    it('refuses every write of a holder that lost its board, even while it still runs', async () => {
      const url = await pgServer.newDatabase()
      const lost: Error[] = []
      const a = await PostgresStorage.open(url, { member: { ...member, onLost: (error) => lost.push(error) } })
      const b = await PostgresStorage.open(url, { member })
      try {
        await a.createBoard(board, issueTokens().hashes)
        await a.claimBoard(board.id)
        const first = await a.appendUpdate(board.id, update())
        // a's lock connection breaks; its pool still works (a would stop within seconds).
        await endLockOf(a.processKey)
        expect(await b.claimBoard(board.id)).toEqual({ mine: true })
        await expect(a.appendUpdate(board.id, update())).rejects.toThrow(/held by another relay process/)
        await expect(a.compact(board.id, update(), first)).rejects.toThrow(/held by another relay process/)
        const stored = await b.loadDocument(board.id)
        expect(stored.updates).toHaveLength(1)
        await b.appendUpdate(board.id, update())
        for (let i = 0; i < 100 && lost.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
        expect(lost.length).toBeGreaterThan(0)
      } finally {
        await Promise.all([a.close(), b.close()])
      }
    })

    it('forgets who held a deleted board', async () => {
      const url = await pgServer.newDatabase()
      const a = await PostgresStorage.open(url, { member })
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      try {
        await a.createBoard(board, issueTokens().hashes)
        await a.claimBoard(board.id)
        await a.deleteBoard(board.id)
        expect((await admin.query('SELECT * FROM board_owners')).rows).toEqual([])
      } finally {
        await admin.end()
        await a.close()
      }
    })

    it('never mixes a lone relay with a group on one database', async () => {
      const url = await pgServer.newDatabase()
      const lone = await PostgresStorage.open(url, { exclusive: { waitMs: 300, onLost: () => {} } })
      await expect(PostgresStorage.open(url, { member })).rejects.toThrow(/not one of a group/)
      await lone.close()
      const one = await PostgresStorage.open(url, { member })
      await expect(PostgresStorage.open(url, { exclusive: { waitMs: 300, onLost: () => {} } })).rejects.toThrow(/another relay process/)
      await one.close()
    })
  })

  it('rejects when the server cannot be reached, and survives connections the server ends', async () => {
    const unreachable = new URL(pgServer.url)
    unreachable.port = '1'
    await expect(PostgresStorage.open(unreachable.toString())).rejects.toThrow()

    const url = await pgServer.newDatabase()
    const errors: Error[] = []
    const storage = await PostgresStorage.open(url, { onError: (error) => errors.push(error) })
    try {
      await storage.createBoard(board, issueTokens().hashes)
      // An operator (or a failover) ends every connection of the relay's database.
      const admin = new pg.Client({ connectionString: pgServer.url })
      await admin.connect()
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [new URL(url).pathname.slice(1)])
      await admin.end()
      for (let i = 0; i < 100 && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(errors.length).toBeGreaterThan(0)
      // The pool dropped the dead connection: the next calls reconnect.
      expect((await storage.getBoard(board.id))?.title).toBe(board.title)
      expect(await storage.appendUpdate(board.id, Uint8Array.of(1))).toBeGreaterThan(0)
    } finally {
      await storage.close()
    }
  })
})

/**
 * The storage contract, one suite per concern (`test/helpers/storageContract/`), run against both
 * backends: SqliteStorage on a temporary directory and PostgresStorage on a real PostgreSQL
 * server (a database of this file's own on the run's server, a fresh schema per test). What only the SQLite file can show (its bytes,
 * permissions, size cap) and what only a PostgreSQL server can (several relay processes) is
 * tested below.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import pg from 'pg'
import Database from 'better-sqlite3'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { hashToken, issueTokens } from '../../server/links/access.ts'
import { PostgresStorage } from '../../server/storage/PostgresStorage.ts'
import { SqliteStorage, databasePath } from '../../server/storage/SqliteStorage.ts'
import { isStorageFull } from '../../server/storage/storageErrors.ts'
import { createLogger } from '../../server/base/logger.ts'
import { AuditTrail, linkActor, subjectActor } from '../../server/audit/auditTrail.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { skipPostgresTests, type PostgresServer } from '../helpers/postgres.ts'
import { filePostgres } from '../helpers/testServers.ts'
import { assetsContract } from '../helpers/storageContract/assets.ts'
import { auditLogContract } from '../helpers/storageContract/auditLog.ts'
import { ballotsContract } from '../helpers/storageContract/ballots.ts'
import { boardDirectoryContract } from '../helpers/storageContract/boardDirectory.ts'
import { boardLifetimeContract } from '../helpers/storageContract/boardLifetime.ts'
import { boardLinksContract } from '../helpers/storageContract/boardLinks.ts'
import { clientIdsContract } from '../helpers/storageContract/clientIds.ts'
import { documentLogContract } from '../helpers/storageContract/documentLog.ts'
import { networksContract } from '../helpers/storageContract/networks.ts'
import { networkDigestsContract } from '../helpers/storageContract/networkDigests.ts'
import { networkLinksContract } from '../helpers/storageContract/networkLinks.ts'
import { privateNotesContract } from '../helpers/storageContract/privateNotes.ts'
import { retentionScheduleContract } from '../helpers/storageContract/retentionSchedule.ts'
import { retentionArchivesContract } from '../helpers/storageContract/retentionArchives.ts'
import { sessionsContract } from '../helpers/storageContract/sessions.ts'
import { board, postgresBackend, sqliteBackend, storeEachTest } from '../helpers/storageContract/stores.ts'
import { versionsContract } from '../helpers/storageContract/versions.ts'
import { hang } from '../helpers/hang.ts'

for (const backend of [sqliteBackend, postgresBackend]) {
  describe.skipIf(backend.skip)(backend.name, () => {
    const contract = storeEachTest(backend)
    describe('document log', () => documentLogContract(contract))
    describe('board assets', () => assetsContract(contract))
    describe('board directory', () => boardDirectoryContract(contract))
    describe('board links', () => boardLinksContract(contract))
    describe('ballots', () => ballotsContract(contract))
    describe('private notes', () => privateNotesContract(contract))
    describe('versions', () => versionsContract(contract))
    describe('sessions', () => sessionsContract(contract))
    describe('audit log', () => auditLogContract(contract))
    describe('networks', () => networksContract(contract))
    describe('network digests', () => networkDigestsContract(contract))
    describe('network links', () => networkLinksContract(contract))
    describe('client ids', () => clientIdsContract(contract))
    describe('retention schedule', () => retentionScheduleContract(contract))
    describe('retention archives and warnings', () => retentionArchivesContract(contract))
    describe("a board's lifetime, across the concerns", () => boardLifetimeContract(contract))
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

  it("opens a file of a release before the export setting was kept: its boards' setting is unknown until written", async () => {
    await storage.close()
    removeDataDir(dir)
    dir = makeDataDir()
    const old = new Database(databasePath(dir))
    old.exec('CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL)')
    old.prepare('INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)').run(board.id, board.title, board.createdAt)
    old.close()
    storage = new SqliteStorage(dir)
    expect(await storage.getBoard(board.id)).toEqual(board)
    expect((await storage.getBoard(board.id))?.observersMayExport).toBeUndefined()
    await storage.setObserversMayExport(board.id, false)
    expect((await storage.getBoard(board.id))?.observersMayExport).toBe(false)
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
    pgServer = await filePostgres()
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

  it('starts a relay beside running ones without locking their tables when the schema is current', async () => {
    const url = await pgServer.newDatabase()
    const running = await PostgresStorage.open(url)
    // A running relay's transaction that has read the boards and the audit: an ALTER TABLE of the
    // next relay's start would wait for it (and, with the order of locks the other way round,
    // deadlock: seen in CI with two relays on one Redis).
    const busy = new pg.Client({ connectionString: url })
    await busy.connect()
    try {
      await busy.query('BEGIN')
      await busy.query('SELECT count(*) FROM boards')
      await busy.query('SELECT count(*) FROM audit')
      const next = await PostgresStorage.open(url)
      await next.close()
    } finally {
      await busy.query('ROLLBACK')
      await busy.end()
      await running.close()
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
        const held = `FROM pg_locks WHERE locktype = 'advisory' AND classid = 5 AND objid = $1 AND objsubid = 2`
        await admin.query(`SELECT pg_terminate_backend(pid) ${held}`, [processKey])
        // The backend ends after the signal, not with it: until then it still holds the locks.
        await expect.poll(async () => (await admin.query(`SELECT count(*)::int AS n ${held}`, [processKey])).rows[0].n).toBe(0)
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
        await expect.poll(() => lost.length, { timeout: hang(10_000) }).toBeGreaterThan(0)
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
      await expect.poll(() => errors.length, { timeout: hang(10_000) }).toBeGreaterThan(0)
      // The pool dropped the dead connection: the next calls reconnect.
      expect((await storage.getBoard(board.id))?.title).toBe(board.title)
      expect(await storage.appendUpdate(board.id, Uint8Array.of(1))).toBeGreaterThan(0)
    } finally {
      await storage.close()
    }
  })
})

/**
 * The same guarantees on both backends: the embedded SQLite file and PostgreSQL (DATABASE_URL); and
 * a board stored in format 1 opens upgraded for every client.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { formatVersion } from '../../shared/board/ydoc.ts'
import { databasePath } from '../../server/storage/SqliteStorage.ts'
import { connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { skipPostgresTests, type PostgresServer } from '../helpers/postgres.ts'
import { filePostgres } from '../helpers/testServers.ts'
import { noteKeys, noteText, putNote, recordsIn } from '../helpers/records.ts'
import { makeDataDir, removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'

describe.each([
  { backend: 'SQLite', postgres: false },
  { backend: 'PostgreSQL', postgres: true },
])('persistence on $backend', ({ postgres }) => {
  if (postgres && skipPostgresTests) return
  let server: PostgresServer | null = null
  beforeAll(async () => {
    if (postgres) server = await filePostgres()
  })
  afterAll(() => server?.stop())
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  /** Where a relay keeps its boards: a data directory, and on PostgreSQL a database of its own. */
  interface Store {
    dataDir: string
    databaseUrl?: string
  }
  /** A relay process where SIGKILL is the subject; else one in the test's process (SIGTERM's path, no process start). */
  const start = async (store: Store, env?: Record<string, string>, kind: { process?: boolean } = {}) => {
    const databaseUrl: Record<string, string> = store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}
    const options = { dataDir: store.dataDir, env: { ...env, ...databaseUrl } }
    const relay = kind.process ? await startRelay({ ...options, process: true }) : await startRelay(options)
    cleanups.push(() => (relay.kind === 'process' ? relay.kill('SIGKILL') : relay.kill()))
    return relay
  }
  const connect = (relay: Relay, boardId: string) => {
    const client = connectClient(relay, boardId)
    cleanups.push(() => client.destroy())
    return client
  }
  const newStore = async (): Promise<Store> => {
    const dir = makeDataDir()
    cleanups.push(() => removeDataDir(dir))
    return { dataDir: dir, databaseUrl: server ? await server.newDatabase() : undefined }
  }

  it('a relay killed with SIGKILL still has every update a peer had received', async () => {
    const dir = await newStore()
    const relay = await start(dir, {}, { process: true })
    const board = await createBoard(relay)
    const writer = connect(relay, board.id)
    const reader = connect(relay, board.id)
    await Promise.all([writer, reader].map(whenSynced))
    const count = 200
    for (let i = 0; i < count; i++) putNote(writer.doc, String(i))
    await until(reader.doc, () => noteKeys(reader.doc).length === count)

    await relay.kill('SIGKILL')
    const restarted = await start(dir, {}, { process: true })
    const fresh = connect(restarted, board.id)
    await whenSynced(fresh)
    expect(noteKeys(fresh.doc)).toHaveLength(count)
    expect(noteText(fresh.doc, '199')).toBe('199')
  })

  it('keeps content across compaction, room unload and a quick reconnect', async () => {
    const dir = await newStore()
    // Compact every 10 updates and unload at once, so both happen many times in this test.
    const relay = await start(dir, { COMPACT_AFTER_UPDATES: '10', UNLOAD_DELAY_MS: '0' })
    const board = await createBoard(relay)
    for (let round = 0; round < 5; round++) {
      const client = connect(relay, board.id)
      await whenSynced(client)
      expect(noteKeys(client.doc)).toHaveLength(round * 15)
      for (let i = 0; i < 15; i++) putNote(client.doc, `${round}-${i}`)
      const observer = connect(relay, board.id)
      await until(observer.doc, () => noteKeys(observer.doc).length === (round + 1) * 15)
      client.destroy()
      observer.destroy()
    }
    await relay.waitForLog((e) => e.msg === 'compacted')
    await relay.waitForLog((e) => e.msg === 'room unloaded')
    // Stopped as SIGTERM stops a relay process (its "shutdown complete" line: test/helpers/restartCheck.ts, readOnly.test.ts).
    await relay.kill('SIGTERM')

    const restarted = await start(dir)
    const fresh = connect(restarted, board.id)
    await whenSynced(fresh)
    expect(noteKeys(fresh.doc)).toHaveLength(75)
  })
})

describe('a board stored in format 1', () => {
  // A relay of its own (in the test's process): the board is stored as an older relay kept it while no relay runs on it.
  const dataDir = makeDataDir()
  let relay: Relay | undefined
  afterAll(async () => {
    await relay?.kill()
    removeDataDir(dataDir)
  })

  it('opens upgraded to the current format for every client, with what it held', async () => {
    const seeding = await startRelay({ dataDir })
    const board = await createBoard(seeding, 'Altes Board')
    await seeding.kill()
    // Its whole stored document is the old one (boards then started empty, without a page).
    const db = new Database(databasePath(dataDir))
    db.prepare('UPDATE snapshots SET data = ? WHERE board_id = ?').run(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'old-board.ydoc')), board.id)
    db.close()
    relay = await startRelay({ dataDir })

    // What any client now reads: the current format, every record a map, the three shapes with their words
    // as the older tldraw schema kept them (plain `text`; the page migrates them to rich text:
    // test/unit/loadStore.test.ts).
    const client = connectClient(relay, board.id)
    try {
      await whenSynced(client)
      expect(client.doc.getMap('meta').get('formatVersion')).toBe(formatVersion)
      const entries = [...client.doc.getMap('tldraw').values()]
      expect(entries.length).toBeGreaterThan(3)
      expect(entries.every((entry) => entry instanceof Y.Map)).toBe(true)
      const shapes = recordsIn(client.doc).filter((r) => r.typeName === 'shape')
      expect(shapes.map((s) => (s.props as { text?: string }).text).sort()).toEqual(['Erste Idee', 'Hallo Welt', 'führt zu'])
    } finally {
      client.destroy()
    }
  })
})

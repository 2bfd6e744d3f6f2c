/**
 * The PostgreSQL backup walkthrough of docs/operations.md, run as written: `pg_dump` of a running
 * relay's database, `pg_restore` into a fresh database, a relay started on that, and the board
 * opens the same there (document, image, versions, its old link). The commands are read from
 * that document, so that what is documented is what is tested.
 */
import { execFile } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import * as Y from 'yjs'
import { BoardVersion, versionsPath } from '../../shared/api.ts'
import { readRecords } from '../../shared/board/records.ts'
import { apiFetch, connectClient, createBoard, whenSynced, type TestClient } from '../helpers/clients.ts'
import { databaseServers } from '../helpers/databases.ts'
import { postgresBinDir, skipPostgresTests } from '../helpers/postgres.ts'
import { putNote } from '../helpers/records.ts'
import { makeDataDir, removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'

const root = join(import.meta.dirname, '..', '..')

/** The shell block after `<!-- pg-backup-walkthrough -->` in docs/operations.md. */
function walkthrough(): string {
  const block = /<!-- pg-backup-walkthrough -->\s*```sh\n([\s\S]*?)```/.exec(readFileSync(join(root, 'docs', 'operations.md'), 'utf8'))?.[1]
  if (!block) throw new Error('docs/operations.md has no pg-backup-walkthrough block')
  return block
}

const cleanups: Array<() => unknown> = []
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}
const start = async (env: Record<string, string>) => {
  const relay = await startRelay({ env: { LOG_LEVEL: 'info', ...env } })
  cleanups.push(async () => {
    await relay.kill()
    removeDataDir(relay.dataDir)
  })
  return relay
}
const connect = async (relay: Relay, boardId: string): Promise<TestClient> => {
  const client = connectClient(relay, boardId, new Y.Doc())
  cleanups.push(() => client.destroy())
  await whenSynced(client)
  return client
}
const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1))

describe.skipIf(skipPostgresTests)('PostgreSQL backup and restore, as docs/operations.md says', () => {
  const databases = databaseServers()
  // Registered after databaseServers(), so it runs before the block's databases are dropped: a relay
  // in the test's process still on a dropped database loses its lock and exits the test's process.
  afterAll(cleanUp)

  it('pg_dump of the running relay’s database restores with pg_restore into a fresh database, where the board opens the same', async () => {
    const databaseUrl = await databases.postgres.newDatabase()
    const relay = await start({ DATABASE_URL: databaseUrl })
    const board = await createBoard(relay, 'Gesichert', { template: 'beteiligtenanalyse' })
    const upload = await apiFetch(relay, `/api/boards/${board.id}/assets`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(1200).fill(9) })
    const { url: imageUrl } = (await upload.json()) as { url: string }
    const writer = await connect(relay, board.id)
    putNote(writer.doc, 'gesichert', 'Vor der Sicherung')
    const named = await apiFetch(relay, versionsPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Gesichert' }) })
    expect(named.status).toBe(201)
    // Stored once the relay answers another client's sync with it.
    const check = await connect(relay, board.id)
    const before = byId(readRecords(check.doc).records)
    expect(before.map((r) => r.id)).toContain('shape:gesichert')
    const versions = BoardVersion.array().parse(await (await apiFetch(relay, versionsPath(board.id))).json())

    // The relay keeps running while the backup is taken.
    const restoredUrl = Object.assign(new URL(databaseUrl), { pathname: '/netzwerkstatt_restored' }).href
    // The walkthrough's name, on the run's shared server: dropped once the restored relay is gone (a rerun makes it again).
    cleanups.push(async () => {
      const admin = new pg.Client({ connectionString: Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).href })
      await admin.connect()
      await admin.query('DROP DATABASE IF EXISTS netzwerkstatt_restored WITH (FORCE)').finally(() => admin.end())
    })
    const dir = makeDataDir()
    cleanups.push(() => removeDataDir(dir))
    const run = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        'bash',
        // --norc: a non-interactive bash whose stdin is a socket (Node's pipes are) and SHLVL below 2
        // reads the machine's bashrc, which under -u fails on PS1; the walkthrough is what is tested.
        ['--norc', '-euo', 'pipefail', '-c', `umask 022\n${walkthrough()}`],
        { cwd: dir, env: { ...process.env, PATH: `${postgresBinDir}:${process.env.PATH}`, DATABASE_URL: databaseUrl, RESTORED_URL: restoredUrl } },
        (error, _stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    // Started under a umask that lets others read (022), the walkthrough's dump is still its user's alone.
    expect(statSync(join(dir, 'netzwerkstatt.dump')).mode & 0o777).toBe(0o600)

    writer.destroy()
    check.destroy()
    await relay.kill()
    const restored = await start({ DATABASE_URL: restoredUrl })
    const reader = await connect(restored, board.id)
    expect(byId(readRecords(reader.doc).records)).toEqual(before)
    const served = await apiFetch(restored, imageUrl)
    expect(served.status).toBe(200)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(1200).fill(9))
    expect(BoardVersion.array().parse(await (await apiFetch(restored, versionsPath(board.id))).json())).toEqual(versions)
  })
})

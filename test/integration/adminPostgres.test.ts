/**
 * Every admin command with DATABASE_URL, against a real PostgreSQL and relays on it: an operator
 * of a PostgreSQL server gets the same tools as one on SQLite, and none of them quietly opens
 * (or makes) a SQLite file instead. `backup` and `restore` go through pg_dump and pg_restore.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { runAdmin, runAdminUnderUmask } from '../helpers/admin.ts'
import { apiFetch, createBoard } from '../helpers/clients.ts'
import { databaseServers } from '../helpers/databases.ts'
import { postgresBinDir, skipPostgresTests } from '../helpers/postgres.ts'
import { makeDataDir, removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { hang } from '../helpers/hang.ts'

const dirs: string[] = []
const scratch = () => {
  const dir = makeDataDir()
  dirs.push(dir)
  return dir
}
const relays: Relay[] = []
afterEach(async () => {
  for (const relay of relays.splice(0)) await relay.kill()
})
afterAll(() => {
  for (const dir of dirs.splice(0)) removeDataDir(dir)
})
/** A relay alone on the database (no REDIS_URL: it holds the database's lock exclusively). */
const start = async (databaseUrl: string) => {
  const relay = await startRelay({ dataDir: scratch(), env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' } })
  relays.push(relay)
  return relay
}
const query = async (url: string, sql: string, values: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql, values)).rows
  } finally {
    await client.end()
  }
}
const ok = (result: { code: number; stderr: string }) => {
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
}

describe.skipIf(skipPostgresTests)('npm run admin with DATABASE_URL', () => {
  const databases = databaseServers()

  it('lists, exports, shows retention and the audit trail, opens a board to its links and deletes, all in PostgreSQL', { timeout: hang(120_000) }, async () => {
    const url = await databases.postgres.newDatabase()
    const relay = await start(url)
    const board = await createBoard(relay, 'Auf PostgreSQL', { template: 'beteiligtenanalyse', options: { partners: ['Jobcenter'] } })
    const other = await createBoard(relay, 'Zweites Board')
    // The operator's shell on another machine: a DATA_DIR without a relay, and nothing in it.
    const env = { DATA_DIR: scratch(), DATABASE_URL: url }
    const admin = (...args: string[]) => runAdmin(env, ...args)

    const list = await admin('list')
    ok(list)
    expect(list.stdout).toMatch(new RegExp(`^${board.id}  `, 'm'))
    expect(list.stdout).toMatch(new RegExp(`^${other.id}  `, 'm'))
    expect(list.stdout).toContain('2 boards')
    expect(list.stdout).toContain('in PostgreSQL ')
    expect(list.stdout).not.toContain('Auf PostgreSQL')
    const listed = await admin('list', '--json')
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((b) => b.id).sort()).toEqual([board.id, other.id].sort())

    const exported = await admin('export', board.id, 'md')
    ok(exported)
    expect(exported.stdout).toContain('Auf PostgreSQL')
    expect(exported.stdout).toContain('Jobcenter')
    const dir = join(scratch(), 'exporte')
    ok(await admin('export-all', dir, 'json', 'en'))
    expect(readdirSync(dir).sort()).toEqual([`${board.id}.json`, `${other.id}.json`].sort())

    const retention = await admin('retention', '--json')
    ok(retention)
    expect((JSON.parse(retention.stdout) as Array<{ board: string }>).map((s) => s.board).sort()).toEqual([board.id, other.id].sort())

    // As the database holds a board whose facilitator required sign-in.
    await query(url, 'UPDATE boards SET sign_in_required = true WHERE id = $1', [board.id])
    const opened = await admin('sign-in-required', board.id, 'off')
    ok(opened)
    expect(opened.stdout).toContain('opens to its links alone again')
    expect(await query(url, 'SELECT sign_in_required FROM boards WHERE id = $1', [board.id])).toEqual([{ sign_in_required: false }])

    const audit = await admin('audit', '--json', '--board', board.id)
    ok(audit)
    expect((JSON.parse(audit.stdout) as Array<{ action: string; actor: string }>).map((r) => [r.action, r.actor])).toEqual([
      ['board-created', 'local'],
      ['admin:export', 'admin'],
      ['sign-in-required-changed', 'admin'],
    ])

    // A relay runs on the database, but not on this machine: deleting behind its back is refused.
    const unreachable = await admin('delete', other.id)
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toContain('a relay that this command cannot reach is using the database')
    expect((await apiFetch(relay, `/api/boards/${other.id}`)).status).toBe(200)
    // Where the relay runs (its DATA_DIR), through it.
    const through = await runAdmin({ DATA_DIR: relay.dataDir, DATABASE_URL: url }, 'delete', other.id)
    ok(through)
    expect(through.stdout).toContain('through the running relay')
    expect((await apiFetch(relay, `/api/boards/${other.id}`)).status).toBe(404)

    // With no relay on the database, straight in it, with its audit row.
    await relay.kill()
    ok(await admin('delete', board.id))
    expect(await query(url, 'SELECT id FROM boards')).toEqual([])
    expect((await admin('delete', board.id)).stderr).toContain(`no board ${board.id}`)
    expect((JSON.parse((await admin('audit', '--json')).stdout) as Array<{ action: string }>).filter((r) => r.action === 'board-deleted')).toHaveLength(2)

    // Nothing of this went into a SQLite file.
    expect(readdirSync(env.DATA_DIR)).toEqual([])
  })

  it('refuses to delete beside a group of relays (REDIS_URL) it cannot reach', async () => {
    const url = await databases.postgres.newDatabase()
    const relay = await databases.startRelay(url)
    const board = await createBoard(relay, 'In der Gruppe')
    const refused = await runAdmin({ DATA_DIR: scratch(), DATABASE_URL: url }, 'delete', board.id)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('cannot reach')
    expect((await apiFetch(relay, `/api/boards/${board.id}`)).status).toBe(200)
  })

  it('backs up with pg_dump into a file of the operator alone, and restores only into a fresh database no relay uses', { timeout: hang(120_000) }, async () => {
    const url = await databases.postgres.newDatabase()
    const relay = await start(url)
    const board = await createBoard(relay, 'Gesichert in PostgreSQL')
    const env = { DATA_DIR: scratch(), DATABASE_URL: url, PATH: `${postgresBinDir}:${process.env.PATH}` }

    // While the relay runs, and under a umask that would let everyone read.
    const file = join(scratch(), 'netzwerkstatt.dump')
    const backup = await runAdminUnderUmask('000', env, 'backup', file)
    ok(backup)
    expect(backup.stdout).toContain('backed up 1 board from')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const twice = await runAdmin(env, 'backup', file)
    expect(twice.code).toBe(1)
    expect(twice.stderr).toContain('exists already')
    const noTools = await runAdmin({ ...env, PATH: '/nonexistent' }, 'backup', join(scratch(), 'ohne.dump'))
    expect(noTools.code).toBe(1)
    expect(noTools.stderr).toContain('pg_dump is not installed')

    // Not over the database a relay uses.
    const over = await runAdmin(env, 'restore', file)
    expect(over.code).toBe(1)
    expect(over.stderr).toContain('a relay is using this database')

    const fresh = await databases.postgres.newDatabase()
    const restored = await runAdmin({ ...env, DATABASE_URL: fresh }, 'restore', file)
    ok(restored)
    expect(restored.stdout).toContain('restored 1 board from')
    const again = await runAdmin({ ...env, DATABASE_URL: fresh }, 'restore', file)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('the database is not empty')
    const audit = JSON.parse((await runAdmin({ ...env, DATABASE_URL: fresh }, 'audit', '--json')).stdout) as Array<{ action: string }>
    expect(audit.map((r) => r.action)).toContain('admin:restore')

    // The board opens there with its old link.
    const second = await start(fresh)
    const meta = await apiFetch(second, `/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.access.facilitator}` } })
    expect(meta.status).toBe(200)
    expect(await meta.json()).toMatchObject({ title: 'Gesichert in PostgreSQL', role: 'facilitator' })
  })
})

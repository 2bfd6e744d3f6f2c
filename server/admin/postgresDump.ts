/**
 * `backup` and `restore` with DATABASE_URL: PostgreSQL's own `pg_dump` and `pg_restore` (custom
 * format), as in docs/operations.md's walkthrough, which they must be on PATH for (Debian:
 * postgresql-client of the server's major version). The password goes to them in PGPASSWORD,
 * not on their command line, where every user of the machine could read it.
 */
import { spawn } from 'node:child_process'
import { closeSync, openSync, rmSync } from 'node:fs'
import pg from 'pg'
import { relayLockKey } from '../storage/postgres/advisoryLocks.ts'
import { timeouts } from '../storage/postgres/pool.ts'

/** The URL without its password, and the environment that carries the password. */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  return { dbname: parsed.href, env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv, stdout: 'ignore' | number = 'ignore'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', stdout, 'pipe'] })
    let stderr = ''
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${tool} is not installed: install PostgreSQL's client tools of the server's major version (Debian: postgresql-client)`) : error),
    )
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed: ${stderr.trim() || `exit code ${code}`}`))))
  })
}

/** Dumps the database into `file`, new and readable by its owner from the first byte, and checks that it reads back as a dump. */
export async function dumpDatabase(url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url)
  let fd: number
  try {
    fd = openSync(file, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} exists already; choose a new file name`)
    throw error
  }
  try {
    await run('pg_dump', ['--format=custom', `--dbname=${dbname}`], env, fd)
    await run('pg_restore', ['--list', file], env)
  } catch (error) {
    rmSync(file, { force: true })
    throw error
  } finally {
    closeSync(fd)
  }
}

/**
 * Whether a relay uses the database: every relay holds the relay lock (alone, or shared with the
 * others of its group), so it is free only when none runs.
 */
export async function relaysUse(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, ...timeouts })
  await client.connect()
  try {
    const { rows } = await client.query<{ free: boolean }>(`SELECT pg_try_advisory_lock(${relayLockKey}) AS free`)
    if (rows[0]?.free) await client.query(`SELECT pg_advisory_unlock(${relayLockKey})`)
    return !rows[0]?.free
  } finally {
    await client.end()
  }
}

/** Whether the database holds Netzwerkstatt's tables (a relay started on it once). */
async function hasTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, ...timeouts })
  await client.connect()
  try {
    const { rows } = await client.query<{ table: string | null }>(`SELECT to_regclass('boards')::text AS table`)
    return rows[0]?.table != null
  } finally {
    await client.end()
  }
}

/**
 * Restores a dump into the database of `url`, which must be empty (`createdb`) and used by no
 * relay; in one transaction, so a dump that fails halfway leaves it empty.
 */
export async function restoreDump(url: string, file: string): Promise<void> {
  if (await relaysUse(url)) throw new Error('a relay is using this database; stop every relay on it first')
  if (await hasTables(url)) throw new Error('the database is not empty: restore into a fresh one (createdb, see docs/operations.md) and point DATABASE_URL at it')
  const { dbname, env } = connection(url)
  await run('pg_restore', ['--list', file], env)
  await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file], env)
}

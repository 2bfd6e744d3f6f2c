/**
 * A real PostgreSQL server for storage tests: the Debian package's binaries, a fresh cluster in a
 * temporary directory, on a free loopback port. Locally a missing PostgreSQL skips the tests
 * that need it; in CI (`CI` set) it fails them instead.
 *
 * PostgreSQL refuses to run as root: as root (here and in CI) initdb and postgres run as the
 * package's `postgres` user through `runuser`, in a directory handed over to that user.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from './freePort.ts'
import { logProcessStart } from './processLog.ts'
import { hang } from './hang.ts'

const installRoot = '/usr/lib/postgresql'

/** The newest installed server's bin directory (`/usr/lib/postgresql/<version>/bin`). */
function findBinDir(): string | undefined {
  if (!existsSync(installRoot)) return undefined
  const versions = readdirSync(installRoot)
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .filter((version) => ['initdb', 'postgres'].every((bin) => existsSync(join(installRoot, version, 'bin', bin))))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] && join(installRoot, versions[0], 'bin')
}

const binDir = findBinDir()
/** Where the server's own client tools are (`pg_dump`, `pg_restore`, `createdb`). */
export const postgresBinDir = binDir
export const havePostgres = binDir !== undefined
export const skipPostgresTests = !havePostgres && !process.env.CI

const asRoot = process.getuid?.() === 0
const superuser = 'postgres'
const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((path) => existsSync(path)) ?? 'runuser'

export interface PostgresServer {
  /** A database of its own on the server, empty. */
  url: string
  /** Creates another empty database and returns its URL. */
  newDatabase(): Promise<string>
  /** Done with it: a server of its own stops and its directory goes; a test file's databases on the shared one are dropped. */
  stop(): Promise<void>
  /**
   * The database at `url` refuses new connections and those open are ended, except sessions
   * holding an advisory lock (a relay's lock connection): what a relay's pool meets when the
   * database is unreachable, without the relay losing its lock and stopping.
   */
  refuseConnections(url: string): Promise<void>
  /** Lets the database at `url` accept connections again. */
  acceptConnections(url: string): Promise<void>
}

/** `command args`, as the postgres user when we are root. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return asRoot ? [runuser, ['-u', 'postgres', '--', command, ...args]] : [command, args]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function startPostgres(): Promise<PostgresServer> {
  if (!binDir) throw new Error(`PostgreSQL not found under ${installRoot} (Debian package postgresql)`)
  logProcessStart('postgres')
  const dir = mkdtempSync(join(tmpdir(), 'netzwerkstatt-pg-'))
  const dataDir = join(dir, 'data')
  try {
    if (asRoot) {
      const { stdout } = await promisify(execFile)('id', ['-u', 'postgres'])
      const { stdout: gid } = await promisify(execFile)('id', ['-g', 'postgres'])
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()))
    }
    const [initdb, initdbArgs] = asServerUser(join(binDir, 'initdb'), [
      '-D', dataDir, '-U', superuser, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync',
    ])
    await promisify(execFile)(initdb, initdbArgs, { cwd: dir }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`initdb failed: ${error.stderr ?? error.message}`)
    })

    // A port found free may be taken before postgres binds it: then try another.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort()
      try {
        return await startServer(dir, dataDir, port)
      } catch (error) {
        if (attempt >= 3 || !/could not (bind|create listen)/i.test(String(error))) throw error
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

async function startServer(dir: string, dataDir: string, port: number): Promise<PostgresServer> {
  const [command, args] = asServerUser(join(binDir!, 'postgres'), [
    '-D', dataDir, '-k', dir, '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
  ])
  const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  let output = ''
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // A run cut short (Ctrl-C, a CI timeout) skips the teardown: the cluster must not outlive it.
  process.once('exit', () => quitNow(child, dataDir))
  let running = true
  void exited.then(() => (running = false))

  const stop = async () => {
    await stopServer(child, dataDir, exited)
    rmSync(dir, { recursive: true, force: true })
  }
  const adminUrl = `postgres://${superuser}@127.0.0.1:${port}/postgres`

  // Poll until it accepts connections (a few hundred ms after start).
  const deadline = Date.now() + hang(30_000)
  for (;;) {
    if (!running) throw new Error(`postgres exited while starting: ${output}`)
    const client = new pg.Client({ connectionString: adminUrl })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.end()
      break
    } catch (error) {
      await client.end().catch(() => {})
      if (Date.now() > deadline) {
        await stopServer(child, dataDir, exited)
        throw new Error(`postgres did not accept connections within 30 s: ${String(error)}\n${output}`)
      }
      await sleep(50)
    }
  }

  const databases = databasesOn(adminUrl, 'netzwerkstatt')
  try {
    const { newDatabase, refuseConnections, acceptConnections } = databases
    return { url: await newDatabase(), newDatabase, stop, refuseConnections, acceptConnections }
  } catch (error) {
    await stop()
    throw error
  }
}

/** What a cluster's superuser does for tests: databases named `<prefix>_<n>`, and their outages. */
export interface Databases {
  newDatabase(): Promise<string>
  refuseConnections(url: string): Promise<void>
  acceptConnections(url: string): Promise<void>
  /** Drops every database made here, ending the sessions still in them; gives up on one that takes long. */
  dropAll(): Promise<void>
}

export function databasesOn(adminUrl: string, prefix: string): Databases {
  let made = 0
  const asAdmin = async (work: (client: pg.Client) => Promise<unknown>) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await work(client)
    } finally {
      await client.end()
    }
  }
  const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).href
  const databaseOf = (url: string) => new URL(url).pathname.slice(1)
  return {
    async newDatabase() {
      const name = `${prefix}_${++made}`
      // FILE_COPY: a copy of the small template's files, faster than WAL_LOG with fsync off.
      await asAdmin((client) => client.query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`))
      return urlOf(name)
    },
    refuseConnections: (url) =>
      asAdmin(async (client) => {
        const name = databaseOf(url)
        await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`)
        await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
             AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
          [name],
        )
      }),
    acceptConnections: (url) => asAdmin((client) => client.query(`ALTER DATABASE ${databaseOf(url)} ALLOW_CONNECTIONS true`)),
    dropAll: () =>
      asAdmin(async (client) => {
        // Housekeeping only, the cluster goes at the run's end: a drop that waits is given up.
        // (DROP DATABASE waits for every backend of the cluster, also those a test froze with SIGSTOP.)
        await client.query(`SET statement_timeout = '3s'`)
        const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}\\_%`])
        for (const { datname } of rows) {
          // The next would wait for the same backends.
          const dropped = await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).then(() => true, () => false)
          if (!dropped) break
        }
      }),
  }
}

/** Immediate shutdown (SIGQUIT) of the postmaster, synchronous, for a process that is exiting. */
function quitNow(child: ChildProcess, dataDir: string): void {
  if (child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGQUIT')
  } catch {
    child.kill('SIGKILL')
  }
}

/**
 * Fast shutdown (SIGINT) of the postmaster itself: under runuser the child we spawned is
 * runuser, so the server's pid comes from postmaster.pid (root may signal it).
 */
async function stopServer(child: ChildProcess, dataDir: string, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  let pid: number | undefined
  try {
    pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    pid = undefined
  }
  try {
    if (pid) process.kill(pid, 'SIGINT')
    else child.kill('SIGINT')
  } catch {
    child.kill('SIGINT')
  }
  const timeout = setTimeout(() => {
    if (pid) {
      try {
        process.kill(pid, 'SIGQUIT')
      } catch {
        // already gone
      }
    }
    child.kill('SIGKILL')
  }, 10_000)
  await exited
  clearTimeout(timeout)
}

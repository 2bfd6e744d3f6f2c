/** Starts the real relay (built, `serverEntry.ts`) as a child process on a random port, for integration and browser tests. */
import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { serverArgs } from './serverEntry.ts'

export interface RelayProcess {
  port: number
  httpUrl: string
  wsUrl: string
  dataDir: string
  /** Every log line the relay printed so far (the last `keptLogLines` of them, if set). */
  logs: string[]
  child: ChildProcess
  /** Resolves with the first log line whose JSON matches. */
  waitForLog(predicate: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>
  kill(signal?: NodeJS.Signals): Promise<void>
}

/** How many boards the relay has stored, read from its database file as committed. */
export function storedBoardCount(relay: Pick<RelayProcess, 'dataDir'>): number {
  const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM boards').get() as { n: number }).n
  } finally {
    db.close()
  }
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'netzwerkstatt-test-'))
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Relays still running from this process: killed when it exits, so a run cut short leaves none behind. */
const running = new Set<ChildProcess>()
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')))

/** How long a relay may take to say it listens (a loaded machine: seconds), and to stop after SIGTERM. */
const relayStartMs = 60_000
const relayStopMs = 10_000

export async function startRelay(
  options: {
    dataDir?: string
    env?: Record<string, string>
    /** Keep only this many of the latest log lines (a relay that runs long); all of them unless set. */
    keptLogLines?: number
    /** What `TEST_PROCESS_LOG` calls it (`relay` unless told). */
    label?: string
    /** Another Node and app folder than this process's and this checkout's (the image's Node: `imageNode.ts`). */
    command?: { execPath: string; args: string[]; cwd: string }
  } = {},
): Promise<RelayProcess> {
  const dataDir = options.dataDir ?? makeDataDir()
  const keptLogLines = options.keptLogLines ?? Infinity
  // Node itself, no wrapper: the relay is one process, so SIGKILL really kills it.
  const child = spawn(options.command?.execPath ?? process.execPath, options.command?.args ?? serverArgs('relay', options.label), {
    cwd: options.command?.cwd ?? join(import.meta.dirname, '..', '..'),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  const logs: string[] = []
  const keep = (...lines: string[]) => {
    logs.push(...lines)
    if (logs.length > keptLogLines) logs.splice(0, logs.length - keptLogLines)
  }
  const waiters: Array<{ predicate: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }> = []
  let buffered = ''
  const onLine = (line: string) => {
    keep(line)
    let entry: Record<string, unknown>
    try {
      entry = JSON.parse(line)
    } catch {
      return
    }
    for (const waiter of [...waiters]) {
      if (waiter.predicate(entry)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(entry)
      }
    }
  }
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    lines.forEach(onLine)
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => keep(...chunk.split('\n')))

  const waitForLog = (predicate: (entry: Record<string, unknown>) => boolean) => {
    for (const line of logs) {
      try {
        const entry = JSON.parse(line)
        if (predicate(entry)) return Promise.resolve(entry)
      } catch {}
    }
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      waiters.push({ predicate, resolve })
      child.once('exit', (code) =>
        reject(new Error(`relay exited (${code}) before the expected log line:\n${logs.join('\n')}`)),
      )
    })
  }

  // A relay that never says it listens (a hung start) is killed, not left behind the failed test.
  let startTimer: NodeJS.Timeout | undefined
  const ready = await Promise.race([
    waitForLog((e) => e.msg === 'listening'),
    new Promise<never>((_, reject) => {
      startTimer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`relay did not start within ${relayStartMs / 1000} s:\n${logs.join('\n')}`))
      }, relayStartMs)
    }),
  ]).finally(() => clearTimeout(startTimer))
  const port = Number(ready.port)
  return {
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    dataDir,
    logs,
    child,
    waitForLog,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = once(child, 'exit')
      child.kill(signal)
      // A relay that hangs in its shutdown must not hang the test's teardown.
      const hard = setTimeout(() => child.kill('SIGKILL'), relayStopMs)
      await exited.finally(() => clearTimeout(hard))
    },
  }
}

/** The audit trail as the relay's database file holds it, oldest first. */
export function storedAudit(relay: Pick<RelayProcess, 'dataDir'>): Array<{ action: string; board: string | null; actor: string }> {
  const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
  try {
    return db.prepare('SELECT action, board_id AS board, actor FROM audit ORDER BY rowid').all() as Array<{ action: string; board: string | null; actor: string }>
  } finally {
    db.close()
  }
}

/** Bytes of a board's stored document (snapshot and the updates after it), read from its database file. */
export function storedDocumentBytes(relay: Pick<RelayProcess, 'dataDir'>, boardId: string): number {
  const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
  try {
    const row = db
      .prepare(
        `SELECT COALESCE((SELECT length(data) FROM snapshots WHERE board_id = ?), 0)
           + COALESCE((SELECT SUM(length(data)) FROM updates WHERE board_id = ?
               AND seq > COALESCE((SELECT seq FROM snapshots WHERE board_id = ?), 0)), 0) AS bytes`,
      )
      .get(boardId, boardId, boardId) as { bytes: number }
    return row.bytes
  } finally {
    db.close()
  }
}

/**
 * Like `relay.waitForLog`, but only among the lines after `from` (an index into `relay.logs`, e.g.
 * its length before the step): for a relay that tests share, whose earlier lines are other tests'.
 */
export function waitForLogAfter(
  relay: Pick<RelayProcess, 'logs' | 'child'>,
  from: number,
  predicate: (entry: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  let next = from
  const find = (): Record<string, unknown> | undefined => {
    for (; next < relay.logs.length; next++) {
      try {
        const entry = JSON.parse(relay.logs[next]!) as Record<string, unknown>
        if (predicate(entry)) return entry
      } catch {}
    }
    return undefined
  }
  const found = find()
  if (found) return Promise.resolve(found)
  return new Promise((resolve, reject) => {
    // `startRelay`'s own listener was added first: by now it has added the chunk's lines.
    const onData = () => {
      const entry = find()
      if (!entry) return
      relay.child.stdout!.off('data', onData)
      relay.child.off('exit', onExit)
      resolve(entry)
    }
    const onExit = (code: number | null) => {
      relay.child.stdout!.off('data', onData)
      reject(new Error(`relay exited (${code}) before the expected log line:\n${relay.logs.slice(from).join('\n')}`))
    }
    relay.child.stdout!.on('data', onData)
    relay.child.once('exit', onExit)
  })
}

/**
 * A new data directory holding a consistent copy of a running relay's database, made as the
 * operator's backup makes it (`server/storage/sqliteBackup.ts`): for a relay with other limits
 * on the same boards, or boards stored as no relay judged them (`storeUnjudged`), without
 * stopping this one. Remove it with `removeDataDir`.
 */
export async function copyOfStore(relay: Pick<RelayProcess, 'dataDir'>): Promise<string> {
  // Imported here: most files that start relays never need the storage code.
  const [{ backupDatabase }, { databasePath }] = await Promise.all([import('../../server/storage/sqliteBackup.ts'), import('../../server/storage/SqliteStorage.ts')])
  const dir = makeDataDir()
  try {
    await backupDatabase(relay.dataDir, databasePath(dir))
  } catch (error) {
    removeDataDir(dir)
    throw error
  }
  return dir
}

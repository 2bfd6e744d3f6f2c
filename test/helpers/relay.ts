/**
 * A relay of a test's own, of either kind: in the test's process (`relayInThisProcess.ts`), or with
 * `process: true` the built relay (`serverEntry.ts`) as a child process on a random port, for when
 * the process is the subject. The run's shared relay is `sharedRelay.ts`'s; docs/testing.md says
 * which to take when.
 */
import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import * as Y from 'yjs'
import { builtRoot, serverArgs } from './serverEntry.ts'
import { RelayLog, type LogEntry } from './relayLog.ts'
import { hang } from './hang.ts'

/** What a test has of a relay of its own, whichever kind. */
export interface Relay {
  kind: 'process' | 'in-process'
  port: number
  httpUrl: string
  wsUrl: string
  dataDir: string
  /** Every log line the relay printed so far (the last `keptLogLines` of them, if set). */
  logs: string[]
  /** Resolves with the first log line (from index `from` of `logs` on, 0 unless told) whose JSON matches. */
  waitForLog(predicate: (entry: LogEntry) => boolean, from?: number): Promise<LogEntry>
  /** Stops it: SIGTERM as an operator stops it (both kinds), SIGKILL and others a process only. */
  kill(signal?: NodeJS.Signals): Promise<void>
}

/** A relay process. */
export interface RelayProcess extends Relay {
  kind: 'process'
  child: ChildProcess
}

export interface RelayOptions {
  dataDir?: string
  env?: Record<string, string>
  /** Keep only this many of the latest log lines (a relay that runs long); all of them unless set. */
  keptLogLines?: number
  /** What `TEST_PROCESS_LOG` calls it (`relay` unless told). */
  label?: string
}

export interface RelayProcessOptions extends RelayOptions {
  /** Another Node and app folder than this process's and this checkout's (the image's Node: `imageNode.ts`). */
  command?: { execPath: string; args: string[]; cwd: string }
}

/**
 * Which kind of relay of one's own, the same option for every helper that starts one
 * (`startRelay`, `relaySuite(env)`, `guardedRelays`, `databaseServers().startRelay`,
 * `privateBoardBrowserSuite`): in the test's process unless `process: true`, for a test whose
 * subject is the process (docs/testing.md, "Adding a test").
 */
export interface RelayKind {
  process?: boolean
}

/**
 * Stops a relay of one's own after its test, whichever kind: a process at once (SIGKILL, nothing
 * of it is checked any more), one in the test's process as SIGTERM stops it (it cannot be killed).
 */
export async function stopRelay(relay: Relay): Promise<void> {
  await (relay.kind === 'process' ? relay.kill('SIGKILL') : relay.kill())
}

/** How many boards the relay has stored, read from its database file as committed. */
export function storedBoardCount(relay: Pick<Relay, 'dataDir'>): number {
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
const relayStartMs = hang(60_000)
const relayStopMs = hang(10_000)

/**
 * A relay of the test's own: in this process unless `process` (or a `command`) asks for a child
 * process. Stop it with `kill()` and remove its data directory yourself.
 */
export async function startRelay(options: RelayProcessOptions & { process: true }): Promise<RelayProcess>
export async function startRelay(options?: RelayOptions & { process?: false }): Promise<Relay>
export async function startRelay(options: RelayProcessOptions & { process?: boolean } = {}): Promise<Relay> {
  if (options.process || options.command) return startRelayProcess(options)
  const { startRelayInThisProcess } = await import('./relayInThisProcess.ts')
  return startRelayInThisProcess(options)
}

/** The built relay as a child process on a random port. */
export async function startRelayProcess(options: RelayProcessOptions = {}): Promise<RelayProcess> {
  const dataDir = options.dataDir ?? makeDataDir()
  const log = new RelayLog(options.keptLogLines)
  // Node itself, no wrapper: the relay is one process, so SIGKILL really kills it.
  const child = spawn(options.command?.execPath ?? process.execPath, options.command?.args ?? serverArgs('relay', options.label), {
    cwd: options.command?.cwd ?? builtRoot(),
    // A command of its own (the image's Node in its root file system) keeps no code cache of this machine's (serverEntry.ts).
    env: { ...process.env, ...(options.command && { NODE_COMPILE_CACHE: undefined }), PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', (code, signal) => {
    running.delete(child)
    log.close(`relay exited (${code ?? signal})`)
  })
  let buffered = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) log.add(line)
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').forEach((line) => log.add(line)))

  // A relay that never says it listens (a hung start) is killed, not left behind the failed test.
  let startTimer: NodeJS.Timeout | undefined
  const ready = await Promise.race([
    log.waitFor((e) => e.msg === 'listening'),
    new Promise<never>((_, reject) => {
      startTimer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`relay did not start within ${relayStartMs / 1000} s:\n${log.lines.join('\n')}`))
      }, relayStartMs)
    }),
  ]).finally(() => clearTimeout(startTimer))
  const port = Number(ready.port)
  return {
    kind: 'process',
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    dataDir,
    logs: log.lines,
    child,
    waitForLog: (predicate, from) => log.waitFor(predicate, from),
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
export function storedAudit(relay: Pick<Relay, 'dataDir'>): Array<{ action: string; board: string | null; actor: string }> {
  const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
  try {
    return db.prepare('SELECT action, board_id AS board, actor FROM audit ORDER BY rowid').all() as Array<{ action: string; board: string | null; actor: string }>
  } finally {
    db.close()
  }
}

/** Bytes of a board's stored document (snapshot and the updates after it), read from its database file. */
export function storedDocumentBytes(relay: Pick<Relay, 'dataDir'>, boardId: string): number {
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
 * A board's document as its relay's database file holds it now (snapshot and every update after
 * it, applied as stored, none left out): what a relay killed now would load. Read while the relay
 * runs; the caller destroys the doc.
 */
export function storedDocument(relay: Pick<Relay, 'dataDir'>, boardId: string): Y.Doc {
  const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
  try {
    const snapshot = db.prepare('SELECT data, seq FROM snapshots WHERE board_id = ?').get(boardId) as { data: Buffer; seq: number } | undefined
    const updates = db.prepare('SELECT data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq').all(boardId, snapshot?.seq ?? 0) as Array<{ data: Buffer }>
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.data))
    for (const { data } of updates) Y.applyUpdate(doc, new Uint8Array(data))
    return doc
  } finally {
    db.close()
  }
}

/**
 * Like `relay.waitForLog`, but only among the lines after `from` (an index into `relay.logs`, e.g.
 * its length before the step): for a relay that tests share, whose earlier lines are other tests'.
 */
export const waitForLogAfter = (relay: Pick<Relay, 'waitForLog'>, from: number, predicate: (entry: LogEntry) => boolean): Promise<LogEntry> =>
  relay.waitForLog(predicate, from)

/**
 * A new data directory holding a consistent copy of a running relay's database, made as the
 * operator's backup makes it (`server/storage/sqliteBackup.ts`): for a relay with other limits
 * on the same boards, or boards stored as no relay judged them (`storeUnjudged`), without
 * stopping this one. Remove it with `removeDataDir`.
 */
export async function copyOfStore(relay: Pick<Relay, 'dataDir'>): Promise<string> {
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

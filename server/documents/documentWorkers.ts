/**
 * A small pool of worker threads for `documentJobs.ts`: exports, the Dokumentation and its PDF,
 * what a network reads of its boards, the steering group's pack. The relay's own thread only
 * reads the stored bytes and hands them over (transferred, not copied), so a board of 12 MB or a
 * PDF of long Zettel no longer holds up every other board's sockets and requests.
 *
 * Every resource has a budget:
 * - threads: `DOCUMENT_WORK_THREADS` (one by default: the relay's own thread keeps a core);
 * - waiting jobs: a few per thread; more → 503, instead of a queue that grows with the attack;
 * - per client address and per board: jobs running or waiting at once (a second click waits its
 *   turn; a script cannot fill the queue, nor can one board);
 * - thread time per client address (`threadShare.ts`): the least indebted address goes first, and
 *   one over its burst waits until its debt drains, so one address's heavy documents one after
 *   another leave the thread to others' at least part of the time;
 * - time: a job that runs past `DOCUMENT_WORK_MS` is stopped (its thread terminated and replaced)
 *   and answered 503: a PDF of megabytes of text gets a clear answer, not a thread held for ever.
 *
 * The worker's entry is `documentWorker.ts`, its own entry point in dist/ (`deploy/buildServer.ts`);
 * from source (tests, `tsx`) it is loaded through tsx's loader.
 */
import { Worker } from 'node:worker_threads'
import type { DocumentJob, DocumentResult } from './documentJobs.ts'
import type { BoardRestored } from './boardLoadJobs.ts'
import { HTTPException } from 'hono/http-exception'
import type { StoredDocument } from '../storage/Storage.ts'
import { describeError, type Logger } from '../base/logger.ts'
import { ThreadShare, type ThreadShareLimits } from './threadShare.ts'
import { addressGroup } from '../limits/addressGroup.ts'

export interface DocumentWorkLimits {
  threads: number
  /** How long one job may run before it is stopped and answered 503. */
  timeoutMs: number
  /** Jobs waiting for a thread, over all boards and addresses. */
  maxWaiting?: number
  /** Jobs running or waiting at once for one client address, and for one board. */
  maxPerAddress?: number
  maxPerBoard?: number
  /** Thread time per address; without it, jobs are served in the order they came. */
  threadShare?: ThreadShareLimits
  /** Which worker the threads run; every document job by default. */
  entry?: WorkerEntry
}

/** A job answered by the worker with an error (a bug, or input the job could not read): a 500 in the relay's log. */
export class DocumentJobFailed extends Error {
  override name = 'DocumentJobFailed'
}

interface Task {
  job: DocumentJob
  keys: string[]
  /** Whose thread time it is: its address's group (`addressGroup.ts`), an IPv6 address by its /64. */
  payer: string
  /** What the job posts before its answer (`jobPort.ts`). */
  progress?: (board: BoardRestored) => void
  resolve(result: DocumentResult): void
  reject(error: unknown): void
  /** When its clock started (`performance.now()`): the debug line of a job done gives its time as DOCUMENT_WORK_MS counts it. */
  startedAt?: number
}

interface Thread {
  worker: Worker
  task: Task | null
  /** Loaded and listening: a job's time starts only then (loading is not the job's doing). */
  ready: boolean
  timer?: NodeJS.Timeout
}

/** A thread for every document job, or one that only loads boards (`boardLoadJobs.ts`) and starts quicker. */
export type WorkerEntry = 'documentWorker' | 'boardLoadWorker'

/** How a worker thread starts: the built file in dist/, or the TypeScript source through tsx. */
function startWorker(name: WorkerEntry): Worker {
  const fromSource = import.meta.url.endsWith('.ts')
  const entry = new URL(fromSource ? `./${name}.ts` : `./${name}.js`, import.meta.url)
  if (!fromSource) return new Worker(entry)
  // Node 20 does not carry `--import tsx` into worker threads: the worker registers tsx first.
  const tsx = import.meta.resolve('tsx/esm/api')
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`, { eval: true })
}

/** The buffers of a job's stored bytes, to be moved to the worker instead of copied. */
function transferables(job: DocumentJob): ArrayBuffer[] {
  const documents: StoredDocument[] = []
  if ('stored' in job && job.stored) documents.push(job.stored)
  // A state to judge is copied instead: the relay stores it once it is judged (a copy of 12 MB is a few ms).
  if (job.kind === 'judge-state') return []
  const parts: Uint8Array[] = job.kind === 'version-export' || job.kind === 'version-meta' ? [job.state] : documents.flatMap((d) => [...(d.snapshot ? [d.snapshot] : []), ...d.updates])
  const buffers = new Set<ArrayBuffer>()
  for (const part of parts) {
    // Only a buffer the part has to itself: a pooled Buffer's neighbours must not go with it.
    if (part.buffer instanceof ArrayBuffer && part.byteOffset === 0 && part.byteLength === part.buffer.byteLength) buffers.add(part.buffer)
  }
  return [...buffers]
}

export class DocumentWorkers {
  private readonly threads: Thread[] = []
  private readonly waiting: Task[] = []
  /** Jobs running or waiting, per key (`address:…`, `board:…`). */
  private readonly held = new Map<string, number>()
  private readonly maxWaiting: number
  private readonly maxPerAddress: number
  private readonly maxPerBoard: number
  private readonly share: ThreadShare | null
  /** Who waits in `warm()` for a thread to listen. */
  private warming: (() => void)[] = []
  /** Wakes the pool when the next waiting address has drained enough to start. */
  private wake: NodeJS.Timeout | undefined

  constructor(
    private readonly limits: DocumentWorkLimits,
    private readonly logger: Logger,
  ) {
    this.maxWaiting = limits.maxWaiting ?? 4 * limits.threads
    this.maxPerAddress = limits.maxPerAddress ?? 2
    this.maxPerBoard = limits.maxPerBoard ?? 2
    this.share = limits.threadShare ? new ThreadShare(limits.threadShare) : null
  }

  /**
   * Runs the job in a worker thread for `address` on `boards`; 503 when the pool, the address or a
   * board has no room for it. `progress` hears what the job posts before its answer.
   */
  run(job: DocumentJob, address: string, boards: readonly string[], progress?: (board: BoardRestored) => void): Promise<DocumentResult> {
    const keys = [`address:${address}`, ...boards.map((board) => `board:${board}`)]
    if ((this.held.get(keys[0]!) ?? 0) >= this.maxPerAddress) {
      return Promise.reject(new HTTPException(429, { message: 'documents are being made for this address already; please wait until they are done' }))
    }
    if (keys.slice(1).some((key) => (this.held.get(key) ?? 0) >= this.maxPerBoard)) {
      return Promise.reject(new HTTPException(503, { message: 'documents of this board are being made already; please try again shortly' }))
    }
    const threadFree = this.threads.length < this.limits.threads || this.threads.some((thread) => !thread.task)
    if (!threadFree && this.waiting.length >= this.maxWaiting) {
      return Promise.reject(new HTTPException(503, { message: 'the server is making other documents; please try again shortly' }))
    }
    return new Promise<DocumentResult>((resolve, reject) => {
      for (const key of keys) this.held.set(key, (this.held.get(key) ?? 0) + 1)
      this.waiting.push({ job, keys, payer: addressGroup(address), progress, resolve, reject })
      this.dispatch()
    })
  }

  /**
   * Starts a thread if none runs yet, and resolves once one is listening: a caller that will need
   * one soon and must not wait for its start then (a room's compaction) calls this first.
   */
  warm(): Promise<void> {
    if (this.threads.some((thread) => thread.ready)) return Promise.resolve()
    if (this.threads.length === 0) {
      try {
        this.threads.push(this.spawn())
      } catch (error) {
        // No thread may start now (a process limit): the caller does its work as without one, as a job would.
        this.logger.warn('worker thread not started', describeError(error))
        return Promise.resolve()
      }
    }
    return new Promise((resolve) => this.warming.push(resolve))
  }

  /** Stops every thread; jobs still running or waiting are answered 503. */
  async close(): Promise<void> {
    clearTimeout(this.wake)
    this.stopWarming()
    const shuttingDown = () => new HTTPException(503, { message: 'the server is shutting down' })
    for (const task of this.waiting.splice(0)) this.finish(task, () => task.reject(shuttingDown()))
    // Running ones too: their threads are stopped below and would never answer.
    for (const thread of this.threads) {
      const task = thread.task
      this.settle(thread)
      task?.reject(shuttingDown())
    }
    await Promise.all(this.threads.splice(0).map((thread) => thread.worker.terminate()))
  }

  /** Starts waiting tasks on free threads, each time the one whose address may start and owes least. */
  private dispatch(): void {
    clearTimeout(this.wake)
    this.wake = undefined
    while (this.waiting.length > 0) {
      const now = performance.now()
      const next = this.nextTask(now)
      if (!next) {
        const waitMs = Math.min(...this.waiting.map((task) => this.share!.waitMs(task.payer, now)))
        this.wake = setTimeout(() => this.dispatch(), Math.ceil(waitMs))
        this.wake.unref()
        return
      }
      const thread = this.idleThread()
      if (!thread) return
      this.waiting.splice(this.waiting.indexOf(next), 1)
      this.start(thread, next)
    }
  }

  /** The waiting task to start next: in order without shares; else the least indebted address's that may start. */
  private nextTask(now: number): Task | undefined {
    const share = this.share
    if (!share) return this.waiting[0]
    let best: Task | undefined
    let bestDebt = Infinity
    for (const task of this.waiting) {
      if (share.waitMs(task.payer, now) > 0) continue
      const debt = share.debt(task.payer, now)
      if (debt < bestDebt) [best, bestDebt] = [task, debt]
    }
    return best
  }

  private idleThread(): Thread | undefined {
    const idle = this.threads.find((thread) => !thread.task)
    if (idle) return idle
    if (this.threads.length >= this.limits.threads) return undefined
    const thread = this.spawn()
    this.threads.push(thread)
    return thread
  }

  private spawn(): Thread {
    const worker = startWorker(this.limits.entry ?? 'documentWorker')
    // An idle pool must not keep the process alive at shutdown.
    worker.unref()
    const thread: Thread = { worker, task: null, ready: false }
    type Message = { ready: true } | { progress: BoardRestored } | { ok: true; result: DocumentResult } | { ok: false; status?: number; error: string }
    worker.on('message', (message: Message) => {
      if ('ready' in message) {
        thread.ready = true
        this.stopWarming()
        if (thread.task) this.startClock(thread, thread.task)
        return
      }
      if ('progress' in message) {
        // Its own failure is the listener's, not the job's: the job goes on.
        try {
          thread.task?.progress?.(message.progress)
        } catch (error) {
          this.logger.error('a job’s progress failed', describeError(error))
        }
        return
      }
      const task = thread.task
      if (!task) return
      this.share?.charge(task.payer, performance.now() - (task.startedAt ?? performance.now()))
      this.settle(thread)
      // Which work left the relay's thread: tests check that a big board's takes this path.
      this.logger.debug('document job done', {
        kind: task.job.kind,
        boards: task.keys.filter((key) => key.startsWith('board:')).map((key) => key.slice('board:'.length)).join(','),
        ok: message.ok,
        ms: Math.round(performance.now() - (task.startedAt ?? performance.now())),
      })
      if (message.ok) task.resolve(message.result)
      else if (message.status) task.reject(new HTTPException(message.status as 400, { message: message.error }))
      else task.reject(new DocumentJobFailed(message.error))
      this.dispatch()
    })
    worker.on('error', (error) => {
      this.logger.error('document worker failed', describeError(error))
      this.replace(thread, new DocumentJobFailed('the document worker failed'))
    })
    return thread
  }

  private start(thread: Thread, task: Task): void {
    thread.task = task
    if (thread.ready) this.startClock(thread, task)
    thread.worker.postMessage(task.job, transferables(task.job))
  }

  private startClock(thread: Thread, task: Task): void {
    task.startedAt = performance.now()
    thread.timer = setTimeout(() => {
      this.logger.warn('document job stopped: over its time', { kind: task.job.kind, ms: this.limits.timeoutMs })
      this.share?.charge(task.payer, this.limits.timeoutMs)
      this.replace(thread, new HTTPException(503, { message: `making this document took longer than the server allows (${Math.round(this.limits.timeoutMs / 1000)} s); the board holds too much text for it` }))
    }, this.limits.timeoutMs)
    thread.timer.unref()
  }

  /** Ends the thread's task (its keys released) without answering it. */
  private settle(thread: Thread): void {
    clearTimeout(thread.timer)
    const task = thread.task
    thread.task = null
    if (task) this.release(task)
  }

  /** The thread's job is answered with `error`, the thread stopped and a fresh one takes the next job. */
  private replace(thread: Thread, error: unknown): void {
    const task = thread.task
    this.settle(thread)
    thread.worker.removeAllListeners('message')
    void thread.worker.terminate()
    const index = this.threads.indexOf(thread)
    if (index >= 0) this.threads.splice(index, 1)
    task?.reject(error)
    this.stopWarming()
    this.dispatch()
  }

  /** A warm-up is a favour, never a wait without end: a thread that failed or a pool closing lets its callers go. */
  private stopWarming(): void {
    for (const resolve of this.warming.splice(0)) resolve()
  }

  private release(task: Task): void {
    for (const key of task.keys) {
      const left = (this.held.get(key) ?? 1) - 1
      if (left > 0) this.held.set(key, left)
      else this.held.delete(key)
    }
  }

  private finish(task: Task, answer: () => void): void {
    this.release(task)
    answer()
  }
}

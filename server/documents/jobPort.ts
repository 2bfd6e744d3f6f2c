/** A worker thread's side of `documentWorkers.ts`: runs one job at a time and posts its answer back. */
import { parentPort } from 'node:worker_threads'
import { HTTPException } from 'hono/http-exception'
import type { DocumentResult } from './documentJobs.ts'
import type { BoardRestored } from './boardLoadJobs.ts'

/** The buffers that `parts` has to themselves: moved back, not copied. */
const ownBuffers = (parts: Uint8Array[]) => [...new Set(parts.filter((bytes) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength).map((bytes) => bytes.buffer as ArrayBuffer))]

/** `progress`: what a job posts before its answer (a board restored before it is sliced), as `{ progress }`. */
export function serveJobs<Job>(run: (job: Job, progress: (board: BoardRestored) => void) => DocumentResult | Promise<DocumentResult>): void {
  const port = parentPort!
  const progress = (board: BoardRestored) => port.postMessage({ progress: board }, ownBuffers([board.full]))
  port.on('message', (job: Job) => {
    Promise.resolve()
      .then(() => run(job, progress))
      .then(
        (result: DocumentResult) => {
          // A finished file, or a board's slices, is moved back, not copied.
          const parts = result.kind === 'file' ? (typeof result.body === 'string' ? [] : [result.body]) : result.kind === 'slices' ? [...result.slices, ...(result.full ? [result.full] : [])] : []
          port.postMessage({ ok: true, result }, ownBuffers(parts))
        },
        (error: unknown) => {
          // The message only: what the board holds never travels in an error.
          port.postMessage({ ok: false, status: error instanceof HTTPException ? error.status : undefined, error: error instanceof Error ? `${error.name}: ${error.message}` : 'failed' })
        },
      )
  })
  port.postMessage({ ready: true })
}

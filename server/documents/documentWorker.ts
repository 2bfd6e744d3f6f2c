/** A worker thread of `documentWorkers.ts`: runs one document job at a time and posts its answer back. */
import { parentPort } from 'node:worker_threads'
import { runDocumentJob, type DocumentJob, type DocumentResult } from './documentJobs.ts'
import { HTTPException } from 'hono/http-exception'

const port = parentPort!
port.on('message', (job: DocumentJob) => {
  runDocumentJob(job).then(
    (result: DocumentResult) => {
      // A finished file, or a board's slices, is moved back, not copied.
      const parts = result.kind === 'file' ? (typeof result.body === 'string' ? [] : [result.body]) : result.kind === 'slices' ? [...result.slices, result.full] : []
      const own = parts.filter((bytes) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength).map((bytes) => bytes.buffer as ArrayBuffer)
      port.postMessage({ ok: true, result }, [...new Set(own)])
    },
    (error: unknown) => {
      // The message only: what the board holds never travels in an error.
      port.postMessage({ ok: false, status: error instanceof HTTPException ? error.status : undefined, error: error instanceof Error ? `${error.name}: ${error.message}` : 'failed' })
    },
  )
})
port.postMessage({ ready: true })

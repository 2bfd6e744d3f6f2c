/** A worker thread of `documentWorkers.ts`: runs one document job at a time and posts its answer back. */
import { parentPort } from 'node:worker_threads'
import { runDocumentJob, type DocumentJob, type DocumentResult } from './documentJobs.ts'
import { HttpError } from './http/errors.ts'

const port = parentPort!
port.on('message', (job: DocumentJob) => {
  runDocumentJob(job).then(
    (result: DocumentResult) => {
      // A finished file is moved back, not copied.
      const bytes = result.kind === 'file' && typeof result.body !== 'string' ? result.body : null
      const own = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      port.postMessage({ ok: true, result }, own ? [bytes.buffer as ArrayBuffer] : [])
    },
    (error: unknown) => {
      // The message only: what the board holds never travels in an error.
      port.postMessage({ ok: false, status: error instanceof HttpError ? error.status : undefined, error: error instanceof Error ? `${error.name}: ${error.message}` : 'failed' })
    },
  )
})
port.postMessage({ ready: true })

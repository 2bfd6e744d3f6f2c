/** A worker thread of `documentWorkers.ts` for every document job. */
import { runDocumentJob } from './documentJobs.ts'
import { serveJobs } from './jobPort.ts'

serveJobs(runDocumentJob)

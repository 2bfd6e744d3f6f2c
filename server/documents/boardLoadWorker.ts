/** A worker thread of `documentWorkers.ts` for a room's board loads only (`boardLoadJobs.ts`): quick to start. */
import { runBoardLoadJob } from './boardLoadJobs.ts'
import { serveJobs } from './jobPort.ts'

serveJobs(runBoardLoadJob)

/** How far this browser has written to the board, for a request that must not overtake it (`server/room/untilWritten.ts`). */
import * as Y from 'yjs'
import type { WrittenUpTo } from '../../shared/api.ts'

export const writtenUpTo = (doc: Y.Doc): WrittenUpTo => ({ client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) })

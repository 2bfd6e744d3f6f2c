/**
 * What the client-id tests share (`clientIdReservations`, `clientIdVariants`, `clientIdReview`):
 * the board's rows of held ids as the relay stored them, clients a test opens and closes after
 * it, and a GC struct written under someone's id (the attack the rule is about).
 */
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { databasePath } from '../../server/storage/SqliteStorage.ts'
import { encodeUpdate } from '../../shared/protocol.ts'
import { connectClient, openRawSocket, until, whenSynced, type TestClient } from './clients.ts'
import type { Relay } from './relay.ts'
import { encodeV1 } from './updateFrames.ts'

/** The board's rows of held client ids, read from the relay's SQLite file. */
export function heldIds(relay: Pick<Relay, 'dataDir'>, boardId: string): number[] {
  const db = new Database(databasePath(relay.dataDir), { readonly: true })
  try {
    return db
      .prepare<[string], { client: number }>('SELECT client FROM client_ids WHERE board_id = ? ORDER BY client')
      .all(boardId)
      .map((row) => row.client)
  } finally {
    db.close()
  }
}

/** Clients a test opens; each is closed by `cleanups` (run them after each test, last first). */
export function clientsClosedBy(cleanups: Array<() => unknown>) {
  const connect = async (relay: Pick<Relay, 'wsUrl'>, boardId: string, token: string, writer?: string, doc = new Y.Doc()) => {
    const client = connectClient(relay, boardId, doc, { token, writer })
    cleanups.push(() => {
      try {
        client.provider.destroy()
      } catch {
        // two providers on one doc (a tab back after a restart): the second destroy finds no state
      }
    })
    await whenSynced(client)
    return client
  }
  /** A socket without y-websocket, in the room: its close code once closed. */
  const rawSocket = async (relay: Pick<Relay, 'wsUrl'>, boardId: string, token: string, writer?: string) => {
    const { socket, closed, inRoom } = await openRawSocket(relay, boardId, token, undefined, undefined, writer)
    cleanups.push(() => socket.terminate())
    await inRoom
    return { socket, closed: closed.then(({ code }) => code) }
  }
  /** A GC struct under `victim` from a raw socket: its close code, or 'forwarded' once the watcher has it. */
  const gcUnder = async (relay: Pick<Relay, 'wsUrl'>, boardId: string, token: string, victim: number, watcher: TestClient, writer?: string) => {
    const { socket, closed } = await rawSocket(relay, boardId, token, writer)
    const known = Y.getState(watcher.doc.store, victim)
    socket.send(encodeUpdate(encodeV1([{ client: victim, clock: known, structs: [{ gc: 50 }] }])))
    return Promise.race([closed, until(watcher.doc, () => Y.getState(watcher.doc.store, victim) > known).then(() => 'forwarded' as const)])
  }
  return { connect, rawSocket, gcUnder }
}

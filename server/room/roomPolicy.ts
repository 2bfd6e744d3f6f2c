/**
 * A board policy beside the room (as Hocuspocus' extensions): versions, board changes, ballot
 * cleanup, bringing an old vote into the record, the export-release audit, the export-setting mirror, client-id holding. The room calls
 * each through these hooks and knows none of them by name; they are wired in one place
 * (`roomPolicies.ts`).
 */
import type * as Y from 'yjs'
import type { Logger } from '../base/logger.ts'
import type { RoomClient } from '../judge/roomClient.ts'
import type { Ballots, BoardDirectory, ClientIds, DocumentLog, Versions } from '../storage/Storage.ts'
import type { Accepted } from '../judge/verdict.ts'

/** What a room and its policies use of storage: the board's document and the concerns kept beside it. */
export type RoomStorage = DocumentLog & ClientIds & BoardDirectory & Versions & Ballots

/** What a policy may use of its room. */
export interface RoomHandle {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly storage: RoomStorage
  readonly logger: Logger
  /** Runs work in the room's write queue, after everything queued before it (`Room.inOrder`). */
  inOrder<T>(work: () => Promise<T>): Promise<T>
  isDestroyed(): boolean
  /** The connection a transaction origin is, if it is one. */
  clientOf(origin: unknown): RoomClient | null
  /** The board as one update; only from work in the write queue (`Room.encodeBoard`). */
  encodeBoard(): Promise<Uint8Array>
  /** A change of the relay's own, judged, stored and sent like any write (`Room.applyOwnChange`). */
  applyOwnChange(change: (doc: Y.Doc) => void): Promise<void>
}

export interface RoomPolicy {
  /** Once, when the room has loaded its board and before anyone joins. A throw keeps the room from opening. */
  loaded?(): Promise<void>
  /** In the write queue, before an accepted write (a client's or the relay's own) is stored: what storage must hold first. */
  storing?(write: Accepted): Promise<void>
  /** After a client's write was stored and applied; `write`: the verdict it was taken by (what it wrote). */
  changed?(by: RoomClient, write?: Accepted): void
  /**
   * A connection's presence announces a Yjs client id for the first time: whether it may be
   * passed on (made public), once what the policy keeps for it is kept. Not passed on if false.
   */
  announcing?(owner: RoomClient, id: number): boolean | Promise<boolean>
  destroyed?(): void
}

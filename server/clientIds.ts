/**
 * Yjs client ids are held: the first writer of structs under an id holds it, and nobody else may
 * write structs for it. Ids are public (every update and awareness state carries them), and Yjs
 * keeps only the first struct it gets for a clock: without this, anyone could write a few bytes
 * (a GC struct) under another person's next clocks, and when she came back her offline edits would
 * be taken for what the board already has, and the relay's answer would delete them in her tab too.
 *
 * A writer is its browser's author id (`shared/author.ts`): the same writer secret comes back with
 * every reconnect, another tab and the local copy in IndexedDB, which may hold an earlier tab's
 * offline edits under that tab's id, also after the link was replaced; so the link is not part of
 * it. A connection without a writer secret (scripts, not the board page) is its link's role: it
 * may continue ids of other such connections of its role, never a browser's.
 *
 * Only structs for clocks the board lacks are writes: Yjs ignores the rest. GC structs among them
 * come from the holder itself (a shape created and deleted offline, in a doc that collects
 * garbage), and are its own business. Ids written before holders were recorded (and the relay's
 * own of earlier loads of the board) are held by the first writer that continues them.
 *
 * Presence announces a tab's id before it writes anything (y-websocket uses the doc's client id
 * for awareness): an id new to the board that another link and browser announced is theirs to
 * write first, so nobody can take a newcomer's id between her presence and her first note. The
 * announcement is stored as her holding the id: she may go offline, write, and come back after
 * the relay restarted, and nobody who saw her presence can have taken her id meanwhile.
 */
import * as Y from 'yjs'
import type { Role } from '../shared/access.ts'
import type { ParsedUpdate } from './updateRules.ts'
import { describeError } from './logger.ts'
import type { RoomClient } from './roomClient.ts'
import type { RoomHandle, RoomPolicy } from './roomPolicy.ts'
import type { Accepted } from './verdict.ts'

/** Who holds the ids a writer writes first: its author id, or its link's role without one. */
export const clientIdHolder = (writer: { role: Role; author: string | null }) =>
  writer.author ? `author:${writer.author}` : `role:${writer.role}`

/**
 * Ids a board keeps for those who announced them: a tab announces a new id per visit, so a
 * board of years holds thousands; this bounds a board whose presence someone churns.
 */
export const maxHeldIds = 100_000

export type HoldVerdict =
  /** `newIds`: ids nobody holds yet, to be recorded as the writer's once the update is stored. */
  | { ok: true; newIds: number[] }
  | { ok: false; reason: string }

export class ClientIdHolders {
  constructor(private readonly holders: Map<number, string>) {}

  /**
   * Whether `holder` may write the update's new structs: every id it writes structs under is
   * its own or nobody's yet. `isRelays` tells the relay's own ids in this doc (the doc's and the
   * one its own changes are written under): nobody else's;
   * `announcedByOthers` tells an id someone else announced in their presence.
   */
  judge(doc: Y.Doc, parsed: ParsedUpdate, holder: string, isRelays: (client: number) => boolean, announcedByOthers: (client: number) => boolean = () => false): HoldVerdict {
    const newIds: number[] = []
    for (const [client, { structs }] of parsed.runs) {
      const last = structs[structs.length - 1]
      const known = Y.getState(doc.store, client)
      if (!last || last.clock + last.length <= known) continue
      const held = this.holders.get(client)
      // Presence only for ids new to the board: announcing an id written before holders were
      // recorded (an observer can) must not keep its writer from continuing it.
      const foreign = held === undefined ? known === 0 && announcedByOthers(client) : held !== holder
      if (isRelays(client) || foreign) return { ok: false, reason: "a client id that is someone else's" }
      if (held === undefined) newIds.push(client)
    }
    return { ok: true, newIds }
  }

  /**
   * Whether an id announced in presence is to be kept for its announcer: new to the board, held
   * by nobody, and the board keeps fewer than `maxHeldIds` (announcements cost a row each; past
   * that, the first writer holds it, as before holders were recorded).
   */
  mayReserve(doc: Y.Doc, client: number): boolean {
    return !this.holders.has(client) && Y.getState(doc.store, client) === 0 && this.holders.size < maxHeldIds
  }

  /** Records ids as `holder`'s, after storage has them. */
  hold(ids: readonly number[], holder: string): void {
    for (const id of ids) if (!this.holders.has(id)) this.holders.set(id, holder)
  }
}

/**
 * The board's holders as a room policy: read when the room loads, an id announced in presence
 * kept for its announcer, and a write's new ids held before the write is stored. The judge asks
 * `judge` (`boardJudge.ts`).
 */
export class ClientIdHolding implements RoomPolicy {
  private readonly holdersById = new Map<number, string>()
  readonly holders = new ClientIdHolders(this.holdersById)

  constructor(private readonly room: RoomHandle) {}

  async loaded(): Promise<void> {
    for (const [id, holder] of await this.room.storage.clientIdHolders(this.room.boardId)) this.holdersById.set(id, holder)
  }

  /** An id new to the board, announced in presence, is held for its announcer. */
  announced(owner: RoomClient, id: number): void {
    const { doc, storage, boardId } = this.room
    if (!this.holders.mayReserve(doc, id)) return
    const holder = clientIdHolder(owner)
    // In the write queue: updates judged after it see the id held; one written before it wins.
    void this.room
      .inOrder(async () => {
        if (this.room.isDestroyed() || !this.holders.mayReserve(doc, id)) return
        await storage.holdClientIds(boardId, [[id, holder]])
        this.holders.hold([id], holder)
      })
      .catch((error: unknown) => {
        // Only the restart case is lost: until then the presence itself keeps the id (`announcedByOthers`).
        this.room.logger.warn('announced client id not kept', { board: boardId, ...describeError(error) })
      })
  }

  /**
   * Held before the update is stored: a crash between the two leaves an id held by its writer
   * with nothing of it yet, never structs that the next comer may continue.
   */
  async storing({ newIds, holder }: Accepted): Promise<void> {
    if (newIds.length === 0) return
    await this.room.storage.holdClientIds(this.room.boardId, newIds.map((id) => [id, holder] as const))
    this.holders.hold(newIds, holder)
  }
}

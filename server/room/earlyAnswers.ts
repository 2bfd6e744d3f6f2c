/**
 * Joiners sent the board while its room opens. A big board is restored in a worker, then cut into
 * slices that are applied here a slice per turn, and the room's policies read it (`boardLoad.ts`):
 * the first join storm after the board loaded (the QR moment, the board unloaded) waited for all
 * of that. The board as joiners receive it is known once the worker has restored it
 * (`boardLoadJobs.ts`): a joiner whose first message asks for the board, holding nothing of it, is
 * sent it then. Once the room is open it sends that joiner whatever changed since and counts the
 * request as answered (`Room.addConnection`).
 *
 * Only a first message, so that nothing the joiner sent before has to be in its answer; only a
 * request that names no clock (a client holding part of the board gets its difference from the
 * room, not the whole board again); within the address's sync budget; only to a joiner the room's
 * door has taken in (`Rooms.join`: past its address's count, which may answer from Redis after its
 * first message came), and only while every joiner waiting for the room will have a seat in it
 * (`seats.ts`): a joiner the room then refuses must not have been sent the board.
 */
import * as Y from 'yjs'
import { decodeMessage } from '../../shared/protocol.ts'
import type { RoomClient } from '../judge/roomClient.ts'
import type { SyncBudget } from '../judge/syncBudget.ts'

/** What a joiner's pending session asks of its board's early answers (`BoardSession.ts`). */
export interface EarlyAsker {
  /** Whether `frame`, the joiner's first, was answered here: then it is not handed to the room. */
  answer(frame: Uint8Array): boolean
  /** Calls `retry` when the board becomes readable; returns how to stop. */
  watch(retry: () => void): () => void
}

interface Opening {
  /** Joiners waiting for the room, taken in by its door (`Rooms.join`). */
  joiners: Set<RoomClient>
  /** The board's sync step 2 message, once the restore has it. */
  answer: Uint8Array | null
}

export class EarlyAnswers {
  private readonly openings = new Map<string, Opening>()
  /**
   * Per board, per joiner's pending session: asks again whether its first message can be answered.
   * Apart from the openings: a session may come before its board's opening (its address counted in
   * Redis first); each goes when its session joins or leaves.
   */
  private readonly retries = new Map<string, Map<RoomClient, () => void>>()
  /** What each joiner was sent, until the room takes it over (`sentTo`): the room continues from it. */
  private readonly sent = new WeakMap<RoomClient, Uint8Array>()
  /** Joiners answered here: never twice. */
  private readonly answered = new WeakSet<RoomClient>()

  constructor(private readonly limits: { syncBudget?: SyncBudget; maxConnectionsPerBoard?: number }) {}

  /** The room's door took `client` in, and it waits for the room (`waits`), or no longer. */
  waiting(boardId: string, client: RoomClient, waits: boolean): void {
    const opening = this.openings.get(boardId) ?? (waits ? this.open(boardId) : undefined)
    if (!opening) return
    if (!waits) return void opening.joiners.delete(client)
    opening.joiners.add(client)
    // Its first message may have come before its door opened.
    if (opening.answer) this.retries.get(boardId)?.get(client)?.()
  }

  /**
   * Sockets at the board's door: waiting for its room, or for their address to be counted first
   * (a pending session watches from when it is made until it joins or leaves).
   */
  atTheDoor(boardId: string): RoomClient[] {
    return [...new Set([...(this.openings.get(boardId)?.joiners ?? []), ...(this.retries.get(boardId)?.keys() ?? [])])]
  }

  /** The board as joiners receive it is known: joiners waiting with their first message unanswered are sent it now. */
  readable(boardId: string, answer: Uint8Array): void {
    const opening = this.openings.get(boardId) ?? this.open(boardId)
    opening.answer = answer
    for (const retry of [...(this.retries.get(boardId)?.values() ?? [])]) retry()
  }

  /** The room is open, or failed to open, or the board was deleted: from now on the room answers, or nobody. */
  done(boardId: string): void {
    this.openings.delete(boardId)
  }

  /**
   * The board message `client` was sent before its room opened, if any; handed over once (to
   * `Room.addConnection`): kept here, it would hold the board's encoding for the joiner's session.
   */
  sentTo(client: RoomClient): Uint8Array | undefined {
    const sent = this.sent.get(client)
    this.sent.delete(client)
    return sent
  }

  /** For a joiner's pending session. */
  asker(boardId: string, client: RoomClient): EarlyAsker {
    return {
      answer: (frame) => this.answer(boardId, client, frame),
      watch: (retry) => {
        const board = this.retries.get(boardId) ?? new Map<RoomClient, () => void>()
        this.retries.set(boardId, board)
        board.set(client, retry)
        return () => {
          board.delete(client)
          if (board.size === 0 && this.retries.get(boardId) === board) this.retries.delete(boardId)
        }
      },
    }
  }

  private open(boardId: string): Opening {
    const opening: Opening = { joiners: new Set(), answer: null }
    this.openings.set(boardId, opening)
    return opening
  }

  private answer(boardId: string, client: RoomClient, frame: Uint8Array): boolean {
    const opening = this.openings.get(boardId)
    if (!opening?.answer || !client.isOpen || this.answered.has(client) || !opening.joiners.has(client)) return false
    // Sockets closed while they waited take no seat (`Rooms.join`).
    if (openCount(opening.joiners) > (this.limits.maxConnectionsPerBoard ?? Infinity)) return false
    if (!asksHoldingNothing(frame)) return false
    const { syncBudget } = this.limits
    const address = client.address
    // Over budget: the room refuses it, as it refuses any request.
    if (syncBudget && address && !syncBudget.allows(address)) return false
    if (syncBudget && address) syncBudget.spend(address, opening.answer.byteLength)
    this.answered.add(client)
    this.sent.set(client, opening.answer)
    client.send(opening.answer, true)
    return true
  }
}

/** Whether `frame` is a sync step 1 whose state vector names no clock: a joiner that holds nothing of any board. */
function asksHoldingNothing(frame: Uint8Array): boolean {
  try {
    const message = decodeMessage(frame)
    if (message.type !== 'sync-step-1') return false
    for (const clock of Y.decodeStateVector(message.stateVector).values()) if (clock > 0) return false
    return true
  } catch {
    // Malformed: the room refuses it.
    return false
  }
}

function openCount(joiners: Iterable<RoomClient>): number {
  let open = 0
  for (const joiner of joiners) if (joiner.isOpen) open++
  return open
}

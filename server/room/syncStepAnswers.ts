/**
 * A room's answers to sync step 1: the board as joiners receive it (`fullStateCache.ts`), at most
 * `maxSyncAnswersPerConnection` per connection and within the address's sync budget
 * (`syncBudget.ts`), counted by what each answer cost.
 */
import * as Y from 'yjs'
import { ProtocolError } from '../../shared/protocol.ts'
import { Closing, type CloseReason } from '../../shared/closeReasons.ts'
import type { FullStateCache } from './fullStateCache.ts'
import type { Logger } from '../base/logger.ts'
import type { RoomClient } from '../judge/roomClient.ts'
import type { SyncBudget } from '../judge/syncBudget.ts'

/**
 * Sync step 1 answers per connection. A y-websocket client asks once when it connects; each
 * answer encodes the whole board (over 100 ms for 20,000 shapes), so asking again and again
 * would take the relay's CPU from every other board.
 */
const maxSyncAnswersPerConnection = 3

export type SyncAnswer =
  | { readonly messages: readonly Uint8Array[] }
  /** `error`: the request was malformed; else the asker is closed with `code`. */
  | { readonly refused: CloseReason | { error: ProtocolError } }

export class SyncStepAnswers {
  private readonly answers = new WeakMap<RoomClient, number>()

  constructor(
    private readonly boardId: string,
    private readonly fullState: FullStateCache,
    private readonly syncBudget: SyncBudget | undefined,
    private readonly logger: Logger,
  ) {}

  /**
   * A connection was sent `sent`, the board as it was when its room opened, in answer to its first
   * request (`earlyAnswers.ts`, which charged its address): counted as answered; the messages that
   * bring it to the board as it is now.
   */
  answeredBefore(connection: RoomClient, sent: Uint8Array): Uint8Array[] {
    this.answers.set(connection, (this.answers.get(connection) ?? 0) + 1)
    const { messages, workBytes } = this.fullState.since(sent)
    const address = connection.address
    if (this.syncBudget && address && messages.length > 0) this.syncBudget.spend(address, workBytes)
    return messages
  }

  answer(connection: RoomClient, stateVector: Uint8Array): SyncAnswer {
    const answers = (this.answers.get(connection) ?? 0) + 1
    this.answers.set(connection, answers)
    if (answers > maxSyncAnswersPerConnection) {
      this.logger.warn('sync requests refused', { board: this.boardId, connection: connection.id })
      return { refused: Closing.tooManySyncRequests }
    }
    let clocks: Map<number, number>
    try {
      clocks = Y.decodeStateVector(stateVector)
    } catch {
      return { refused: { error: new ProtocolError('malformed state vector') } }
    }
    const { syncBudget } = this
    const address = connection.address
    if (syncBudget && address && !syncBudget.allows(address)) {
      this.logger.warn('sync answers refused: address over budget', { board: this.boardId, connection: connection.id })
      return { refused: Closing.tooManySyncAnswers }
    }
    // Counted by what it cost: a few bytes that walked the whole board count as the board.
    const { messages, workBytes } = this.fullState.answer(clocks)
    if (syncBudget && address) syncBudget.spend(address, workBytes)
    return { messages }
  }
}

/**
 * The board's judge: every write to a board gets one verdict (`verdict.ts`), decided here once
 * from the writer's role and what Yjs will keep, and the room only executes it. In this order:
 * - the update must be one Yjs applies whole (`updateRules.ts`): else it is refused as malformed,
 *   unless it builds on the writer's sync step 2 (held for after it, `earlyUpdates.ts`);
 * - nothing new: discarded;
 * - the client-id rule: new structs only under ids the writer holds or nobody does (`clientIds.ts`),
 *   and ids the writer writes first within its rate (else 4420: it sends the update again later);
 * - the board's room (`boardBudget.ts`, asked of the room), the rows of ids written first with it:
 *   else refused, the board is full;
 * - refusal memory: an address refused too often this minute is turned away unrehearsed (`refusalMemory.ts`);
 * - the comment rule: an observer's write keeps comments and nothing else;
 * - the board declaration, every protection rule with it (`judgeUpdate.ts`, `shared/board/declaration.ts`),
 *   judged by what the board holds after the write (`rehearsal.ts`).
 * Before all of these, the observer rule (`admit`): an observer writes nothing while commenting is closed.
 * Refusals that cost the rehearsal a rebuild are counted against the writer's refusals.
 */
import * as random from 'lib0/random'
import type * as Y from 'yjs'
import { canEdit, type Role } from '../../shared/access.ts'
import { isCommentWrite, type Refusal } from '../../shared/board/declaration.ts'
import { mayComment } from '../../shared/board/commentRights.ts'
import { commentingEntry } from '../../shared/board/entries/commenting.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { because, Closing } from '../../shared/closeReasons.ts'
import { clientIdHolder, type ClientIdHolders } from './clientIds.ts'
import { judgeRehearsed } from './judgeUpdate.ts'
import type { Logger } from '../base/logger.ts'
import { judgeOwnChange } from './ownChange.ts'
import { RefusalMemory } from './refusalMemory.ts'
import type { Rehearsal, Rehearsed } from './rehearsal.ts'
import type { RoomClient } from './roomClient.ts'
import { checkUpdate, type UpdateRule } from './updateRules.ts'
import { discard, refuse, type Verdict } from './verdict.ts'

/** Counts shared by all rooms of a relay, for the log. */
export interface RoomStats {
  rejectedUpdates: Partial<Record<UpdateRule, number>>
  /** Updates the board declaration refused, by the sender's role. */
  refusedUpdates?: Partial<Record<Role, number>>
}

export interface JudgeSettings {
  /** Refused updates an address may send per minute; `defaultMaxRefusalsPerMinute` (`roomDefaults.ts`) unless set. */
  maxRefusalsPerMinute?: number
}

/** The board the judge judges for. */
export interface JudgedBoard {
  readonly boardId: string
  readonly doc: Y.Doc
  /** A copy of the board that every write is tried on first. */
  readonly rehearsal: Rehearsal
  readonly logger: Logger
  readonly stats: RoomStats
  readonly clientIds: ClientIdHolders
  isDestroyed(): boolean
  /** Whether another link or browser announced `id` in its presence (`awarenessRelay.ts`). */
  announcedByOthers(writer: RoomClient, id: number): boolean
}

/** What the room does for the judge while it judges one update. */
export interface JudgedWrite {
  /** Whether the board has room for the update, compacted first if that may make room; the room logs a refusal. */
  fits(update: Uint8Array, newWrittenIds: number): Promise<boolean>
  /** Holds an update that builds on the writer's sync step 2 for after it (`earlyUpdates.ts`); false if it does not. */
  hold(rule: UpdateRule): boolean
}

/** The observer rule: who may write to the board now. Observers only while the facilitator lets them comment. */
export function mayWriteNow(role: Role, board: Y.Doc): boolean {
  return canEdit(role) || mayComment(role, facilitationMap(board).get(commentingEntry.key))
}

/** The comment rule: an observer's write keeps a comment and writes nothing else. */
export function keepsOnlyWhatRoleMayWrite(role: Role, { writes }: Rehearsed): boolean {
  return canEdit(role) || (writes.length > 0 && writes.every(isCommentWrite))
}

export class BoardJudge {
  /** The Yjs client id the relay's own changes are written under: never the doc's own (`rehearsal.ts`). */
  private readonly ownClientId: number
  private readonly refusals: RefusalMemory

  constructor(
    private readonly board: JudgedBoard,
    settings: JudgeSettings,
  ) {
    let id: number
    do id = random.uint32()
    while (id === board.doc.clientID)
    this.ownClientId = id
    this.refusals = new RefusalMemory(settings.maxRefusalsPerMinute)
  }

  /** Before a write is queued: the observer rule. Null: it is judged in turn (`judge`). */
  admit(writer: RoomClient): Verdict | null {
    if (mayWriteNow(writer.role, this.board.doc)) return null
    // Observers get everything but change nothing (not applied, not stored, not forwarded).
    this.board.logger.debug('observer update dropped', { board: this.board.boardId, connection: writer.id })
    return discard('an observer while commenting is closed')
  }

  /** A client's update, when its turn comes: against the board as the updates before it left it. */
  async judge(writer: RoomClient, update: Uint8Array, write: JudgedWrite): Promise<Verdict> {
    const { doc, rehearsal, stats, logger, boardId } = this.board
    const checked = checkUpdate(doc, update)
    if (!checked.ok) {
      // Building on what the sender's sync step 2 brings: judged again after it.
      if (write.hold(checked.rule)) return discard('held for the sync step 2 it builds on')
      const rejected = (stats.rejectedUpdates[checked.rule] ?? 0) + 1
      stats.rejectedUpdates[checked.rule] = rejected
      logger.warn('update rejected', { board: boardId, connection: writer.id, rule: checked.rule, rejected })
      return refuse(because(Closing.malformedUpdate, checked.reason))
    }
    // Nothing new (a reconnecting client's sync step 2): nothing to store or send. Really nothing:
    // what the board has under an id, its holder wrote.
    if (!checked.changes) return discard('nothing new')
    const holder = clientIdHolder(writer)
    const held = this.board.clientIds.judge(
      doc,
      checked.parsed,
      holder,
      (id) => id === doc.clientID || id === this.ownClientId,
      (id) => this.board.announcedByOthers(writer, id),
    )
    if (!held.ok) return this.refused(writer, held.reason)
    const firstWrites = held.newIds.length + held.claimed.length
    // Over its rate, the writer comes back later with the same update: nothing is lost.
    if (!this.board.clientIds.mayWriteFirst(holder, firstWrites)) {
      logger.warn('new client ids over the writer’s rate', { board: boardId, connection: writer.id, ids: firstWrites })
      return refuse(Closing.tooManyNewClientIds)
    }
    // Before the rehearsal: an update the board has no room for is not worth judging.
    if (!(await write.fits(update, firstWrites))) return refuse(Closing.boardFull)
    if (this.refusals.refusedTooOften(writer)) {
      logger.warn('updates turned away after refusals', { board: boardId, connection: writer.id })
      return refuse(Closing.tooManyRefusals)
    }
    // A big board's copy is restored off the thread first (`rehearsal.ts`).
    await rehearsal.ready()
    if (this.board.isDestroyed()) return discard('room closed')
    let refusal: Refusal | null
    let rehearsed: Rehearsed
    try {
      rehearsed = rehearsal.rehearse(update)
      // An observer's update that keeps no comment, or writes anything else, is dropped whole.
      // The observer stays, but the rehearsal cost a rebuild: it counts against its refusals.
      if (!keepsOnlyWhatRoleMayWrite(writer.role, rehearsed)) {
        rehearsal.discard()
        this.refusals.count(writer)
        logger.debug('observer update dropped', { board: boardId, connection: writer.id })
        return discard('an observer’s write that is not only comments', true)
      }
      refusal = judgeRehearsed(doc, rehearsed, writer)
    } catch (error) {
      // Whatever threw, the copy may hold the update now; and it costs a rebuild like a refusal.
      rehearsal.discard()
      this.refusals.count(writer)
      throw error
    }
    if (refusal) {
      rehearsal.discard()
      return this.refused(writer, refusal.reason, refusal.entry)
    }
    return { kind: 'accept', update, rehearsed, newIds: held.newIds, claimedIds: held.claimed, holder }
  }

  /**
   * A change the relay itself makes, made on the rehearsal's copy and judged as a whole board's
   * (`ownChange.ts`). The rehearsal must be ready.
   */
  ownChange(change: (doc: Y.Doc) => void): Verdict {
    const { doc, rehearsal, logger, boardId } = this.board
    const rehearsed = rehearsal.rehearseChange(change, this.ownClientId)
    const { update } = rehearsed
    if (!update) return discard('nothing changed')
    // The update rules too: what they refuse, the next load would skip (`restoreDocument.ts`).
    const checked = checkUpdate(doc, update)
    if (!checked.ok) {
      rehearsal.discard()
      logger.warn('relay’s own change refused', { board: boardId, rule: checked.rule })
      return refuse(because(Closing.notAllowed, checked.reason))
    }
    const refusal = judgeOwnChange(doc, rehearsed)
    if (refusal) {
      rehearsal.discard()
      // The entry's root and the reason only: ids and values are the board's content.
      logger.warn('relay’s own change refused', { board: boardId, entry: refusal.entry.split('/')[0], reason: refusal.reason })
      return refuse(because(Closing.notAllowed, refusal.reason))
    }
    return { kind: 'accept', update, rehearsed, newIds: [], claimedIds: [], holder: '' }
  }

  /** A write the writer's role may not make: counted, and the writer is closed. */
  private refused(writer: RoomClient, reason: string, entry?: string): Verdict {
    this.refusals.count(writer)
    const refused = (this.board.stats.refusedUpdates ??= {})
    refused[writer.role] = (refused[writer.role] ?? 0) + 1
    // The entry's root and the reason only: ids and values are the board's content.
    this.board.logger.warn('update refused', {
      board: this.board.boardId,
      connection: writer.id,
      role: writer.role,
      ...(entry === undefined ? {} : { entry: entry.split('/')[0] }),
      reason,
      refused: refused[writer.role],
    })
    return refuse(because(Closing.notAllowed, reason), true)
  }
}

/**
 * One board in memory: its Y.Doc, awareness and connected clients. The room is the authority over
 * its board: nothing a client sends enters the doc before it has been checked and stored.
 *
 * Every update gets one verdict from the board's judge (`boardJudge.ts`: checked against the doc,
 * tried on a copy of the board and judged by what the copy then holds); the room knows no role and
 * no feature and only executes it: an accepted update is stored, with what the board's policies
 * keep beside it first (`roomPolicy.ts`, wired in `roomPolicies.ts`), and only then applied and
 * queued for fan-out. Presence is relayed by `awarenessRelay.ts`. Yjs cannot roll back, so the order matters: what the doc holds
 * is always exactly what storage holds, and a stored update always applies again on load. If
 * storing fails, nothing is applied and the writer keeps its edit to send again.
 *
 * Fan-out is batched: all document updates since the last fan-out merged into one
 * message per recipient (without the recipient's own), all awareness changes into one awareness
 * message. With N clients that is N sends per fan-out instead of N per incoming message. The next
 * fan-out waits a multiple of what the last one cost, at most a tick (`fanOutPacing.ts`): a
 * meeting forwards within milliseconds, a plenary of hundreds batches per tick. To a crowd, a
 * fan-out is written a few dozen sockets per turn of the event loop (`sendInTurns.ts`).
 *
 * Anything that throws outside a client's own fault (encoding, a tick, compaction) fails the
 * room: `onFailure` lets its owner drop it and reload the board from storage on the next connect.
 */
import * as Y from 'yjs'
import { tidiedAfter } from '../../shared/board/richTextTidy.ts'
import { decodeMessage, encodeSyncStep1, encodeUpdate, ProtocolError, type ClientMessage } from '../../shared/protocol.ts'
import { because, Closing, closeWith, type CloseReason } from '../../shared/closeReasons.ts'
import { AwarenessRefused } from '../judge/awarenessGuard.ts'
import { AwarenessRelay } from './awarenessRelay.ts'
import type { BoardJudge, RoomStats } from '../judge/boardJudge.ts'
import { loadBoard, type LoadedBoard } from './boardLoad.ts'
import type { BoardSize } from '../judge/boardBudget.ts'
import { CompactionSchedule } from './compactionSchedule.ts'
import { EarlyUpdates } from './earlyUpdates.ts'
import { fanOutCost, fanOutDelay } from './fanOutPacing.ts'
import { FullStateCache } from './fullStateCache.ts'
import { SyncStepAnswers } from './syncStepAnswers.ts'
import { prepareGraphIndex } from '../judge/graphIndex.ts'
import { describeError, type Logger } from '../base/logger.ts'
import { OffThread } from './offThread.ts'
import { OwnChangeRefused } from '../judge/ownChange.ts'
import { Rehearsal } from '../judge/rehearsal.ts'
import type { RoomClient } from '../judge/roomClient.ts'
import type { RoomOptions } from './roomOptions.ts'
import { roomPolicies, type PolicyFactory } from './roomPolicies.ts'
import type { RoomPolicy, RoomStorage } from './roomPolicy.ts'
import { Turns } from './roomTurns.ts'
import { SendInTurns } from './sendInTurns.ts'
import type { VersionRecord } from '../storage/Storage.ts'
import { isStorageFull } from '../storage/storageErrors.ts'
import { heaviestWriter, mergeAll, type PendingUpdate } from './updateFanOut.ts'
import type { Accepted } from '../judge/verdict.ts'
import type { VersionPolicy } from './versionPolicy.ts'
import { storageOrigin } from './restoreDocument.ts'
import { WriteAdmission } from './writeAdmission.ts'
import { workMark } from './workClock.ts'

export type { RoomClient } from '../judge/roomClient.ts'
export type { RoomStats } from '../judge/boardJudge.ts'

export type { RoomOptions } from './roomOptions.ts'

/** Transaction origin of the relay's own changes: sent to every client. */
const relayOrigin = Symbol('relay')

export class Room {
  readonly doc: Y.Doc
  /** Presence: who holds which awareness id, and what is passed on (`awarenessRelay.ts`). */
  private readonly presence: AwarenessRelay
  get awareness() {
    return this.presence.awareness
  }
  readonly connections = new Set<RoomClient>()
  private destroyed = false
  private pendingUpdates: PendingUpdate[] = []
  /**
   * How many of `pendingUpdates` a connection holds already: those before it came, or before its
   * board was encoded for it. It is sent only what follows: words written and deleted before it
   * came stay out of its fan-out (deleted means gone), as they stay out of its board.
   */
  private caughtUp = new Map<RoomClient, number>()
  /** One after the other: checking, storing and applying updates, the relay's changes, compaction. */
  private writes: Promise<void> = Promise.resolve()
  private readonly cutOffClients = new WeakSet<RoomClient>()
  /** A copy of the board that every client update is tried on first (`rehearsal.ts`). */
  private readonly rehearsal: Rehearsal
  /** True while the board takes a client update that was rehearsed: the copy has it. */
  private applyingRehearsed = false
  /**
   * What was tidied while applying a stored update: formats of a text that change nothing,
   * removed in transactions of their own by Yjs (`cleanupYTextAfterTransaction`) and by the relay
   * (`richTextTidy.ts`). Sent like any change, so it is stored too (`storeTidyUps`): what a
   * restart loads is what the browsers were sent.
   */
  private tidyUps: Uint8Array[] = []
  /** Updates a client sent before its sync step 2, held for after it (`earlyUpdates.ts`). */
  private readonly earlyUpdates: EarlyUpdates<RoomClient>
  /** Answers to sync step 1: the board as joiners receive it, encoded once per change (`syncStepAnswers.ts`). */
  private readonly syncAnswers: SyncStepAnswers
  /** Whether a client's update may enter `writes` at all (`writeAdmission.ts`). */
  private readonly admission: WriteAdmission
  /** The board's size budget (`boardBudget.ts`). */
  private readonly size: BoardSize
  /** Big boards' copies and encodings in worker threads (`offThread.ts`). */
  private readonly offThread: OffThread
  /** Cancels the scheduled fan-out, if one is. */
  private cancelFlush: (() => void) | null = null
  /** When the last fan-out ran (`performance.now()`); none yet: the room is quiet. */
  private lastFlushAt = Number.NEGATIVE_INFINITY
  /** What the last fan-out took (`fanOut`): the next waits a multiple of it (`fanOutPacing.ts`). */
  private lastFlushCostMs = 0
  /** When the board is compacted next (`compactionSchedule.ts`). */
  private readonly compaction: CompactionSchedule
  /** Lets other boards in between this room's queued work (`roomTurns.ts`). */
  private readonly turns: Turns
  /** Writes a fan-out to a crowd a share per turn (`sendInTurns.ts`). */
  private readonly delivery = new SendInTurns<RoomClient>((laterTurnsMs) => {
    this.lastFlushCostMs += laterTurnsMs
    if (this.destroyed) return
    if (this.pendingUpdates.length > 0 || this.presence.hasChanges || this.presenceWaiting) this.scheduleFlush()
  })
  /** Deferred presence fell due while a fan-out was still being written: it goes with the next. */
  private presenceWaiting = false
  private lastSeq: number
  private readonly disposers: Array<() => void> = []
  /** Every write is judged here first (`boardJudge.ts`); the room executes its verdict. */
  private readonly judge: BoardJudge
  /** The board's policies, called through their hooks (`roomPolicy.ts`), wired in `roomPolicies.ts`. */
  private readonly policies: readonly RoomPolicy[]
  /** Named and automatic versions (`versionPolicy.ts`). */
  private readonly versions: VersionPolicy

  /** Loads the board from storage into a new room. */
  static async load(
    boardId: string,
    storage: RoomStorage,
    options: RoomOptions,
    logger: Logger,
    stats: RoomStats = { rejectedUpdates: {} },
    onFailure: (room: Room, error: unknown) => void = () => {},
    policies: PolicyFactory = roomPolicies,
  ): Promise<Room> {
    let sentAhead = false
    const readable = options.readable && ((answer: Uint8Array) => ((sentAhead = true), options.readable!(answer)))
    const { doc, ...loaded } = await loadBoard(boardId, storage, { ...options, readable }, logger)
    const room = new Room(boardId, doc, loaded, storage, options, logger, stats, onFailure, policies)
    // Joiners sent the board as restored must not have been sent what opening changes (`openingChanges.ts`).
    const changedOnOpening = () => sentAhead && logger.error('the board changed as its room opened, after joiners were sent it: openingChanges.ts misses a policy', { board: boardId })
    doc.on('update', changedOnOpening)
    try {
      for (const policy of room.policies) await policy.loaded?.()
    } catch (error) {
      room.destroy()
      throw error
    } finally {
      doc.off('update', changedOnOpening)
    }
    return room
  }

  private constructor(
    readonly boardId: string,
    doc: Y.Doc,
    loaded: Omit<LoadedBoard, 'doc'>,
    private readonly storage: RoomStorage,
    private readonly options: RoomOptions,
    private readonly logger: Logger,
    stats: RoomStats,
    private readonly onFailure: (room: Room, error: unknown) => void,
    policies: PolicyFactory,
  ) {
    this.doc = doc
    this.lastSeq = loaded.lastSeq
    this.compaction = new CompactionSchedule(loaded.updatesSinceCompact, options.compactAfterUpdates, () => this.compact())
    this.size = loaded.size
    this.offThread = new OffThread(boardId, doc, storage, options, logger, this.size)
    this.rehearsal = new Rehearsal(doc, () => this.applyingRehearsed, () => this.offThread.restoreCopy(), prepareGraphIndex)
    this.disposers.push(() => this.rehearsal.destroy())
    this.admission = new WriteAdmission(options, {
      boardId,
      logger,
      isCutOff: (client) => this.cutOffClients.has(client),
      cutOff: (client, closing) => this.cutOff(client, closing),
    })
    this.presence = new AwarenessRelay(doc, options, {
      boardId,
      logger,
      connections: this.connections,
      clientOf: (origin) => this.clientOf(origin),
      changed: () => this.scheduleFlush(),
      presenceDue: () => {
        // Not in the middle of a fan-out being written: that would write the rest of it at once.
        if (this.delivery.busy) this.presenceWaiting = true
        else this.guarded(() => this.fanOut())
      },
      announcing: (owner, id) => this.announcing(owner, id),
      cutOff: (connection, closing) => this.cutOff(connection, closing),
      refuse: (connection, error) => this.refuse(connection, error),
      guarded: (work) => this.guarded(work),
      isDestroyed: () => this.destroyed,
    })
    this.earlyUpdates = new EarlyUpdates(options.maxWaitingBytes)
    const fullState = new FullStateCache(doc, () => this.size.bytes, loaded.full)
    this.disposers.push(() => fullState.dispose())
    this.syncAnswers = new SyncStepAnswers(boardId, fullState, options.syncBudget, logger)
    this.turns = new Turns(options.turnMs)

    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === storageOrigin) return
      // The relay's own changes (`relayOrigin`) are stored before they are applied, as clients' are.
      // Yjs' own tidy-up of a text's formats (origin null, run inside the apply) is stored right after it.
      if (origin === null && this.applyingRehearsed) this.tidyUps.push(update)
      this.pendingUpdates.push({ update, origin: this.clientOf(origin) })
      this.scheduleFlush()
    }
    this.doc.on('update', onUpdate)
    this.disposers.push(() => this.doc.off('update', onUpdate))

    const wired = policies(
      {
        boardId,
        doc,
        storage,
        logger,
        stats,
        rehearsal: this.rehearsal,
        inOrder: (work) => this.inOrder(work),
        isDestroyed: () => this.destroyed,
        clientOf: (origin) => this.clientOf(origin),
        encodeBoard: () => this.offThread.encode(),
        applyOwnChange: (change) => this.applyOwnChange(change),
        announcedByOthers: (writer, id) => this.presence.announcedByOthers(writer, id),
        nameOf: (client) => this.nameOf(client),
        size: this.size,
      },
      options,
    )
    this.judge = wired.judge
    this.policies = wired.hooks
    this.versions = wired.versions
    this.disposers.push(() => {
      for (const policy of this.policies) policy.destroyed?.()
    })

    this.compaction.scheduleIfDue()
  }

  /** `sent`: the board message the connection was sent while the room opened (`earlyAnswers.ts`); its request for the board is answered. */
  addConnection(connection: RoomClient, sent?: Uint8Array): void {
    this.connections.add(connection)
    this.heldUpToNow(connection)
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    if (sent) {
      // Its request was its first message: whatever it sends next may build on the board's step 2.
      this.earlyUpdates.requested(connection)
      this.guarded(() => {
        for (const message of this.syncAnswers.answeredBefore(connection, sent)) connection.send(message, true)
      })
    }
    this.presence.joined(connection)
  }

  removeConnection(connection: RoomClient): void {
    if (!this.connections.delete(connection)) return
    this.pendingUpdates = this.pendingUpdates.map((p) => (p.origin === connection ? { ...p, origin: null } : p))
    this.presence.left(connection)
  }

  /** Handles one frame from a client. Anything malformed closes that client and changes nothing. */
  receive(connection: RoomClient, frame: Uint8Array): void {
    // A connection the relay has decided to close says nothing more, whatever it keeps sending.
    if (this.destroyed || !connection.isOpen || !this.connections.has(connection)) return
    let message: ClientMessage
    try {
      message = decodeMessage(frame)
    } catch (error) {
      this.refuse(connection, error)
      return
    }
    switch (message.type) {
      case 'sync-step-1': {
        // After the updates it sent before: the answer reflects them, or it was cut off for them.
        const { stateVector } = message
        void this.inOrder(async () => {
          // In turn: only updates that come after the request may wait for its step 2.
          this.earlyUpdates.requested(connection)
          if (!this.cutOffClients.has(connection) && connection.isOpen) this.answerSyncStep1(connection, stateVector)
        })
        break
      }
      case 'sync-step-2':
      case 'update':
        // Some writers' updates are dropped before they are queued (`BoardJudge.admit`).
        if (this.judge.admit(connection)) break
        if (message.type === 'sync-step-2') this.acceptSyncAnswer(connection, message.update)
        else this.acceptUpdate(connection, message.update)
        break
      case 'awareness':
        this.presence.receive(connection, message.update)
        break
      case 'query-awareness':
        this.presence.query(connection)
        break
    }
  }

  /**
   * Whether the board has room for about `bytes` more: for what the relay's own changes may
   * leave out or refuse early before `applyOwnChange` refuses the whole change for want of room.
   */
  hasRoomFor(bytes: number): boolean {
    return this.size.used + bytes <= this.size.maxBytes
  }

  /**
   * Whether a presence may make `id` public (`RoomPolicy.announcing`): every policy keeps it
   * first; true at once when none needs to wait.
   */
  private announcing(owner: RoomClient, id: number): boolean | Promise<boolean> {
    const answers = this.policies.map((policy) => policy.announcing?.(owner, id) ?? true)
    if (answers.every((answer) => answer === true)) return true
    return Promise.all(answers).then((kept) => kept.every(Boolean))
  }

  /**
   * A change the relay itself makes (a vote's participation and results, a reveal, a version's
   * meta): a write like any other (`ownChange.ts`). Made on the rehearsal's copy first, judged by
   * the board declaration and the board's size budget, stored, and only then applied and sent to
   * everyone. A change that would break the board or take it past MAX_BOARD_BYTES is refused
   * with `OwnChangeRefused` and changes nothing; so does a change that throws, or storage that fails.
   */
  applyOwnChange(change: (doc: Y.Doc) => void): Promise<void> {
    return this.inOrder(async () => {
      if (this.destroyed) throw new Error('room closed')
      await this.rehearsal.ready()
      if (this.destroyed) throw new Error('room closed')
      const verdict = this.ownVerdict(change)
      if (verdict.kind === 'discard') return
      if (verdict.kind === 'refuse') throw new OwnChangeRefused('not-allowed', verdict.reason)
      const { update } = verdict
      const fits = await this.fitsBoard(update, 'board full: relay’s own change refused')
      if (!fits || this.destroyed) {
        this.rehearsal.discard()
        if (this.destroyed) throw new Error('room closed')
        throw new OwnChangeRefused('board-full', 'past MAX_BOARD_BYTES')
      }
      try {
        await this.store(verdict)
      } catch (error) {
        this.rehearsal.discard()
        this.logger.error('storing the relay’s own change failed', { board: this.boardId, ...describeError(error) })
        // A full store refused it; any other failure may have come after the commit: only a reload tells.
        if (!isStorageFull(error)) this.onFailure(this, error)
        throw error
      }
      // Stored: it belongs to the board now (a room dropped meanwhile replays it on the next load).
      this.applyStored(update, relayOrigin)
      await this.storeTidyUps()
    })
  }

  /**
   * RULE ownChangeFailsAsRefusal: a change of the relay's own that throws (its schema refuses what
   * a client wrote before it) is refused like one that would break the board, not a server error;
   * the rehearsal's copy is dropped, the board is as it was.
   */
  private ownVerdict(change: (doc: Y.Doc) => void): ReturnType<BoardJudge['ownChange']> {
    try {
      return this.judge.ownChange(change)
    } catch (error) {
      if (error instanceof OwnChangeRefused) throw error
      this.logger.warn('relay’s own change failed', { board: this.boardId, ...describeError(error) })
      throw new OwnChangeRefused('not-allowed', error instanceof Error ? error.name : 'thrown')
    }
  }

  /** Resolves once every update received so far is stored and applied (or refused). */
  idle(): Promise<void> {
    // Presence waits for its ids in the write queue, and is applied just after its turn.
    return this.inOrder(async () => {}).then(() => this.presence.settled())
  }

  /** Sends everything queued now instead of at the end of the tick, to every recipient. */
  flush(): void {
    this.fanOut()
    this.delivery.finish()
  }

  /** A fan-out, written to a crowd a share per turn. */
  private fanOut(): void {
    this.presenceWaiting = false
    this.cancelFlush?.()
    this.cancelFlush = null
    const started = workMark()
    this.lastFlushAt = started.at
    this.flushUpdates()
    this.presence.flush()
    this.lastFlushCostMs = fanOutCost(this.connections.size, started)
  }

  /**
   * Writes the whole doc as one snapshot and drops the updates it covers. A storage failure only
   * postpones it: every update is stored already.
   */
  async compact(): Promise<void> {
    this.compaction.cancel()
    await this.offThread.prepareEncode()
    // In the write queue: the snapshot must hold exactly the updates up to `lastSeq`.
    return this.inOrder(() => this.compactNow())
  }

  /** Compaction itself: only from work in the write queue. */
  private async compactNow(): Promise<void> {
    const covered = this.compaction.updatesSinceCompact
    if (this.destroyed || covered === 0) return
    const lastSeq = this.lastSeq
    let snapshot: Uint8Array
    try {
      const { state, checked } = await this.compaction.timed(async () => {
        const encoded = await this.offThread.encodeChecked()
        await this.storage.compact(this.boardId, encoded.state, lastSeq)
        return encoded
      })
      snapshot = state
      // The board is stored as this snapshot alone now: its next load can send it as read (`checkedSnapshots.ts`).
      // Its digest taken in the worker: hashing 32 MiB holds a thread for 20-60 ms.
      if (checked) this.options.checkedSnapshots?.remember(this.boardId, snapshot.byteLength, checked)
      else this.options.checkedSnapshots?.forget(this.boardId)
    } catch (error) {
      this.options.checkedSnapshots?.forget(this.boardId)
      this.logger.error('compaction failed', { board: this.boardId, ...describeError(error) })
      return
    }
    this.logger.debug('compacted', { board: this.boardId, updates: covered })
    this.compaction.covered(covered)
    this.size.compacted(snapshot.byteLength)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.cancelFlush?.()
    this.delivery.cancel()
    this.compaction.cancel()
    for (const dispose of this.disposers.splice(0)) dispose()
    this.presence.destroy()
    this.doc.destroy()
  }

  private answerSyncStep1(connection: RoomClient, stateVector: Uint8Array): void {
    this.guarded(() => {
      const answer = this.syncAnswers.answer(connection, stateVector)
      if ('messages' in answer) this.heldUpToNow(connection)
      if ('messages' in answer) for (const message of answer.messages) connection.send(message, true)
      else if ('error' in answer.refused) this.refuse(connection, answer.refused.error)
      else this.cutOff(connection, answer.refused)
    })
  }

  /**
   * Check, store, apply: in this order, or not at all, one update after the other. Checked when
   * its turn comes, against the board as the updates before it left it. Queued only once admitted
   * (`writeAdmission.ts`).
   */
  private acceptUpdate(connection: RoomClient, update: Uint8Array): void {
    const refused = this.admission.admit(connection, update)
    if (refused) {
      this.cutOff(connection, refused)
      return
    }
    this.inOrder(() => this.storeAndApply(connection, update))
      .catch((error: unknown) => {
        this.logger.error('message handling failed', { board: this.boardId, connection: connection.id, ...describeError(error) })
        this.cutOff(connection, Closing.internalError)
      })
      .finally(() => this.admission.finished(connection, update))
  }

  /**
   * A client's sync step 2, judged like any update, then the updates it sent before it that
   * built on it (`earlyUpdates.ts`), in the order they came.
   */
  private acceptSyncAnswer(connection: RoomClient, update: Uint8Array): void {
    void this.inOrder(async () => this.earlyUpdates.answer(connection))
    this.acceptUpdate(connection, update)
    this.inOrder(async () => {
      for (const held of this.earlyUpdates.release(connection)) await this.storeAndApply(connection, held)
    }).catch((error: unknown) => {
      this.logger.error('message handling failed', { board: this.boardId, connection: connection.id, ...describeError(error) })
      this.cutOff(connection, Closing.internalError)
    })
  }

  private async storeAndApply(connection: RoomClient, update: Uint8Array): Promise<void> {
    if (this.destroyed || this.cutOffClients.has(connection)) return
    const verdict = await this.judge.judge(connection, update, {
      fits: (u, newWrittenIds) => this.fitsBoard(u, 'board full: update refused', connection, newWrittenIds),
      hold: (rule) => this.earlyUpdates.hold(connection, update, rule),
    })
    if (verdict.kind === 'refuse') this.cutOff(connection, verdict)
    if (verdict.kind !== 'accept') return
    try {
      await this.store(verdict)
    } catch (error) {
      this.rehearsal.discard()
      this.logger.error('storing update failed', { board: this.boardId, ...describeError(error) })
      // The client keeps the edit and sends it again after reconnecting.
      this.cutOff(connection, Closing.storageUnavailable)
      // A full store refused it; any other failure (a lost connection) may have come after the
      // commit: then only a reload from storage tells, or a later compaction would drop it.
      if (!isStorageFull(error)) this.onFailure(this, error)
      return
    }
    // Stored: it belongs to the board now, even if its sender left or the room was dropped
    // meanwhile (then the next load replays it).
    if (this.applyStored(update, connection)) for (const policy of this.policies) policy.changed?.(connection, verdict)
    await this.storeTidyUps()
  }

  /** Stores what Yjs tidied while applying (`tidyUps`); should that fail, a reload makes the room what storage holds. */
  private async storeTidyUps(): Promise<void> {
    if (this.tidyUps.length === 0) return
    const tidied = Y.mergeUpdates(this.tidyUps.splice(0))
    try {
      this.lastSeq = await this.storage.appendUpdate(this.boardId, tidied)
      this.size.stored(tidied)
      this.compaction.stored()
    } catch (error) {
      this.logger.error('storing a text’s tidied formats failed', { board: this.boardId, ...describeError(error) })
      // Browsers that were sent it give it back when they sync again: formats that change nothing.
      this.onFailure(this, error)
    }
  }

  /**
   * An accepted write to storage: first what the policies keep beside it (`RoomPolicy.storing`:
   * should the update then fail to store, nothing the board does not hold is lost), then the update.
   */
  private async store(write: Accepted): Promise<void> {
    for (const policy of this.policies) await policy.storing?.(write)
    this.lastSeq = await this.storage.appendUpdate(this.boardId, write.update)
    this.size.stored(write.update)
  }

  /**
   * Applies a stored update that was rehearsed (the copy has it already), a client's or the
   * relay's own; false when the room is gone meanwhile (the next load replays it).
   */
  private applyStored(update: Uint8Array, origin: RoomClient | typeof relayOrigin): boolean {
    if (this.destroyed) return false
    this.guarded(() => {
      this.applyingRehearsed = true
      try {
        // The formats that change nothing, tidied as on the rehearsal's copy; stored after it (`tidyUps`).
        tidiedAfter(this.doc, () => Y.applyUpdate(this.doc, update, origin))
      } finally {
        this.applyingRehearsed = false
      }
      dropPending(this.doc, this.logger, this.boardId)
    })
    this.compaction.stored()
    return true
  }

  /**
   * Saves the board as it is now as a version: named (`name`), or automatic (`null`).
   * Automatic versions beyond the kept number or age are dropped; named ones stay.
   */
  saveVersion(name: string | null): Promise<VersionRecord> {
    return this.versions.saveVersion(name)
  }

  /** When the last person leaves: an automatic version, if anything changed since the last one. */
  saveVersionIfChanged(): void {
    this.versions.saveVersionIfChanged()
  }

  // The size budget (`boardBudget.ts`): what one client may make the board hold. What it may make
  // the relay do is bounded before its update is queued (`writeAdmission.ts`).

  /**
   * Whether the update fits the board's size budget, compacted first if that may make room
   * (`BoardSize`). The judge refuses an update that does not fit (`CloseCode.boardFull`); nothing
   * of it is stored.
   */
  private async fitsBoard(update: Uint8Array, refused: string, connection?: RoomClient, newWrittenIds = 0): Promise<boolean> {
    if (this.size.fits(update, newWrittenIds)) return true
    if (this.size.worthCompacting) await this.compactNow()
    if (this.size.fits(update, newWrittenIds)) return true
    const { bytes: storedBytes, used, maxBytes: maxBoardBytes } = this.size
    this.logger.warn(refused, { board: this.boardId, connection: connection?.id, storedBytes, heldIdBytes: used - storedBytes, updateBytes: update.byteLength, newWrittenIds, maxBoardBytes })
    return false
  }

  /** What is pending now is in what `connection` was sent or is about to be sent of the board. */
  private heldUpToNow(connection: RoomClient): void {
    if (this.pendingUpdates.length > 0) this.caughtUp.set(connection, this.pendingUpdates.length)
  }

  private flushUpdates(): void {
    const pending = this.pendingUpdates
    const caughtUp = this.caughtUp
    this.caughtUp = new Map()
    if (pending.length === 0) return
    this.pendingUpdates = []
    // One merge for everyone, writers too: Yjs ignores what a client holds already, and merging
    // the others' updates for each writer apart grew with the square of the writers. Only a writer
    // whose own updates are most of the fan-out (a template insert) gets the others' without its
    // own; so an echo at most doubles what a writer receives, and only one writer per fan-out
    // can cost a merge of its own.
    const merged = encodeUpdate(mergeAll(pending.map((p) => p.update)))
    const heavy = heaviestWriter(pending)
    // Guarded per recipient: later shares run outside this call.
    const inTurns = this.options.othersOpen?.() ?? true
    // Joiners that came at the same point of the batch share one merge of what followed.
    const sinceMark = new Map<number, Uint8Array | null>()
    this.delivery.start([...this.connections], inTurns, (connection) =>
      this.guarded(() => {
        const from = caughtUp.get(connection) ?? 0
        if (connection !== heavy && from === 0) return connection.send(merged)
        if (connection !== heavy) {
          if (!sinceMark.has(from)) sinceMark.set(from, from < pending.length ? encodeUpdate(mergeAll(pending.slice(from).map((p) => p.update))) : null)
          const rest = sinceMark.get(from)
          return rest ? connection.send(rest) : undefined
        }
        // The heavy writer: the others' updates, after its mark if it has one.
        const rest = pending.slice(from).filter((p) => p.origin !== connection).map((p) => p.update)
        if (rest.length > 0) connection.send(encodeUpdate(mergeAll(rest)))
      }),
    )
  }

  private scheduleFlush(): void {
    // A fan-out still being written schedules the next when it is through.
    if (this.cancelFlush || this.delivery.busy) return
    const { tickMs, pacing } = this.options
    const pace = { pacing, lastFlushAt: this.lastFlushAt, lastFlushCostMs: this.lastFlushCostMs, tickMs }
    const delay = fanOutDelay(pace, performance.now())
    const run = () => this.guarded(() => this.fanOut())
    // setTimeout(0) waits a millisecond; setImmediate only for what else this turn read.
    if (delay === 0) {
      const immediate = setImmediate(run)
      this.cancelFlush = () => clearImmediate(immediate)
    } else {
      const timer = setTimeout(run, delay)
      this.cancelFlush = () => clearTimeout(timer)
    }
  }

  /** Runs `work` after everything queued before it; a failure does not stop what comes after. */
  private inOrder<T>(work: () => Promise<T>): Promise<T> {
    const result = this.writes.then(() => this.turns.take()).then(work)
    this.writes = result.then(
      () => {},
      () => {},
    )
    return result
  }

  /** Runs room work that no client input can make fail; if it fails anyway, the room is done. */
  private guarded(work: () => void): void {
    if (this.destroyed) return
    try {
      work()
    } catch (error) {
      this.logger.error('room failed', { board: this.boardId, ...describeError(error) })
      this.onFailure(this, error)
    }
  }

  private refuse(connection: RoomClient, error: unknown): void {
    const awareness = error instanceof AwarenessRefused
    this.logger.warn(awareness ? 'awareness refused' : 'malformed message', {
      board: this.boardId,
      connection: connection.id,
      reason: error instanceof ProtocolError || awareness ? error.message : 'unexpected',
    })
    this.cutOff(connection, awareness ? because(Closing.awarenessRefused, error.message) : Closing.malformedMessage)
  }

  /** Closes a connection for what it sent; whatever of it still waits in `writes` is dropped. */
  private cutOff(connection: RoomClient, closing: CloseReason): void {
    this.cutOffClients.add(connection)
    closeWith(connection, closing)
  }

  /** The name a client's presence shows others: the sign-in's on a board that requires one, else what it published. */
  private nameOf(client: RoomClient): string | undefined {
    if (client.signedInName) return client.signedInName
    const states = this.presence.awareness.getStates()
    for (const id of client.awarenessClientIds) {
      const name = (states.get(id) as { presence?: { userName?: unknown } } | undefined)?.presence?.userName
      if (typeof name === 'string' && name.trim()) return name
    }
    return undefined
  }

  private clientOf(origin: unknown): RoomClient | null {
    return this.connections.has(origin as RoomClient) ? (origin as RoomClient) : null
  }
}

/**
 * The rules leave nothing pending; should an update ever slip through, its pending part is
 * dropped, as it would be on the next load, so that it cannot slow every later update.
 */
function dropPending(doc: Y.Doc, logger: Logger, boardId: string): void {
  if (!doc.store.pendingStructs && !doc.store.pendingDs) return
  logger.error('pending update parts dropped', { board: boardId })
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
}

/**
 * A board's presence: who holds which awareness id, what each connection may announce and have
 * passed on (`awarenessGuard.ts`, `awarenessBudget.ts`), and the states sent to joiners and
 * askers. The room hands it every awareness frame and query and asks it for its share of each
 * fan-out (`presenceFanOut.ts`); states leave with their connection, not after 30 quiet seconds.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { encodeAwareness } from '../../shared/protocol.ts'
import { because, Closing, type CloseReason } from '../../shared/closeReasons.ts'
import { keepPeersUntilTheyLeave } from '../../shared/awarenessLifetime.ts'
import { vetAwarenessUpdate } from '../judge/awarenessGuard.ts'
import { vettedEntries } from '../judge/vettedEntries.ts'
import { AwarenessBudget } from '../judge/awarenessBudget.ts'
import { PresenceFanOut } from './presenceFanOut.ts'
import { PresenceOverRate } from './presenceOverRate.ts'
import { TokenBucket } from '../judge/tokenBucket.ts'
import type { Logger } from '../base/logger.ts'
import type { SyncBudget } from '../judge/syncBudget.ts'
import { addressShare, type RoomClient } from '../judge/roomClient.ts'

/** Awareness answers written in one turn before the rest wait for the next: a few ms of socket writes. */
export const awarenessAnswerBytesPerTurn = 4 * 1024 * 1024

/** Who may hold an awareness id again after leaving it: the same link from the same browser. */
const awarenessHolder = (client: RoomClient) => `${client.link}/${client.author ?? ''}`

/** Presence frames of one connection that may wait for its ids to be kept; later ones are dropped until then. */
const maxWaitingFrames = 16

/** The ids an awareness update announces a state for (not removals). */
const announcedIds = (update: Uint8Array): number[] => [...vettedEntries(update)].filter((entry) => !entry.departure).map((entry) => entry.id)

/** A state as the vetted awareness entry (id, clock, JSON) that set it. */
interface Arrived {
  clock: number
  entry: Uint8Array
}

/** How many awareness ids the room remembers the link of, after their holders left. */
const rememberedAwarenessIds = 10_000

/**
 * Query-awareness answers per connection: each encodes every state on the board. Plain
 * y-websocket never asks over its socket; ours asks at most every two seconds, when a presence
 * patch's base is missing (`client/sync/presencePatches.ts`). A few at once, then one per two seconds.
 */
const awarenessQueries = { perSecond: 0.5, burst: 3 }

export interface AwarenessSettings {
  maxAwarenessClientIds: number
  maxAwarenessBytes: number
  /** How often a client that asked for patches hears of people outside its view. */
  farPresenceMs: number
  /** Awareness bytes per second one connection may have fanned out (bursts of twice as many pass). */
  maxAwarenessBytesPerSecond?: number
  /** Awareness one address may have the board hold, and all on the board together (`awarenessBudget.ts`); unlimited unless set. */
  maxAwarenessBytesPerAddress?: number
  maxAwarenessBytesPerBoard?: number
  /** Awareness bytes per second one address may have passed on, all its sockets together; unlimited unless set. */
  maxAwarenessBytesPerSecondPerAddress?: number
  /** Sync answers per client address, shared by all rooms of the relay (`syncBudget.ts`). */
  syncBudget?: SyncBudget
}

/** What the relay asks of its room. */
export interface AwarenessHost {
  readonly boardId: string
  readonly logger: Logger
  readonly connections: ReadonlySet<RoomClient>
  clientOf(origin: unknown): RoomClient | null
  /** Something changed: a fan-out is due. */
  changed(): void
  /** Deferred presence fell due (`presenceFanOut.ts`). */
  presenceDue(): void
  /**
   * Whether a connection's presence may make an id public that it announces for the first time
   * (`clientIds.ts` keeps it for its announcer first); not passed on if false.
   */
  announcing(owner: RoomClient, id: number): boolean | Promise<boolean>
  cutOff(connection: RoomClient, closing: CloseReason): void
  refuse(connection: RoomClient, error: unknown): void
  guarded(work: () => void): void
  isDestroyed(): boolean
}

export class AwarenessRelay {
  readonly awareness: awarenessProtocol.Awareness
  private changedClients = new Set<number>()
  /** Which connection holds each awareness client id: only it may change that state. */
  private readonly owners = new Map<number, RoomClient>()
  /**
   * Which link and browser (author) last held each awareness id: nobody else may take it over. A
   * workshop shares one participant link, so the link alone would let anyone on it claim the id
   * of someone whose connection dropped, and her browser would take that state as its own.
   */
  private readonly links = new Map<number, string>()
  private readonly queries = new WeakMap<RoomClient, TokenBucket>()
  /** Presence frames of a connection waiting for its new ids to be kept (`passOn`), the last one's turn. */
  private readonly waiting = new Map<RoomClient, { frames: number; done: Promise<void> }>()
  private readonly bytes = new WeakMap<RoomClient, TokenBucket>()
  private readonly perAddress: AwarenessBudget
  /** Presence over its address's rate, waiting its turn (`presenceOverRate.ts`). */
  private readonly overRate: PresenceOverRate<RoomClient>
  private readonly presence: PresenceFanOut
  /** For presence deferred while out of view (`presenceFanOut.ts`). */
  private presenceTimer: NodeJS.Timeout | null = null
  private presenceDueAt = 0
  /**
   * Each peer's state as the vetted entry that set it (`presenceFanOut.ts` sends it as it is): a
   * plenary of 500 moves 2,500 cursors a second, and stringifying and encoding each again was a
   * share of every fan-out.
   */
  private readonly arrived = new Map<number, Arrived>()
  /** Every state on the board as one awareness message, for joiners and queries; dropped on any change. */
  private allStates: Uint8Array | null = null
  /** Answers written this turn, in bytes, and the queries waiting for a later turn (`sendAll`). */
  private answerBytes = 0
  private readonly answersWaiting = new Set<RoomClient>()
  private answersTurn: NodeJS.Immediate | null = null

  constructor(
    doc: Y.Doc,
    private readonly settings: AwarenessSettings,
    private readonly host: AwarenessHost,
  ) {
    this.perAddress = new AwarenessBudget({
      maxBytesPerAddress: settings.maxAwarenessBytesPerAddress ?? Infinity,
      maxBytesPerBoard: settings.maxAwarenessBytesPerBoard ?? Infinity,
      bytesPerSecondPerAddress: settings.maxAwarenessBytesPerSecondPerAddress ?? Infinity,
    })
    this.overRate = new PresenceOverRate((share, connection, update) => this.passWithinAddress(share, connection, update), (work) => host.guarded(work))
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    // A state leaves with its connection (`left`), not after 30 quiet seconds.
    keepPeersUntilTheyLeave(this.awareness)
    this.presence = new PresenceFanOut(this.awareness, {
      farIntervalMs: settings.farPresenceMs,
      arrivedEntry: (clientId, clock) => {
        const arrived = this.arrived.get(clientId)
        return arrived?.clock === clock ? arrived.entry : undefined
      },
    })
    this.awareness.on('update', this.onUpdate)
  }

  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const owner = this.host.clientOf(origin)
    this.allStates = null
    // By what the awareness holds once the update is through: one frame may take an id back and
    // set it again (`removed` and `updated` both name it), and the state is then still its owner's.
    for (const id of new Set([...added, ...updated, ...removed])) {
      this.changedClients.add(id)
      if (this.awareness.states.has(id)) {
        if (owner) this.hold(owner, id)
        continue
      }
      this.arrived.delete(id)
      this.perAddress.forget(id)
      this.owners.get(id)?.awarenessClientIds.delete(id)
      this.owners.delete(id)
    }
    this.host.changed()
  }

  /** Whether a fan-out has awareness to send. */
  get hasChanges(): boolean {
    return this.changedClients.size > 0
  }

  /** A joiner gets every state, counted like a sync answer; an address past its budget gets states as they change. */
  joined(connection: RoomClient): void {
    if (this.awareness.getStates().size > 0 && this.withinSyncBudget(connection)) this.sendAll(connection)
  }

  left(connection: RoomClient): void {
    this.presence.forget(connection)
    this.overRate.forget(connection)
    this.answersWaiting.delete(connection)
    this.waiting.delete(connection)
    if (this.host.isDestroyed()) return
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], 'closed')
  }

  receive(connection: RoomClient, update: Uint8Array): void {
    let vetted: Uint8Array | null
    try {
      vetted = vetAwarenessUpdate(update, {
        role: connection.role,
        name: connection.signedInName,
        isForeign: (id) => this.isForeign(connection, id),
        held: connection.awarenessClientIds,
        clockOf: (id) => this.awareness.meta.get(id)?.clock,
        maxClientIds: this.settings.maxAwarenessClientIds,
        // `meta` keeps the clock of everyone who was here (it grows only by ids people held), so
        // departures echoed back fit too.
        maxEntries: this.settings.maxAwarenessClientIds + this.awareness.meta.size,
        maxStateBytes: this.settings.maxAwarenessBytes,
      })
    } catch (error) {
      this.host.refuse(connection, error)
      return
    }
    if (!vetted || !this.admitBytes(connection, vetted)) return
    // Served through another relay process, the address is not known here: all on one link share a budget.
    const share = addressShare(connection, `link:${connection.link}`)
    // Behind what its address has waiting for the rate: in the order it came.
    if (this.overRate.has(share)) return this.overRate.wait(share, connection, vetted)
    const retryInMs = this.passWithinAddress(share, connection, vetted)
    if (retryInMs !== null) this.overRate.wait(share, connection, vetted, retryInMs)
  }

  /**
   * Applies (and so passes on) a connection's vetted presence, once every id it announces for the
   * first time is kept for it (`AwarenessHost.announcing`); its later frames wait behind it, in
   * order, at most `maxWaitingFrames` (presence is sent whole again soon). A frame whose id is not
   * kept is not passed on.
   */
  private passOn(connection: RoomClient, vetted: Uint8Array): void {
    const apply = () =>
      this.host.guarded(() => {
        const arriving = this.arriving(vetted)
        awarenessProtocol.applyAwarenessUpdate(this.awareness, vetted, connection)
        this.keepArrived(arriving)
      })
    const waiting = this.waiting.get(connection)
    if (waiting && waiting.frames >= maxWaitingFrames) return
    const answers = announcedIds(vetted)
      .filter((id) => this.owners.get(id) !== connection)
      .map((id) => this.host.announcing(connection, id))
    if (!waiting && answers.every((answer) => answer === true)) return apply()
    if (!waiting && answers.some((answer) => answer === false)) return
    const turn = { frames: (waiting?.frames ?? 0) + 1, done: Promise.resolve() }
    turn.done = (waiting?.done ?? Promise.resolve())
      .then(() => Promise.all(answers))
      .then((kept) => {
        if (kept.every(Boolean) && connection.isOpen && !this.host.isDestroyed()) apply()
      })
      .finally(() => {
        if (this.waiting.get(connection) === turn) this.waiting.delete(connection)
      })
    this.waiting.set(connection, turn)
  }

  /**
   * Per id, the entry of `vetted` whose state the awareness takes when it is applied, by
   * y-protocols' rule (a state at a later clock than the one held, a departure at the same one
   * too), or null where it then holds none; read before applying. Only the first state at a clock
   * is taken: an id named twice at one clock, in one frame or in two vetted before either was
   * applied, would otherwise have the second passed on and the first held and sent to joiners.
   */
  private arriving(vetted: Uint8Array): Map<number, Arrived | null> {
    const arriving = new Map<number, Arrived | null>()
    const clocks = new Map<number, number>()
    for (const { id, clock, departure, bytes } of vettedEntries(vetted)) {
      const held = clocks.get(id) ?? this.awareness.meta.get(id)?.clock ?? 0
      if (clock > held) {
        clocks.set(id, clock)
        arriving.set(id, departure ? null : { clock, entry: bytes })
      } else if (clock === held && departure) arriving.set(id, null)
    }
    return arriving
  }

  /** Notes the arriving entries whose state the awareness now holds, at their clock. */
  private keepArrived(arriving: Map<number, Arrived | null>): void {
    for (const [id, arrived] of arriving) {
      if (arrived && this.awareness.meta.get(id)?.clock === arrived.clock && this.awareness.states.has(id)) this.arrived.set(id, arrived)
    }
  }

  /** Once every presence frame now waiting for its ids to be kept is applied or dropped. */
  settled(): Promise<void> {
    return Promise.all([...this.waiting.values()].map((turn) => turn.done)).then(() => {})
  }

    /** A client asks for every state (a presence patch's base is missing). */
  query(connection: RoomClient): void {
    if (!this.admitQuery(connection)) return
    // Answered in the connection's order: after its own presence still waiting for its ids.
    const waiting = this.waiting.get(connection)
    if (waiting) {
      void waiting.done.then(() => connection.isOpen && !this.host.isDestroyed() && this.answerQuery(connection))
      return
    }
    this.answerQuery(connection)
  }

  private answerQuery(connection: RoomClient): void {
    if (this.withinSyncBudget(connection)) this.host.guarded(() => this.sendAll(connection))
    else {
      this.host.logger.warn('awareness answers refused: address over budget', { board: this.host.boardId, connection: connection.id })
      this.host.cutOff(connection, Closing.tooManyAwarenessAnswers)
    }
  }

  /**
   * Whether another link or browser announced `id` in its presence (`clientIds.ts`); by holder,
   * not by connection: a tab back after a drop may write before its old socket is noticed gone.
   */
  announcedByOthers(connection: RoomClient, id: number): boolean {
    const owner = this.owners.get(id)
    const announcer = owner ? awarenessHolder(owner) : this.links.get(id)
    return announcer !== undefined && announcer !== awarenessHolder(connection)
  }

  /** The awareness share of a fan-out; deferred presence is due later (`presenceDue`). */
  flush(): void {
    const changed = this.changedClients
    this.changedClients = new Set()
    const now = performance.now()
    const nextDue = this.presence.fanOut(this.host.connections, changed, now)
    if (nextDue === null || (this.presenceTimer && this.presenceDueAt <= now + nextDue)) return
    if (this.presenceTimer) clearTimeout(this.presenceTimer)
    this.presenceDueAt = now + nextDue
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null
      this.host.presenceDue()
    }, nextDue)
  }

  destroy(): void {
    if (this.presenceTimer) clearTimeout(this.presenceTimer)
    if (this.answersTurn) clearImmediate(this.answersTurn)
    this.overRate.destroy()
    this.answersWaiting.clear()
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private admitQuery(connection: RoomClient): boolean {
    let queries = this.queries.get(connection)
    if (!queries) this.queries.set(connection, (queries = new TokenBucket(awarenessQueries.perSecond, awarenessQueries.burst)))
    if (queries.take(1)) return true
    this.host.logger.warn('awareness queries refused', { board: this.host.boardId, connection: connection.id })
    this.host.cutOff(connection, Closing.tooManyAwarenessQueries)
    return false
  }

  /** Counts what the connection's awareness makes the relay send everyone: its own states, not echoes of others'. */
  private admitBytes(connection: RoomClient, vetted: Uint8Array): boolean {
    const perSecond = this.settings.maxAwarenessBytesPerSecond
    if (perSecond === undefined) return true
    let bucket = this.bytes.get(connection)
    if (!bucket) this.bytes.set(connection, (bucket = new TokenBucket(perSecond)))
    if (bucket.take(vetted.byteLength)) return true
    this.host.logger.warn('awareness over budget', { board: this.host.boardId, connection: connection.id, maxAwarenessBytesPerSecond: perSecond })
    this.host.cutOff(connection, Closing.tooMuchAwareness)
    return false
  }

  /**
   * Passes `vetted` on within what the connection's address may hold and pass on, all its sockets
   * together (`awarenessBudget.ts`): null once done with (passed on, or refused and the
   * connection cut off), else the ms until the address's rate may allow it.
   */
  private passWithinAddress(share: string, connection: RoomClient, vetted: Uint8Array): number | null {
    if (!connection.isOpen || this.host.isDestroyed()) return null
    const verdict = this.perAddress.admit(share, vetted)
    if (verdict.pass) {
      this.passOn(connection, vetted)
      return null
    }
    if (verdict.refused === null) {
      if (verdict.retryInMs < Infinity) return verdict.retryInMs
      this.host.logger.debug('awareness not passed on: more than the address’s rate allows at once', { board: this.host.boardId, connection: connection.id })
      return null
    }
    this.host.logger.warn('awareness refused', { board: this.host.boardId, connection: connection.id, reason: verdict.refused })
    this.host.cutOff(connection, because(Closing.awarenessRefused, verdict.refused))
    return null
  }

  private isForeign(connection: RoomClient, id: number): boolean {
    const owner = this.owners.get(id)
    if (owner !== undefined) return owner !== connection
    const holder = this.links.get(id)
    return holder !== undefined && holder !== awarenessHolder(connection)
  }

  private hold(owner: RoomClient, id: number): void {
    if (this.owners.get(id) === owner) return
    owner.awarenessClientIds.add(id)
    this.owners.set(id, owner)
    this.links.delete(id)
    this.links.set(id, awarenessHolder(owner))
    // Forget the oldest ids nobody holds any more, so reconnect churn cannot grow the map.
    if (this.links.size <= rememberedAwarenessIds) return
    for (const old of this.links.keys()) {
      if (this.links.size <= rememberedAwarenessIds) break
      if (!this.owners.has(old)) this.links.delete(old)
    }
  }

  /** Whether the connection's address may be sent more of what it asks for (`syncBudget.ts`). */
  private withinSyncBudget(connection: RoomClient): boolean {
    const { syncBudget } = this.settings
    return !syncBudget || !connection.address || syncBudget.allows(connection.address)
  }

  /**
   * Sends everyone's states to a joiner or an asker: encoded once until a state changes (the same
   * bytes in memory for all) and counted against the address's sync budget, as the board is; at
   * once while this turn's answers are under `awarenessAnswerBytesPerTurn`, else in a later turn.
   * Sixty sockets asking at once for 4 MiB of states each had the relay write 240 MB in one turn
   * (146 ms of every board's time).
   */
  private sendAll(connection: RoomClient): void {
    if (this.answersWaiting.size > 0 || this.answerBytes >= awarenessAnswerBytesPerTurn) {
      this.answersWaiting.add(connection)
      this.answersTurn ??= setImmediate(() => this.answerWaiting())
      return
    }
    this.answer(connection)
  }

  private answer(connection: RoomClient): void {
    if (!connection.isOpen || !this.host.connections.has(connection)) return
    this.allStates ??= encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]))
    if (this.settings.syncBudget && connection.address) this.settings.syncBudget.spend(connection.address, this.allStates.byteLength)
    connection.send(this.allStates, true)
    this.presence.sentAll(connection, performance.now())
    if (this.answerBytes === 0) setImmediate(() => (this.answerBytes = 0))
    this.answerBytes += this.allStates.byteLength
  }

  /** The queries that waited, this turn's share of them (at least one). */
  private answerWaiting(): void {
    this.answersTurn = null
    this.answerBytes = 0
    for (const connection of this.answersWaiting) {
      if (this.host.isDestroyed() || this.answerBytes >= awarenessAnswerBytesPerTurn) break
      this.answersWaiting.delete(connection)
      this.host.guarded(() => this.answer(connection))
    }
    if (this.answersWaiting.size > 0 && !this.host.isDestroyed()) this.answersTurn = setImmediate(() => this.answerWaiting())
  }
}

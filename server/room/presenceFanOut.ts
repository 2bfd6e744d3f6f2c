/**
 * Awareness fan-out in a plenary. With 200 people on a board every cursor move used to reach
 * every laptop as a whole presence state, 25 times a second: several hundred kB/s per laptop,
 * more than a venue's Wi-Fi carries for a room. Clients that ask for it (our own, see
 * `shared/presencePatch.ts`) get less:
 * - people whose cursor is near what the recipient looks at, at every tick, as patches (what
 *   changed since the state the recipient holds) rather than whole states;
 * - everyone else at most once per `farIntervalMs`, so that the people list still knows them
 *   and where they are, without their every move.
 * Plain y-websocket clients get every change as a whole state, as the protocol says.
 */
import type { Awareness } from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import { encodeAwareness } from '../../shared/protocol.ts'
import { diffStates, encodePatchEntry, encodePresencePatches } from '../../shared/presencePatch.ts'

/** What the fan-out needs of a connection. */
export interface PresenceRecipient {
  readonly presencePatches?: boolean
  readonly awarenessClientIds: ReadonlySet<number>
  send(message: Uint8Array): void
}

export interface PresenceOptions {
  /** How often a recipient hears of someone outside its view. */
  farIntervalMs: number
  /**
   * A peer's state at `clock` as the awareness entry it arrived in (id, clock, JSON), if that is
   * what the awareness holds: sent as it is instead of stringified and encoded again.
   */
  arrivedEntry?(clientId: number, clock: number): Uint8Array | undefined
}

type JsonObject = Record<string, unknown>

interface Viewport {
  pageId: unknown
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** One peer's change in this fan-out, encoded once for every recipient. */
interface Change {
  clientId: number
  clock: number
  /** The whole state as an awareness entry; made when a recipient first needs it. */
  full?: Uint8Array
  /** The state recipients held after the last fan-out, which a patch starts from. */
  base: { clock: number; state: JsonObject } | undefined
  /** Made when a recipient first needs it; null where it would not be smaller than `full`. */
  patch?: Uint8Array | null
  removed: boolean
  pageId: unknown
  cursor: { x: number; y: number } | null
}

interface Received {
  clock: number
  at: number
}

interface RecipientState {
  received: Map<number, Received>
  /** Peers that changed while out of view and are not yet sent. */
  deferred: Set<number>
}

export class PresenceFanOut {
  /** Each peer's state as of the last fan-out: the base of its next patch. */
  private readonly last = new Map<number, { clock: number; state: JsonObject }>()
  private readonly recipients = new Map<PresenceRecipient, RecipientState>()

  constructor(
    private readonly awareness: Awareness,
    private readonly options: PresenceOptions,
  ) {}

  /**
   * Sends every recipient what it should get now of the peers in `changed` and of what was
   * deferred before. Returns the ms until something deferred is due, or null if nothing is.
   */
  fanOut(recipients: Iterable<PresenceRecipient>, changed: ReadonlySet<number>, now: number): number | null {
    const changes = new Map<number, Change>()
    for (const clientId of changed) changes.set(clientId, this.describe(clientId))
    // Deferred peers, described once for all recipients that are due to hear of them.
    const deferred = new Map<number, Change>()
    let everything: Uint8Array | null = null
    let nextDue: number | null = null
    for (const recipient of recipients) {
      if (!recipient.presencePatches) {
        if (changes.size > 0) recipient.send((everything ??= awarenessMessage([...changes.values()].map((c) => this.fullOf(c)))))
        continue
      }
      const due = this.fanOutTo(recipient, changes, deferred, now)
      if (due !== null) nextDue = Math.min(nextDue ?? due, due)
    }
    for (const change of changes.values()) if (change.removed) this.forgetPeer(change.clientId)
    return nextDue
  }

  /** The recipient was sent every current state (on connecting, or when it asked). */
  sentAll(recipient: PresenceRecipient, now: number): void {
    if (!recipient.presencePatches) return
    const state = this.stateOf(recipient)
    state.deferred.clear()
    for (const [clientId, meta] of this.awareness.meta) {
      if (this.awareness.states.has(clientId)) state.received.set(clientId, { clock: meta.clock, at: now })
    }
  }

  forget(recipient: PresenceRecipient): void {
    this.recipients.delete(recipient)
  }

  private fanOutTo(recipient: PresenceRecipient, changes: Map<number, Change>, deferred: Map<number, Change>, now: number): number | null {
    const state = this.stateOf(recipient)
    const view = this.viewportOf(recipient)
    const full: Uint8Array[] = []
    const patches: Uint8Array[] = []
    let nextDue: number | null = null
    const consider = (change: Change) => {
      if (recipient.awarenessClientIds.has(change.clientId)) return
      const received = state.received.get(change.clientId)
      // A departure keeps its clock; it only matters to a recipient that knew the person.
      if (change.removed ? !received : received && received.clock >= change.clock) return
      const near = change.removed || !received || !view || change.cursor === null || inView(view, change)
      if (!near && now - received.at < this.options.farIntervalMs) {
        state.deferred.add(change.clientId)
        nextDue = Math.min(nextDue ?? Infinity, received.at + this.options.farIntervalMs - now)
        return
      }
      state.deferred.delete(change.clientId)
      if (change.removed) state.received.delete(change.clientId)
      else state.received.set(change.clientId, { clock: change.clock, at: now })
      const patch = received && received.clock === change.base?.clock ? this.patchOf(change) : null
      if (patch) patches.push(patch)
      else full.push(this.fullOf(change))
    }
    for (const change of changes.values()) consider(change)
    for (const clientId of state.deferred) {
      if (changes.has(clientId)) continue
      if (!this.awareness.states.has(clientId)) {
        state.deferred.delete(clientId)
        continue
      }
      // Not yet due and still out of view: nothing to make. (Its base moved on with later
      // fan-outs, so once due it gets a whole state.)
      const received = state.received.get(clientId)
      const position = positionOf(this.awareness.states.get(clientId) as JsonObject)
      if (received && now - received.at < this.options.farIntervalMs && view && position.cursor && !inView(view, position)) {
        nextDue = Math.min(nextDue ?? Infinity, received.at + this.options.farIntervalMs - now)
        continue
      }
      let change = deferred.get(clientId)
      if (!change) deferred.set(clientId, (change = this.describeCurrent(clientId, undefined)))
      consider(change)
    }
    if (full.length > 0) recipient.send(awarenessMessage(full))
    if (patches.length > 0) recipient.send(encodePresencePatches(patches))
    return nextDue
  }

  private describe(clientId: number): Change {
    const change = this.describeCurrent(clientId, this.last.get(clientId))
    const current = this.awareness.states.get(clientId) as JsonObject | undefined
    if (current) this.last.set(clientId, { clock: change.clock, state: current })
    return change
  }

  private patchOf(change: Change): Uint8Array | null {
    if (change.patch !== undefined) return change.patch
    const current = this.awareness.states.get(change.clientId) as JsonObject | undefined
    change.patch = null
    if (!current || !change.base) return null
    const patch = JSON.stringify(diffStates(change.base.state as never, current as never))
    const { clientId, clock } = change
    if (patch.length < this.fullOf(change).byteLength) change.patch = encodePatchEntry({ clientId, clock, baseClock: change.base.clock, patch })
    return change.patch
  }

  private describeCurrent(clientId: number, base: Change['base']): Change {
    const state = this.awareness.states.get(clientId) as JsonObject | undefined
    const clock = this.awareness.meta.get(clientId)?.clock ?? 0
    return { clientId, clock, base, removed: !state, ...(state ? positionOf(state) : { pageId: undefined, cursor: null }) }
  }

  private fullOf(change: Change): Uint8Array {
    if (change.full) return change.full
    const state = this.awareness.states.get(change.clientId)
    const arrived = change.removed || !state ? undefined : this.options.arrivedEntry?.(change.clientId, change.clock)
    if (arrived) return (change.full = arrived)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, change.clientId)
    encoding.writeVarUint(encoder, change.clock)
    encoding.writeVarString(encoder, change.removed || !state ? 'null' : JSON.stringify(state))
    return (change.full = encoding.toUint8Array(encoder))
  }

  private forgetPeer(clientId: number): void {
    this.last.delete(clientId)
    for (const state of this.recipients.values()) {
      state.received.delete(clientId)
      state.deferred.delete(clientId)
    }
  }

  private stateOf(recipient: PresenceRecipient): RecipientState {
    let state = this.recipients.get(recipient)
    if (!state) this.recipients.set(recipient, (state = { received: new Map(), deferred: new Set() }))
    return state
  }

  /** What the recipient looks at, in page coordinates, widened by half a screen on each side. */
  private viewportOf(recipient: PresenceRecipient): Viewport | null {
    for (const clientId of recipient.awarenessClientIds) {
      const state = this.awareness.states.get(clientId) as JsonObject | undefined
      const presence = state ? objectField(state, 'presence') : null
      const camera = presence ? objectField(presence, 'camera') : null
      const screen = presence ? objectField(presence, 'screenBounds') : null
      if (!camera || !screen) continue
      const { x, y, z } = camera
      const { w, h } = screen
      if (![x, y, z, w, h].every(isFiniteNumber) || (z as number) <= 0) continue
      const width = (w as number) / (z as number)
      const height = (h as number) / (z as number)
      return {
        pageId: presence!.currentPageId,
        minX: -(x as number) - width / 2,
        maxX: -(x as number) + width * 1.5,
        minY: -(y as number) - height / 2,
        maxY: -(y as number) + height * 1.5,
      }
    }
    return null
  }
}

/** Where someone's cursor is, from their presence. */
function positionOf(state: JsonObject): Pick<Change, 'pageId' | 'cursor'> {
  const presence = objectField(state, 'presence')
  const cursor = presence ? objectField(presence, 'cursor') : null
  return {
    pageId: presence?.currentPageId,
    cursor: cursor && isFiniteNumber(cursor.x) && isFiniteNumber(cursor.y) ? { x: cursor.x, y: cursor.y } : null,
  }
}

function inView(view: Viewport, { pageId, cursor }: Pick<Change, 'pageId' | 'cursor'>): boolean {
  const { x, y } = cursor!
  return pageId === view.pageId && x >= view.minX && x <= view.maxX && y >= view.minY && y <= view.maxY
}

function awarenessMessage(entries: Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) encoding.writeUint8Array(encoder, entry)
  return encodeAwareness(encoding.toUint8Array(encoder))
}

function objectField(value: JsonObject, key: string): JsonObject | null {
  const field = value[key]
  return typeof field === 'object' && field !== null && !Array.isArray(field) ? (field as JsonObject) : null
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

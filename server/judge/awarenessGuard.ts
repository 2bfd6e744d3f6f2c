/**
 * Vets a client's awareness update before the room applies it. Awareness is self-declared and
 * fanned out to everyone, so the relay makes these things true that others rely on:
 * - a connection only speaks for its own awareness client ids (nobody can move or remove
 *   someone else's cursor, or rename them);
 * - a connection holds a few ids at most (an update may echo others' states; those are dropped), each state a JSON object of bounded size and depth: an
 *   unbounded one costs every client memory and bandwidth, and one too deep to stringify would
 *   throw in the room's next tick;
 * - the `workshop.role` field that the facilitation tools read is the role of the link the
 *   connection was opened with, whatever the client wrote there;
 * - on a board that requires sign-in, the name others see (`presence.userName`) is the one from
 *   the connection's sign-in.
 */
import * as decoding from 'lib0/decoding'
import type { Role } from '../../shared/access.ts'
import { workshopField } from '../../shared/board/entries/roles.ts'

/** The awareness field tldraw's presence travels in (`client/sync/presenceBridge.ts`). */
const presenceField = 'presence'
import { encodeAwarenessEntries, ProtocolError, type AwarenessEntry } from '../../shared/protocol.ts'

/** A state that breaks a limit: the connection is closed with `CloseCode.awarenessTooLarge`. */
export class AwarenessRefused extends Error {
  override name = 'AwarenessRefused'
}

export interface AwarenessPolicy {
  role: Role
  /** The sign-in's name, on a board that requires sign-in. */
  name?: string
  /** True for ids this connection may not speak for (held by another connection or link). */
  isForeign(clientId: number): boolean
  /** Ids the connection already holds. */
  held: ReadonlySet<number>
  /** The clock the room has for an id, if it ever saw it. */
  clockOf(clientId: number): number | undefined
  maxClientIds: number
  /**
   * Entries one update may hold. y-websocket sends every change it hears back, others' states
   * included (dropped here as foreign): so as many as the room knows, plus the client's own.
   */
  maxEntries: number
  maxStateBytes: number
}

/** Presence nests cursor, camera and selection a few levels; a state deeper than this is not ours. */
export const maxAwarenessDepth = 16

/**
 * The update with foreign client ids left out and the role stamped into every state, or null
 * when nothing is left. Throws ProtocolError on an update that does not decode or a state that is
 * not an object, AwarenessRefused when it breaks a limit.
 */
export function vetAwarenessUpdate(update: Uint8Array, policy: AwarenessPolicy): Uint8Array | null {
  const entries: AwarenessEntry[] = []
  const claimed = new Set(policy.held)
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    if (count > policy.maxEntries) throw new AwarenessRefused('too many awareness states')
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      if (policy.isForeign(clientId)) continue
      if (state.trim() === 'null') {
        // Only one's own departure means anything; echoed ones of others would only make the
        // room remember ids (y-protocols keeps a clock for every id it is told of).
        if (policy.held.has(clientId)) entries.push({ clientId, clock, state: 'null' })
        continue
      }
      // An echo of a state the room already has changes nothing.
      const known = policy.clockOf(clientId)
      if (known !== undefined && clock <= known) continue
      // Refused before its state is read: a new id beyond the limit is not ours to parse.
      if (!claimed.has(clientId) && claimed.size >= policy.maxClientIds) throw new AwarenessRefused('too many awareness client ids')
      if (state.length > policy.maxStateBytes || Buffer.byteLength(state) > policy.maxStateBytes) {
        throw new AwarenessRefused('awareness state too large')
      }
      const stamped = stampRole(state, policy.role, policy.name)
      if (stamped !== null) claimed.add(clientId)
      entries.push({ clientId, clock, state: stamped === null ? 'null' : stamped })
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes')
  } catch (error) {
    if (error instanceof ProtocolError || error instanceof AwarenessRefused) throw error
    throw new ProtocolError('malformed awareness update')
  }
  return entries.length === 0 ? null : encodeAwarenessEntries(entries)
}

/** The state with the link's role in it, or null when the client left (`null` state). */
function stampRole(json: string, role: Role, name?: string): string | null {
  let state: unknown
  try {
    state = JSON.parse(json)
  } catch {
    throw new ProtocolError('awareness state is not JSON')
  }
  if (state === null) return null
  if (typeof state !== 'object' || Array.isArray(state)) throw new ProtocolError('awareness state is not an object')
  if (depthOf(state) > maxAwarenessDepth) throw new AwarenessRefused('awareness state too deep')
  const current = (state as Record<string, unknown>)[workshopField]
  const workshop = current && typeof current === 'object' && !Array.isArray(current) ? current : {}
  const presence = (state as Record<string, unknown>)[presenceField]
  const named = name !== undefined && presence && typeof presence === 'object' && !Array.isArray(presence) ? { [presenceField]: { ...presence, userName: name } } : {}
  return JSON.stringify({ ...state, ...named, [workshopField]: { ...workshop, role } })
}

/** Walked without recursion: the point is to refuse what recursion cannot handle. */
function depthOf(root: object): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[root, 1]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!
    if (value === null || typeof value !== 'object') continue
    deepest = Math.max(deepest, depth)
    if (deepest > maxAwarenessDepth) return deepest
    for (const child of Object.values(value)) stack.push([child, depth + 1])
  }
  return deepest
}

/**
 * Vets a client's awareness update before the room applies it. Awareness is self-declared, so
 * the relay makes two things true that others rely on:
 * - a connection only speaks for its own awareness client ids (nobody can move or remove
 *   someone else's cursor, or rename them);
 * - the `workshop.role` field that the facilitation tools read is the role of the link the
 *   connection was opened with, whatever the client wrote there.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Role } from '../shared/access.ts'
import { ProtocolError } from '../shared/protocol.ts'

/** The awareness field carrying the access role (see `shared/facilitation/workshopRoles.ts`). */
export const workshopField = 'workshop'

interface Entry {
  clientId: number
  clock: number
  state: string
}

/**
 * The update with foreign client ids left out and the role stamped into every state, or null
 * when nothing is left. Throws ProtocolError on an update that does not decode.
 */
export function vetAwarenessUpdate(update: Uint8Array, role: Role, isForeign: (clientId: number) => boolean): Uint8Array | null {
  const entries: Entry[] = []
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      if (!isForeign(clientId)) entries.push({ clientId, clock, state: stampRole(state, role) })
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes')
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError('malformed awareness update')
  }
  if (entries.length === 0) return null
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.state)
  }
  return encoding.toUint8Array(encoder)
}

function stampRole(json: string, role: Role): string {
  const state: unknown = JSON.parse(json)
  // `null` means "this client left"; anything else that is not an object is left as sent.
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return json
  const current = (state as Record<string, unknown>)[workshopField]
  const workshop = current && typeof current === 'object' && !Array.isArray(current) ? current : {}
  return JSON.stringify({ ...state, [workshopField]: { ...workshop, role } })
}

import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { AwarenessRefused, maxAwarenessDepth, vetAwarenessUpdate, type AwarenessPolicy } from '../../server/judge/awarenessGuard.ts'
import type { Role } from '../../shared/access.ts'
import { ProtocolError } from '../../shared/protocol.ts'

/** An awareness update as a y-websocket client sends it, for the given states. */
function updateFor(states: Record<number, unknown>): Uint8Array {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  for (const [id, state] of Object.entries(states)) awareness.states.set(Number(id), state as Record<string, unknown>)
  for (const id of Object.keys(states)) awareness.meta.set(Number(id), { clock: 1, lastUpdated: 0 })
  return awarenessProtocol.encodeAwarenessUpdate(awareness, Object.keys(states).map(Number))
}

const policy = (role: Role, isForeign: (id: number) => boolean = () => false, held: number[] = []): AwarenessPolicy => ({
  role,
  isForeign,
  held: new Set(held),
  maxClientIds: 4,
  maxEntries: 16,
  clockOf: () => undefined,
  maxStateBytes: 1024,
})

/** What a room would hold after applying the vetted update. */
function applied(update: Uint8Array | null) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  if (update) awarenessProtocol.applyAwarenessUpdate(awareness, update, 'test')
  const states = Object.fromEntries(awareness.getStates())
  delete states[awareness.clientID]
  return states
}

describe('vetting awareness updates', () => {
  it('stamps the role of the link into every state, whatever the client claimed', () => {
    const update = updateFor({ 7: { presence: { userName: 'Ada' }, workshop: { role: 'facilitator' } }, 8: { presence: {} } })
    expect(applied(vetAwarenessUpdate(update, policy('participant')))).toEqual({
      7: { presence: { userName: 'Ada' }, workshop: { role: 'participant' } },
      8: { presence: {}, workshop: { role: 'participant' } },
    })
  })

  it('on a board that requires sign-in, writes the name of the sign-in into the presence, whatever the client claimed', () => {
    const update = updateFor({ 7: { presence: { userName: 'Chefin', color: '#f00' } }, 8: { workshop: {} } })
    expect(applied(vetAwarenessUpdate(update, { ...policy('participant'), name: 'Mira Mitglied' }))).toEqual({
      7: { presence: { userName: 'Mira Mitglied', color: '#f00' }, workshop: { role: 'participant' } },
      8: { workshop: { role: 'participant' } },
    })
  })

  it("drops states for client ids another connection owns: nobody moves someone else's cursor", () => {
    const update = updateFor({ 7: { presence: { userName: 'Fake' } }, 9: { presence: { userName: 'Me' } } })
    expect(applied(vetAwarenessUpdate(update, policy('observer', (id) => id === 7)))).toEqual({
      9: { presence: { userName: 'Me' }, workshop: { role: 'observer' } },
    })
    expect(vetAwarenessUpdate(updateFor({ 7: {} }), policy('observer', () => true))).toBeNull()
  })

  it('drops a dozen echoed states of others and keeps the own one, but refuses more entries than the room knows', () => {
    const states = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [100 + i, { presence: { userName: `P${i}` } }]))
    const echo = updateFor(states)
    expect(applied(vetAwarenessUpdate(echo, policy('participant', (id) => id !== 112)))).toEqual({
      112: { presence: { userName: 'P12' }, workshop: { role: 'participant' } },
    })
    expect(() => vetAwarenessUpdate(echo, { ...policy('participant', (id) => id !== 112), maxEntries: 12 })).toThrow(AwarenessRefused)
  })

  it('drops departures of ids the connection does not hold and echoes of states the room has, so nobody can make the room remember ids', () => {
    const encoder = encoding.createEncoder()
    const ids = Array.from({ length: 12 }, (_, i) => 300 + i)
    encoding.writeVarUint(encoder, ids.length + 1)
    for (const id of ids) {
      encoding.writeVarUint(encoder, id)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, 'null')
    }
    // An echo of a state the room holds at clock 5: nothing new.
    encoding.writeVarUint(encoder, 400)
    encoding.writeVarUint(encoder, 5)
    encoding.writeVarString(encoder, '{"presence":{}}')
    const vetted = vetAwarenessUpdate(encoding.toUint8Array(encoder), { ...policy('participant', () => false, [301]), clockOf: (id) => (id === 400 ? 5 : undefined) })
    // Only the own departure is left.
    const decoder = decoding.createDecoder(vetted!)
    expect(decoding.readVarUint(decoder)).toBe(1)
    expect(decoding.readVarUint(decoder)).toBe(301)
  })

  it('refuses a fifth new id before reading its state', () => {
    const states = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [500 + i, { presence: {} }]))
    expect(() => vetAwarenessUpdate(updateFor(states), policy('participant'))).toThrow(AwarenessRefused)
  })

  it('refuses updates that do not decode', () => {
    const good = updateFor({ 7: { a: 1 } })
    for (const bad of [good.slice(0, good.length - 2), Uint8Array.of(...good, 0), Uint8Array.of(1, 7, 1, 3, 0x7b, 0x7b, 0x7b)]) {
      expect(() => vetAwarenessUpdate(bad, policy('participant'))).toThrow(ProtocolError)
    }
  })

  it('refuses states that are not objects: an array nested thousands deep crashed the relay', () => {
    const raw = (json: string) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint(encoder, 7)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, json)
      return encoding.toUint8Array(encoder)
    }
    const generous = { ...policy('observer'), maxStateBytes: 64 * 1024 }
    for (const json of ['['.repeat(6000) + ']'.repeat(6000), '42', '"me"', '[1]']) {
      expect(() => vetAwarenessUpdate(raw(json), generous)).toThrow(ProtocolError)
    }
  })

  it('refuses states too large or too deep, and more client ids than a connection needs', () => {
    const refused = (update: Uint8Array, held: number[] = []) =>
      expect(() => vetAwarenessUpdate(update, policy('observer', () => false, held))).toThrow(AwarenessRefused)
    refused(updateFor({ 7: { name: 'x'.repeat(2000) } }))
    let deep: Record<string, unknown> = {}
    for (let i = 0; i < maxAwarenessDepth; i++) deep = { a: deep }
    refused(updateFor({ 7: deep }))
    refused(updateFor(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [i + 1, {}]))))
    refused(updateFor({ 7: {}, 8: {} }), [1, 2, 3])
    // Leaving (a null state) and speaking again for ids already held are fine.
    expect(vetAwarenessUpdate(updateFor({ 1: {}, 2: null }), policy('observer', () => false, [1, 2, 3, 4]))).not.toBeNull()
  })
})

import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { vetAwarenessUpdate } from '../../server/awarenessGuard.ts'
import { ProtocolError } from '../../shared/protocol.ts'

/** An awareness update as a y-websocket client sends it, for the given states. */
function updateFor(states: Record<number, unknown>): Uint8Array {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  for (const [id, state] of Object.entries(states)) awareness.states.set(Number(id), state as Record<string, unknown>)
  for (const id of Object.keys(states)) awareness.meta.set(Number(id), { clock: 1, lastUpdated: 0 })
  return awarenessProtocol.encodeAwarenessUpdate(awareness, Object.keys(states).map(Number))
}

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
    expect(applied(vetAwarenessUpdate(update, 'participant', () => false))).toEqual({
      7: { presence: { userName: 'Ada' }, workshop: { role: 'participant' } },
      8: { presence: {}, workshop: { role: 'participant' } },
    })
  })

  it("drops states for client ids another connection owns: nobody moves someone else's cursor", () => {
    const update = updateFor({ 7: { presence: { userName: 'Fake' } }, 9: { presence: { userName: 'Me' } } })
    expect(applied(vetAwarenessUpdate(update, 'observer', (id) => id === 7))).toEqual({
      9: { presence: { userName: 'Me' }, workshop: { role: 'observer' } },
    })
    expect(vetAwarenessUpdate(updateFor({ 7: {} }), 'observer', () => true)).toBeNull()
  })

  it('refuses updates that do not decode', () => {
    const good = updateFor({ 7: { a: 1 } })
    for (const bad of [good.slice(0, good.length - 2), Uint8Array.of(...good, 0), Uint8Array.of(1, 7, 1, 3, 0x7b, 0x7b, 0x7b)]) {
      expect(() => vetAwarenessUpdate(bad, 'participant', () => false)).toThrow(ProtocolError)
    }
  })
})

import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import {
  decodeMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
} from '../../shared/protocol.ts'

describe('protocol codec', () => {
  const doc = new Y.Doc()
  doc.getMap('m').set('k', 'v')
  const update = Y.encodeStateAsUpdate(doc)
  const stateVector = Y.encodeStateVector(doc)

  it('round-trips every message the y-websocket client sends', () => {
    expect(decodeMessage(encodeSyncStep1(stateVector))).toEqual({ type: 'sync-step-1', stateVector })
    expect(decodeMessage(encodeSyncStep2(update))).toEqual({ type: 'sync-step-2', update })
    expect(decodeMessage(encodeUpdate(update))).toEqual({ type: 'update', update })
    expect(decodeMessage(encodeAwareness(update))).toEqual({ type: 'awareness', update })
    expect(decodeMessage(encodeQueryAwareness())).toEqual({ type: 'query-awareness' })
  })

  it('encodes awareness entries as y-protocols reads them, umlauts, emoji and lone surrogates alike', () => {
    const states = [{ name: 'Jürgen Größe 🐝' }, { name: 'ẞ\ud800x' }, { cursor: { x: 1.5, y: -2 } }]
    const entries = states.map((state, i) => ({ clientId: 10 + i, clock: 3, state: JSON.stringify(state) }))
    const encoded = encodeAwarenessEntries(entries)
    const reference = encoding.createEncoder()
    encoding.writeVarUint(reference, entries.length)
    for (const { clientId, clock, state } of entries) {
      encoding.writeVarUint(reference, clientId)
      encoding.writeVarUint(reference, clock)
      encoding.writeVarString(reference, state)
    }
    expect(encoded).toEqual(encoding.toUint8Array(reference))
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(awareness, encoded, 'test')
    expect(awareness.getStates().get(10)).toEqual(states[0])
    expect(awareness.getStates().get(12)).toEqual(states[2])
  })

  it('rejects unknown message and sync types', () => {
    expect(() => decodeMessage(Uint8Array.of(9))).toThrow(ProtocolError)
    expect(() => decodeMessage(Uint8Array.of(0, 7, 0))).toThrow(/unknown sync message type/)
    // Auth messages are not something a client may send to this relay.
    expect(() => decodeMessage(Uint8Array.of(2, 0))).toThrow(/unknown message type/)
  })

  it('rejects truncated frames and trailing bytes', () => {
    const frame = encodeUpdate(update)
    expect(() => decodeMessage(frame.slice(0, frame.length - 3))).toThrow(/truncated/)
    expect(() => decodeMessage(new Uint8Array())).toThrow(/truncated/)
    const encoder = encoding.createEncoder()
    encoding.writeUint8Array(encoder, frame)
    encoding.writeUint8(encoder, 0)
    expect(() => decodeMessage(encoding.toUint8Array(encoder))).toThrow(/trailing/)
  })
})

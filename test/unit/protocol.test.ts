import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  decodeMessage,
  encodeAwareness,
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

/**
 * How each compared server frames the y-websocket protocol, so that one set of bench clients can
 * speak to all of them. Ours and the reference server speak it plainly, one document per socket.
 * Hocuspocus multiplexes documents over one socket: every frame starts with the document's name
 * (varString), a socket must authenticate each document (an Auth frame with a token, empty when
 * the server has no onAuthenticate hook) before anything else it sends for it is handled, and it
 * answers sync step 1 with step 2 plus its own step 1 as a SyncReply (type 4) that must not be
 * answered with another step 1. Its other frames (Authenticated, SyncStatus acks) are its own
 * business and are left out here. Read from @hocuspocus/server 4.7's ClientConnection,
 * MessageReceiver and OutgoingMessage.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageAuth, messageAwareness, messageSync } from '../shared/protocol.ts'

export type ServerKind = 'ours' | 'reference' | 'hocuspocus'
export const serverKinds: readonly ServerKind[] = ['ours', 'reference', 'hocuspocus']

export interface Dialect {
  /** Frames a client sends first, before its sync step 1. */
  hello: Uint8Array[]
  /** A y-websocket message as this server wants it on the wire. */
  frame(message: Uint8Array): Uint8Array
  /** The y-websocket message in a frame, or null for a frame that is not one (auth, acks). */
  unframe(data: Uint8Array): Uint8Array | null
}

const plain: Dialect = { hello: [], frame: (message) => message, unframe: (data) => data }

/** Hocuspocus' SyncReply: a sync message whose step 1 is not to be answered with another step 1. */
const hocuspocusSyncReply = 4
const authToken = 0

export function dialectFor(kind: ServerKind, docName: string): Dialect {
  if (kind !== 'hocuspocus') return plain
  const prefix = (() => {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, docName)
    return encoding.toUint8Array(encoder)
  })()
  const frame = (message: Uint8Array) => {
    const framed = new Uint8Array(prefix.length + message.length)
    framed.set(prefix)
    framed.set(message, prefix.length)
    return framed
  }
  const auth = encoding.createEncoder()
  encoding.writeVarUint(auth, messageAuth)
  encoding.writeVarUint(auth, authToken)
  encoding.writeVarString(auth, '')
  return {
    hello: [frame(encoding.toUint8Array(auth))],
    frame,
    unframe(data) {
      const decoder = decoding.createDecoder(data)
      if (decoding.readVarString(decoder) !== docName) return null
      const start = decoder.pos
      const type = decoding.readVarUint(decoder)
      if (type === messageSync || type === messageAwareness) return data.subarray(start)
      if (type !== hocuspocusSyncReply) return null
      // A sync message like any other for our clients: they answer step 1 with step 2 only.
      const message = data.slice(start)
      message[0] = messageSync
      return message
    },
  }
}

/**
 * What relay processes tell each other over Redis (`Bus.ts`). A client connected to one process
 * (its edge) of a board another process holds (its owner) is served by the owner: the edge
 * forwards what the client sends, the owner answers as it answers its own sockets.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { ConnectionIdentity } from '../room/Connection.ts'

export type BusMessage =
  /** Edge to owner: a client of `board` connected (already authorised by the edge). */
  | { type: 'open'; from: number; connection: number; board: string; identity: ConnectionIdentity }
  /** Edge to owner: a websocket message the client sent. */
  | { type: 'up'; from: number; connection: number; data: Uint8Array }
  /**
   * Owner to edge: websocket messages for its clients, in the order sent; a message the owner
   * sent to several of them (a fan-out) travels once, with their connection ids.
   */
  | { type: 'down'; from: number; items: DownItem[] }
  /** Edge to owner: the client left. */
  | { type: 'leave'; from: number; connection: number }
  /** Owner to edge: close the client's socket with this code. */
  | { type: 'close'; from: number; connection: number; code: number; reason: string }
  /** Are you there? Publishing to a process nobody listens for reaches no one. */
  | { type: 'ping'; from: number }
  /** To every process: I lost Redis for a while; drop every client you serve through me or for me. */
  | { type: 'reset'; from: number }
  /** To every process: close the board's sockets of a role (or all), and drop it if deleted. */
  | { type: 'board'; from: number; board: string; role: string; code: number; reason: string; deleted: boolean }
  /** To every process: this sign-in (its session's hash) was ended; close the sockets it opened. */
  | { type: 'signed-out'; from: number; session: string }

export interface DownItem {
  connections: number[]
  data: Uint8Array
}

const types = ['open', 'up', 'down', 'leave', 'close', 'ping', 'reset', 'board', 'signed-out'] as const

export function encodeBusMessage(message: BusMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeUint8(encoder, types.indexOf(message.type))
  encoding.writeVarUint(encoder, message.from)
  switch (message.type) {
    case 'open':
      encoding.writeVarUint(encoder, message.connection)
      encoding.writeVarString(encoder, message.board)
      encoding.writeVarString(encoder, JSON.stringify(message.identity))
      break
    case 'up':
      encoding.writeVarUint(encoder, message.connection)
      encoding.writeVarUint8Array(encoder, message.data)
      break
    case 'down':
      encoding.writeVarUint(encoder, message.items.length)
      for (const item of message.items) {
        encoding.writeVarUint(encoder, item.connections.length)
        for (const connection of item.connections) encoding.writeVarUint(encoder, connection)
        encoding.writeVarUint8Array(encoder, item.data)
      }
      break
    case 'leave':
      encoding.writeVarUint(encoder, message.connection)
      break
    case 'close':
      encoding.writeVarUint(encoder, message.connection)
      encoding.writeVarUint(encoder, message.code)
      encoding.writeVarString(encoder, message.reason)
      break
    case 'ping':
    case 'reset':
      break
    case 'board':
      encoding.writeVarString(encoder, message.board)
      encoding.writeVarString(encoder, message.role)
      encoding.writeVarUint(encoder, message.code)
      encoding.writeVarString(encoder, message.reason)
      encoding.writeUint8(encoder, message.deleted ? 1 : 0)
      break
    case 'signed-out':
      encoding.writeVarString(encoder, message.session)
      break
  }
  return encoding.toUint8Array(encoder)
}

/** Throws on a message no relay process wrote. */
export function decodeBusMessage(bytes: Uint8Array): BusMessage {
  const decoder = decoding.createDecoder(bytes)
  const type = types[decoding.readUint8(decoder)]
  const from = decoding.readVarUint(decoder)
  let message: BusMessage
  switch (type) {
    case 'open':
      message = {
        type,
        from,
        connection: decoding.readVarUint(decoder),
        board: decoding.readVarString(decoder),
        identity: JSON.parse(decoding.readVarString(decoder)) as ConnectionIdentity,
      }
      break
    case 'up':
      message = { type, from, connection: decoding.readVarUint(decoder), data: decoding.readVarUint8Array(decoder) }
      break
    case 'down': {
      const items: DownItem[] = []
      for (let i = decoding.readVarUint(decoder); i > 0; i--) {
        const connections: number[] = []
        for (let c = decoding.readVarUint(decoder); c > 0; c--) connections.push(decoding.readVarUint(decoder))
        items.push({ connections, data: decoding.readVarUint8Array(decoder) })
      }
      message = { type, from, items }
      break
    }
    case 'leave':
      message = { type, from, connection: decoding.readVarUint(decoder) }
      break
    case 'close':
      message = { type, from, connection: decoding.readVarUint(decoder), code: decoding.readVarUint(decoder), reason: decoding.readVarString(decoder) }
      break
    case 'ping':
    case 'reset':
      message = { type, from }
      break
    case 'board':
      message = {
        type,
        from,
        board: decoding.readVarString(decoder),
        role: decoding.readVarString(decoder),
        code: decoding.readVarUint(decoder),
        reason: decoding.readVarString(decoder),
        deleted: decoding.readUint8(decoder) === 1,
      }
      break
    case 'signed-out':
      message = { type, from, session: decoding.readVarString(decoder) }
      break
    default:
      throw new Error('unknown bus message')
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in bus message')
  return message
}

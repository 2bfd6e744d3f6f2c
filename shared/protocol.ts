/**
 * The y-websocket wire protocol, as spoken by the unmodified `y-websocket` client.
 *
 * Every frame is binary: `varUint messageType` followed by the payload.
 * - sync (0): `varUint syncType` + `varUint8Array` (step 1: state vector; step 2 / update: update)
 * - awareness (1): `varUint8Array` awareness update (may hold many clients' states)
 * - query-awareness (3): no payload; the peer answers with all awareness states
 *
 * Handshake: on open each side sends sync step 1 (its state vector); the other answers with
 * sync step 2 (what the asker is missing). After that both sides send plain updates.
 *
 * This module is pure: it turns bytes into typed messages and back, and never touches a doc.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { encodeUtf8 } from 'lib0/string'

export const messageSync = 0
export const messageAwareness = 1
export const messageAuth = 2
export const messageQueryAwareness = 3

export const syncStep1 = 0
export const syncStep2 = 1
export const syncUpdate = 2

/** Close codes the relay uses; 4xxx are ours, the others are RFC 6455's. */
export const CloseCode = {
  /** Server shuts down; the client reconnects to the next instance. */
  goingAway: 1001,
  /** A frame could not be decoded (text frame, unknown type, truncated, trailing bytes). */
  malformed: 1007,
  /** A frame exceeded the relay's maximum message size. */
  tooLarge: 1009,
  /** The relay could not store an update (nothing of it was applied), or the board had to be reloaded. */
  serverError: 1011,
  /** The board is served by another relay process now (or the one serving it stopped): reconnect. */
  moved: 1012,
  /** The client read too slowly and its send queue hit the limit. */
  slowConsumer: 4008,
  /** Missing or wrong token, or the link was replaced by a new one: do not reconnect with it. */
  unauthorized: 4401,
  /**
   * The update holds a write the sender's role may not make (`board/declaration.ts`), or structs
   * under a Yjs client id another writer holds (`server/judge/clientIds.ts`); nothing of it was
   * applied. The client drops its local copy and loads the board again.
   */
  notAllowed: 4403,
  /** The board was deleted while the connection was open. */
  boardGone: 4404,
  /**
   * The board has reached its size limit (MAX_BOARD_BYTES): the update was refused whole, nothing
   * of it stored. Also when a board stored over the limit is opened: it is not loaded at all.
   */
  boardFull: 4507,
  /** Too many awareness states on one connection, or one too large or too deep. */
  awarenessTooLarge: 4413,
  /** The client sent more messages per second than the relay accepts. */
  rateLimited: 4420,
  /** Too many connections to this board, or from this address. */
  tooManyConnections: 4429,
} as const

export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }

export class ProtocolError extends Error {
  override name = 'ProtocolError'
}

/** Decodes one frame; throws ProtocolError for anything that is not exactly one valid message. */
export function decodeMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame)
  let message: ClientMessage
  try {
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case messageSync: {
        const syncType = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (syncType === syncStep1) message = { type: 'sync-step-1', stateVector: payload }
        else if (syncType === syncStep2) message = { type: 'sync-step-2', update: payload }
        else if (syncType === syncUpdate) message = { type: 'update', update: payload }
        else throw new ProtocolError(`unknown sync message type ${syncType}`)
        break
      }
      case messageAwareness:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
        break
      case messageQueryAwareness:
        message = { type: 'query-awareness' }
        break
      default:
        throw new ProtocolError(`unknown message type ${type}`)
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    // lib0 throws plain errors on truncated input.
    throw new ProtocolError('truncated message')
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message')
  return message
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(syncStep1, stateVector)
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(syncStep2, update)
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(syncUpdate, update)
}

/** One client's awareness entry: its id, clock and state as JSON text (`'null'`: it left). */
export interface AwarenessEntry {
  clientId: number
  clock: number
  state: string
}

/** An awareness update (the payload of an awareness message) holding these entries. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    // The same bytes as writeVarString, which copies them one by one: the relay encodes every
    // presence it passes on (2,500 a second in a plenary of 500), and that loop was most of it.
    encoding.writeVarUint8Array(encoder, encodeUtf8(state))
  }
  return encoding.toUint8Array(encoder)
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeQueryAwareness(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageQueryAwareness)
  return encoding.toUint8Array(encoder)
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

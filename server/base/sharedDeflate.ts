/**
 * permessage-deflate once per message, not once per socket. ws deflates what it is given for each
 * socket apart: a join storm of 200 deflated the same board 200 times (2.15× the relay's CPU of a
 * storm without compression, and the first storm after a board loaded 135 ms p95 against 20 ms).
 * Without context takeover (`socketCompression.ts`) a deflated message does not depend on what the
 * socket sent before, only on the window and zlib settings it agreed to: so a message is deflated
 * once per window and settings, and that frame is written to every socket that agreed to the same.
 *
 * ws (8.x) has no public way to send a frame deflated elsewhere. The adapter is the socket's own
 * `PerMessageDeflate#compress`, which ws' Sender calls for each message it deflates, in the
 * socket's order, and waits for (its queue holds every later message meanwhile): wrapped, it
 * answers a message registered here with the shared frame (at once once it is there, else when
 * the one deflate is through), and leaves every other message to ws. So ws keeps framing (RSV1),
 * the threshold (smaller messages go out plain), the order of a socket's messages and the count
 * of its unsent bytes, and a socket that agreed to no compression is sent the message as it is.
 *
 * A message's frames live as long as the message (weak maps): the board's encoding and the
 * presence answer are kept per state by their owners (`fullStateCache.ts`, `awarenessRelay.ts`),
 * so their frames go with them when the board changes enough or unloads.
 */
import { constants, deflateRaw, type ZlibOptions } from 'node:zlib'
import type { WebSocket } from 'ws'
import { socketCompression } from './socketCompression.ts'

/** What this reads and wraps of ws' `PerMessageDeflate` (ws 8: `lib/permessage-deflate.js`). */
interface Extension {
  params: { server_no_context_takeover?: boolean; server_max_window_bits?: number } | null
  _isServer: boolean
  _options: { zlibDeflateOptions?: ZlibOptions }
  compress(data: Buffer, fin: boolean, callback: Deflated): void
}

type Deflated = (error: Error | null, frame?: Buffer) => void

/** One message deflated for one window and zlib settings: the frame, or who waits for it. */
interface Deflation {
  frame: Buffer | null
  waiting: Array<{ extension: Extension; callback: Deflated }>
}

/**
 * Deflates under way at once, as ws' own (`concurrencyLimit`): each holds a zlib stream of a few
 * hundred KiB from its start, and libuv runs four at a time anyway; a crowd of distinct messages queues.
 */
const deflatesAtOnce = socketCompression.concurrencyLimit ?? 4

/** What ws' Sender writes after a sync flush; a message's frame leaves it out (RFC 7692, 7.2.1). */
const flushTail = Buffer.from([0x00, 0x00, 0xff, 0xff])

/** Told what was deflated and sent, for `/metrics`. */
export interface DeflateObserver {
  /** A message deflated, once for every socket with its window and settings. */
  deflated(): void
  /** A deflated frame handed to a socket. */
  sent(): void
}

export class SharedDeflate {
  /** Each message as one Buffer, so that ws hands the same object to every socket's `compress`. */
  private readonly buffers = new WeakMap<Uint8Array, Buffer>()
  /** Per message (its Buffer above): its deflations by window and settings. */
  private readonly deflations = new WeakMap<Buffer, Map<string, Deflation>>()
  /** Sockets' extensions wrapped already: the key of their window and settings, and ws' own `compress`. */
  private readonly adopted = new WeakMap<Extension, { key: string; own: Extension['compress'] }>()
  private running = 0
  /** Deflates waiting for one of `deflatesAtOnce` to finish, oldest first. */
  private readonly queued: Array<() => void> = []

  constructor(private readonly observer?: DeflateObserver) {}

  /** Sends `message`, deflated where the socket agreed to it and the message reaches ws' threshold. */
  send(socket: WebSocket, message: Uint8Array): void {
    const extension = (socket as unknown as { _extensions?: Record<string, Extension | undefined> })._extensions?.['permessage-deflate']
    // With context takeover, a frame depends on the socket's history: ws deflates it for the socket.
    if (!extension?._isServer || !extension.params?.server_no_context_takeover) return socket.send(message, { compress: true })
    this.adopt(extension)
    socket.send(this.bufferOf(message), { compress: true })
  }

  private bufferOf(message: Uint8Array): Buffer {
    let buffer = this.buffers.get(message)
    if (!buffer) {
      buffer = Buffer.from(message.buffer, message.byteOffset, message.byteLength)
      this.buffers.set(message, buffer)
      this.deflations.set(buffer, new Map())
    }
    return buffer
  }

  private adopt(extension: Extension): void {
    if (this.adopted.has(extension)) return
    const windowBits = extension.params?.server_max_window_bits ?? constants.Z_DEFAULT_WINDOWBITS
    const own = extension.compress
    this.adopted.set(extension, { key: `${windowBits} ${JSON.stringify(extension._options.zlibDeflateOptions ?? {})}`, own })
    extension.compress = (data, fin, callback) => {
      const deflations = fin ? this.deflations.get(data) : undefined
      if (deflations) this.deflate(extension, data, deflations, callback)
      else own.call(extension, data, fin, callback)
    }
  }

  private deflate(extension: Extension, data: Buffer, deflations: Map<string, Deflation>, callback: Deflated): void {
    const { key } = this.adopted.get(extension)!
    const deflation = deflations.get(key)
    if (deflation?.frame) {
      this.observer?.sent()
      return callback(null, deflation.frame)
    }
    if (deflation) return void deflation.waiting.push({ extension, callback })
    const started: Deflation = { frame: null, waiting: [{ extension, callback }] }
    deflations.set(key, started)
    this.observer?.deflated()
    const windowBits = extension.params?.server_max_window_bits ?? constants.Z_DEFAULT_WINDOWBITS
    // As ws' own deflate: a sync flush, its empty block's tail cut off.
    this.limited((done) => deflateRaw(data, { ...extension._options.zlibDeflateOptions, windowBits, finishFlush: constants.Z_SYNC_FLUSH }, (error, result) => {
      done()
      const waiting = started.waiting.splice(0)
      if (error || !result.subarray(-flushTail.length).equals(flushTail)) {
        // Should zlib fail, each socket deflates for itself, as without this module.
        deflations.delete(key)
        for (const { extension: socket, callback: answer } of waiting) this.adopted.get(socket)!.own.call(socket, data, true, answer)
        return
      }
      started.frame = result.subarray(0, result.length - flushTail.length)
      for (const { callback: answer } of waiting) {
        this.observer?.sent()
        answer(null, started.frame)
      }
    }))
  }

  /** Runs `work` when fewer than `deflatesAtOnce` are under way; it calls `done` when through. */
  private limited(work: (done: () => void) => void): void {
    const start = () => {
      this.running++
      work(() => {
        this.running--
        this.queued.shift()?.()
      })
    }
    if (this.running < deflatesAtOnce) start()
    else this.queued.push(start)
  }
}

/**
 * Hostile clients for integration tests: hand-written awareness frames, and a websocket client on
 * a bare TCP socket that never honours a close frame (the `ws` library would).
 */
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tokenQueryParam } from '../../shared/access.ts'
import { encodeAwareness, encodeAwarenessEntries } from '../../shared/protocol.ts'
import type { RelayProcess } from './relay.ts'

/** An awareness message with the given entries, states as raw JSON text. */
export function awarenessFrame(entries: Array<[clientId: number, clock: number, json: string]>): Uint8Array {
  return encodeAwareness(encodeAwarenessEntries(entries.map(([clientId, clock, state]) => ({ clientId, clock, state }))))
}

export interface StubbornSocket {
  /** Sends one masked binary frame, whatever the relay said before. */
  send(payload: Uint8Array): void
  /** The code of the relay's close frame. */
  closeCode: Promise<number>
  /** Resolves once the relay has torn the TCP connection down. */
  ended: Promise<void>
}

/** A websocket client that ignores close frames and keeps writing until the relay hangs up. */
export async function openStubbornSocket(relay: Pick<RelayProcess, 'port'>, boardId: string, token: string): Promise<StubbornSocket> {
  const socket: Socket = connect(relay.port, '127.0.0.1')
  socket.on('error', () => {})
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  let resolveClose!: (code: number) => void
  const closeCode = new Promise<number>((resolve) => (resolveClose = resolve))

  socket.write(
    [
      `GET /ws/${boardId}?${tokenQueryParam}=${encodeURIComponent(token)} HTTP/1.1`,
      `Host: 127.0.0.1:${relay.port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  )

  let buffered = Buffer.alloc(0)
  let upgraded = false
  await new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      if (!upgraded) {
        const end = buffered.indexOf('\r\n\r\n')
        if (end < 0) return
        const head = buffered.subarray(0, end).toString()
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`))
        upgraded = true
        buffered = buffered.subarray(end + 4)
        resolve()
      }
      // Server frames are unmasked; only the close frame (opcode 8) matters here.
      while (buffered.length >= 2) {
        const opcode = buffered[0] & 0x0f
        let length = buffered[1] & 0x7f
        let offset = 2
        if (length === 126) {
          if (buffered.length < 4) return
          length = buffered.readUInt16BE(2)
          offset = 4
        } else if (length === 127) {
          if (buffered.length < 10) return
          length = Number(buffered.readBigUInt64BE(2))
          offset = 10
        }
        if (buffered.length < offset + length) return
        if (opcode === 8) resolveClose(length >= 2 ? buffered.readUInt16BE(offset) : 1005)
        buffered = buffered.subarray(offset + length)
      }
    })
  })

  return {
    send(payload) {
      if (socket.destroyed) return
      const mask = randomBytes(4)
      const length = payload.byteLength
      const header =
        length < 126
          ? Buffer.from([0x82, 0x80 | length])
          : length < 65536
            ? Buffer.from([0x82, 0x80 | 126, length >> 8, length & 0xff])
            : Buffer.concat([Buffer.from([0x82, 0x80 | 127]), bigEndian64(length)])
      const masked = Buffer.from(payload)
      for (let i = 0; i < masked.length; i++) masked[i] ^= mask[i % 4]
      socket.write(Buffer.concat([header, mask, masked]))
    },
    closeCode,
    ended,
  }
}

function bigEndian64(value: number): Buffer {
  const bytes = Buffer.alloc(8)
  bytes.writeBigUInt64BE(BigInt(value))
  return bytes
}

export interface HalfRequest {
  socket: Socket
  /** Resolves once the relay closed the connection, with whatever it answered before. */
  closed: Promise<string>
}

/**
 * A TCP connection to the relay from `localAddress` (any 127.x.y.z on Linux loopback) that sends
 * `head` (by default a request whose headers never end) and nothing more.
 */
export function openHalfRequest(relay: Pick<RelayProcess, 'port'>, localAddress: string, head = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `): Promise<HalfRequest> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: relay.port, localAddress })
    let answer = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk))
    socket.on('error', () => {})
    const closed = new Promise<string>((done) => socket.once('close', () => done(answer)))
    socket.once('connect', () => {
      if (head) socket.write(head)
      resolve({ socket, closed })
    })
    socket.once('error', reject)
  })
}

/** The status of GET /healthz sent from `localAddress`. */
export function healthFrom(relay: Pick<RelayProcess, 'port'>, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: relay.port, path: '/healthz', localAddress, agent: false }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

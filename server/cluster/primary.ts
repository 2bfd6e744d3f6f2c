/**
 * WORKERS relay processes behind one port. The primary accepts each TCP connection, reads its
 * first request line and hands the socket itself to the worker for the board it names
 * (`/ws/<board>` or `/api/boards/<board>/…`), so a board's sockets and requests meet in one process
 * and nothing crosses Redis on a single machine. Anything else goes to the first worker, which
 * runs the retention sweep (sign-ins live in the database, any worker knows them), and answers health probes and
 * `/metrics` for all workers (`groupProbes.ts`; while it is being started again, probes fail). The primary reads no more than the request
 * line and never touches a payload; each worker answers with `Connection: close`, so a socket
 * carries one request and the next one is routed again.
 *
 * A worker that dies is started again; its clients reconnect and find their board in the new one.
 */
import cluster, { type Worker } from 'node:cluster'
import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { Config } from '../ops/config.ts'
import { connectionCap } from '../http/connectionCap.ts'
import { answerGroupProbes } from './groupProbes.ts'
import type { Logger } from '../base/logger.ts'
import { newControlSecret, removeRelayControl, writeRelayControl } from '../base/relayControl.ts'

/** Handed to a worker with the socket: the bytes the primary read from it. */
export interface HandedSocket {
  type: 'netzwerkstatt:socket'
  head: string
}

/** Environment a worker starts with. */
export const workerEnv = { index: 'NETZWERKSTATT_WORKER', controlSecret: 'NETZWERKSTATT_CONTROL_SECRET' } as const

const maxRequestLine = 8 * 1024
const requestLineTimeoutMs = 10_000
const restartDelayMs = 1000

/** The worker for a request line: by board for board paths, else the first. */
export function workerFor(requestLine: string, workers: number): number {
  const path = requestLine.split(' ')[1] ?? ''
  const board = /^\/(?:ws|api\/boards)\/([^/?#]+)/.exec(path)?.[1]
  if (!board) return 0
  // FNV-1a: stable across processes and restarts.
  let hash = 0x811c9dc5
  for (let i = 0; i < board.length; i++) hash = Math.imul(hash ^ board.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % workers
}

export async function servePrimary(config: Config, logger: Logger): Promise<void> {
  const controlSecret = newControlSecret()
  /** The workers ready for sockets (a socket sent before a worker listens would be lost). */
  const workers: Array<Worker | undefined> = []
  let stopping = false

  let started = false
  const start = (index: number): Promise<void> => {
    const worker = cluster.fork({ [workerEnv.index]: String(index), [workerEnv.controlSecret]: controlSecret })
    // An IPC error (a send to a worker dying just then) is the exit's business, not the primary's end.
    worker.on('error', (error) => logger.warn('relay process unreachable', { worker: index, error: error.name }))
    return new Promise((resolve, reject) => {
      worker.on('message', (message: { type?: string }) => {
        if (message?.type !== 'netzwerkstatt:ready') return
        workers[index] = worker
        resolve()
      })
      worker.on('exit', (code, signal) => {
        if (workers[index] === worker) workers[index] = undefined
        // One that cannot start (no database, no Redis) has said why; starting it again would not help.
        if (!started) return reject(new Error(`relay process ${index} could not start`))
        if (stopping) return
        logger.error('relay process stopped: starting it again', { worker: index, code, signal })
        setTimeout(() => stopping || void start(index), restartDelayMs).unref()
      })
    })
  }
  try {
    await Promise.all(Array.from({ length: config.workers }, (_, index) => start(index)))
  } catch (error) {
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    throw error
  }
  started = true
  cluster.on('message', answerGroupProbes(() => workers, config.workers))

  // Counted here too: sockets waiting for their request line are the primary's.
  const admit = connectionCap({ maxPerAddress: config.limits.maxHttpConnectionsPerAddress, trustedProxies: config.limits.trustedProxies, logger })
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    if (admit(socket)) route(socket)
  })
  const route = (socket: Socket) => {
    const chunks: Buffer[] = []
    let length = 0
    const timer = setTimeout(() => socket.destroy(), Math.min(requestLineTimeoutMs, config.limits.httpHeadersTimeoutMs))
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      length += chunk.length
      const head = Buffer.concat(chunks)
      const lineEnd = head.indexOf('\r\n')
      if (lineEnd < 0 && length <= maxRequestLine) return
      clearTimeout(timer)
      socket.off('data', onData)
      // The error listener stays: a socket without one that the client resets would end the primary.
      if (lineEnd < 0) {
        socket.end('HTTP/1.1 414 URI Too Long\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
        setTimeout(() => socket.destroy(), 1000).unref()
        return
      }
      // Keep whatever the stream holds, then stop reading from the socket itself before its
      // handle moves: bytes the primary read after this would be lost to the worker. Node's
      // pause() stops only the stream, and read() starts the socket reading again.
      socket.pause()
      const rest: Buffer[] = [head]
      for (let more = socket.read() as Buffer | null; more; more = socket.read() as Buffer | null) rest.push(more)
      const handle = (socket as unknown as { _handle?: { reading: boolean; readStop(): number } })._handle
      if (handle) {
        handle.reading = false
        handle.readStop()
      }
      const worker = workers[workerFor(head.subarray(0, lineEnd).toString('latin1'), config.workers)]
      // A worker being started again: the client's reconnect comes back in a moment.
      if (!worker?.isConnected()) return void socket.destroy()
      try {
        worker.send({ type: 'netzwerkstatt:socket', head: Buffer.concat(rest).toString('latin1') } satisfies HandedSocket, socket, (error) => {
          if (error) socket.destroy()
        })
      } catch {
        // It died just now (the channel closed before its exit event).
        socket.destroy()
      }
    }
    const onError = () => {
      clearTimeout(timer)
      socket.destroy()
    }
    socket.on('data', onData)
    socket.on('error', onError)
    // Paused on connect, the socket stays paused until told, listener or not.
    socket.resume()
  }
  server.listen(config.port, config.host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  writeRelayControl(config.dataDir, { pid: process.pid, port, secret: controlSecret })
  logger.info('listening', { host: config.host, port, workers: config.workers, storage: 'postgresql', url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}` })

  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    server.close()
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(async (worker) => {
        if (!worker || worker.isDead()) return
        const exited = once(worker, 'exit')
        worker.process.kill('SIGTERM')
        await exited
      }),
    )
    removeRelayControl(config.dataDir)
    logger.info('shutdown complete')
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

/** In a worker: takes the sockets the primary hands over and lets `server` serve them. */
export function receiveSockets(server: Pick<Server, 'emit' | 'listen'>): void {
  // Listening (on a loopback port nobody is told about) is what makes Node enforce its header
  // and request timeouts, also on sockets handed over: a client sending its headers a byte a
  // minute must not keep a socket for ever.
  server.listen(0, '127.0.0.1')
  process.on('message', (message: HandedSocket, socket?: Socket) => {
    if (message?.type !== 'netzwerkstatt:socket' || !socket) return
    socket.unshift(Buffer.from(message.head, 'latin1'))
    server.emit('connection', socket)
    socket.resume()
  })
  process.send?.({ type: 'netzwerkstatt:ready' })
}

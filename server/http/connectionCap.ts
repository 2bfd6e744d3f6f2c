/**
 * Open TCP connections per client address, counted the moment the server accepts them: before a
 * request is read, so that idle or half-sent requests from one address (slowloris) cannot take
 * every file descriptor, and health checks and joins from everyone else still get in. Websockets
 * count too (each is a connection), so the cap sits above MAX_CONNECTIONS_PER_ADDRESS.
 *
 * The address is the socket's peer. Behind a reverse proxy every connection comes from the
 * proxy: the proxies named in TRUST_PROXY are not counted (the proxy's own limits apply there).
 */
import type { ServerOptions } from 'node:http'
import type { Socket } from 'node:net'
import type { Config } from '../ops/config.ts'
import type { Logger } from '../base/logger.ts'
import { isTrustedProxy } from './clientAddress.ts'
import type { TrustedProxies } from '../limits/trustedProxies.ts'

export interface ConnectionCapOptions {
  maxPerAddress: number
  trustedProxies: TrustedProxies | null
  logger: Logger
}

/** Returns `admit(socket)`: false (and the socket destroyed) for one past the cap. */
export function connectionCap({ maxPerAddress, trustedProxies, logger }: ConnectionCapOptions): (socket: Socket) => boolean {
  const open = new Map<string, number>()
  /** Addresses at the cap that were refused since: logged once per spell, not per connection of a flood. */
  const refusing = new Set<string>()
  return (socket) => {
    const address = socket.remoteAddress
    if (!address || isTrustedProxy(trustedProxies, address)) return true
    const count = (open.get(address) ?? 0) + 1
    if (count > maxPerAddress) {
      if (!refusing.has(address)) {
        refusing.add(address)
        logger.warn('connection refused: too many from one address', { open: count - 1, maxPerAddress })
      }
      socket.destroy()
      return false
    }
    open.set(address, count)
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left > 0) open.set(address, left)
      else open.delete(address)
      refusing.delete(address)
    })
    return true
  }
}

/**
 * Node's timeouts for requests: headers within HTTP_HEADERS_TIMEOUT_MS (Node's 60 s default let
 * half-sent requests hold sockets for a minute), checked often enough to matter. A whole request
 * (an upload on a slow line) keeps Node's 5 minutes.
 */
export function httpServerOptions(config: Pick<Config, 'limits'>): ServerOptions {
  const headersTimeout = config.limits.httpHeadersTimeoutMs
  return {
    headersTimeout,
    requestTimeout: Math.max(300_000, headersTimeout),
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.round(headersTimeout / 4))),
  }
}

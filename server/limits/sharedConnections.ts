/**
 * Open websockets per client address across every relay process and machine (REDIS_URL), for
 * MAX_CONNECTIONS_PER_ADDRESS: each process counts its own as before, and Redis holds, per
 * address, a sorted set of the sockets open anywhere, each with the time it lapses. A process
 * renews its sockets' times while they are open and removes them when they close, so the sockets
 * of a process that crashed drop out by themselves within `lapseMs`, and after Redis restarts
 * empty, the open ones are back within a third of it. Times are Redis' own clock (no skew between
 * machines).
 *
 * While Redis does not answer, a socket is let in (the process' own count still holds): a lost
 * Redis must not turn everyone away.
 */
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

export interface SharedConnections {
  /** Counts the socket for its address; false (and not counted) if the address already has `max` open. */
  open(address: string, socketId: string): Promise<boolean>
  /** The socket closed (whether it was let in or not). */
  closed(address: string, socketId: string): void
  /** Stops renewing (at shutdown). */
  stop(): void
}

/** A socket of a process that stopped renewing counts no longer than this. */
export const defaultLapseMs = 60_000

const now = `local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)`
// KEYS[1] the address's set; ARGV: socket, max, lapse (ms). 1 if counted, 0 if the address is full.
const openScript = `${now}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`
// KEYS[1] the address's set; ARGV: lapse (ms), then the sockets still open here.
const renewScript = `${now}
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`

type Scripted = Redis & {
  netzwerkstattOpenSocket(key: string, socket: string, max: number, lapseMs: number): Promise<number>
  netzwerkstattRenewSockets(key: string, lapseMs: number, ...sockets: string[]): Promise<number>
}

export function sharedConnections(
  client: Redis,
  options: { max: number; processKey: string; lapseMs?: number; unreachable(): void },
): SharedConnections {
  const { max, processKey, unreachable, lapseMs = defaultLapseMs } = options
  const redis = client as Scripted
  if (!('netzwerkstattOpenSocket' in redis)) {
    client.defineCommand('netzwerkstattOpenSocket', { numberOfKeys: 1, lua: openScript })
    client.defineCommand('netzwerkstattRenewSockets', { numberOfKeys: 1, lua: renewScript })
  }
  // Hashed, like the rate limits' keys: only the count matters.
  const keyOf = (address: string) => `netzwerkstatt:sockets:${createHash('sha256').update(address).digest('base64url').slice(0, 22)}`
  const memberOf = (socketId: string) => `${processKey}:${socketId}`
  /** This process' open sockets by address key: what it renews. */
  const open = new Map<string, Set<string>>()

  const renew = setInterval(() => {
    if (client.status !== 'ready') return
    for (const [key, members] of open) redis.netzwerkstattRenewSockets(key, lapseMs, ...members).catch(unreachable)
  }, lapseMs / 3)
  renew.unref()

  return {
    async open(address, socketId) {
      const key = keyOf(address)
      const member = memberOf(socketId)
      // Renewed from now on, whatever Redis says: counted again once it answers.
      open.set(key, (open.get(key) ?? new Set()).add(member))
      if (client.status !== 'ready') {
        unreachable()
        return true
      }
      let counted: number
      try {
        counted = await redis.netzwerkstattOpenSocket(key, member, max, lapseMs)
      } catch {
        unreachable()
        return true
      }
      if (counted === 1) return true
      const members = open.get(key)
      members?.delete(member)
      if (members?.size === 0) open.delete(key)
      return false
    },
    closed(address, socketId) {
      const key = keyOf(address)
      const member = memberOf(socketId)
      const members = open.get(key)
      members?.delete(member)
      if (members?.size === 0) open.delete(key)
      // Sent on the same connection after the open, so it runs after it; if Redis is gone, the entry lapses.
      if (client.status === 'ready') client.zrem(key, member).catch(() => {})
    },
    stop() {
      clearInterval(renew)
    },
  }
}

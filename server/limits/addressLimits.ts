/**
 * Per-address windows (boards created, join codes tried, creator passwords tried per minute) and
 * open sockets per address, one interface for the whole server. With REDIS_URL every relay
 * process and machine counts in Redis, so a limit holds for the address across all of them, not
 * once per process; without it the one process counts in memory.
 *
 * Redis going away must neither stop requests nor refuse everyone: a process that cannot reach
 * it counts in its own memory (rate-limiter-flexible's insurance limiter) until it answers
 * again, and says so once per outage. Addresses reach Redis hashed, and for one window only.
 *
 * What stays per process and why: docs/operations.md, *Limits across processes*.
 */
import { createHash, randomBytes } from 'node:crypto'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { Logger } from '../base/logger.ts'
import { redisClient, type RedisTarget } from '../redis/redisClient.ts'
import { sharedConnections, type SharedConnections } from './sharedConnections.ts'

export type Taken = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** Counts one event per address in fixed windows (from the address's first event). */
export interface AddressWindow {
  take(address: string): Promise<Taken>
  /** Whether the address has events left in its window, without taking one. */
  peek(address: string): Promise<Taken>
}

export interface AddressLimits {
  /** A window named `name` (unique per limit): `points` events per address and `seconds`. */
  window(name: string, points: number, seconds?: number): AddressWindow
  /** Open sockets per address counted across processes (`sharedConnections.ts`); null: this process' own count is all. */
  connections(max: number, lapseMs?: number): SharedConnections | null
  close(): Promise<void>
}

/** A command to Redis waits this long at most before the process counts on its own. */
const redisCommandTimeoutMs = 1000

const keyPrefix = (name: string) => `netzwerkstatt:limit:${name}`

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000))

function windowOf(limiter: RateLimiterMemory | RateLimiterRedis, keyOf: (address: string) => string): AddressWindow {
  return {
    async peek(address) {
      const res = await limiter.get(keyOf(address))
      return res && res.remainingPoints <= 0 ? { allowed: false, retryAfterSeconds: retryAfter(res) } : { allowed: true }
    },
    async take(address) {
      try {
        await limiter.consume(keyOf(address))
        return { allowed: true }
      } catch (refusal) {
        // Anything else (neither Redis nor the insurance answered) is a fault, not a refusal.
        if (refusal instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: retryAfter(refusal) }
        throw refusal
      }
    },
  }
}

/** Counts in this process' memory. */
export function memoryLimits(): AddressLimits {
  return {
    window: (name, points, seconds = 60) => windowOf(new RateLimiterMemory({ keyPrefix: keyPrefix(name), points, duration: seconds }), (a) => a),
    connections: () => null,
    async close() {},
  }
}

/** The memory limiter that stands in while Redis does not answer; the first use of an outage is logged. */
class Insurance extends RateLimiterMemory {
  constructor(
    options: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly used: () => void,
  ) {
    super(options)
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>) {
    this.used()
    return super.consume(...args)
  }
}

/**
 * Counts in Redis, on a connection of its own (named for CLIENT LIST). Fails, like the relay
 * group's bus, if Redis does not answer at start: an operator who set REDIS_URL wants it used.
 */
export async function redisLimits(url: string | RedisTarget, logger: Logger, processKey?: number, timeoutMs = 10_000): Promise<AddressLimits> {
  // No offline queue, no retries, a bound per command: an unreachable or hanging Redis fails a
  // count at once (or within the bound), and the insurance limiter counts it instead.
  const client = redisClient(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: redisCommandTimeoutMs,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    connectionName: `netzwerkstatt:${processKey ?? process.pid}:limits`,
  })
  // The bus logs the connection's failures already; this one says only what it means for limits.
  client.on('error', () => {})
  let degraded = false
  const fellBack = () => {
    if (degraded) return
    degraded = true
    logger.warn('per-address limits count per process: Redis does not answer')
  }
  client.on('ready', () => {
    if (!degraded) return
    degraded = false
    logger.info('per-address limits shared through Redis again')
  })
  try {
    await client.connect()
  } catch (error) {
    client.disconnect()
    throw new Error(`cannot reach Redis (REDIS_URL): ${(error as Error).message}`)
  }
  // Who the address is matters only within a window: a hash is enough to count by.
  const keyOf = (address: string) => createHash('sha256').update(address).digest('base64url').slice(0, 22)
  const counts: SharedConnections[] = []
  return {
    window(name, points, seconds = 60) {
      const options = { keyPrefix: keyPrefix(name), points, duration: seconds }
      const limiter = new RateLimiterRedis({
        ...options,
        storeClient: client,
        // Not connected: straight to the insurance, without waiting for a command to fail.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new Insurance(options, fellBack),
      })
      return windowOf(limiter, keyOf)
    },
    connections(max, lapseMs) {
      const count = sharedConnections(client, { max, lapseMs, processKey: randomBytes(9).toString('base64url'), unreachable: fellBack })
      counts.push(count)
      return count
    },
    async close() {
      for (const count of counts) count.stop()
      // Sends what is queued (the last closed sockets' removals) first.
      await client.quit().catch(() => client.disconnect())
    },
  }
}

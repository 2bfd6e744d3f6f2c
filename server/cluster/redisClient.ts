/**
 * Every Redis connection the relay makes (the relay group's bus, the shared limits) comes from
 * here, so all of them reach the same Redis: the one at REDIS_URL, or, with REDIS_SENTINELS, the
 * current master of the group REDIS_SENTINEL_NAME that the Sentinels name. ioredis asks the
 * Sentinels again whenever it reconnects, so after a failover the connections follow the new
 * master; REDIS_URL then still gives the password, database and TLS, its host is not used.
 */
import { Redis, type RedisOptions } from 'ioredis'
import type { RedisSentinels } from './redisSentinels.ts'

export interface RedisTarget {
  url: string
  /** Set: ask these Sentinels for the master of `name`. */
  sentinel: RedisSentinels | null
}

/** A URL alone: that Redis, without Sentinels. */
export function redisClient(target: RedisTarget | string, options: RedisOptions): Redis {
  if (typeof target === 'string') return new Redis(target, options)
  if (!target.sentinel) return new Redis(target.url, options)
  const { hosts, name, password } = target.sentinel
  const tls = target.url.startsWith('rediss://')
  return new Redis(target.url, {
    ...options,
    sentinels: hosts,
    name,
    ...(password ? { sentinelPassword: password } : {}),
    // rediss:// asks for TLS to the master; the Sentinels themselves are asked in plain text.
    ...(tls ? { enableTLSForSentinelMode: true } : {}),
    // Hears a failover from the Sentinels at once instead of on the old master's next failure.
    failoverDetector: true,
  })
}

/**
 * Every Redis connection the relay makes (the relay group's bus, the shared limits) comes from
 * here, so all of them reach the same Redis: the one at REDIS_URL, or, with REDIS_SENTINELS, the
 * current master of the group REDIS_SENTINEL_NAME that the Sentinels name. ioredis asks the
 * Sentinels again whenever it reconnects, so after a failover the connections follow the new
 * master; REDIS_URL then still gives the password, database and TLS, its host is not used.
 */
import { Redis, type Callback, type RedisOptions } from 'ioredis'
import type { RedisSentinels } from './redisSentinels.ts'

/** How long a connection ioredis gave up on waits before it is opened again. */
export const reopenAfterMs = 1000

/**
 * A connection that follows the Sentinels through every failover. ioredis (5.x) keeps the failover
 * detector of a lost connection subscribed; when +switch-master arrives while the next attempt is
 * still asking a Sentinel where the master is, the detector cuts that attempt short and ioredis
 * gives the connection up for good (status `end`), with no further attempt. A busy machine makes
 * that window wide. Unless the relay closed it, such a connection is opened again.
 */
class FollowingRedis extends Redis {
  private closing = false

  constructor(url: string, options: RedisOptions) {
    super(url, options)
    this.on('end', () => {
      if (this.closing) return
      setTimeout(() => {
        if (!this.closing && this.status === 'end') this.connect().catch(() => {})
      }, reopenAfterMs).unref()
    })
  }

  override quit(callback?: Callback<'OK'>) {
    this.closing = true
    const quitting = super.quit(callback)
    // QUIT leaves the failover detector's own Sentinel connections open (only disconnect closes
    // them): a relay closed in a running process would keep asking gone Sentinels.
    void Promise.resolve(quitting)
      .catch(() => {})
      .finally(() => this.disconnect())
    return quitting
  }

  override disconnect(reconnect = false) {
    if (!reconnect) this.closing = true
    super.disconnect(reconnect)
  }
}

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
  return new FollowingRedis(target.url, {
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

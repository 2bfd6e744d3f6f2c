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

/** How often a connection that follows the Sentinels asks the Redis it is on for its ROLE. */
export const roleCheckMs = 1000
/**
 * How long a connection that follows the Sentinels may be off a master (disconnected, or on a
 * Redis that has become a replica) before it is dropped and opened again through the Sentinels.
 * docs/operations.md promises the relays follow a failover within this bound plus one check.
 */
export const followBoundMs = 5000

/** The following connections of each relay process, by the `netzwerkstatt:<processKey>:` of their names. */
const following = new Map<string, Set<FollowingRedis>>()

/**
 * Whether every connection of relay process `processKey` that follows the Sentinels is on a
 * master (for /readyz). A connection on a Redis that has become a replica is not: what it
 * publishes reaches nobody on the master, with no error.
 */
export function onMaster(processKey: number): boolean {
  return [...(following.get(`netzwerkstatt:${processKey}:`) ?? [])].every((connection) => connection.onMaster)
}

/**
 * A connection that follows the Sentinels through every failover. ioredis (5.x) keeps the failover
 * detector of a lost connection subscribed; when +switch-master arrives while the next attempt is
 * still asking a Sentinel where the master is, the detector cuts that attempt short and ioredis
 * gives the connection up for good (status `end`), with no further attempt. A busy machine makes
 * that window wide. Unless the relay closed it, such a connection is opened again.
 *
 * ioredis alone does not notice a connection that stays open to a Redis that has become a
 * replica (a subscriber or a PUBLISH never hears READONLY), nor one that waits for a frozen Redis'
 * answer to its ready check. So a watchdog asks the Redis it is on for its ROLE every
 * `roleCheckMs`; off a master (or not connected) for longer than `followBoundMs`, the connection
 * is dropped and opened again, asking the Sentinels anew.
 */
class FollowingRedis extends Redis {
  private closing = false
  private master = false
  private offSince = performance.now()
  private started = false
  private checking = false
  /** A subscribed connection may not send ROLE: a plain connection to the same Redis asks for it. */
  private probe: { address: string; redis: Redis } | null = null
  private readonly group: string | null

  constructor(url: string, options: RedisOptions) {
    super(url, options)
    this.group = /^netzwerkstatt:[^:]+:/.exec(options.connectionName ?? '')?.[0] ?? null
    if (this.group) following.set(this.group, (following.get(this.group) ?? new Set()).add(this))
    this.on('end', () => {
      if (this.closing) return
      setTimeout(() => {
        if (!this.closing && this.status === 'end') this.connect().catch(() => {})
      }, reopenAfterMs).unref()
    })
    this.on('ready', () => {
      this.started = true
      void this.checkRole()
    })
    this.on('close', () => this.offMaster())
    const watchdog = setInterval(() => void this.guard(), roleCheckMs).unref()
    this.once('closed-for-good', () => clearInterval(watchdog))
  }

  /** Off a master for a second check in a row: one ROLE answer late on a busy machine is no failover. */
  get onMaster(): boolean {
    return this.status === 'ready' && (this.master || performance.now() - this.offSince < 2 * roleCheckMs)
  }

  private offMaster() {
    if (!this.master) return
    this.master = false
    this.offSince = performance.now()
  }

  private async guard() {
    if (this.closing || !this.started) return
    if (this.status === 'ready') await this.checkRole()
    if (this.closing || this.master || performance.now() - this.offSince < followBoundMs) return
    // Once per bound at most: the next attempt gets a whole bound to reach the master.
    this.offSince = performance.now()
    if (this.status === 'end') this.connect().catch(() => {})
    // A frozen Redis takes a new connection and never answers its ready check: ioredis' connect
    // timeout covers only the TCP handshake, so a connection waiting for that answer is opened
    // again too. Not one still asking a Sentinel ('connecting'): ioredis would drop the answer.
    else if (this.status === 'ready' || this.status === 'connect') super.disconnect(true)
  }

  private async checkRole() {
    if (this.checking) return
    this.checking = true
    try {
      const asker = this.mode === 'normal' ? this : this.prober()
      const role = asker ? await withinBound(asker.call('ROLE'), roleCheckMs) : null
      if (Array.isArray(role) && role[0] === 'master') {
        if (!this.master && this.status === 'ready') this.master = true
      } else this.offMaster()
    } catch {
      this.offMaster()
    } finally {
      this.checking = false
    }
  }

  private prober(): Redis | null {
    const { remoteAddress, remotePort } = this.stream ?? {}
    if (!remoteAddress || !remotePort) return null
    const address = `${remoteAddress}:${remotePort}`
    if (this.probe?.address !== address) {
      this.probe?.redis.disconnect()
      const { password, username, tls } = this.options
      const redis = new Redis({
        host: remoteAddress,
        port: remotePort,
        ...(password ? { password } : {}),
        ...(username ? { username } : {}),
        ...(tls ? { tls } : {}),
        enableOfflineQueue: true,
        maxRetriesPerRequest: 0,
        connectTimeout: roleCheckMs,
        retryStrategy: (times) => Math.min(times * 200, 2000),
        connectionName: `${this.options.connectionName ?? 'netzwerkstatt'}:role`,
      })
      redis.on('error', () => {})
      this.probe = { address, redis }
    }
    return this.probe.redis
  }

  private forget() {
    this.closing = true
    this.master = false
    this.probe?.redis.disconnect()
    this.probe = null
    if (this.group) following.get(this.group)?.delete(this)
    this.emit('closed-for-good')
  }

  override quit(callback?: Callback<'OK'>) {
    this.forget()
    const quitting = super.quit(callback)
    // QUIT leaves the failover detector's own Sentinel connections open (only disconnect closes
    // them): a relay closed in a running process would keep asking gone Sentinels.
    void Promise.resolve(quitting)
      .catch(() => {})
      .finally(() => super.disconnect())
    return quitting
  }

  override disconnect(reconnect = false) {
    if (!reconnect) this.forget()
    super.disconnect(reconnect)
  }
}

/** The answer, or a rejection once `ms` have passed without one. */
function withinBound<T>(answer: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), ms).unref()))
  return Promise.race([answer, late]).finally(() => clearTimeout(timer))
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

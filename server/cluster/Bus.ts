/**
 * Redis pub/sub between relay processes: each process listens on a channel of its own (its
 * inbox) and on one channel for all. Pub/sub keeps the order of one publisher's messages and
 * stores nothing: a board's updates are stored by the process that holds it (PostgreSQL), never
 * in Redis. Publishing to a channel nobody listens on reaches no one and says so, which is how a
 * process notices that another one is gone.
 */
import type { Redis } from 'ioredis'
import { describeError, type Logger } from '../base/logger.ts'
import { redisClient, type RedisTarget } from '../redis/redisClient.ts'
import { decodeBusMessage, encodeBusMessage, type BusMessage } from './busMessages.ts'

const inboxOf = (processKey: number) => `netzwerkstatt:process:${processKey}`
const everyone = 'netzwerkstatt:all'

export interface BusEvents {
  message(message: BusMessage): void
  /** Redis went away: messages may have been lost in both directions. */
  lost(): void
  /** Redis is back after being lost. */
  restored(): void
}

export class Bus {
  /** False from a lost connection until the publisher is ready and the subscriber subscribed again. */
  private up = true
  private closed = false

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    readonly processKey: number,
  ) {}

  /** Connects twice (a subscribed connection can do nothing else); fails if Redis does not answer within `timeoutMs`. */
  static async open(url: string | RedisTarget, processKey: number, logger: Logger, events: BusEvents, timeoutMs = 10_000): Promise<Bus> {
    // No offline queue: a message Redis cannot take now is reported lost, not sent late and out of order.
    const options = { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, connectTimeout: timeoutMs }
    // Named, so an operator can tell the relays' connections apart in CLIENT LIST.
    const publisher = redisClient(url, { ...options, enableAutoPipelining: true, connectionName: `netzwerkstatt:${processKey}:publisher` })
    // ioredis' own resubscription on a reconnect is not awaited: a connection that closes again at
    // that moment (a failover) or a refused SUBSCRIBE left it deaf for good, its rejection unhandled.
    const subscriber = redisClient(url, { ...options, autoResubscribe: false, connectionName: `netzwerkstatt:${processKey}:subscriber` })
    const bus = new Bus(publisher, subscriber, processKey)
    const channels = [inboxOf(processKey), everyone]
    // ioredis reconnects by itself; what was in flight meanwhile is gone. Until both connections
    // are ready for the first time, nothing counts as lost or restored.
    let started = false
    let subscribed = false
    const restoredIfUp = () => {
      if (!started || bus.up || publisher.status !== 'ready' || !subscribed) return
      bus.up = true
      logger.info('redis connection restored')
      events.restored()
    }
    let renewing = false
    let refusedBefore = false
    const subscribe = () => {
      if (!started || bus.closed || renewing || subscribed || subscriber.status !== 'ready') return
      renewing = true
      subscriber.subscribe(...channels).then(
        () => {
          renewing = false
          refusedBefore = false
          subscribed = subscriber.status === 'ready'
          restoredIfUp()
        },
        (error: unknown) => {
          renewing = false
          if (bus.closed) return
          if (!refusedBefore) logger.warn('redis subscription not renewed: asked again every second', describeError(error))
          refusedBefore = true
          // A connection closing meanwhile asks again when it is ready.
          setTimeout(subscribe, 1000).unref()
        },
      )
    }
    for (const connection of [publisher, subscriber]) {
      connection.on('error', (error: Error) => {
        // Once per outage: ioredis retries every 2 s at most, each attempt failing the same way.
        if (started && !bus.up) return
        logger.warn('redis connection failed', describeError(error))
      })
      connection.on('close', () => {
        if (connection === subscriber) subscribed = false
        // The relay closing its bus is no lost Redis.
        if (!started || !bus.up || bus.closed) return
        bus.up = false
        logger.error('redis connection lost')
        events.lost()
      })
    }
    publisher.on('ready', restoredIfUp)
    subscriber.on('ready', subscribe)
    subscriber.on('messageBuffer', (_channel: Buffer, payload: Buffer) => {
      let message: BusMessage
      try {
        message = decodeBusMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength))
      } catch (error) {
        logger.error('unreadable message from another relay process', describeError(error))
        return
      }
      if (message.from !== processKey) events.message(message)
    })
    try {
      await Promise.all([publisher.connect(), subscriber.connect()])
      await subscriber.subscribe(...channels)
      subscribed = true
      started = true
      logger.info('joined the relay group', { processKey })
    } catch (error) {
      publisher.disconnect()
      subscriber.disconnect()
      throw new Error(`cannot reach Redis (REDIS_URL): ${(error as Error).message}`)
    }
    return bus
  }

  /** Whether both connections to Redis are up (as far as their last event told). */
  get connected(): boolean {
    return this.up
  }

  /** True if the other process heard it; false if nobody listens there or Redis is unreachable. */
  async send(to: number, message: BusMessage): Promise<boolean> {
    try {
      return (await this.publisher.publish(inboxOf(to), Buffer.from(encodeBusMessage(message)))) > 0
    } catch {
      return false
    }
  }

  async broadcast(message: BusMessage): Promise<void> {
    await this.publisher.publish(everyone, Buffer.from(encodeBusMessage(message)))
  }

  /** Fails at once while Redis is unreachable (no offline queue). */
  async ping(): Promise<void> {
    await this.publisher.ping()
  }

  async close(): Promise<void> {
    this.closed = true
    // Without an offline queue QUIT is refused while Redis is unreachable: such a connection
    // would go on reconnecting (and keep the process alive), so it is dropped instead.
    await Promise.allSettled([this.subscriber, this.publisher].map((connection) => connection.quit().catch(() => connection.disconnect())))
  }
}

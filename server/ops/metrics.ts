/**
 * `GET /metrics` in Prometheus' text format: how busy the relay is and what it refuses. Counts
 * only: no board ids, titles, contents, addresses or tokens ever become a label.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { CloseCode } from '../../shared/protocol.ts'
import type { Storage } from '../storage/Storage.ts'

const closeReasons = new Map<number, string>(Object.entries(CloseCode).map(([name, code]) => [code, name]))

export class RelayMetrics {
  readonly registry = new Registry()
  private readonly received = new Counter({ name: 'netzwerkstatt_messages_received_total', help: 'Websocket messages received', registers: [this.registry] })
  private readonly receivedBytes = new Counter({ name: 'netzwerkstatt_received_bytes_total', help: 'Websocket bytes received', registers: [this.registry] })
  private readonly sent = new Counter({ name: 'netzwerkstatt_messages_sent_total', help: 'Websocket messages sent', registers: [this.registry] })
  private readonly sentBytes = new Counter({ name: 'netzwerkstatt_sent_bytes_total', help: 'Websocket bytes sent', registers: [this.registry] })
  private readonly socketDeflates = new Counter({
    name: 'netzwerkstatt_socket_deflates_total',
    help: 'Messages deflated for sending (permessage-deflate): once per message and window, however many sockets it goes to',
    registers: [this.registry],
  })
  private readonly socketDeflatedFrames = new Counter({
    name: 'netzwerkstatt_socket_deflated_frames_total',
    help: 'Deflated frames handed to sockets (permessage-deflate)',
    registers: [this.registry],
  })
  private readonly refusals = new Counter({
    name: 'netzwerkstatt_refusals_total',
    help: 'Connections the relay closed or refused, by reason (close code name)',
    labelNames: ['reason'],
    registers: [this.registry],
  })
  private readonly httpRefusals = new Counter({
    name: 'netzwerkstatt_http_refusals_total',
    help: 'HTTP requests answered with a 4xx status, by status',
    labelNames: ['status'],
    registers: [this.registry],
  })
  private readonly deletions = new Counter({
    name: 'netzwerkstatt_boards_deleted_total',
    help: 'Boards deleted, by cause (facilitator, retention, operator)',
    labelNames: ['cause'],
    registers: [this.registry],
  })
  private readonly storageSeconds = new Histogram({
    name: 'netzwerkstatt_storage_seconds',
    help: 'Time spent in storage calls, by operation',
    labelNames: ['operation'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  })

  /** Set in a worker with WORKERS above 1: every relay process's metrics together (`cluster/groupProbes.ts`). */
  private group: (() => Promise<string>) | null = null

  speakFor(group: () => Promise<string>): void {
    this.group = group
  }

  /** What `/metrics` answers. */
  text(): Promise<string> {
    return this.group ? this.group() : this.registry.metrics()
  }

  constructor(current: { rooms(): number; connections(): number; remoteClients?(): number }) {
    new Gauge({ name: 'netzwerkstatt_rooms', help: 'Boards loaded in memory', registers: [this.registry], collect() {
      this.set(current.rooms())
    } })
    new Gauge({ name: 'netzwerkstatt_connections', help: 'Open websocket connections', registers: [this.registry], collect() {
      this.set(current.connections())
    } })
    if (current.remoteClients) {
      const remoteClients = current.remoteClients
      new Gauge({ name: 'netzwerkstatt_remote_clients', help: 'Clients of boards held here whose sockets are on another relay process', registers: [this.registry], collect() {
        this.set(remoteClients())
      } })
    }
    collectDefaultMetrics({ register: this.registry, prefix: 'netzwerkstatt_' })
  }

  messageReceived(bytes: number): void {
    this.received.inc()
    this.receivedBytes.inc(bytes)
  }

  messageSent(bytes: number): void {
    this.sent.inc()
    this.sentBytes.inc(bytes)
  }

  /** What the sockets' shared deflate did (`sharedDeflate.ts`). */
  readonly deflates = {
    deflated: (): void => this.socketDeflates.inc(),
    sent: (): void => this.socketDeflatedFrames.inc(),
  }

  /** A close the relay decided on; normal goodbyes are no refusal. */
  closedByRelay(code: number): void {
    if (code === CloseCode.goingAway) return
    this.refusals.inc({ reason: closeReasons.get(code) ?? String(code) })
  }

  httpRefused(status: number): void {
    this.httpRefusals.inc({ status: String(status) })
  }

  boardDeleted(cause: 'facilitator' | 'retention' | 'operator', count = 1): void {
    this.deletions.inc({ cause }, count)
  }

  /** Days until tldraw's editor stops at PUBLIC_URL (`tldrawLicence.ts`), read at each scrape: 0 once it would, +Inf for a key that does not expire. */
  tldrawLicenceDaysLeft(daysLeft: () => number): void {
    new Gauge({ name: 'netzwerkstatt_tldraw_licence_days_left', help: 'Days until the tldraw licence key stops the canvas at PUBLIC_URL (0: it does already)', registers: [this.registry], collect() {
      this.set(daysLeft())
    } })
  }

  /** The same storage, with every call timed by its method name. */
  timeStorage(storage: Storage): Storage {
    const histogram = this.storageSeconds
    // Wrapped once per method: storage is called for every update, the wrapper must not be made each time.
    const timed = new Map<string, (...args: unknown[]) => unknown>()
    return new Proxy(storage, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver)
        if (typeof value !== 'function' || typeof property !== 'string') return value
        let wrapper = timed.get(property)
        if (!wrapper) {
          wrapper = (...args: unknown[]) => {
            const end = histogram.startTimer({ operation: property })
            let result: unknown
            try {
              result = value.apply(target, args)
            } catch (error) {
              end()
              throw error
            }
            if (result instanceof Promise) return result.finally(end)
            end()
            return result
          }
          timed.set(property, wrapper)
        }
        return wrapper
      },
    })
  }
}

/** What the relay group's Redis connection adds to `/metrics`. */
import { Gauge, type Registry } from 'prom-client'
import type { Bus } from './Bus.ts'

export function countBusState(registry: Registry, bus: Pick<Bus, 'connected'>): void {
  new Gauge({
    name: 'netzwerkstatt_redis_connected',
    help: 'Whether this relay process reaches the relay group through Redis (0 during an outage: boards held here go on, clients served through other processes wait)',
    // Across WORKERS: 0 as soon as one process has lost Redis.
    aggregator: 'min',
    registers: [registry],
    collect() {
      this.set(bus.connected ? 1 : 0)
    },
  })
}

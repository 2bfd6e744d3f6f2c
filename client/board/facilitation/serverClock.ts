/**
 * This browser's estimate of the relay's clock (see `shared/facilitation/clock.ts`): measured
 * when the board opens and again after every reconnect (the laptop may have slept, its clock may
 * have been corrected). Until a measurement succeeds the local clock stands in (offset 0).
 */
import { atom, react, type Atom } from '@tldraw/state'
import { ServerTime } from '../../../shared/access.ts'
import { estimateOffset, type ClockSample } from '../../../shared/facilitation/clock.ts'
import type { ConnectionState } from '../connectionState.ts'

export interface ServerClock {
  /** Milliseconds to add to `Date.now()`; null until measured. */
  offset: Atom<number | null>
  /** Whether the first measurement has finished (successful or not). */
  settled: Atom<boolean>
  /** The relay's time now, as well as we know it. */
  now(): number
  dispose(): void
}

const timePath = '/api/time'
const samplesPerMeasurement = 3

async function sample(fetchTime: typeof fetch): Promise<ClockSample | undefined> {
  const sentAt = Date.now()
  const response = await fetchTime(timePath, { cache: 'no-store' })
  const receivedAt = Date.now()
  if (!response.ok) return undefined
  const parsed = ServerTime.safeParse(await response.json())
  return parsed.success ? { sentAt, receivedAt, serverNow: parsed.data.now } : undefined
}

/** A few samples one after another; the quickest round trip wins. */
export async function measureOffset(fetchTime: typeof fetch = fetch): Promise<number | undefined> {
  const samples: ClockSample[] = []
  for (let i = 0; i < samplesPerMeasurement; i++) {
    const s = await sample(fetchTime).catch(() => undefined)
    if (s) samples.push(s)
  }
  return estimateOffset(samples)
}

export function createServerClock(connection: Atom<ConnectionState>, fetchTime: typeof fetch = fetch): ServerClock {
  const offset = atom<number | null>('server clock offset', null)
  const settled = atom('server clock settled', false)
  let disposed = false
  let measuring = false
  const measure = () => {
    if (measuring) return
    measuring = true
    measureOffset(fetchTime)
      .then((value) => {
        if (!disposed && value !== undefined) offset.set(value)
      })
      .finally(() => {
        measuring = false
        if (!disposed) settled.set(true)
      })
  }
  // Measure on the way into "connected": at the start and after each reconnect.
  let wasConnected = false
  const stop = react('measure server clock', () => {
    const connected = connection.get() === 'connected'
    if (connected && !wasConnected) measure()
    wasConnected = connected
  })
  return {
    offset,
    settled,
    now: () => Date.now() + (offset.get() ?? 0),
    dispose() {
      disposed = true
      stop()
    },
  }
}

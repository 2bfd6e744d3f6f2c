/**
 * The relay's clock as seen from a client. Clients' clocks disagree by seconds or minutes, so a
 * timer stored as "started at <server time>" must be read with the relay's clock: each client
 * estimates `offset = serverNow − localNow` from `GET /api/time` and adds it to `Date.now()`.
 */

/** One request to `GET /api/time`, timed with the local clock. */
export interface ClockSample {
  /** Local time just before the request was sent. */
  sentAt: number
  /** Local time just after the answer arrived. */
  receivedAt: number
  /** The relay's `now` in its answer. */
  serverNow: number
}

/**
 * The offset one sample suggests: the relay read its clock somewhere during the round trip;
 * assuming the middle (round trip / 2) is off by at most half the round trip.
 */
export function sampleOffset(sample: ClockSample): number {
  const midpoint = sample.sentAt + (sample.receivedAt - sample.sentAt) / 2
  return sample.serverNow - midpoint
}

/** The offset from the sample with the shortest round trip (the least uncertain one). */
export function estimateOffset(samples: readonly ClockSample[]): number | undefined {
  const usable = samples.filter((s) => s.receivedAt >= s.sentAt && Number.isFinite(s.serverNow))
  if (usable.length === 0) return undefined
  const best = usable.reduce((a, b) => (b.receivedAt - b.sentAt < a.receivedAt - a.sentAt ? b : a))
  return Math.round(sampleOffset(best))
}

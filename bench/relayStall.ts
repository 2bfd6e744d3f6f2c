/**
 * The relay's own longest event-loop stall, as its `/metrics` reports it (prom-client's
 * `nodejs_eventloop_lag_max_seconds`, reset at every scrape): free of what the bench's own process
 * spends on reading the answers, which a probe's round trip also counts.
 */
import type { RelayProcess } from '../test/helpers/relay.ts'

const metric = 'netzwerkstatt_nodejs_eventloop_lag_max_seconds'

/** Milliseconds of the longest stall since the last call (the first call only starts the window). */
export async function relayLongestStallMs(relay: RelayProcess): Promise<number> {
  const text = await (await fetch(`${relay.httpUrl}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${metric} `))
  if (!line) throw new Error(`${metric} missing from /metrics`)
  return Number(line.slice(metric.length + 1)) * 1000
}

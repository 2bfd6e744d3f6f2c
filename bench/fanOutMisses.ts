/**
 * Which cursor states a fan-out run missed, and why: `node --import tsx bench/fanOutMisses.ts
 * FILE.json`, FILE written by `fanOutAlone.ts --dump`. A state counts as missed as `fanOut.ts`
 * counts it (no observer picture of the sender newer than `staleMs` after its sending); here
 * the misses are broken down by sender, by observer, by second of the window and by kind: the
 * state itself arrived late, or no observer ever got it at its own clock (the relay merged or
 * did not pass it on) and a newer one came late or never. Runs of states that no observer got
 * show whether the same senders lose again and again; the timeline shows stalls.
 */
import { readFileSync } from 'node:fs'
import type { FleetReport } from './fanOutFleet.ts'

interface Dump {
  windowStart: number
  windowEnd: number
  staleMs: number
  crowd: FleetReport
  probe: FleetReport
  relayLog?: Record<string, number>
}

interface Sent {
  id: number
  clock: number
  at: number
}

const dump = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Dump
const { windowStart, staleMs, probe } = dump
const flat = [...dump.crowd.cursorsSent, ...probe.cursorsSent]
const sent: Sent[] = []
for (let i = 0; i < flat.length; i += 3) sent.push({ id: flat[i], clock: flat[i + 1], at: flat[i + 2] })
const bySender = group(sent, (s) => s.id)
for (const states of bySender.values()) states.sort((a, b) => a.clock - b.clock)

// Per observer: per sender, when each clock first arrived.
const arrivals = probe.observerIds.map((_, o) => {
  const got = new Map<number, Map<number, number>>()
  const r = probe.cursorsReceived[o]
  for (let i = 0; i < r.length; i += 3) {
    let clocks = got.get(r[i])
    if (!clocks) got.set(r[i], (clocks = new Map()))
    if (!clocks.has(r[i + 1])) clocks.set(r[i + 1], r[i + 2])
  }
  return got
})
const anyObserverGot = (id: number, clock: number) => arrivals.some((got) => got.get(id)?.has(clock))

// States no observer got at their own clock, and how many in a row per sender.
let neverItself = 0
const runs: Record<number, number> = {}
for (const [id, states] of bySender) {
  let run = 0
  for (const s of states) {
    if (!anyObserverGot(id, s.clock)) {
      neverItself++
      run++
    } else if (run > 0) {
      runs[run] = (runs[run] ?? 0) + 1
      run = 0
    }
  }
  if (run > 0) runs[run] = (runs[run] ?? 0) + 1
}

let expected = 0
const kinds: Record<string, number> = {}
const bySenderMissed = new Map<number, number>()
const byObserverMissed = new Map<number, number>()
const bySecond = new Map<number, { sent: number; missed: number }>()
probe.observerIds.forEach((observer, o) => {
  for (const [id, states] of bySender) {
    if (id === observer) continue
    const got = [...(arrivals[o].get(id) ?? new Map<number, number>())]
    for (const s of states) {
      expected++
      const second = Math.floor((s.at - windowStart) / 1000)
      const row = bySecond.get(second) ?? { sent: 0, missed: 0 }
      bySecond.set(second, row)
      row.sent++
      let earliest = Infinity
      for (const [clock, at] of got) if (clock >= s.clock) earliest = Math.min(earliest, at)
      if (earliest <= s.at + staleMs) continue
      row.missed++
      bySenderMissed.set(id, (bySenderMissed.get(id) ?? 0) + 1)
      byObserverMissed.set(observer, (byObserverMissed.get(observer) ?? 0) + 1)
      const itself = arrivals[o].get(id)?.has(s.clock)
      const kind = itself
        ? 'arrived itself, late'
        : `${anyObserverGot(id, s.clock) ? 'other observers got it' : 'no observer got it'}; a newer one ${earliest === Infinity ? 'never' : 'late'}`
      kinds[kind] = (kinds[kind] ?? 0) + 1
    }
  }
})
const missed = [...bySenderMissed.values()].reduce((a, b) => a + b, 0)
const worst = [...bySenderMissed].sort((a, b) => b[1] - a[1])

console.log(`${sent.length} states sent by ${bySender.size} senders in the window, ${probe.observerIds.length} observers`)
console.log(`delivered ${(1 - missed / expected).toFixed(4)}: ${missed} of ${expected} (observer, state) missed`)
console.log(`states no observer got at their own clock: ${neverItself} (${((neverItself / sent.length) * 100).toFixed(1)} %); runs of them per sender, length: count ${JSON.stringify(runs)}`)
console.log('missed by kind', kinds)
console.log(`senders with misses: ${worst.length}, the most: ${worst.slice(0, 8).map(([id, n]) => `${id} ${n}`).join(', ')}`)
console.log(`missed by observer: ${[...byObserverMissed].map(([id, n]) => `${id} ${n}`).join(', ')}`)
console.log(`by second of the window, missed/expected: ${[...bySecond].sort((a, b) => a[0] - b[0]).map(([s, r]) => `${s}: ${r.missed}/${r.sent}`).join('  ')}`)
if (dump.relayLog) console.log('relay log lines', dump.relayLog)

function group<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const list = groups.get(key(item))
    if (list) list.push(item)
    else groups.set(key(item), [item])
  }
  return groups
}

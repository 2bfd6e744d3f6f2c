/**
 * One fan-out scenario alone, to try a change to the relay in a minute rather than the whole
 * bench: `node --import tsx bench/fanOutAlone.ts [--kind ours|reference|hocuspocus] [--clients 500]
 * [--rounds 3] [--quick]`. One line per run (each on a freshly started server) with the 1-minute
 * load average before it, then the medians. `BENCH_RELAY_ROOT=<checkout>` runs another build.
 */
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { serverKinds, type ServerKind } from './dialects.ts'
import { runFanOutPhase, type ServerFigures } from './fanOut.ts'
import { median, round } from './stats.ts'

const { values } = parseArgs({
  options: {
    kind: { type: 'string', default: 'ours' },
    clients: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    /** The relay's environment, KEY=VALUE, repeatable (e.g. a limit to try). */
    env: { type: 'string', multiple: true, default: [] },
    /** Writes each run's raw reports (what was sent, what each observer got when) to FILE-<run>.json. */
    dump: { type: 'string' },
  },
})
const env = Object.fromEntries(values.env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))
const kind = values.kind as ServerKind
if (!serverKinds.includes(kind)) throw new Error(`--kind ${kind}: one of ${serverKinds.join(', ')}`)
const clients = Number(values.clients)
const rounds = Number(values.rounds)

const picks = {
  cursorP50: (f: ServerFigures) => f.cursorP50Ms,
  cursorP99: (f: ServerFigures) => f.cursorP99Ms,
  cursorDelivered: (f: ServerFigures) => f.cursorDelivered,
  noteP50: (f: ServerFigures) => f.updateP50Ms,
  noteP99: (f: ServerFigures) => f.updateP99Ms,
  noteDelivered: (f: ServerFigures) => f.updateDelivered,
  serverCpu: (f: ServerFigures) => f.serverCpuPercent ?? Number.NaN,
  waited: (f: ServerFigures) => f.serverWaitedPercent ?? Number.NaN,
  crowdCpu: (f: ServerFigures) => f.crowdCpuPercent,
  observersCpu: (f: ServerFigures) => f.observersCpuPercent,
  wireMB: (f: ServerFigures) => round(f.wireBytes / 1e6),
}

const runs: ServerFigures[] = []
for (let r = 0; r < rounds; r++) {
  const load = loadavg()[0]
  const figures = await runFanOutPhase(kind, clients, { quick: values.quick, env, dump: values.dump && `${values.dump}-${r + 1}.json` })
  runs.push(figures)
  const line = Object.entries(picks).map(([name, pick]) => `${name} ${pick(figures)}`)
  console.log(`${kind} ${clients} run ${r + 1}: load ${round(load)} | ${line.join(' | ')} | connected ${figures.connected} | closed ${JSON.stringify(figures.closeCodes)} | warnings ${JSON.stringify(figures.serverWarnings)}`)
}
const medians = Object.entries(picks).map(([name, pick]) => `${name} ${round(median(runs.map(pick)))}`)
console.log(`${kind} ${clients} median of ${rounds}: ${medians.join(' | ')}`)
process.exit(0)

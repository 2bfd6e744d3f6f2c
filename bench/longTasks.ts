/**
 * Where a stall's time went: `node --import tsx bench/longTasks.ts <file.cpuprofile> [n]` prints
 * the n longest stretches of a CPU profile without an idle sample (default 3), each with the
 * functions that took its samples (self and inclusive). Profiles of the relay under a bench come
 * from `RELAY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'` (`test/helpers/serverEntry.ts`).
 * A busy machine stretches them: the samples are what counts, not the stretch's length.
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

const [file, count = '3'] = process.argv.slice(2)
if (!file) {
  console.error('usage: node --import tsx bench/longTasks.ts <file.cpuprofile> [n]')
  process.exit(2)
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
const parentOf = new Map<number, number>()
for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id)
const nameOf = (id: number) => {
  const { functionName, url, lineNumber } = nodes.get(id)!.callFrame
  return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`
}
const idle = (id: number) => ['(idle)', '(program)'].includes(nodes.get(id)!.callFrame.functionName)

interface Stretch {
  startUs: number
  endUs: number
  samples: number[]
}
const stretches: Stretch[] = []
let current: Stretch | null = null
let at = profile.startTime
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i]!
  if (idle(id)) {
    if (current) stretches.push(current)
    current = null
    return
  }
  current ??= { startUs: at, endUs: at, samples: [] }
  current.endUs = at
  current.samples.push(id)
})
if (current) stretches.push(current)
stretches.sort((a, b) => b.endUs - b.startUs - (a.endUs - a.startUs))

const top = (counts: Map<string, number>, n: number) =>
  [...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, samples]) => `  ${String(samples).padStart(5)} ${name}`).join('\n')
for (const stretch of stretches.slice(0, Number(count))) {
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  for (const id of stretch.samples) {
    self.set(nameOf(id), (self.get(nameOf(id)) ?? 0) + 1)
    const seen = new Set<string>()
    for (let frame: number | undefined = id; frame !== undefined; frame = parentOf.get(frame)) {
      const name = nameOf(frame)
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + 1)
      seen.add(name)
    }
  }
  const ms = (stretch.endUs - stretch.startUs) / 1000
  console.log(`\n${ms.toFixed(1)} ms at ${((stretch.startUs - profile.startTime) / 1e6).toFixed(2)} s, ${stretch.samples.length} samples`)
  console.log(`self:\n${top(self, 12)}\ninclusive:\n${top(inclusive, 25)}`)
}

/**
 * With WORKERS above 1, `/metrics` and `/readyz` speak for every relay process of the machine,
 * not for the one that happens to answer. The request still reaches a worker (the first, as
 * everything that names no board: `primary.ts`), which checks METRICS_TOKEN as always and then
 * asks the primary; the primary asks each worker over the cluster's IPC channel and answers with
 * the sum. Metrics are merged by prom-client's cluster registry (`AggregatorRegistry.aggregate`:
 * counters and gauges summed unless a metric says otherwise), so names and labels stay the same
 * as with one process. Readiness: ready only if every worker is ready; a worker that does not
 * answer within the bound (or is being started again) is named as failing, `worker <n>`.
 */
import type { Worker } from 'node:cluster'
import { AggregatorRegistry, type Registry } from 'prom-client'
import type { ReadinessResult } from '../http/health.ts'

type Question = 'metrics' | 'readiness'
type Answer = { what: 'metrics'; metrics: object[] } | { what: 'readiness'; readiness: ReadinessResult }

/** Worker → primary: answer for the whole group. Primary → worker: the answer. */
interface GroupAsk { type: 'netzwerkstatt:group-ask'; id: number; what: Question }
interface GroupAnswer { type: 'netzwerkstatt:group-answer'; id: number; text?: string; readiness?: ReadinessResult }
/** Primary → worker: your own part. Worker → primary: it. */
interface PartAsk { type: 'netzwerkstatt:part-ask'; id: number; what: Question }
interface PartAnswer { type: 'netzwerkstatt:part-answer'; id: number; answer: Answer }

/** How long the primary waits for a worker's part; a worker's own readiness check is bounded by 1 s. */
const partBoundMs = 3000

let nextId = 0

/** In the primary: answers the workers' questions for the group, asking each worker in `workers()` (by index) for its part. */
export function answerGroupProbes(workers: () => Array<Worker | undefined>, count: number): (worker: Worker, message: unknown) => void {
  const waiting = new Map<number, (answer: Answer) => void>()
  const ask = (worker: Worker | undefined, what: Question): Promise<Answer | null> => {
    if (!worker?.isConnected()) return Promise.resolve(null)
    const id = nextId++
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(id)
        resolve(null)
      }, partBoundMs)
      waiting.set(id, (answer) => {
        clearTimeout(timer)
        waiting.delete(id)
        resolve(answer)
      })
      try {
        worker.send({ type: 'netzwerkstatt:part-ask', id, what } satisfies PartAsk)
      } catch {
        // Its channel closed just now: it counts as not answering.
      }
    })
  }
  const gather = async (what: Question): Promise<Omit<GroupAnswer, 'type' | 'id'>> => {
    const current = workers()
    const answers = await Promise.all(Array.from({ length: count }, (_, index) => ask(current[index], what)))
    if (what === 'metrics') {
      const parts = answers.flatMap((answer) => (answer?.what === 'metrics' ? [answer.metrics] : []))
      return { text: await AggregatorRegistry.aggregate(parts).metrics() }
    }
    const failing = new Set<string>()
    const degraded = new Set<string>()
    answers.forEach((answer, index) => {
      if (answer?.what !== 'readiness') return void failing.add(`worker ${index}`)
      answer.readiness.failing.forEach((name) => failing.add(name))
      answer.readiness.degraded?.forEach((name) => degraded.add(name))
    })
    return { readiness: { ready: failing.size === 0, failing: [...failing], ...(degraded.size > 0 ? { degraded: [...degraded] } : {}) } }
  }
  return (worker, message) => {
    const m = message as GroupAsk | PartAnswer | null
    if (m?.type === 'netzwerkstatt:part-answer') return waiting.get(m.id)?.(m.answer)
    if (m?.type !== 'netzwerkstatt:group-ask') return
    void gather(m.what).then((answer) => {
      // A send that fails is the worker's 'error' event (`primary.ts` listens); its probe then times out.
      if (worker.isConnected()) worker.send({ type: 'netzwerkstatt:group-answer', id: m.id, ...answer } satisfies GroupAnswer)
    })
  }
}

export interface GroupProbes {
  metrics(): Promise<string>
  readiness(): Promise<ReadinessResult>
}

/** In a worker: answers the primary for this process, and asks it for the group's. */
export function joinGroupProbes(own: { registry: Registry; readiness(): Promise<ReadinessResult> }): GroupProbes {
  const waiting = new Map<number, (answer: GroupAnswer) => void>()
  process.on('message', (message: PartAsk | GroupAnswer | null) => {
    if (message?.type === 'netzwerkstatt:group-answer') return waiting.get(message.id)?.(message)
    if (message?.type !== 'netzwerkstatt:part-ask') return
    const { id, what } = message
    const answer: Promise<Answer> =
      what === 'metrics' ? own.registry.getMetricsAsJSON().then((metrics) => ({ what, metrics })) : own.readiness().then((readiness) => ({ what, readiness }))
    void answer.then((answer) => process.send?.({ type: 'netzwerkstatt:part-answer', id, answer } satisfies PartAnswer))
  })
  const ask = (what: Question) =>
    new Promise<GroupAnswer>((resolve, reject) => {
      const id = nextId++
      // Longer than the primary waits for its slowest worker.
      const timer = setTimeout(() => {
        waiting.delete(id)
        reject(new Error('the primary did not answer'))
      }, 2 * partBoundMs)
      waiting.set(id, (answer) => {
        clearTimeout(timer)
        waiting.delete(id)
        resolve(answer)
      })
      process.send?.({ type: 'netzwerkstatt:group-ask', id, what } satisfies GroupAsk)
    })
  return {
    metrics: async () => (await ask('metrics')).text ?? '',
    readiness: async () => (await ask('readiness')).readiness ?? { ready: false, failing: ['primary'] },
  }
}

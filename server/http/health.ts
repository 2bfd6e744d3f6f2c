/**
 * Health probes. `/livez`: the process answers (touches nothing). `/readyz`: each part it needs
 * (storage) answers a trivial request within a bound, and the process is not shutting down. A
 * part it can do without for a while (Redis: boards held here go on, `cluster/Cluster.ts`) is
 * named `degraded` when it fails, and the process stays ready: a Redis outage must not take every
 * relay out of service at once. `/healthz` is kept as an alias of `/readyz` (it used to say ok always).
 *
 * Probes must not become load on a database that is already struggling: a result is reused for
 * `cacheMs`, concurrent probes share the check under way, and a part whose last check has not
 * come back yet (a hanging database) is reported failing without being asked again.
 */
import { Hono, type Context } from 'hono'

export interface ReadinessPart {
  /** Named in the answer: a part, never a URL or anything from a board. */
  name: string
  check(): Promise<unknown>
  /** Failing, it makes the process degraded, not unready. */
  optional?: boolean
}

export interface ReadinessResult {
  ready: boolean
  failing: string[]
  /** Optional parts that fail. */
  degraded?: string[]
}

export class Readiness {
  private stopping = false
  private cached: { result: ReadinessResult; at: number } | null = null
  private current: Promise<ReadinessResult> | null = null
  /** Checks sent and not yet answered, by part: never more than one each. */
  private readonly pending = new Map<string, Promise<boolean>>()
  /** Set in a worker with WORKERS above 1: the answer for every relay process (`cluster/groupProbes.ts`). */
  private group: (() => Promise<ReadinessResult>) | null = null

  constructor(
    private readonly parts: ReadinessPart[],
    private readonly options: { boundMs: number; cacheMs: number } = { boundMs: 1000, cacheMs: 1000 },
  ) {}

  /** From SIGTERM on: not ready, whatever the parts say. */
  stop(): void {
    this.stopping = true
  }

  speakFor(group: () => Promise<ReadinessResult>): void {
    this.group = group
  }

  /** What `/readyz` answers: this process's check, or the group's. */
  async report(): Promise<ReadinessResult> {
    if (!this.group || this.stopping) return this.check()
    return this.group().catch(() => ({ ready: false, failing: ['primary'] }))
  }

  async check(): Promise<ReadinessResult> {
    if (this.stopping) return { ready: false, failing: ['shutdown'] }
    if (this.cached && performance.now() - this.cached.at < this.options.cacheMs) return this.cached.result
    this.current ??= this.run().finally(() => (this.current = null))
    const result = await this.current
    return this.stopping ? { ready: false, failing: ['shutdown'] } : result
  }

  private async run(): Promise<ReadinessResult> {
    const answers = await Promise.all(this.parts.map((part) => this.answers(part)))
    const failed = this.parts.filter((_, index) => !answers[index])
    const failing = failed.filter((part) => !part.optional).map((part) => part.name)
    const degraded = failed.filter((part) => part.optional).map((part) => part.name)
    const result = { ready: failing.length === 0, failing, ...(degraded.length > 0 ? { degraded } : {}) }
    this.cached = { result, at: performance.now() }
    return result
  }

  /** True if the part answers within the bound; a check still under way from before counts as failing. */
  private async answers(part: ReadinessPart): Promise<boolean> {
    if (this.pending.has(part.name)) return false
    const answered = part.check().then(
      () => true,
      () => false,
    )
    this.pending.set(part.name, answered)
    void answered.finally(() => this.pending.delete(part.name))
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.options.boundMs)))
    try {
      return await Promise.race([answered, late])
    } finally {
      clearTimeout(timer)
    }
  }
}

export function healthApi(readiness: Readiness): Hono {
  const api = new Hono()
  api.get('/livez', (c) => c.json({ status: 'live' }, 200, { 'Cache-Control': 'no-store' }))
  const ready = async (c: Context) => {
    const { ready, failing, degraded } = await readiness.report()
    const also = degraded ? { degraded } : {}
    if (ready) return c.json({ status: 'ready', ...also }, 200, { 'Cache-Control': 'no-store' })
    return c.json({ status: 'not ready', failing, ...also }, 503, { 'Cache-Control': 'no-store' })
  }
  api.get('/readyz', ready)
  api.get('/healthz', ready)
  return api
}

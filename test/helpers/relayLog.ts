/** A relay's log lines as a test reads them: kept in order, and awaited by what they say. */

export type LogEntry = Record<string, unknown>

export class RelayLog {
  /** Every line so far (the last `kept` of them). */
  readonly lines: string[] = []
  private readonly waiters: Array<{ predicate: (entry: LogEntry) => boolean; from: number; resolve: (entry: LogEntry) => void; reject: (error: Error) => void }> = []
  private ended: string | undefined

  constructor(private readonly kept = Infinity) {}

  add(line: string): void {
    this.lines.push(line)
    if (this.lines.length > this.kept) this.lines.splice(0, this.lines.length - this.kept)
    const index = this.lines.length - 1
    const entry = parse(line)
    if (!entry) return
    for (const waiter of [...this.waiters]) {
      if (index < waiter.from || !waiter.predicate(entry)) continue
      this.waiters.splice(this.waiters.indexOf(waiter), 1)
      waiter.resolve(entry)
    }
  }

  /** The first line from index `from` on (0: any) whose JSON matches; rejects once the relay has ended without one. */
  waitFor(predicate: (entry: LogEntry) => boolean, from = 0): Promise<LogEntry> {
    for (let i = from; i < this.lines.length; i++) {
      const entry = parse(this.lines[i]!)
      if (entry && predicate(entry)) return Promise.resolve(entry)
    }
    if (this.ended !== undefined) return Promise.reject(this.endedError(from))
    return new Promise((resolve, reject) => this.waiters.push({ predicate, from, resolve, reject }))
  }

  /** The relay is gone (`why`): whoever still waits hears it, with the lines since they began to wait. */
  close(why: string): void {
    this.ended = why
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.endedError(waiter.from))
  }

  private endedError(from: number): Error {
    return new Error(`${this.ended} before the expected log line:\n${this.lines.slice(from).join('\n')}`)
  }
}

function parse(line: string): LogEntry | undefined {
  try {
    const entry = JSON.parse(line) as unknown
    return entry && typeof entry === 'object' ? (entry as LogEntry) : undefined
  } catch {
    return undefined
  }
}

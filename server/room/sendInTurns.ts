/**
 * A fan-out to a crowd, written a share at a time. Each socket write is a system call: sending
 * one update to 150 sockets held the process for about 7 ms, and an edit on another board
 * waited that long. So a fan-out writes to a few dozen sockets, lets the event loop go round
 * (as a room's queued work does, `roomTurns.ts`), and goes on in the next turn. Every recipient
 * still gets the fan-outs in order: the next starts only once this one is through (`onDone`).
 * A room alone in its process writes at once: yielding would only keep its own recipients waiting.
 */

/** Sockets written to before the event loop may go round: about 1–2 ms of writes. */
export const recipientsPerTurn = 32

export class SendInTurns<R> {
  private recipients: readonly R[] = []
  private next = 0
  private send: (recipient: R) => void = () => {}
  private immediate: NodeJS.Immediate | null = null

  /**
   * `onDone` gets the milliseconds the later turns took (the first is the caller's), once a fan-out
   * that needed more than one turn is through: the time that passed, not the CPU time, as for every
   * crowd (`Room.fanOut`).
   */
  constructor(
    private readonly onDone: (laterTurnsMs: number) => void,
    private readonly perTurn = recipientsPerTurn,
  ) {}

  /** True while a fan-out waits for its next turn. */
  get busy(): boolean {
    return this.immediate !== null
  }

  /** Writes to the first share of `recipients` now, to the rest in later turns (all now unless `inTurns`). */
  start(recipients: readonly R[], inTurns: boolean, send: (recipient: R) => void): void {
    this.finish()
    this.recipients = recipients
    this.next = 0
    this.send = send
    this.writeShare(inTurns ? this.perTurn : recipients.length)
    if (this.next < recipients.length) this.immediate = setImmediate(() => this.goOn(0))
  }

  /** Writes whatever the current fan-out has left, now. */
  finish(): void {
    if (!this.immediate) return
    clearImmediate(this.immediate)
    this.immediate = null
    while (this.next < this.recipients.length) this.send(this.recipients[this.next++]!)
    this.clear()
  }

  /** Drops what is left (the room is closing). */
  cancel(): void {
    if (this.immediate) clearImmediate(this.immediate)
    this.immediate = null
    this.clear()
  }

  private goOn(spentMs: number): void {
    const started = performance.now()
    this.writeShare(this.perTurn)
    const spent = spentMs + performance.now() - started
    if (this.next < this.recipients.length) {
      this.immediate = setImmediate(() => this.goOn(spent))
      return
    }
    this.immediate = null
    this.clear()
    this.onDone(spent)
  }

  private writeShare(share: number): void {
    const end = Math.min(this.recipients.length, this.next + share)
    while (this.next < end) this.send(this.recipients[this.next++]!)
  }

  private clear(): void {
    this.recipients = []
    this.next = 0
    this.send = () => {}
  }
}

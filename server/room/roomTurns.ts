/**
 * A room's queued work (checking, storing and applying updates) runs as one chain of promises,
 * and a chain of promises never lets the event loop read another socket: with 150 writers on
 * one board, each message the poll phase read ran through the whole chain before the next
 * socket's, and an edit on another board waited behind all of them. So after a few
 * milliseconds of work a room's chain lets the event loop go round; the rest of its queue runs
 * in the next turn, after the sockets of every other board were read.
 */

/** The work a room does before it lets the others in. */
export const turnMs = 2

export class Turns {
  private inTurn = false
  private startedAt = 0
  private readonly end = () => {
    this.inTurn = false
  }

  constructor(private readonly ms = turnMs) {}

  /** Undefined while the room may work on; otherwise resolves once the event loop went round. */
  take(): Promise<void> | undefined {
    const now = performance.now()
    if (!this.inTurn) {
      // The turn ends when the event loop reaches its next check phase at the latest.
      this.inTurn = true
      this.startedAt = now
      setImmediate(this.end)
      return undefined
    }
    if (now - this.startedAt < this.ms) return undefined
    // Queued after `end`: the room starts a new turn when it resumes.
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.take())
  }
}

/**
 * The sockets a sign-in opened on boards that require one, in this process. They close when that
 * sign-in ends — signed out here or through another relay process, or expired — so that a tab
 * left open keeps no access its sign-in no longer gives. The client then comes back and meets the
 * sign-in page.
 */

/** `setTimeout` takes at most this many milliseconds. */
const maxDelayMs = 2 ** 31 - 1

export class SignedInSockets {
  private readonly byKey = new Map<string, Set<() => void>>()
  /** Timers that read a sign-in's groups again while it has sockets here (`groupRecheck.ts`). */
  private readonly watches = new Map<string, NodeJS.Timeout>()

  /**
   * Remembers a socket of the sign-in `key` (its session's hash); `close` ends it. Returns what
   * forgets it again, for when the socket closes for another reason.
   */
  add(key: string, expiresAt: number, close: () => void, now = Date.now()): () => void {
    let closers = this.byKey.get(key)
    if (!closers) this.byKey.set(key, (closers = new Set()))
    const sockets = closers
    const forget = () => {
      clearTimeout(timer)
      sockets.delete(ending)
      if (sockets.size === 0 && this.byKey.get(key) === sockets) {
        this.byKey.delete(key)
        clearInterval(this.watches.get(key))
        this.watches.delete(key)
      }
    }
    const ending = () => {
      forget()
      close()
    }
    const timer = setTimeout(ending, Math.min(Math.max(0, expiresAt - now), maxDelayMs))
    timer.unref()
    sockets.add(ending)
    return forget
  }

  /**
   * Calls `recheck` every `everyMs` while the sign-in `key` has sockets here (once per sign-in,
   * however many sockets); what it finds closes them through `end`.
   */
  watch(key: string, everyMs: number, recheck: () => Promise<unknown>): void {
    if (!this.byKey.has(key) || this.watches.has(key)) return
    const timer = setInterval(() => void recheck().catch(() => {}), Math.min(everyMs, maxDelayMs))
    timer.unref()
    this.watches.set(key, timer)
  }

  /** Closes every socket of the sign-in; returns how many there were. */
  end(key: string): number {
    const closers = [...(this.byKey.get(key) ?? [])]
    for (const close of closers) close()
    return closers.length
  }
}

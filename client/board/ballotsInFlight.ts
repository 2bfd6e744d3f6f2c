/**
 * This page's ballot sends still on their way, per board. The facilitator's reveal waits for them
 * (at most a few seconds): her screen counts a dot as soon as she gives it, and a browser may
 * send the reveal before the ballot, so the relay would count without it. Both places a dot is
 * given (the canvas, the list) register here; both reveals wait here.
 */
const inFlight = new Map<string, Set<Promise<unknown>>>()

/** A reveal waits no longer than this for a ballot send that hangs: then it goes without it. */
export const ballotWaitMs = 5000

export function ballotSending(boardId: string, sending: Promise<unknown>): void {
  let sends = inFlight.get(boardId)
  if (!sends) inFlight.set(boardId, (sends = new Set()))
  sends.add(sending)
  const done = () => {
    sends.delete(sending)
    if (sends.size === 0 && inFlight.get(boardId) === sends) inFlight.delete(boardId)
  }
  sending.then(done, done)
}

/** Once every ballot send of this page for the board begun so far has its answer, or after `ballotWaitMs`. */
export function ballotsAnswered(boardId: string, waitMs = ballotWaitMs): Promise<void> {
  const pending = [...(inFlight.get(boardId) ?? [])]
  if (pending.length === 0) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs)
    void Promise.allSettled(pending).then(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** What a page does when a run of its ballot sends was refused in part. */
export interface BallotRefusal<B> {
  /** Each refusal as it comes (the relay's answer, or the network's error). */
  refused?(error: unknown): void
  /** Once at the end of a run with a refusal, `last` the ballot sent last: e.g. the relay's ballot shown again. */
  afterRefusal?(last: B): Promise<unknown> | void
}

/**
 * Sends a page's ballots one after another, each time the newest one wanted: quick clicks reach
 * the relay in order and end as one state, and the reveal waits for them (above). `send` throws
 * when the relay refuses. A change's promise is its run's: false if any send of it was refused,
 * settled once `afterRefusal` is through.
 */
export function newestBallotSender<B>(boardId: string, send: (ballot: B) => Promise<unknown>, on: BallotRefusal<B> = {}): (ballot: B) => Promise<boolean> {
  let wanted: { ballot: B } | null = null
  let running: Promise<boolean> | null = null
  const run = async () => {
    let ok = true
    let last: B | undefined
    while (wanted) {
      const { ballot } = wanted
      wanted = null
      last = ballot
      try {
        await send(ballot)
      } catch (error) {
        ok = false
        on.refused?.(error)
      }
    }
    running = null
    if (!ok) await on.afterRefusal?.(last!)
    return ok
  }
  return (ballot) => {
    wanted = { ballot }
    if (!running) {
      running = run()
      ballotSending(boardId, running)
    }
    return running
  }
}

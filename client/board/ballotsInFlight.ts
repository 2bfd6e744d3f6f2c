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

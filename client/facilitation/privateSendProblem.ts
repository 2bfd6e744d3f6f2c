/**
 * Why this browser's private notes did not reach the relay. A refused write is never only logged:
 * the writer is told, and the words stay on her screen and in the tab (`PrivateWriting.tsx`).
 */
import { atom, type Atom } from 'tldraw'
import { ApiError } from '../api.ts'

/** full: no room on the board for the reveal; tooLong: over the writer's bytes; busy: refused for now; failed: not sent. */
export type PrivateSendProblem = 'full' | 'tooLong' | 'busy' | 'failed'

export function privateSendProblemOf(error: unknown): PrivateSendProblem {
  if (error instanceof ApiError) {
    if (error.status === 507) return 'full'
    if (error.status === 413) return 'tooLong'
    if (error.status === 429) return 'busy'
  }
  return 'failed'
}

/** Only the transient ones are tried again by themselves; the others wait for the writer's next change. */
export const retriedByItself = (problem: PrivateSendProblem) => problem === 'busy' || problem === 'failed'

const problems = new WeakMap<object, Atom<PrivateSendProblem | null> & { set(value: PrivateSendProblem | null): void }>()

/** The problem of the last send, per open board (null when the last send arrived). */
export function privateSendProblem(board: object) {
  let problem = problems.get(board)
  if (!problem) problems.set(board, (problem = atom<PrivateSendProblem | null>('private send problem', null)))
  return problem
}

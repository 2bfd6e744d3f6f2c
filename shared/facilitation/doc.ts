/**
 * Facilitation state lives in the board's Y.Doc (so it survives reloads and reaches everyone):
 * `Y.Map` named `facilitation`, one key per tool, each value plain JSON written whole by the
 * facilitator's client (last writer wins, which is what a single facilitator wants).
 * Observers cannot write it: the relay drops their document updates.
 */
import type * as Y from 'yjs'

export const facilitationMapName = 'facilitation'

export const facilitationKeys = {
  /** Countdown: see `timer.ts`. */
  timer: 'timer',
  /** Current agenda step of a template instance: see `steps.ts`. */
  step: 'step',
  /** Planspiel roles assigned to people present: see `workshopRoles.ts`. */
  roles: 'roles',
  /** Dot voting: see `voting.ts`. */
  vote: 'vote',
  /** Whether template scaffold may be changed by participants: see `scaffoldLock.ts`. */
  scaffold: 'scaffold',
} as const

export const facilitationMap = (doc: Y.Doc) => doc.getMap<unknown>(facilitationMapName)

/**
 * Facilitation state lives in the board's Y.Doc (so it survives reloads and reaches everyone):
 * `Y.Map` named `facilitation`, one key per tool. Most values are plain JSON written whole by the
 * facilitator's client (last writer wins, which is what a single facilitator wants); `vote` is a
 * nested `Y.Map` whose `ballots` map gives every voter a key of their own, so that people voting
 * at the same moment never overwrite each other (see `voting.ts`).
 * Observers cannot write any of it: the relay drops their document updates.
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

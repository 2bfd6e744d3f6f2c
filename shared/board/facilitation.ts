/**
 * Facilitation state lives in the board's Y.Doc (so it survives reloads and reaches everyone):
 * `Y.Map` named `facilitation`, one key per tool. Values are plain JSON written whole by the
 * facilitator's client (last writer wins, which is what a single facilitator wants); `vote` is a
 * nested `Y.Map` into which the relay also writes participation and results, while the ballots
 * themselves stay on the relay (see `voting.ts`). Only the facilitator writes any of it: the
 * relay refuses everyone else's writes (`declaration.ts`).
 */
import type * as Y from 'yjs'

export const facilitationMapName = 'facilitation'

export const facilitationKeys = {
  /** Countdown: see `timer.ts`. */
  timer: 'timer',
  /** Current agenda step of a template instance or of the free agenda: see `steps.ts`. */
  step: 'step',
  /** The facilitator's own agenda: see `freeAgenda.ts`. */
  agenda: 'agenda',
  /** Planspiel roles assigned to people present: see `workshopRoles.ts`. */
  roles: 'roles',
  /** Dot voting: see `voting.ts`. */
  vote: 'vote',
  /** Whether template scaffold may be changed by participants: see `scaffoldLock.ts`. */
  scaffold: 'scaffold',
  /** Whether participants may delete others' notes: see `declaration.ts`. */
  protection: 'protection',
  /** Whether the read-only link may export: see `exportRights.ts`. */
  exports: 'exports',
  /** An open round of private writing: see `privateWriting.ts`. */
  private: 'private',
} as const

export const facilitationMap = (doc: Y.Doc) => doc.getMap<unknown>(facilitationMapName)

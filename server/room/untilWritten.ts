/**
 * A facilitator writes (a Dokumentation's header, a last Zettel) and at once asks for a release or
 * a named version over HTTP. The request can overtake the writing, which travels on the board's
 * socket: the version would miss it, and the release would read „geändert seit der Freigabe“ as
 * soon as it arrives. So the request says how far its client has written (`WrittenUpTo`), and
 * the relay waits for that much of the client's writing before it saves: within a bound, since a
 * write the relay refused never arrives, and after the bound it saves what it holds.
 */
import * as Y from 'yjs'
import type { WrittenUpTo } from '../../shared/api.ts'

/** How long a release or a named version waits at most for its client's writing. */
export const writtenWaitMs = 5_000

/** Resolves true once `doc` holds `written`'s client's items up to its clock, false after `ms`. */
export function untilWritten(doc: Y.Doc, written: WrittenUpTo | undefined, ms = writtenWaitMs): Promise<boolean> {
  if (!written) return Promise.resolve(true)
  const arrived = () => Y.getState(doc.store, written.client) >= written.clock
  if (arrived()) return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (held: boolean) => {
      clearTimeout(timer)
      doc.off('update', check)
      resolve(held)
    }
    const check = () => {
      if (arrived()) done(true)
    }
    const timer = setTimeout(() => done(false), ms)
    doc.on('update', check)
  })
}

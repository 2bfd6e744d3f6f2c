/**
 * A browser profile kept open across a file's tests instead of a fresh one per test: each test
 * makes a board of its own, and what a browser keeps of a visit (its view, what it saw, its copy
 * of the board, its token) it keeps per board (client/viewMemory.ts, client/board/sinceLastVisit.ts,
 * client/localCopy.ts, client/recentBoards.ts), so on a new board it is a newcomer still, as a
 * fresh profile would be. It only loads the app from its cache, which costs a fraction of a first load.
 */
import type { Person, boardBrowserSuite } from './boardPages.ts'

type Suite = Pick<ReturnType<typeof boardBrowserSuite>, 'person'>
type PersonOptions = NonNullable<Parameters<Suite['person']>[0]>

/**
 * A function giving the same person each time, made on first use (the suite's browser is there
 * once its tests run); `problems` then holds only what comes after the call. `reducedMotion`: the
 * profile asks for less motion, and tldraw sets the camera where its animations would end.
 * A test leaves the board when done (`page.goto('about:blank')`), as a closed browser does.
 */
export function keptBrowser(suite: Suite, options: PersonOptions & { reducedMotion?: boolean } = {}): () => Promise<Person> {
  let person: Promise<Person> | undefined
  return async () => {
    person ??= suite.person({ ...options, keep: true }).then(async (p) => {
      if (options.reducedMotion) await p.page.emulateMedia({ reducedMotion: 'reduce' })
      return p
    })
    const p = await person
    // Problems of an earlier test were that test's to report.
    p.problems.splice(0)
    return p
  }
}

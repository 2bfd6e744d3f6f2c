/**
 * On a board that requires sign-in, the name others see is the one from the organisation's
 * sign-in (the relay writes it into the presence anyway, `server/judge/awarenessGuard.ts`): this browser
 * shows it as its own too and puts it back when it is edited. The name chosen before returns
 * when the board is left.
 */
import { getUserPreferences, react, setUserPreferences } from 'tldraw'
import { fetchCreatorStatus } from '../api.ts'

export function keepSignedInName(): () => void {
  let stop = () => {}
  let stopped = false
  const before = getUserPreferences().name
  fetchCreatorStatus().then(
    (status) => {
      const name = status.session?.name
      if (stopped || !name) return
      stop = react('name from the sign-in', () => {
        const prefs = getUserPreferences()
        if (prefs.name !== name) queueMicrotask(() => setUserPreferences({ ...getUserPreferences(), name }))
      })
    },
    () => {},
  )
  return () => {
    stopped = true
    stop()
    if (before !== undefined) setUserPreferences({ ...getUserPreferences(), name: before })
  }
}

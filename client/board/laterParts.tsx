/**
 * Parts of the editor that a participant's first minute does not show (the templates panel, the
 * versions, small groups, the Beschluss dialog, the join screen, the wall's bars) come in chunks
 * of their own, so that the editor's chunk is what draws the board and lets people write. Each is
 * loaded when first shown, and all of them once the editor is on screen and the browser idle
 * (`fetchLaterParts`): a click then finds its part here, and the service worker keeps those
 * chunks for a reload without connection as it kept the editor's.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react'
import { atom, useValue } from 'tldraw'
import { t } from '../locale.ts'

const loaders: (() => Promise<unknown>)[] = []

export interface LaterProps {
  /** Nothing in its place while its chunk comes: a part that shows nothing until the board asks for it. */
  quiet?: boolean
}

/**
 * A component from a chunk of its own: `load` runs once (again after a failure, at the part's next
 * showing), at the component's first showing or at idle, whichever comes first.
 */
export function laterPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P & LaterProps> {
  let loading: Promise<ComponentType<P>> | undefined
  const once = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    }))
  loaders.push(once)
  // React keeps a lazy component's failure for good: after one, the next showing asks anew.
  const fresh = (): ReturnType<typeof lazy<ComponentType<P>>> =>
    lazy(() =>
      once().then(
        (component) => ({ default: component }),
        (error: unknown) => {
          Lazy = fresh()
          throw error
        },
      ),
    )
  let Lazy = fresh()
  return function LaterPart({ quiet = false, ...props }: P & LaterProps) {
    return (
      <PartBoundary quiet={quiet}>
        <Suspense fallback={quiet ? null : <p className="nws-field__hint nws-later-part" role="status">{t.partLoading}</p>}>
          <Lazy {...(props as P)} />
        </Suspense>
      </PartBoundary>
    )
  }
}

/** Set once the editor is on screen and the browser was idle: parts that watch the board from the start mount then. */
export const laterPartsWanted = atom('later parts wanted', false)

/** Parts that run from the start but show nothing at first (they watch the board): mounted once the editor is ready. */
export function WhenReady({ children, now = false }: { children: ReactNode; now?: boolean }) {
  const wanted = useValue(laterPartsWanted)
  return wanted || now ? children : null
}

/** A module that only a later action needs (every template's layout): fetched with the later parts. */
export function whenReady(load: () => Promise<unknown>): void {
  loaders.push(load)
}

let fetched = false
/** Once the editor has drawn: every later part's chunk, while nobody waits on it. */
export function fetchLaterParts(): void {
  if (fetched) return
  fetched = true
  const idle = (then: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(then, { timeout: 2000 }) : setTimeout(then, 200))
  idle(() => {
    laterPartsWanted.set(true)
    // A failure here is met again, and said, where the part is shown.
    for (const load of loaders) load().catch(() => {})
  })
}

/**
 * A chunk that could not come (the venue's Wi-Fi gone): said where the part would be, not a blank
 * page; by a quiet part only once it has something to show (a facilitator's click on it).
 */
class PartBoundary extends Component<{ children: ReactNode; quiet: boolean }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override render() {
    if (!this.state.failed) return this.props.children
    if (this.props.quiet) return null
    return (
      <p className="nws-error nws-later-part" role="alert">
        {t.partLoadFailed}{' '}
        <button type="button" className="nws-button nws-button--small" onClick={() => window.location.reload()}>
          {t.reload}
        </button>
      </p>
    )
  }
}

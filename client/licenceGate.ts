/**
 * Whether tldraw may be mounted here, and what to show instead.
 *
 * tldraw's editor hides itself five seconds after load when it rejects the licence key on this
 * page (none on public https, expired, for another host, unreadable). The relay reads the key
 * (`GET /api/config`), the page judges it for its own address as tldraw will
 * (`shared/tldrawLicence.ts`) and does not mount the editor then; should tldraw still reject it
 * at run time (the browser's clock, a key the relay could not judge), `reportTldrawRejection`
 * switches the page to the same explanation before the canvas goes blank.
 */
import { useSyncExternalStore } from 'react'
import type { Role } from '../shared/access.ts'
import { isDevelopmentPage, judgeLicence, type LicencePage, type LicenceReading, type LicenceVerdict } from '../shared/tldrawLicence.ts'

export type PageLocation = LicencePage

export type RejectionReason = (LicenceVerdict & { verdict: 'rejected' })['reason'] | 'refused-at-run-time'
export type EditorGate = { mount: true; verdict: LicenceVerdict } | { mount: false; reason: RejectionReason; verdict: LicenceVerdict & { verdict: 'rejected' } }

export const isTldrawDevelopmentHost = isDevelopmentPage

export function decideEditorGate(
  location: PageLocation,
  config: { tldrawLicenseKey: string | null; tldrawLicence?: LicenceReading },
  now = new Date(),
): EditorGate {
  const reading: LicenceReading = config.tldrawLicence ?? { state: 'none' }
  // A config cached before the relay read keys: a key unjudged here; tldraw decides, and the run-time watch catches it.
  if (reading.state === 'none' && config.tldrawLicenseKey?.trim()) return { mount: true, verdict: { verdict: 'development' } }
  const verdict = judgeLicence(reading, location, now)
  return verdict.verdict === 'rejected' ? { mount: false, reason: verdict.reason, verdict } : { mount: true, verdict }
}

/** Who hears that the key runs out soon: the facilitator, who can tell the IT; not participants, nor her wall. */
export const warnsOfLicenceEnd = (role: Role, beamer: boolean) => role === 'facilitator' && !beamer

/** tldraw's own states in which it hides the editor (LicenseProvider). */
export const tldrawHides = (state: string) => state === 'expired' || state === 'unlicensed-production'

let lateRejection: { state: string } | null = null
const listeners = new Set<() => void>()

/** tldraw rejected the key after the editor was mounted: the board page shows the explanation. */
export function reportTldrawRejection(state: string): void {
  if (lateRejection) return
  lateRejection = { state }
  for (const listener of listeners) listener()
}

/** tldraw's late rejection, if any (for the board page). */
export function useLateRejection(): { state: string } | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => lateRejection,
  )
}

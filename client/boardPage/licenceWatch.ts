/**
 * Watches tldraw's own licence verdict in the mounted editor: should it reject the key after all
 * (the relay's reading said it would not), tldraw blanks the canvas five seconds later, so the
 * page switches to the explanation at once (`licenceGate.ts`).
 */
import { react, type Signal } from '@tldraw/state'
import type { Editor } from 'tldraw'
import { reportTldrawRejection, tldrawHides } from '../licenceGate.ts'

/** `editor.licenseManager` is tldraw-internal (left out of its types); read defensively. */
type WithLicence = { licenseManager?: { state?: Signal<string> } }

export function watchTldrawLicence(editor: Editor): () => void {
  const state = (editor as unknown as WithLicence).licenseManager?.state
  if (!state) return () => {}
  return react('tldraw licence verdict', () => {
    const verdict = state.get()
    if (tldrawHides(verdict)) reportTldrawRejection(verdict)
  })
}

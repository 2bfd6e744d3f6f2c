/**
 * The screen a plenary reads a template from: a 1920×1080 projector showing the whole template,
 * as "Zeigen" and presenting do (client/templates/showInView.ts), with the app's bars and the
 * facilitator's buttons around it. Notes written into a template are sized for it.
 */
import type { Box } from './geometry.ts'

/** The room left for a template: beside the facilitator's buttons, or beneath them (measured, less a little). */
const beside = { w: 1680, h: 930 }
const beneath = { w: 1880, h: 760 }

/**
 * The zoom at which the whole of `template` (or of a part of it, `projectorParts.ts`) is shown on
 * the projector; a whole template is never magnified, a part up to `maxZoom`.
 */
export function projectorZoom(template: Pick<Box, 'w' | 'h'>, maxZoom = 1): number {
  const fit = (room: { w: number; h: number }) => Math.min(maxZoom, room.w / template.w, room.h / template.h)
  return Math.max(fit(beside), fit(beneath))
}

/** A part of a template may be magnified this much on the projector (projectorParts.ts); a whole template never is. */
export const maxPartZoom = 2.1

/** Smallest text that can be read across a meeting room, in screen pixels. */
export const readablePx = 14
/** A note's text at scale 1 (tldraw's note label, size "m"), in page pixels. */
export const noteFont = 22

/** tldraw sets a note's type up to about a tenth smaller to keep a long word on its line ("Kita-Plätze"). */
const shrinkForWords = 0.9

/** The note scale at which a note's text is readable with the whole template (or part) on the projector. */
export const legibleNoteScale = (template: Pick<Box, 'w' | 'h'>, maxZoom = 1) =>
  readablePx / (noteFont * shrinkForWords * projectorZoom(template, maxZoom))

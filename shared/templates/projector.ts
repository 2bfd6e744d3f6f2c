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
export const shrinkForWords = 0.9

/** The note scale at which a note's text is readable with the whole template (or part) on the projector. */
export const legibleNoteScale = (template: Pick<Box, 'w' | 'h'>, maxZoom = 1) =>
  readablePx / (noteFont * shrinkForWords * projectorZoom(template, maxZoom))

/**
 * The wall (the Beamer, client/facilitation/beamerView.ts): a slide fills the 16:9 safe area of a
 * 1920×1080 picture, a twentieth free at each edge, with no bars around it. Presenting cuts a
 * template for it: the zoom a slide gets there is the zoom its Zettel are read at.
 */
export const wallRoom = { w: 1728, h: 972 }

/**
 * A band or run cut from a table shows its table's headers as a strip of their titles beside it
 * (frozenHeaders.ts): column headers above, this high on the wall; row headers at the left, this wide.
 */
export const columnStripPx = 48
export const rowStripPx = 240
/** The strips' titles on the wall. */
export const stripFontPx = 22

export interface Strips {
  column: boolean
  row: boolean
}

/** The zoom at which a part of this size, with its strips, fills the wall's safe area, magnified at most `maxZoom`. */
export const wallZoom = (part: Pick<Box, 'w' | 'h'>, maxZoom = maxPartZoom, strips: Strips = { column: false, row: false }) =>
  Math.min(maxZoom, (wallRoom.w - (strips.row ? rowStripPx : 0)) / part.w, (wallRoom.h - (strips.column ? columnStripPx : 0)) / part.h)

/**
 * The smallest type scale readable on the wall with this slide: a Zettel's type scale is its
 * scale less the tenth tldraw may take off for a long word (`typeScale`), and readable when its
 * type is `readablePx` on the wall.
 */
export const legibleTypeScale = (part: Pick<Box, 'w' | 'h'>, maxZoom = maxPartZoom, strips?: Strips) => readablePx / (noteFont * wallZoom(part, maxZoom, strips))

/**
 * A Zettel's type, as a share of tldraw's 22 px: its scale, less the tenth tldraw may set it
 * smaller for a long word. (Compounds longer than a note is wide, „Netzwerkkoordination“ in a
 * small Zettel, are set smaller still; a Zettel's size cannot count on its words.)
 */
export const typeScale = (noteScale: number) => noteScale * shrinkForWords

/**
 * The slide the facilitator presents, stored under `facilitation.slide` while a presentation
 * runs (removed when it ends): the wall (Beamer) shows this slide, and the phones' list may follow
 * it. A slide is named by what it is, never by the view it shows: steps 1–3 of a
 * Zukunftskonferenz share one table and one view, and are three slides.
 *
 * - `section`: the board section it belongs to (`client/board/boardSections.ts`' key: a template
 *   instance's id, or a frame's shape id);
 * - `part`: what of the section, unique within it (`client/facilitation/presentation.ts`): for a
 *   template `<step key or section:<table section>>/<first cell>`; absent for a section shown whole;
 * - `step`: the agenda step (`step:…`) the slide shows, whole or in bands, if any;
 * - `cells`: the template's cells on the slide, in reading order (a list needs no editor to find them).
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'
import { stampNotAhead } from '../relayTime.ts'
import { stepKeyPrefix } from './step.ts'

const name = z.string().min(1).max(200)

export const PresentedSlide = z.object({
  pageId: name,
  section: name,
  part: z.string().min(1).max(420).optional(),
  step: name.startsWith(stepKeyPrefix).optional(),
  cells: z.array(name).max(400).optional(),
  /** Relay time of the choice: a later „Alle zu mir“ takes the wall to its view instead. */
  setAt: z.number(),
})
export type PresentedSlide = z.infer<typeof PresentedSlide>

/** What names a slide: its section and its part there. */
export type SlideId = Pick<PresentedSlide, 'section' | 'part'>

export const slideEntry = defineEntry({ key: 'slide', schema: PresentedSlide, default: undefined, mayWrite: isFacilitator, refusesValue: stampNotAhead((v: PresentedSlide) => v.setAt) })

export const readPresentedSlide = slideEntry.read

/** Whether `a` and `b` name the same slide. */
export const sameSlide = (a: SlideId, b: SlideId) => a.section === b.section && (a.part ?? '') === (b.part ?? '')

/** The slide's id as one string (a slide's key among the page's slides). */
export const slideKey = (id: SlideId) => (id.part ? `${id.section}:${id.part}` : id.section)

/**
 * Which slide is meant, by what it is (`shared/board/entries/slide.ts`), never by the view it
 * shows; and which slides a presentation walks through.
 */
import type { Focus } from '../../shared/board/entries/focus.ts'
import { sameSlide, type PresentedSlide, type SlideId } from '../../shared/board/entries/slide.ts'

/** The slides of one section (a template, a frame) on one page. */
const sectionSlides = <S extends Identified>(slides: readonly S[], pageId: string, section: string) => slides.filter((s) => s.pageId === pageId && s.id.section === section)

interface Identified {
  id: SlideId
  pageId: string
  step?: { key: string }
  table?: { cells: readonly string[] }
}

/**
 * The slide `presented` names among `slides` (the page's, as this screen cuts them): the same id;
 * else, where someone's writing cut the section anew, the slide of the same section that shows
 * the presented slide's first cell, or the first of its step. Never another step's slide.
 */
export function findPresentedSlide<S extends Identified>(slides: readonly S[], presented: Pick<PresentedSlide, 'pageId' | 'section' | 'part' | 'step' | 'cells'>): S | undefined {
  const own = sectionSlides(slides, presented.pageId, presented.section)
  const same = own.find((s) => sameSlide(s.id, presented))
  if (same) return same
  const ofStep = own.filter((s) => s.step?.key === presented.step)
  const first = presented.cells?.[0]
  return ofStep.find((s) => first !== undefined && s.table?.cells.includes(first)) ?? (presented.step ? ofStep[0] : undefined)
}

/**
 * The slides a presentation walks through: those with something on them, unless `showEmpty`
 * (the presenter's toggle). A page where nothing is written yet shows all its slides: there
 * would be nothing to present else.
 */
export function slidesToPresent<S extends { empty?: boolean }>(slides: readonly S[], showEmpty: boolean): S[] {
  if (showEmpty) return [...slides]
  const filled = slides.filter((s) => !s.empty)
  return filled.length > 0 ? filled : [...slides]
}

/**
 * What the wall shows, of the slide being presented, the latest „Alle zu mir“ to a view it heard
 * (a presenter's summons for slides it does not follow: they say so) and the template part the
 * room was brought to (`part`, where `slideOfPart` found its table): the latest of them. The
 * summon that „Alle zu …“ sends with its part is as old as the part: the part then.
 */
export function wallFollows(presented: Pick<PresentedSlide, 'setAt'> | undefined, summon: { at: number } | undefined, part?: { at: number }): 'slide' | 'part' | 'view' | 'none' {
  const viewAt = summon?.at ?? -Infinity
  if (presented && viewAt <= presented.setAt && (!part || part.at <= presented.setAt)) return 'slide'
  if (part && viewAt <= part.at) return 'part'
  return summon ? 'view' : 'none'
}

/**
 * The slide the wall shows as the part the room was brought to by name („Alle zu …“, a vote's
 * part): a template as the first of its slides with something on it (as presenting skips the
 * empty ones), one of its steps as that step's slide, found by the step's cells (`stepCells`)
 * where it shares a slide. 'canvas' for a part that is no template (a frame, a document, the
 * page) and for a focus narrowed to cells: „Alle zu mir“ shows a view, and a presented slide's
 * focus outlives the presentation, which gives the wall back to the canvas. Undefined: no such
 * section in this cut of the page (not loaded yet, or gone).
 */
export function slideOfPart<S extends Identified & { empty?: boolean }>(
  slides: readonly S[],
  focus: Pick<Focus, 'part' | 'pageId' | 'step' | 'cells'>,
  stepCells: readonly string[] = [],
): S | 'canvas' | undefined {
  if (focus.cells) return 'canvas'
  const own = sectionSlides(slides, focus.pageId, focus.part)
  if (own.length === 0) return undefined
  const tables = own.filter((s) => s.table)
  if (tables.length === 0) return 'canvas'
  if (focus.step) return tables.find((s) => s.step?.key === focus.step) ?? tables.find((s) => stepCells.some((cell) => s.table!.cells.includes(cell))) ?? tables[0]
  return wholeTemplateSlide(tables)
}

/**
 * A whole template shown as one slide (brought to by name, on either wall): the first of its
 * table slides with something on it, as presenting skips the empty ones; the first without any.
 */
export const wholeTemplateSlide = <S extends { empty?: boolean }>(tables: readonly S[]): S | undefined => tables.find((s) => !s.empty) ?? tables[0]

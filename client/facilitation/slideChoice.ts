/**
 * Which slide is meant, by what it is (`shared/board/entries/slide.ts`), never by the view it
 * shows; and which slides a presentation walks through.
 */
import { sameSlide, type PresentedSlide, type SlideId } from '../../shared/board/entries/slide.ts'

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
  const own = slides.filter((s) => s.pageId === presented.pageId && s.id.section === presented.section)
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
 * What the wall shows, of the slide being presented and the latest „Alle zu mir“ to a view it
 * heard (a presenter's summons for slides it does not follow: they say so): the slide, unless
 * the summon is later.
 */
export function wallFollows(presented: Pick<PresentedSlide, 'setAt'> | undefined, summon: { at: number } | undefined): 'slide' | 'view' | 'none' {
  if (presented && (!summon || summon.at <= presented.setAt)) return 'slide'
  return summon ? 'view' : 'none'
}

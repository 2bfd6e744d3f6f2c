/**
 * The wall (Beamer) follows the slide being presented by what it is: `facilitation.slide` names
 * it (section and part), and the wall finds that slide among its own cut of the page
 * (`slideChoice.ts`), never by the view the room is brought to. A wall that loads or reconnects
 * mid-presentation shows the current slide; a later „Alle zu mir“ takes it to that view instead.
 */
import { react, type Editor, type TLPageId } from 'tldraw'
import { slideKey } from '../../shared/board/entries/slide.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { showOnWall } from './beamerView.ts'
import { presentationSlides } from './presentation.ts'
import { findPresentedSlide, wallFollows } from './slideChoice.ts'
import { wallSlide } from './wallSlide.ts'

/** `viewAt`: relay time of the latest „Alle zu mir“ the wall followed to a view. Returns the stop. */
export function followPresentedSlide(editor: Editor, f: Pick<Facilitation, 'slide'>, viewAt: () => number): () => void {
  // The presented slide last shown (its key and time): the page's shapes are read only until it is.
  let shown: string | undefined
  return react('wall follows the presented slide', () => {
    const presented = f.slide.get()
    if (!presented) {
      if (shown !== undefined) wallSlide.set(undefined)
      shown = undefined
      return
    }
    const mark = `${slideKey(presented)}@${presented.setAt}`
    if (mark === shown || wallFollows(presented, { at: viewAt() }) !== 'slide') return
    const pageId = presented.pageId as TLPageId
    if (pageId !== editor.getCurrentPageId()) {
      if (!editor.getPage(pageId)) return
      editor.setCurrentPage(pageId)
    }
    // Not there yet (the page still loading): asked again as its shapes come.
    const slide = findPresentedSlide(presentationSlides(editor), presented)
    if (!slide) return
    shown = mark
    if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
    wallSlide.set(slide)
    showOnWall(editor, slide.bounds, true, slide.maxZoom)
  })
}

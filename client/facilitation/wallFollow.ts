/**
 * The wall (Beamer) follows the slide being presented by what it is: `facilitation.slide` names
 * it (section and part), and the wall finds that slide among its own cut of the page
 * (`slideChoice.ts`), never by the view the room is brought to. A wall that loads or reconnects
 * mid-presentation shows the current slide; a later „Alle zu mir“ takes it to that view instead.
 * Outside presenting, a template (or one of its steps) the room was brought to by name
 * (`facilitation.focus`, „Alle zu …“) is shown as the table presenting it would show: at 22 %
 * of a projector's picture its Zettel are a few pixels tall. Anything else stays the canvas.
 */
import { react, type Editor, type TLPageId } from 'tldraw'
import type { Focus } from '../../shared/board/entries/focus.ts'
import { slideKey } from '../../shared/board/entries/slide.ts'
import { instanceLayout, stepAreaKeys } from '../../shared/templates/steps.ts'
import { boardSections } from '../board/boardSections.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { showOnWall } from './beamerView.ts'
import { presentationSlides, type Slide } from './presentation.ts'
import { findPresentedSlide, slideOfPart, wallFollows } from './slideChoice.ts'
import { wallSlide } from './wallSlide.ts'

/** What the wall heard last: the latest „Alle zu mir“ it followed to a view, and the part whose table it shows. */
export interface WallHeard {
  viewAt: number
  partAt?: number
}

/** Follows the presented slide and the part the room was brought to; `heard` is shared with the summons' follower. Returns the stop. */
export function followPresentedSlide(editor: Editor, f: Pick<Facilitation, 'slide' | 'focus'>, heard: WallHeard): () => void {
  // What was last shown (its key and time): the page's shapes are read only until it is.
  let shown: string | undefined
  const show = (mark: string, slide: Slide) => {
    shown = mark
    if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
    wallSlide.set(slide)
    showOnWall(editor, slide.bounds, true, slide.maxZoom)
  }
  const leave = () => {
    if (shown !== undefined) wallSlide.set(undefined)
    shown = undefined
    heard.partAt = undefined
  }
  return react('wall follows the presented slide', () => {
    const presented = f.slide.get()
    const focus = f.focus.get()
    // A part by name, newer than the slide and the view: its table, once this page's cut has it.
    const named = focus && !focus.cells ? focus : undefined
    const follows = wallFollows(presented, { at: heard.viewAt }, named)
    if (follows === 'part' && named) {
      const mark = `part:${named.part}/${named.step ?? ''}@${named.at}`
      if (mark === shown) return
      if (!onPage(editor, named.pageId)) return
      const slide = slideOfPart(presentationSlides(editor), named, stepCells(editor, named))
      if (slide === undefined) return
      if (slide === 'canvas') {
        leave()
        shown = mark
        return
      }
      heard.partAt = named.at
      return show(mark, slide)
    }
    if (follows !== 'slide' || !presented) return leave()
    heard.partAt = undefined
    const mark = `${slideKey(presented)}@${presented.setAt}`
    if (mark === shown || !onPage(editor, presented.pageId)) return
    // Not there yet (the page still loading): asked again as its shapes come.
    const slide = findPresentedSlide(presentationSlides(editor), presented)
    if (slide) show(mark, slide)
  })
}

/** On the page, switched to it if need be; false while that page has not arrived. */
function onPage(editor: Editor, pageId: string): boolean {
  if (pageId === editor.getCurrentPageId()) return true
  if (!editor.getPage(pageId as TLPageId)) return false
  editor.setCurrentPage(pageId as TLPageId)
  return true
}

/** A step's cells, for finding it on a slide it shares with other steps. */
function stepCells(editor: Editor, focus: Pick<Focus, 'part' | 'step'>): string[] {
  const instance = focus.step ? boardSections(editor).find((s) => s.key === focus.part)?.instance : undefined
  return instance && focus.step ? stepAreaKeys(instance.template, instanceLayout(instance), focus.step) : []
}

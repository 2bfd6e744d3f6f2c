/**
 * What the facilitator brings everyone to, as the part it is (`shared/board/entries/focus.ts`),
 * never as a view rectangle: a section of the page („Alle zu …“: a template, one of its steps, a
 * frame), a presented slide, or the one part „Alle zu mir“ shows most of, narrowed to its cells
 * in view. The list „Beitragen“ follows it (`beitragen/partsInPlay.ts`), latecomers too.
 */
import type { Editor } from 'tldraw'
import type { Focus } from '../../shared/board/entries/focus.ts'
import { center, contains, type Box } from '../../shared/templates/geometry.ts'
import type { TemplatePart } from '../beitragen/contributionModel.ts'
import { partTemplates } from '../beitragen/partsInPlay.ts'
import { boardSections } from '../board/boardSections.ts'
import { currentPageTemplates, type Slide } from './presentation.ts'

/** A part of the page by its section key, and where it lies. */
export interface PartPlace {
  key: string
  bounds: Box
}

const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y))

/** The part that fills most of the view (a strip of the neighbour does not count); the first of equals. */
export function partInView(parts: readonly PartPlace[], view: Box): PartPlace | undefined {
  let best: PartPlace | undefined
  let most = 0
  for (const part of parts) {
    const area = overlap(part.bounds, view)
    if (area > most) [best, most] = [part, area]
  }
  return best
}

/** „Alle zu mir“ as a part: the one in view, and of its cells those whose middle is in view, if not all. */
export function focusInView(parts: readonly PartPlace[], templates: readonly TemplatePart[], pageId: string, view: Box, at: number): Focus | undefined {
  const part = partInView(parts, view)
  if (!part) return undefined
  const cells = partTemplates(templates, { part: part.key, pageId, bounds: part.bounds }).flatMap((t) => t.cells)
  const shown = cells.filter((cell) => contains(view, center(cell.box)))
  const some = shown.length > 0 && shown.length < cells.length
  return { part: part.key, pageId, bounds: part.bounds, ...(some ? { cells: [...new Set(shown.map((cell) => cell.key))] } : {}), at }
}

/** A presented slide as a part: its template (or frame) and the slide's cells, its step if it is one. */
export function slideFocus(slide: Slide, at: number): Focus {
  return {
    part: slide.table?.instance ?? slide.key,
    pageId: slide.pageId,
    bounds: slide.bounds,
    ...(slide.table ? { cells: slide.table.cells } : {}),
    ...(slide.step ? { step: slide.step.key } : {}),
    at,
  }
}

/** What „Alle zu mir“ brings everyone to in the list, from the facilitator's view. */
export function summonedFocus(editor: Editor, at: number): Focus | undefined {
  const view = editor.getViewportPageBounds()
  return focusInView(boardSections(editor), currentPageTemplates(editor), editor.getCurrentPageId(), { x: view.x, y: view.y, w: view.w, h: view.h }, at)
}

/**
 * What a presentation walks through on the current page: the board's sections
 * (`boardSections.ts`), a template with an agenda step by step.
 */
import type { Editor, TLPageId } from 'tldraw'
import type { Box } from '../../shared/templates/geometry.ts'
import { boardSections } from '../board/boardSections.ts'
import { pageStepInstances, stepPlace } from './agenda.ts'

export interface Slide {
  /** Stable while the page does not change, so that the presentation keeps its place. */
  key: string
  label: string
  bounds: Box
  pageId: TLPageId
  /** A template step: presenting it makes it the current step for everyone. */
  step?: { instance: string; key: string }
}

export function presentationSlides(editor: Editor): Slide[] {
  const pageId = editor.getCurrentPageId()
  const withSteps = new Map(pageStepInstances(editor).map((s) => [s.instance.instance, s]))
  return boardSections(editor).flatMap((section): Slide[] => {
    const stepInstance = section.instance && withSteps.get(section.instance.instance)
    if (!stepInstance) return [{ key: section.key, label: section.label, bounds: section.bounds, pageId }]
    return stepInstance.steps.flatMap((step) => {
      const place = stepPlace(editor, stepInstance, step.key)
      const bounds = place.area ?? place.header
      const instance = stepInstance.instance.instance
      return bounds ? [{ key: `${instance}:${step.key}`, label: step.label, bounds, pageId, step: { instance, key: step.key } }] : []
    })
  })
}

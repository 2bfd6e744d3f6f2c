/**
 * What a presentation walks through on the current page: the board's frames in reading order,
 * or, on a page without frames, the templates (each step of a template with an agenda, every
 * other template as a whole), or else everything on the page.
 */
import type { Editor, TLFrameShape, TLPageId } from 'tldraw'
import { union, type Box } from '../../shared/templates/geometry.ts'
import { pick } from '../../shared/templates/model.ts'
import { locale, t } from '../locale.ts'
import { format } from '../i18n.ts'
import { pageStepInstances, stepPlace } from './agenda.ts'
import { pageInstances } from '../templates/pageInstances.ts'

export interface Slide {
  /** Stable while the page does not change, so that the presentation keeps its place. */
  key: string
  label: string
  bounds: Box
  pageId: TLPageId
  /** A template step: presenting it makes it the current step for everyone. */
  step?: { instance: string; key: string }
}

const boxOf = (b: { x: number; y: number; w: number; h: number }): Box => ({ x: b.x, y: b.y, w: b.w, h: b.h })

export function presentationSlides(editor: Editor): Slide[] {
  const pageId = editor.getCurrentPageId()
  const frames = editor
    .getCurrentPageShapesInReadingOrder()
    .filter((s): s is TLFrameShape => s.type === 'frame')
  if (frames.length > 0) {
    return frames.map((frame, i) => ({
      key: frame.id,
      label: frame.props.name.trim() || format(t.presentFrame, { n: i + 1 }),
      bounds: boxOf(editor.getShapePageBounds(frame)!),
      pageId,
    }))
  }
  const withSteps = new Map(pageStepInstances(editor).map((s) => [s.instance.instance, s]))
  const instances = [...pageInstances(editor)].sort((a, b) => a.title.y - b.title.y || a.title.x - b.title.x)
  const slides: Slide[] = []
  for (const instance of instances) {
    const stepInstance = withSteps.get(instance.instance)
    if (stepInstance) {
      for (const step of stepInstance.steps) {
        const place = stepPlace(editor, stepInstance, step.key)
        const bounds = place.area ?? place.header
        if (bounds) slides.push({ key: `${instance.instance}:${step.key}`, label: step.label, bounds, pageId, step: { instance: instance.instance, key: step.key } })
      }
      continue
    }
    const bounds = union([...instance.shapes.values()].flatMap((s) => editor.getShapePageBounds(s) ?? []).map(boxOf))
    const title = editor.getShapeUtil(instance.title).getText(instance.title)?.trim() || pick(instance.definition.title, locale)
    if (bounds) slides.push({ key: instance.instance, label: title, bounds, pageId })
  }
  if (slides.length > 0) return slides
  const content = editor.getCurrentPageBounds()
  return content ? [{ key: 'page', label: t.presentWholeBoard, bounds: boxOf(content), pageId }] : []
}

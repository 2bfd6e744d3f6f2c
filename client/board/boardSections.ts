/**
 * The parts of the current page that a presentation walks through and a PDF prints, one after
 * another: its frames in reading order; or, on a page without frames, its templates with what
 * lies on them, in reading order; or else the whole page.
 */
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { center, contains, union, type Box } from '../../shared/templates/geometry.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { findInstances } from '../../shared/templates/catalogue.ts'
import { isScaffold } from '../../shared/board/scaffoldMeta.ts'
import { pick } from '../../shared/locale.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { inReadingOrder } from './readingOrder.ts'

export interface BoardSection {
  /** Stable while the page does not change. */
  key: string
  label: string
  bounds: Box
  ids: TLShapeId[]
  /** The template, when the section is one. */
  instance?: Instance
}

const boxOf = (b: { x: number; y: number; w: number; h: number }): Box => ({ x: b.x, y: b.y, w: b.w, h: b.h })

export function boardSections(editor: Editor): BoardSection[] {
  const bounds = (shape: TLShape) => {
    const b = editor.getShapePageBounds(shape)
    return b ? boxOf(b) : undefined
  }
  const frames = editor.getCurrentPageShapesInReadingOrder().filter((s) => s.type === 'frame')
  if (frames.length > 0) {
    return frames.map((frame, i) => ({
      key: frame.id,
      label: (frame.props as { name: string }).name.trim() || format(t.sectionFrame, { n: i + 1 }),
      bounds: bounds(frame)!,
      ids: [frame.id],
    }))
  }
  const shapes = editor.getCurrentPageShapes()
  const loose = shapes.filter((s) => s.parentId === editor.getCurrentPageId() && !isScaffold(s))
  const sections: BoardSection[] = []
  for (const instance of findInstances(shapes)) {
    const scaffold = [...instance.shapes.values()]
    const area = union(scaffold.flatMap((s) => bounds(s) ?? []))
    if (!area) continue
    // The notes (and anything else) lying on the template belong to it.
    const riders = loose.filter((s) => {
      const b = bounds(s)
      return !!b && contains(area, center(b))
    })
    const label = editor.getShapeUtil(instance.title).getText(instance.title)?.trim() || pick(instance.definition.title, locale)
    sections.push({ key: instance.instance, label, bounds: area, ids: [...scaffold, ...riders].map((s) => s.id), instance })
  }
  if (sections.length > 0) return inReadingOrder(sections, (section) => section.bounds)
  const content = editor.getCurrentPageBounds()
  return content ? [{ key: 'page', label: t.sectionWholeBoard, bounds: boxOf(content), ids: [...editor.getCurrentPageShapeIds()] }] : []
}

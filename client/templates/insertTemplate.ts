/**
 * Puts a workshop template on the current page: in free space near the middle of the view, as
 * one history step (one undo removes all of it) and one store transaction (everyone on the
 * board sees it appear at once), then shows it whole.
 */
import { createShapeId, uniqueId, type Editor, type TLShapeId } from 'tldraw'
import { findFreeSpot, type Box } from '../../shared/templates/geometry.ts'
import { buildTemplate } from '../../shared/templates/instance.ts'
import { planTemplate } from '../../shared/templates/catalogue.ts'
import type { Locale } from '../../shared/locale.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { showShapes } from './showInView.ts'

export interface InsertedTemplate {
  instance: string
  shapeIds: TLShapeId[]
}

const plainBox = (b: Box): Box => ({ x: b.x, y: b.y, w: b.w, h: b.h })

/** Page boxes of the current page's top-level shapes: where a new template must not go. */
export function occupiedBoxes(editor: Editor): Box[] {
  return editor.getSortedChildIdsForParent(editor.getCurrentPageId()).flatMap((id) => {
    const bounds = editor.getShapePageBounds(id)
    return bounds ? [plainBox(bounds)] : []
  })
}

/** Throws zod's error when the options are bad; nothing is created then. */
export function insertTemplate(editor: Editor, name: TemplateName, rawOptions: unknown, locale: Locale): InsertedTemplate {
  const plan = planTemplate(name, rawOptions, locale)
  const pageId = editor.getCurrentPageId()
  const origin = findFreeSpot(occupiedBoxes(editor), plan.layout, editor.getViewportPageBounds().center)
  const topmost = editor.getSortedChildIdsForParent(pageId).at(-1)
  const instance = uniqueId()
  const shapes = buildTemplate(plan, {
    locale,
    origin,
    parentId: pageId,
    instance,
    newShapeId: () => createShapeId(),
    indexAbove: topmost ? (editor.getShape(topmost)?.index ?? null) : null,
  })
  editor.markHistoryStoppingPoint(`insert template ${name}`)
  // Ours: the scaffold lock lets participants insert templates.
  editor.run(() => editor.createShapes(shapes))
  const shapeIds = shapes.map((s) => s.id)
  showShapes(editor, shapeIds)
  return { instance, shapeIds }
}

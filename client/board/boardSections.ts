/**
 * The parts of the current page that a presentation walks through and a PDF prints, one after
 * another (`shared/results/pageParts.ts`): its templates with what lies on them, the groups'
 * returned results, documents and frames, in reading order; on a page without any, the whole page.
 */
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import type { Box } from '../../shared/templates/geometry.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { boardParts } from '../../shared/results/boardParts.ts'
import { pageParts, type PagePartKind } from '../../shared/results/pageParts.ts'
import { pick } from '../../shared/locale.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'

export interface BoardSection {
  /** Stable while the page does not change: a template's instance id, a frame's shape id. */
  key: string
  label: string
  bounds: Box
  ids: TLShapeId[]
  kind: PagePartKind | 'page'
  /** The template, when the section is one (or a group's copy of one). */
  instance?: Instance
}

const boxOf = (b: { x: number; y: number; w: number; h: number }): Box => ({ x: b.x, y: b.y, w: b.w, h: b.h })

export function boardSections(editor: Editor): BoardSection[] {
  const bounds = (shape: TLShape) => {
    const b = editor.getShapePageBounds(shape)
    return b ? boxOf(b) : undefined
  }
  const pageId = editor.getCurrentPageId()
  const shapes = editor.getCurrentPageShapes()
  const byId = new Map(shapes.map((s) => [s.id as string, s]))
  // Which frames are returned groups' results needs the pages' names; the other pages' shapes are not read.
  const board = boardParts([...editor.getPages(), ...shapes], byId, () => pageId, bounds)
  const parts = pageParts(
    { pageId, shapes, byId, boundsOf: bounds, board },
    { template: (instance) => pick(instance.definition.title, locale), frame: (n) => format(t.sectionFrame, { n }) },
  )
  if (parts.length > 0)
    return parts.map((part) => ({
      key: part.key,
      label: part.label,
      bounds: part.box,
      // A frame is pictured with all it holds.
      ids: part.instance ? part.shapes.map((s) => s.id) : [part.key as TLShapeId],
      kind: part.kind,
      ...(part.instance ? { instance: part.instance } : {}),
    }))
  const content = editor.getCurrentPageBounds()
  return content ? [{ key: 'page', label: t.sectionWholeBoard, bounds: boxOf(content), ids: [...editor.getCurrentPageShapeIds()], kind: 'page' }] : []
}

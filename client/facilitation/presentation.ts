/**
 * What a presentation walks through on the current page: the board's sections
 * (`boardSections.ts`); a template with an agenda step by step, and one too large to read at
 * once part by part (`instanceParts.ts`), each part large enough that its notes can be read.
 */
import type { Editor, TLPageId, TLShape } from 'tldraw'
import { union, type Box } from '../../shared/templates/geometry.ts'
import { scaffoldMeta } from '../../shared/templates/instance.ts'
import { maxPartZoom } from '../../shared/templates/projectorParts.ts'
import { boardSections } from '../board/boardSections.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { instanceParts } from '../templates/instanceParts.ts'

export interface Slide {
  /** Stable while the page does not change, so that the presentation keeps its place. */
  key: string
  label: string
  bounds: Box
  pageId: TLPageId
  /** A template step: presenting it makes it the current step for everyone. */
  step?: { instance: string; key: string }
  /** A part of a template may be magnified (projectorParts.ts); anything else is shown at most at 100 %. */
  maxZoom?: number
}

export function presentationSlides(editor: Editor): Slide[] {
  const pageId = editor.getCurrentPageId()
  return boardSections(editor).flatMap((section): Slide[] => {
    const instance = section.instance
    const parts = instance ? instanceParts(instance) : []
    if (!instance || (parts.length <= 1 && !parts[0]?.step)) return [{ key: section.key, label: section.label, bounds: section.bounds, pageId }]
    return parts.flatMap((part): Slide[] => {
      const shapes = part.keys.flatMap((key) => instance.shapes.get(key) ?? [])
      const bounds = union(shapes.flatMap((shape) => editor.getShapePageBounds(shape) ?? []))
      if (!bounds) return []
      const name = part.step?.label ?? withSection(section.label, sectionTitle(shapes))
      const label = part.piece ? format(t.presentPiece, { label: name, n: part.piece.n, of: part.piece.of }) : name
      const step = part.step && { instance: instance.instance, key: part.step.key }
      const key = `${instance.instance}:${part.step?.key ?? part.group}:${part.piece?.n ?? 1}`
      return [{ key, label, bounds: { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }, pageId, ...(step ? { step } : {}), maxZoom: maxPartZoom }]
    })
  })
}

/** The template's title, and the section's where it says more ("Protokoll · Tagesordnung"). */
const withSection = (template: string, section: string | undefined) =>
  !section || template.toLowerCase().includes(section.toLowerCase()) ? template : `${template} · ${section}`

/** The section the part's cells belong to, as the export names it. */
const sectionTitle = (shapes: TLShape[]) => shapes.map((shape) => scaffoldMeta(shape)?.cell?.sectionTitle).find((title) => !!title)

/**
 * What a presentation walks through on the current page: the board's sections
 * (`boardSections.ts`); a template with an agenda step by step, and one too large to read at
 * once part by part (`instanceParts.ts`), each part large enough that its notes can be read.
 */
import type { Editor, TLPageId, TLShape } from 'tldraw'
import { union, type Box } from '../../shared/templates/geometry.ts'
import { scaffoldMeta, type Instance } from '../../shared/templates/instance.ts'
import { maxPartZoom } from '../../shared/templates/projectorParts.ts'
import { boardSections } from '../board/boardSections.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { notesInCell } from '../templates/cellNotes.ts'
import { instanceParts, type InstancePart } from '../templates/instanceParts.ts'

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
    const noteScales = instance ? noteScalesIn(editor, instance) : new Map<string, number>()
    const parts = instance ? withNotes(instanceParts(instance, noteScales), noteScales) : []
    if (!instance || parts.length === 0 || parts[0]!.whole) return [{ key: section.key, label: section.label, bounds: section.bounds, pageId }]
    // Parts whose shapes were all deleted are left out, and the rest of their group counted again.
    const shown = parts.flatMap((part) => {
      const shapes = part.keys.flatMap((key) => instance.shapes.get(key) ?? [])
      const bounds = union(shapes.flatMap((shape) => editor.getShapePageBounds(shape) ?? []))
      return bounds ? [{ part, shapes, bounds }] : []
    })
    return shown.map(({ part, shapes, bounds }): Slide => {
      const group = shown.filter((s) => s.part.group === part.group)
      const n = group.findIndex((s) => s.part === part) + 1
      const name = part.step?.label ?? withSection(section.label, sectionTitle(shapes))
      const label = group.length > 1 ? format(t.presentPiece, { label: name, n, of: group.length }) : name
      const step = part.step && { instance: instance.instance, key: part.step.key }
      const key = `${instance.instance}:${part.step?.key ?? part.group}:${part.piece?.n ?? 1}`
      return { key, label, bounds: { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }, pageId, ...(step ? { step } : {}), maxZoom: maxPartZoom }
    })
  })
}

/**
 * The parts with notes in them: a part with nothing written shows nothing to read. A step keeps
 * one part even so (it is on the agenda), and a template with no notes at all is shown as it is.
 */
function withNotes(parts: InstancePart[], noteScales: ReadonlyMap<string, number>): InstancePart[] {
  if (parts.length <= 1) return parts
  const written = (part: InstancePart) => part.keys.some((key) => noteScales.has(key))
  const firstOfEmptyStep = (part: InstancePart, i: number) =>
    !!part.step && !parts.some((p) => p.group === part.group && written(p)) && parts.findIndex((p) => p.group === part.group) === i
  const kept = parts.filter((part, i) => written(part) || firstOfEmptyStep(part, i))
  return kept.length > 0 ? kept : parts
}

/** The smallest note in each of the template's cells that has notes, by the cell's block key. */
function noteScalesIn(editor: Editor, instance: Instance): Map<string, number> {
  const scales = new Map<string, number>()
  for (const [key, shape] of instance.shapes) {
    if (scaffoldMeta(shape)?.kind !== 'cell') continue
    const notes = notesInCell(editor, shape)
    if (notes.length > 0) scales.set(key, Math.min(...notes.map(({ note }) => note.props.scale)))
  }
  return scales
}

/** The template's title, and the section's where it says more ("Protokoll · Tagesordnung"). */
const withSection = (template: string, section: string | undefined) =>
  !section || template.toLowerCase().includes(section.toLowerCase()) ? template : `${template} · ${section}`

/** The section the part's cells belong to, as the export names it. */
const sectionTitle = (shapes: TLShape[]) => shapes.map((shape) => scaffoldMeta(shape)?.cell?.sectionTitle).find((title) => !!title)

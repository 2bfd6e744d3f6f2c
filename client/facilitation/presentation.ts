/**
 * What a presentation walks through on the current page: the board's sections
 * (`boardSections.ts`); a template with an agenda step by step, and one too large to read at
 * once part by part (`shared/templates/instanceParts.ts`), each part large enough that its notes can be read.
 */
import type { Editor, TLNoteShape, TLPageId, TLShape } from 'tldraw'
import { center, contains, union, type Box } from '../../shared/templates/geometry.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { isScaffold, scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { maxPartZoom } from '../../shared/templates/projector.ts'
import { boardSections } from '../board/boardSections.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { instanceParts, type InstancePart } from '../../shared/templates/instanceParts.ts'

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
    const written = instance ? writtenIn(editor, instance) : undefined
    const parts = instance && written ? withWriting(instanceParts(instance, written.noteScales), written.occupied, instance) : []
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
      // Named by what it begins with: another cut of the same step gives other keys, not the same key to another area.
      const key = `${instance.instance}:${part.step?.key ?? part.group}:${part.keys[0]}`
      return { key, label, bounds: { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }, pageId, ...(step ? { step } : {}), maxZoom: maxPartZoom }
    })
  })
}

/**
 * The parts with something in them (notes, text or drawings in a cell, a card): a part with
 * nothing written shows nothing to read. A step keeps one part even so (it is on the agenda), and
 * a template with nothing written is shown as it is.
 */
function withWriting(parts: InstancePart[], occupied: ReadonlySet<string>, instance: Instance): InstancePart[] {
  if (parts.length <= 1) return parts
  const written = (part: InstancePart) =>
    part.keys.some((key) => occupied.has(key) || scaffoldMeta(instance.shapes.get(key) ?? instance.title)?.kind === 'card')
  const firstOfEmptyStep = (part: InstancePart, i: number) =>
    !!part.step && !parts.some((p) => p.group === part.group && written(p)) && parts.findIndex((p) => p.group === part.group) === i
  const kept = parts.filter((part, i) => written(part) || firstOfEmptyStep(part, i))
  return kept.length > 0 ? kept : parts
}

/**
 * What lies in the template's cells, in one pass over the page: each shape in the smallest cell
 * its middle is in (as the export files it); per cell the smallest note, and whether anything is there.
 */
function writtenIn(editor: Editor, instance: Instance): { noteScales: Map<string, number>; occupied: Set<string> } {
  const cells = [...instance.shapes]
    .filter(([, shape]) => scaffoldMeta(shape)?.kind === 'cell')
    .flatMap(([key, shape]) => {
      const box = editor.getShapePageBounds(shape)
      return box ? [{ key, box }] : []
    })
    .sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)
  const noteScales = new Map<string, number>()
  const occupied = new Set<string>()
  const pageId = editor.getCurrentPageId()
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.parentId !== pageId || isScaffold(shape)) continue
    const box = editor.getShapePageBounds(shape)
    const cell = box && cells.find((c) => contains(c.box, center(box)))
    if (!cell) continue
    occupied.add(cell.key)
    if (shape.type === 'note') noteScales.set(cell.key, Math.min(noteScales.get(cell.key) ?? Infinity, (shape as TLNoteShape).props.scale))
  }
  return { noteScales, occupied }
}

/** The template's title, and the section's where it says more ("Protokoll · Tagesordnung"). */
const withSection = (template: string, section: string | undefined) =>
  !section || template.toLowerCase().includes(section.toLowerCase()) ? template : `${template} · ${section}`

/** The section the part's cells belong to, as the export names it. */
const sectionTitle = (shapes: TLShape[]) => shapes.map((shape) => scaffoldMeta(shape)?.cell?.sectionTitle).find((title) => !!title)

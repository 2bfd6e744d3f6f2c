/**
 * What a presentation walks through on the current page: the board's sections
 * (`boardSections.ts`); a template with an agenda step by step, and one too large to read at
 * once part by part (`shared/templates/instanceParts.ts`), each part large enough that its notes can be read.
 */
import type { Editor, TLNoteShape, TLPageId, TLShape, TLShapeId } from 'tldraw'
import { center, contains, union, type Box } from '../../shared/templates/geometry.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { isScaffold, scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { columnStripPx, maxPartZoom, rowStripPx, stripFontPx, typeScale, wallZoom } from '../../shared/templates/projector.ts'
import { boardSections } from '../board/boardSections.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { instanceParts, type InstancePart } from '../../shared/templates/instanceParts.ts'
import { frozenHeaders, type Placed } from '../../shared/templates/frozenHeaders.ts'

export interface Slide {
  /** Stable while the page does not change, so that the presentation keeps its place. */
  key: string
  label: string
  /** What the slide shows: the part, and the headers beside it (`headers`). */
  bounds: Box
  /** The part itself: on the wall, everything else is hidden (no crumbs of the next part). */
  hole?: Box
  /** The table's headers shown as a strip beside a part cut from it (frozenHeaders.ts), in page units. */
  headers?: StripCell[]
  /** The strips' type size, in page units. */
  stripFont?: number
  pageId: TLPageId
  /** A template step: presenting it makes it the current step for everyone. */
  step?: { instance: string; key: string }
  /** A part of a template may be magnified (projectorParts.ts); anything else is shown at most at 100 %. */
  maxZoom?: number
}

/** One header's title in a strip beside the part. */
export interface StripCell {
  id: TLShapeId
  axis: 'column' | 'row'
  at: Box
}

export function presentationSlides(editor: Editor): Slide[] {
  const pageId = editor.getCurrentPageId()
  return boardSections(editor).flatMap((section): Slide[] => {
    const instance = section.instance
    const written = instance ? writtenIn(editor, instance) : undefined
    const parts = instance && written ? withWriting(instanceParts(instance, written.noteScales), written.occupied, instance) : []
    if (!instance || parts.length === 0 || parts[0]!.whole) return [{ key: section.key, label: section.label, bounds: section.bounds, pageId }]
    const placed = placedBlocks(editor, instance)
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
      const hole = { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }
      const moved = frozenHeaders(placed, new Set(part.keys))
      const strips = { column: moved.some((h) => h.axis === 'column'), row: moved.some((h) => h.axis === 'row') }
      // The strips take the same room on the wall whatever the zoom: their size in page units follows it.
      const zoom = wallZoom(hole, maxPartZoom, strips)
      const stripH = strips.column ? columnStripPx / zoom : 0
      const stripW = strips.row ? rowStripPx / zoom : 0
      const headers = moved.flatMap(({ key, axis }): StripCell[] => {
        const shape = instance.shapes.get(key)
        const box = placed.find((p) => p.key === key)?.box
        if (!shape || !box || (axis !== 'column' && axis !== 'row')) return []
        if (axis === 'column') {
          const x = Math.max(box.x, hole.x)
          const w = Math.min(box.x + box.w, hole.x + hole.w) - x
          return w > 0 ? [{ id: shape.id, axis, at: { x, y: hole.y - stripH, w, h: stripH } }] : []
        }
        const y = Math.max(box.y, hole.y)
        const h = Math.min(box.y + box.h, hole.y + hole.h) - y
        return h > 0 ? [{ id: shape.id, axis, at: { x: hole.x - stripW, y, w: stripW, h } }] : []
      })
      const frame = { x: hole.x - stripW, y: hole.y - stripH, w: hole.w + stripW, h: hole.h + stripH }
      return { key, label, bounds: frame, hole, headers, stripFont: stripFontPx / zoom, pageId, ...(step ? { step } : {}), maxZoom: maxPartZoom }
    })
  })
}

/** The template's shapes by kind and page box, as frozenHeaders.ts reads a layout. */
function placedBlocks(editor: Editor, instance: Instance): Placed[] {
  return [...instance.shapes].flatMap(([key, shape]) => {
    const kind = scaffoldMeta(shape)?.kind
    const box = editor.getShapePageBounds(shape)
    return kind && box ? [{ key, kind, box: { x: box.x, y: box.y, w: box.w, h: box.h } }] : []
  })
}

/** What everyone is brought to for a slide: the slide with a little room around it. */
export function slideView(slide: Pick<Slide, 'bounds'>): Box {
  const { x, y, w, h } = slide.bounds
  const pad = Math.max(w, h) * 0.03
  return { x: x - pad, y: y - pad, w: w + 2 * pad, h: h + 2 * pad }
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
 * its middle is in (as the export files it); per cell the smallest note's type (projector.ts),
 * and whether anything is there.
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
    if (shape.type !== 'note') continue
    noteScales.set(cell.key, Math.min(noteScales.get(cell.key) ?? Infinity, typeScale((shape as TLNoteShape).props.scale)))
  }
  return { noteScales, occupied }
}

/** The template's title, and the section's where it says more ("Protokoll · Tagesordnung"). */
const withSection = (template: string, section: string | undefined) =>
  !section || template.toLowerCase().includes(section.toLowerCase()) ? template : `${template} · ${section}`

/** The section the part's cells belong to, as the export names it. */
const sectionTitle = (shapes: TLShape[]) => shapes.map((shape) => scaffoldMeta(shape)?.cell?.sectionTitle).find((title) => !!title)

/**
 * What a presentation walks through on the current page: the board's sections
 * (`boardSections.ts`); a template as slides of its cells (`shared/templates/wallSlides.ts`):
 * whole agenda steps or sections, several sharing a slide while they fit, or bands of the rows
 * of a large one. The wall draws such a slide as a table (WallTable.tsx); everyone else is
 * brought to the slide's cells on the canvas.
 */
import type { Editor, TLPageId, TLShape } from 'tldraw'
import { union, type Box } from '../../shared/templates/geometry.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { maxPartZoom } from '../../shared/templates/projector.ts'
import { agendaSteps, instanceLayout, stepAreaKeys } from '../../shared/templates/steps.ts'
import { packWallSlides, wallGroups, type WallItem, type WallPart } from '../../shared/templates/wallSlides.ts'
import { boardSections } from '../board/boardSections.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { readContribution, type TemplatePart } from '../beitragen/contributionModel.ts'
import { itemsByCell } from './wallItems.ts'
import { slideKey, type SlideId } from '../../shared/board/entries/slide.ts'

export interface Slide {
  /** What the slide is: its section and its part there (`facilitation.slide` carries it to the wall). */
  id: SlideId
  /** `slideKey(id)`: stable while the page does not change, so that the presentation keeps its place. */
  key: string
  label: string
  /** Where the slide's cells (with their headers) lie on the canvas: everyone is brought there. */
  bounds: Box
  pageId: TLPageId
  /** A template step: presenting it makes it the current step for everyone. */
  step?: { instance: string; key: string }
  /** A part of a template may be magnified (projectorParts.ts); anything else is shown at most at 100 %. */
  maxZoom?: number
  /** On the wall, a template's slide is a table of these cells (WallTable.tsx). */
  table?: WallSlideTable
  /** A table whose cells hold nothing: skipped while presenting unless asked for (`slidesToPresent`). */
  empty?: boolean
}

export interface WallSlideTable {
  instance: string
  /** The template's title, and what of it the slide shows. */
  title: string
  part: string
  cells: string[]
  /** The type the cut was made for; the wall measures its own. */
  font: number
}

/** What each cell of the page's templates holds, by instance and cell key, as the list view files it. */
export function wallContents(editor: Editor): Map<string, Map<string, WallItem[]>> {
  return new Map(currentPageTemplates(editor).map((part) => [part.instance, itemsByCell(part)]))
}

/** The current page's templates as the list reads them. */
export function currentPageTemplates(editor: Editor): TemplatePart[] {
  const records = [...editor.getPages(), ...editor.getCurrentPageShapes()]
  const parts = readContribution(records, { role: 'observer', author: '', protection: undefined })
  return parts.filter((p) => p.pageId === editor.getCurrentPageId())
}

export function presentationSlides(editor: Editor): Slide[] {
  const pageId = editor.getCurrentPageId()
  const sections = boardSections(editor)
  const contents = sections.some((s) => s.instance) ? wallContents(editor) : new Map<string, Map<string, WallItem[]>>()
  return sections.flatMap((section): Slide[] => {
    const instance = section.instance
    const whole = [{ id: { section: section.key }, key: slideKey({ section: section.key }), label: section.label, bounds: section.bounds, pageId }]
    if (!instance) return whole
    const layout = instanceLayout(instance)
    const steps = agendaSteps(instance)
    const { groups, merge } = wallGroups(layout, steps.map((step) => stepAreaKeys(instance.template, layout, step.key)))
    const inCells = contents.get(instance.instance) ?? new Map<string, WallItem[]>()
    const cells = new Map(layout.blocks.flatMap((b) => (b.kind === 'cell' ? [[b.key, b] as const] : [])))
    const sectionTitle = (key: string) => cells.get(key)?.cell.sectionTitle
    const allCells = groups.flat().length
    const nameOf = (part: WallPart) => {
      const step = part.groups.length === 1 ? steps[part.groups[0]!] : undefined
      if (step) return step.label
      // The whole template on one slide: named as the template.
      if (part.cells.length >= allCells) return section.label
      // Sections named as the template is („Beteiligtenanalyse“) are named by it.
      const titles = [...new Set(part.cells.flatMap((key) => sectionTitle(key) ?? []))].filter((title) => title.toLowerCase() !== section.label.toLowerCase())
      return titles.length > 0 ? titles.join(' · ') : section.label
    }
    const labelOf = (part: WallPart) => (part.piece ? format(t.presentPiece, { label: nameOf(part), n: part.piece.n, of: part.piece.of }) : nameOf(part))
    // Asked on every change to the page while presenting: cut again only when what is written changes.
    const asked = JSON.stringify([instance.template, instance.locale, instance.options, section.label, [...inCells]])
    const packed = packings.get(asked) ?? packWallSlides(layout, groups, (key) => inCells.get(key) ?? [], merge, (part) => `${section.label} · ${labelOf(part)}`)
    packings.delete(asked)
    packings.set(asked, packed)
    if (packings.size > 16) packings.delete(packings.keys().next().value!)
    const { parts, font } = packed
    if (parts.length === 0) return whole
    const placed = placedShapes(editor, instance)
    return parts.flatMap((part): Slide[] => {
      const step = part.groups.length === 1 ? steps[part.groups[0]!] : undefined
      // A whole step shows what jumping to it shows: its cards too (the Planspiel's case in „Einführung und Rollen“).
      const area = step && !part.piece ? stepAreaKeys(instance.template, layout, step.key) : []
      const bounds = partBounds(placed, part.cells, area)
      if (!bounds) return []
      const first = part.groups[0]!
      // Named by what it begins with: another cut of the same step gives other keys, not the same key to another area.
      const id = { section: instance.instance, part: `${step?.key ?? `section:${cells.get(groups[first]![0]!)?.cell.section ?? first}`}/${part.cells[0]}` }
      const label = labelOf(part)
      return [
        {
          id,
          key: slideKey(id),
          label,
          bounds,
          pageId,
          ...(step ? { step: { instance: instance.instance, key: step.key } } : {}),
          maxZoom: maxPartZoom,
          table: { instance: instance.instance, title: section.label, part: label, cells: part.cells, font },
          empty: part.cells.every((cell) => (inCells.get(cell) ?? []).length === 0),
        },
      ]
    })
  })
}

const packings = new Map<string, ReturnType<typeof packWallSlides>>()

interface PlacedShape {
  key: string
  kind: string
  box: Box
}

/** The template's shapes with their kind and page box. */
function placedShapes(editor: Editor, instance: Instance): PlacedShape[] {
  return [...instance.shapes].flatMap(([key, shape]: [string, TLShape]) => {
    const kind = scaffoldMeta(shape)?.kind
    const box = editor.getShapePageBounds(shape)
    return kind && box ? [{ key, kind, box: { x: box.x, y: box.y, w: box.w, h: box.h } }] : []
  })
}

/**
 * Where the cells (and the rest of a whole step's area) lie on the canvas, with the headers standing
 * on them: above their columns or left of their rows. (Not any header near: the section beside,
 * „Rollen“ left of the Planspiel's scenes, is another part.)
 */
function partBounds(placed: readonly PlacedShape[], cellKeys: readonly string[], areaKeys: readonly string[]): Box | undefined {
  const wanted = new Set(cellKeys)
  const own = placed.filter((p) => wanted.has(p.key)).map((p) => p.box)
  const inArea = new Set(areaKeys)
  const cells = union([...own, ...placed.filter((p) => inArea.has(p.key)).map((p) => p.box)])
  if (!cells) return undefined
  // A header stands on its cells, or on the column headers beneath it (a section's title), a
  // small gap apart; the next section lies further off.
  const gap = 24
  const across = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0) > 0
  const standsOn = (box: Box, c: Box) =>
    (box.y + box.h <= c.y + 2 && box.y + box.h >= c.y - gap && across(box.x, box.x + box.w, c.x, c.x + c.w)) ||
    (box.x + box.w <= c.x + 2 && box.x + box.w >= c.x - gap && across(box.y, box.y + box.h, c.y, c.y + c.h))
  const all = placed.filter((p) => p.kind === 'header')
  const headers = all.filter(({ box }) => own.some((c) => standsOn(box, c)))
  headers.push(...all.filter((h) => !headers.includes(h) && headers.some((under) => standsOn(h.box, under.box) && h.box.y + h.box.h <= under.box.y + 2)))
  return union([cells, ...headers.map((h) => h.box)])
}

/** What everyone is brought to for a slide: the slide with a little room around it. */
export function slideView(slide: Pick<Slide, 'bounds'>): Box {
  const { x, y, w, h } = slide.bounds
  const pad = Math.max(w, h) * 0.03
  return { x: x - pad, y: y - pad, w: w + 2 * pad, h: h + 2 * pad }
}


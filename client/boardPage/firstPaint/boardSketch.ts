/**
 * The board's page as the first paint draws it, read straight from its records (no tldraw, no
 * store, no migration): the shapes a workshop board is made of (Zettel, boxes, texts, frames) in
 * their nesting, with their boxes in page units, and the camera the editor will open at
 * (`BoardLanding.tsx`: one's own last view, else the page's content fitted as `showBounds` does).
 * Arrows, lines, drawings and pictures are left out: they wait for the editor.
 */
import type { StoredRecord } from '../../../shared/board/records.ts'
import { plainText } from '../../../shared/templates/richText.ts'

export interface SketchShape {
  id: string
  kind: 'note' | 'geo' | 'text' | 'frame'
  /** Relative to the parent (page or shape), in page units, as tldraw keeps them. */
  x: number
  y: number
  rotation: number
  opacity: number
  /** The shape's box before its `scale` (a Zettel: 200 × 200 and what it grew). */
  w: number
  h: number
  /** tldraw's `scale` prop: the box on the page is w·scale × h·scale. */
  scale: number
  props: Record<string, unknown>
  text: string
  children: SketchShape[]
}

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export interface Camera {
  x: number
  y: number
  z: number
}

export interface Sketch {
  pageId: string
  shapes: SketchShape[]
  /** The page's content (top-level shapes drawn here), null for a page with nothing on it. */
  bounds: Box | null
}

const noteSize = 200
const themeFontSize = 16
const lineHeight = 1.35
/** tldraw's FONT_SIZES (text) and LABEL_FONT_SIZES (Zettel, boxes), as multiples of 16 px. */
const textSizes: Record<string, number> = { s: 1.125, m: 1.5, l: 2.25, xl: 2.75 }
const labelSizes: Record<string, number> = { s: 1.125, m: 1.375, l: 1.625, xl: 2 }

export const fontPx = (kind: SketchShape['kind'], size: unknown) =>
  themeFontSize * ((kind === 'text' ? textSizes : labelSizes)[typeof size === 'string' ? size : 'm'] ?? 1.5)
export { lineHeight }

const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)

/** tldraw orders siblings by their fractional index, compared as strings. */
const byIndex = (a: StoredRecord, b: StoredRecord) => {
  const [x, y] = [String(a.index ?? ''), String(b.index ?? '')]
  return x < y ? -1 : x > y ? 1 : 0
}

function toSketch(record: StoredRecord, children: SketchShape[]): SketchShape | null {
  const props = (record.props ?? {}) as Record<string, unknown>
  const kind = record.type
  if (kind !== 'note' && kind !== 'geo' && kind !== 'text' && kind !== 'frame') return null
  const scale = kind === 'frame' ? 1 : num(props.scale, 1)
  const text = kind === 'frame' ? (typeof props.name === 'string' ? props.name : '') : plainText(props.richText)
  let w: number
  let h: number
  if (kind === 'note') {
    w = noteSize
    h = noteSize + num(props.growY, 0)
  } else if (kind === 'geo') {
    // A box's w and h are on the page already; its scale only sizes its label.
    w = num(props.w, 100) / scale
    h = (num(props.h, 100) + num(props.growY, 0)) / scale
  } else if (kind === 'text') {
    const lines = Math.max(1, text.split('\n').length)
    w = props.autoSize === false ? num(props.w, 100) : Math.max(...text.split('\n').map((l) => l.length), 1) * fontPx('text', props.size) * 0.55
    h = lines * fontPx('text', props.size) * lineHeight
  } else {
    w = num(props.w, 100)
    h = num(props.h, 100)
  }
  return {
    id: record.id,
    kind,
    x: num(record.x, 0),
    y: num(record.y, 0),
    rotation: num(record.rotation, 0),
    opacity: num(record.opacity, 1),
    w,
    h,
    scale,
    props,
    text,
    children,
  }
}

/** The pages in the board's order. */
export function pagesOf(records: readonly StoredRecord[]): StoredRecord[] {
  return records.filter((r) => r.typeName === 'page').sort(byIndex)
}

/** The page's shapes as a tree; `pageId` as the editor opens it (a remembered one, else the first page). */
export function sketchPage(records: readonly StoredRecord[], wantedPageId?: string): Sketch | null {
  const pages = pagesOf(records)
  const page = pages.find((p) => p.id === wantedPageId) ?? pages[0]
  if (!page) return null
  const byParent = new Map<string, StoredRecord[]>()
  for (const record of records) {
    if (record.typeName !== 'shape' || typeof record.parentId !== 'string') continue
    const siblings = byParent.get(record.parentId) ?? []
    siblings.push(record)
    byParent.set(record.parentId, siblings)
  }
  const build = (parentId: string, depth: number): SketchShape[] =>
    depth > 20
      ? []
      : (byParent.get(parentId) ?? []).sort(byIndex).flatMap((record) => {
          const shape = toSketch(record, build(record.id, depth + 1))
          return shape ? [shape] : []
        })
  const shapes = build(page.id, 0)
  return { pageId: page.id, shapes, bounds: contentBounds(shapes) }
}

/** The union of the top-level shapes' boxes on the page, turned as they are turned. */
export function contentBounds(shapes: readonly SketchShape[]): Box | null {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const s of shapes) {
    const [w, h] = [s.w * s.scale, s.h * s.scale]
    const [cos, sin] = [Math.cos(s.rotation), Math.sin(s.rotation)]
    for (const [cx, cy] of [
      [0, 0],
      [w, 0],
      [0, h],
      [w, h],
    ]) {
      const px = s.x + cx * cos - cy * sin
      const py = s.y + cx * sin + cy * cos
      minX = Math.min(minX, px)
      minY = Math.min(minY, py)
      maxX = Math.max(maxX, px)
      maxY = Math.max(maxY, py)
    }
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

// As `templates/showInView.ts` leaves room for the menu bar, the toolbar and the buttons under the
// main menu. The editor measures its chrome; the drawing comes before it, so these are its sizes as
// measured at 390 and 1366 px (the top panel takes a second row on a phone).
const margin = 16
const menuBarHeight = 48
const toolbarHeight = 64
const narrowTopPanelBottom = 100
const narrowBelow = 768
const dockCorner = { right: 184, bottom: 80 }
/** tldraw's smallest zoom step (its base zoom is 1 here). */
const minZoom = 0.1

interface Insets {
  top: number
  right: number
  bottom: number
  left: number
}

function fit(screen: { w: number; h: number }, inset: Insets, bounds: Box) {
  const width = Math.max(1, screen.w - inset.left - inset.right)
  const height = Math.max(1, screen.h - inset.top - inset.bottom)
  const zoom = Math.max(minZoom, Math.min(1, width / bounds.w, height / bounds.h))
  return { zoom, left: inset.left + (width - bounds.w * zoom) / 2, top: inset.top + (height - bounds.h * zoom) / 2 }
}

/**
 * The camera `showBounds` chooses for a newcomer: the content fitted into the part of the screen
 * the editor's chrome leaves free, never magnified; `wall`: the Beamer, without the buttons.
 */
export function fittedCamera(bounds: Box, screen: { w: number; h: number }, wall = false): Camera {
  const top = Math.max(menuBarHeight, screen.w < narrowBelow && !wall ? narrowTopPanelBottom : 0)
  let inset: Insets = { top: top + margin, bottom: toolbarHeight + margin, left: margin, right: margin }
  if (screen.w - inset.left - inset.right < screen.w / 2) inset = { ...inset, left: margin, right: margin }
  const candidates = wall
    ? [inset]
    : [
        { ...inset, left: Math.max(inset.left, dockCorner.right + margin) },
        { ...inset, top: Math.max(inset.top, dockCorner.bottom + margin) },
      ]
  const best =
    candidates
      .filter((c) => screen.w - c.left - c.right >= screen.w / 2 && screen.h - c.top - c.bottom >= screen.h / 3)
      .map((c) => fit(screen, c, bounds))
      .sort((a, b) => b.zoom - a.zoom)[0] ?? fit(screen, inset, bounds)
  return { x: best.left / best.zoom - bounds.x, y: best.top / best.zoom - bounds.y, z: best.zoom }
}

/** A facilitator's view as their presence tells it: the page and the part of it on their screen. */
export interface OthersView {
  pageId: string
  bounds: Box
}

/** Read from a presence as `BoardLanding`'s `facilitatorView` reads it. */
export function viewOfPresence(presence: unknown): OthersView | null {
  if (typeof presence !== 'object' || presence === null) return null
  const { camera, screenBounds, currentPageId } = presence as { camera?: Camera; screenBounds?: { w: number; h: number }; currentPageId?: unknown }
  if (!camera || !screenBounds || typeof currentPageId !== 'string' || !(camera.z > 0)) return null
  return { pageId: currentPageId, bounds: { x: -camera.x, y: -camera.y, w: screenBounds.w / camera.z, h: screenBounds.h / camera.z } }
}

/** tldraw's `zoomToBounds(bounds, { inset: 0 })`: the bounds fitted and centred, zoom within its steps. */
export function zoomedToBounds(bounds: Box, screen: { w: number; h: number }): Camera {
  const z = Math.min(8, Math.max(minZoom, Math.min(screen.w / bounds.w, screen.h / bounds.h)))
  return { x: -bounds.x + (screen.w - bounds.w * z) / 2 / z, y: -bounds.y + (screen.h - bounds.h * z) / 2 / z, z }
}

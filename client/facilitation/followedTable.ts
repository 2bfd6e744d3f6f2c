/**
 * Following in a small window (a half-screen beside a video call): „Alle zu mir“, a presented
 * slide or „Moderation folgen“ fit the facilitator's view into this window, and at 683 px a
 * Zettel the facilitator reads at 22 px is 11 px here. Where the canvas would show the followed
 * area's Zettel below the wall's floor (`readablePx`), this window shows the followed part as the
 * wall's table instead (`FollowedTable.tsx`), at a type of 14 px or more. Pure rules here: when,
 * and which cells.
 */
import { readablePx, noteFont } from '../../shared/templates/projector.ts'
import { center, contains, type Box } from '../../shared/templates/geometry.ts'
import type { TemplatePart } from '../beitragen/contributionModel.ts'
import { focusInView, type PartPlace } from './focus.ts'

type Size = Pick<Box, 'w' | 'h'>

/** tldraw's note label type per `size` (LABEL_FONT_SIZES), in page pixels at scale 1. */
const labelFontPx: Record<string, number> = { s: 18, m: noteFont, l: 26, xl: 32 }

/** A Zettel's props as far as its type goes. */
export interface ZettelType {
  size?: string
  scale?: number
  /** tldraw's fitted share of the type (0 or missing: not fitted). */
  fontSizeAdjustment?: number
}

/** A Zettel's type on the page (its size, scale and tldraw's fitting). */
export const zettelTypePx = (z: ZettelType) => (labelFontPx[z.size ?? 'm'] ?? noteFont) * (z.fontSizeAdjustment || 1) * (z.scale ?? 1)

/**
 * The type of the followed area's Zettel on the page: the middle one (one stray small Zettel does
 * not turn the window into a table, nor one large one keep the canvas); a Zettel as tldraw makes
 * it where the area holds none yet.
 */
export function followedZettelPagePx(zettel: readonly ZettelType[]): number {
  if (zettel.length === 0) return noteFont
  const sorted = zettel.map(zettelTypePx).sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}

/**
 * The Zettel's type on this screen once the followed area is fitted into it, as following does
 * (the whole area in view, not magnified beyond `maxZoom`).
 */
export function followedZettelPx(followed: Size, screen: Size, zettelPagePx: number, maxZoom = 8): number {
  if (followed.w <= 0 || followed.h <= 0) return zettelPagePx
  return zettelPagePx * Math.min(maxZoom, screen.w / followed.w, screen.h / followed.h)
}

/** Whether this window shows the followed part as a table: its Zettel would be read below the floor on the canvas. */
export const followAsTable = (followed: Size, screen: Size, zettelPagePx: number, maxZoom?: number) =>
  followedZettelPx(followed, screen, zettelPagePx, maxZoom) < readablePx

/** What the table shows: a template and the cells of it the followed view shows. */
export interface FollowedPart {
  instance: string
  title: string
  cells: string[]
}

/**
 * The followed view as a table: the one template filling most of it (as „Alle zu mir“ names a
 * part for the lists, `focusInView`), and of its cells those whose middle the view shows; all of
 * them where it shows the whole or none in the middle. Nothing for a part that is no template (a
 * frame, free Zettel): the canvas stays.
 */
export function followedPart(parts: readonly PartPlace[], templates: readonly TemplatePart[], pageId: string, view: Box): FollowedPart | undefined {
  const focus = focusInView(parts, templates, pageId, view, 0)
  if (!focus) return undefined
  const template = templates.find((t) => t.pageId === pageId && t.instance === focus.part && t.template !== '')
  if (!template || template.cells.length === 0) return undefined
  const cells = focus.cells ?? template.cells.map((cell) => cell.key)
  return { instance: template.instance, title: template.title, cells }
}

/** The cell (by key) of the shown ones the laser points at: the one whose box holds the point. */
export function pointedCell(template: Pick<TemplatePart, 'cells'>, shown: readonly string[], point: { x: number; y: number } | undefined): string | undefined {
  if (!point) return undefined
  const wanted = new Set(shown)
  return template.cells.find((cell) => wanted.has(cell.key) && contains(cell.box, point))?.key
}

/** The followed view on the page from a leader's presence: their camera over their screen. */
export function leaderView(presence: { camera: { x: number; y: number; z: number } | null; screenBounds: Box | null }): Box | undefined {
  const { camera, screenBounds } = presence
  if (!camera || !screenBounds || camera.z <= 0) return undefined
  return { x: -camera.x, y: -camera.y, w: screenBounds.w / camera.z, h: screenBounds.h / camera.z }
}

/** Zettel whose middle lies in the followed view. */
export const zettelInView = <Z extends { box: Box }>(zettel: readonly Z[], view: Box) => zettel.filter((z) => contains(view, center(z.box)))

/** Room kept between a panel of the dock and the table. */
const panelGap = 8
/** Below this width a table's columns crowd and its words overflow: a panel then goes above the table, not beside it. */
export const besidePanelMinPx = 600

/**
 * Where the followed table lies in a window of `screen` size: beneath `top` (the top bar and the
 * dock's first row), the whole width; where a panel of the dock stays open over the canvas (the
 * „Einverstanden?“ round a participant answers while following), beside it if the table keeps
 * `besidePanelMinPx` of width there, else beneath it. Never under it: both must be read at once.
 * Boxes in px from the editor's corner.
 */
export function followedArea(screen: Size, top: number, panel: Box | undefined): Box {
  const whole = { x: 0, y: top, w: screen.w, h: Math.max(0, screen.h - top) }
  if (!panel || panel.w <= 0 || panel.h <= 0 || panel.y + panel.h <= top) return whole
  const left = panel.x + panel.w + panelGap
  if (screen.w - left >= besidePanelMinPx) return { x: left, y: top, w: screen.w - left, h: whole.h }
  const below = Math.max(top, panel.y + panel.h + panelGap)
  return { x: 0, y: below, w: screen.w, h: Math.max(0, screen.h - below) }
}

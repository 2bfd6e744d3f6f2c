/**
 * What the wall shows of a slide or a summoned view: the whole of it inside the projector's safe
 * area, a 16:9 box in the middle of the picture less a twentieth at each edge. A projector may
 * crop its picture's edges (overscan, keystone), and a laptop of another shape shows the 16:9
 * slide as the room expects it; so a template's title at the slide's top edge stays whole.
 */
import type { Editor } from 'tldraw'
import type { Box } from '../../shared/templates/geometry.ts'

/** Left free at each edge of the 16:9 picture: a broadcast's title-safe area is the inner 90 %. */
const edge = 0.05

export function safeArea(screen: { w: number; h: number }): Box {
  const w = Math.min(screen.w, (screen.h * 16) / 9)
  const h = (w * 9) / 16
  return { x: (screen.w - w) / 2 + w * edge, y: (screen.h - h) / 2 + h * edge, w: w * (1 - 2 * edge), h: h * (1 - 2 * edge) }
}

/** The camera that shows `bounds` whole and centred in the safe area, magnified at most `maxZoom`. */
export function wallCamera(screen: { w: number; h: number }, bounds: Box, maxZoom: number): { x: number; y: number; z: number } {
  const area = safeArea(screen)
  const z = Math.min(maxZoom, area.w / bounds.w, area.h / bounds.h)
  const left = area.x + (area.w - bounds.w * z) / 2
  const top = area.y + (area.h - bounds.h * z) / 2
  return { x: left / z - bounds.x, y: top / z - bounds.y, z }
}

/** The wall's camera for `bounds`, magnified at most `maxZoom` (a slide's) and as far as the editor goes. */
export function wallCameraFor(editor: Editor, bounds: Box, maxZoom = Infinity): { x: number; y: number; z: number } {
  const { zoomSteps } = editor.getCameraOptions()
  return wallCamera(editor.getViewportScreenBounds(), bounds, Math.min(maxZoom, zoomSteps[zoomSteps.length - 1]! * editor.getBaseZoom()))
}

export function showOnWall(editor: Editor, bounds: Box, animate = true, maxZoom?: number): void {
  if (editor.getCameraOptions().isLocked || bounds.w <= 0 || bounds.h <= 0) return
  const camera = wallCameraFor(editor, bounds, maxZoom)
  editor.setCamera(camera, animate ? { animation: { duration: 400 } } : undefined)
}

/**
 * Moves the camera so that a template fills the part of the view the UI leaves free (menu bar,
 * toolbar and, on wide screens, the style panel or an open panel on the right), without
 * magnifying small templates.
 */
import type { Editor, TLShapeId } from 'tldraw'
import type { Box } from '../../shared/templates/geometry.ts'

interface Insets {
  top: number
  right: number
  bottom: number
  left: number
}

const margin = 16
// The menu bar and the bottom toolbar, with their margins.
const menuBarHeight = 48
const toolbarHeight = 64

/** Screen pixels the UI covers at each edge of the editor; `beside` is a panel on the right. */
function uiInsets(editor: Editor, beside?: Element | null): Insets {
  const container = editor.getContainer()
  const edge = container.getBoundingClientRect().right
  const panels = [container.querySelector('.tlui-style-panel__wrapper'), beside]
  const right = Math.max(0, ...panels.map((panel) => (panel ? edge - panel.getBoundingClientRect().left : 0)))
  return { top: menuBarHeight + margin, right: right + margin, bottom: toolbarHeight + margin, left: margin }
}

export function showBounds(editor: Editor, bounds: Box, beside?: Element | null) {
  if (editor.getCameraOptions().isLocked || bounds.w <= 0 || bounds.h <= 0) return
  const screen = editor.getViewportScreenBounds()
  let inset = uiInsets(editor, beside)
  // On a small screen the chrome would leave too little; then use the whole view.
  if (screen.w - inset.left - inset.right < screen.w / 2) inset = { ...inset, left: margin, right: margin }
  const width = Math.max(1, screen.w - inset.left - inset.right)
  const height = Math.max(1, screen.h - inset.top - inset.bottom)
  const minZoom = editor.getCameraOptions().zoomSteps[0] * editor.getBaseZoom()
  const zoom = Math.max(minZoom, Math.min(1, width / bounds.w, height / bounds.h))
  const left = inset.left + (width - bounds.w * zoom) / 2
  const top = inset.top + (height - bounds.h * zoom) / 2
  editor.setCamera({ x: left / zoom - bounds.x, y: top / zoom - bounds.y, z: zoom }, { animation: { duration: 200 } })
}

export function showShapes(editor: Editor, ids: TLShapeId[], beside?: Element | null) {
  const bounds = editor.getShapesPageBounds(ids)
  if (bounds) showBounds(editor, bounds, beside)
}

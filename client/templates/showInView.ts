/**
 * Moves the camera so that a template fills the part of the view the UI leaves free (menu bar,
 * toolbar, an open panel on the right, the facilitator's buttons on the left),
 * without magnifying small templates.
 */
import type { Editor, TLShapeId, TLUiActionsContextType } from 'tldraw'
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
  // tldraw's style panel no longer lies on the right: it opens from the toolbar (BoardEditor).
  const right = beside ? Math.max(0, edge - beside.getBoundingClientRect().left) : 0
  // The top panel grows a second row on narrow screens or while presenting; the share
  // zone a second or third on a phone. Its one row beside the menu bar is the bar's height (it
  // would cost a laptop's templates their 14-px headers: templatesOnScreen.test).
  const origin = container.getBoundingClientRect().top
  const panel = container.querySelector('.nws-facilitation')?.getBoundingClientRect()
  const share = container.querySelector('.nws-share-zone')?.getBoundingClientRect()
  const shareWrapped = share && share.height > menuBarHeight * 1.5 ? share : undefined
  const top = Math.max(menuBarHeight, ...[panel, shareWrapped].map((box) => (box ? box.bottom - origin : 0)))
  return { top: top + margin, right: right + margin, bottom: toolbarHeight + margin, left: margin }
}

/** The facilitator's buttons under the main menu, as screen pixels from the editor's corner. */
function dockCorner(editor: Editor): { right: number; bottom: number } | null {
  const container = editor.getContainer()
  const dock = container.querySelector('.nws-facilitation-dock')
  const box = dock?.getBoundingClientRect()
  if (!box || box.width === 0 || box.height === 0) return null
  const origin = container.getBoundingClientRect()
  return { right: box.right - origin.left, bottom: box.bottom - origin.top }
}

function fit(screen: { w: number; h: number }, inset: Insets, bounds: Box, minZoom: number, maxZoom: number) {
  const width = Math.max(1, screen.w - inset.left - inset.right)
  const height = Math.max(1, screen.h - inset.top - inset.bottom)
  const zoom = Math.max(minZoom, Math.min(maxZoom, width / bounds.w, height / bounds.h))
  return { zoom, left: inset.left + (width - bounds.w * zoom) / 2, top: inset.top + (height - bounds.h * zoom) / 2 }
}

/** `maxZoom`: a template's part on the projector may be magnified (projectorParts.ts); anything else is not. */
export function showBounds(editor: Editor, bounds: Box, beside?: Element | null, animate = true, maxZoom = 1) {
  if (editor.getCameraOptions().isLocked || bounds.w <= 0 || bounds.h <= 0) return
  const screen = editor.getViewportScreenBounds()
  let inset = uiInsets(editor, beside)
  // On a small screen the chrome would leave too little; then use the whole view.
  if (screen.w - inset.left - inset.right < screen.w / 2) inset = { ...inset, left: margin, right: margin }
  const minZoom = editor.getCameraOptions().zoomSteps[0] * editor.getBaseZoom()
  // The facilitator's buttons sit in the top-left corner: keep the content beside them or below
  // them, whichever leaves it larger.
  const dock = dockCorner(editor)
  const candidates = dock
    ? [{ ...inset, left: Math.max(inset.left, dock.right + margin) }, { ...inset, top: Math.max(inset.top, dock.bottom + margin) }]
    : [inset]
  const best = candidates
    .filter((c) => screen.w - c.left - c.right >= screen.w / 2 && screen.h - c.top - c.bottom >= screen.h / 3)
    .map((c) => fit(screen, c, bounds, minZoom, maxZoom))
    .sort((a, b) => b.zoom - a.zoom)[0] ?? fit(screen, inset, bounds, minZoom, maxZoom)
  const { zoom, left, top } = best
  editor.setCamera({ x: left / zoom - bounds.x, y: top / zoom - bounds.y, z: zoom }, animate ? { animation: { duration: 200 } } : undefined)
}

export function showShapes(editor: Editor, ids: TLShapeId[], beside?: Element | null) {
  const bounds = editor.getShapesPageBounds(ids)
  if (bounds) showBounds(editor, bounds, beside)
}

/**
 * tldraw's „Zoom to fit“ (Shift+1, the zoom menu) as `showBounds` fits: the page's content into the
 * part of the view the UI leaves free. tldraw's own fit keeps a fixed margin, and at 1366×768 the
 * facilitator's dock lay over the template's title. Small content is magnified as tldraw's is.
 */
export function zoomToFitFree(editor: Editor) {
  const ids = [...editor.getCurrentPageShapeIds()].filter((id) => !editor.isShapeHidden(id))
  const bounds = ids.length > 0 ? editor.getShapesPageBounds(ids) : undefined
  const zoomSteps = editor.getCameraOptions().zoomSteps
  if (bounds) showBounds(editor, bounds, undefined, true, zoomSteps[zoomSteps.length - 1]! * editor.getBaseZoom())
}

/** The actions with tldraw's „Zoom to fit“ fitting into the free part of the view (`zoomToFitFree`). */
export function withFreeZoomToFit(editor: Editor, actions: TLUiActionsContextType): TLUiActionsContextType {
  const fit = actions['zoom-to-fit']
  return fit ? { ...actions, 'zoom-to-fit': { ...fit, onSelect: () => zoomToFitFree(editor) } } : actions
}

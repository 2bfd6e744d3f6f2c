/**
 * The events a button drawn on the canvas (tldraw's `OnTheCanvas`) keeps from tldraw. The canvas
 * starts a selection or a drag on pointerdown, and cancels touchstart's and touchend's default,
 * which on a touchscreen swallows the click the button waits for: a tap did nothing. Marked as
 * handled, the canvas leaves them alone and the click comes, as it does for tldraw's own layer
 * in front of the canvas (`InFrontOfTheCanvasWrapper`). One path, the click, for mouse, finger,
 * pen and keyboard: no press counts twice.
 */
import type { Editor } from 'tldraw'

export const canvasControlEvents = (editor: Editor) => ({
  onPointerDown: editor.markEventAsHandled,
  onPointerUp: editor.markEventAsHandled,
  onTouchStart: editor.markEventAsHandled,
  onTouchEnd: editor.markEventAsHandled,
})

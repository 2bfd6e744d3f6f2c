/** Going to a search result: its page, the camera on it at a readable zoom, the shape selected. */
import { Box, type Editor, type TLPageId, type TLShapeId } from 'tldraw'
import type { SearchItem } from '../../shared/results/boardTexts.ts'

/** Below this zoom a Zettel's text is hard to read; a result is shown at least this large. */
const readableZoom = 0.8
/** Around a comment on a place: the area to show. */
const placeSize = 240

export function showOnBoard(editor: Editor, item: Pick<SearchItem, 'pageId' | 'shapeId' | 'point'>): boolean {
  const pageId = item.pageId as TLPageId
  if (!editor.getPage(pageId)) return false
  if (editor.getCurrentPageId() !== pageId) editor.setCurrentPage(pageId)
  // Following someone would take the camera straight back.
  if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
  const shape = item.shapeId ? editor.getShape(item.shapeId as TLShapeId) : undefined
  if (shape) editor.select(shape.id)
  else editor.selectNone()
  const bounds = shape
    ? editor.getShapePageBounds(shape)
    : item.point && new Box(item.point.x - placeSize / 2, item.point.y - placeSize / 2, placeSize, placeSize)
  if (bounds) {
    editor.zoomToBounds(bounds, {
      // The zoom of now, or a readable one if now is further out; smaller only where the shape would not fit.
      targetZoom: Math.max(editor.getZoomLevel(), readableZoom),
      inset: 96,
      animation: { duration: 240 },
    })
  }
  return true
}

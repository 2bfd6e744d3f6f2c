/**
 * A document's pages on the canvas: one frame named after the file, its pages inside as locked
 * images in reading order (a row, or rows of up to five), so that a drag meant for a Zettel does
 * not move a page, and Zettel written on a page lie above it. All in one step: one undo takes it
 * away, and the others see it whole.
 */
import { AssetRecordType, Box, createShapeId, type Editor, type TLImageAsset, type VecLike } from 'tldraw'

export interface UploadedPage {
  src: string
  mimeType: string
  /** Its size on the board and its picture's pixels. */
  w: number
  h: number
  pixelW: number
  pixelH: number
}

const gap = 40
const padding = 40
/** Board units per PDF point: an A4 page is 800 units wide, a note is 200. */
export const unitsPerPoint = 800 / 595
/** A page's longer side on the board at most: ten A4 widths (a PDF may claim any size, 10^30 points too). */
export const maxPageOnBoard = 8000

/** A page of `width` × `height` points on the board: to scale, shrunk to `maxPageOnBoard`, at least 1 unit a side. */
export function pageOnBoard(width: number, height: number): { w: number; h: number } {
  const fit = Math.min(unitsPerPoint, maxPageOnBoard / Math.max(width, height))
  return { w: Math.max(1, Math.round(width * fit)), h: Math.max(1, Math.round(height * fit)) }
}

const perRow = 5

/** Where each page lies inside the frame, and the frame's size. */
export function layoutPages(pages: ReadonlyArray<{ w: number; h: number }>): { places: Array<{ x: number; y: number }>; w: number; h: number } {
  const columns = Math.min(pages.length, perRow)
  const places: Array<{ x: number; y: number }> = []
  let y = padding
  let w = 0
  for (let start = 0; start < pages.length; start += columns) {
    const row = pages.slice(start, start + columns)
    let x = padding
    for (const page of row) {
      places.push({ x, y })
      x += page.w + gap
    }
    w = Math.max(w, x - gap + padding)
    y += Math.max(...row.map((page) => page.h)) + gap
  }
  return { places, w, h: y - gap + padding }
}

/** The frame's name: the file's, without ".pdf". */
export const documentName = (fileName: string) => fileName.replace(/\.pdf$/i, '').trim() || fileName

/**
 * Where the frame's top left corner goes: centred on the drop point; chosen from the menu, in the
 * middle of the view, or right of everything on the page where that place is taken.
 */
function frameCorner(editor: Editor, w: number, h: number, at?: VecLike): VecLike {
  if (at) return { x: at.x - w / 2, y: at.y - h / 2 }
  const center = editor.getViewportPageBounds().center
  const wanted = new Box(center.x - w / 2, center.y - h / 2, w, h)
  const taken = editor.getCurrentPageBounds()
  if (!taken || !editor.getCurrentPageShapes().some((shape) => editor.getShapePageBounds(shape)?.collides(wanted))) return wanted
  return { x: taken.maxX + 200, y: taken.y }
}

export function placeDocument(editor: Editor, name: string, pages: UploadedPage[], at?: VecLike): void {
  const { places, w, h } = layoutPages(pages)
  const corner = frameCorner(editor, w, h, at)
  const frameId = createShapeId()
  const assets: TLImageAsset[] = pages.map((page, i) => ({
    id: AssetRecordType.createId(),
    typeName: 'asset',
    type: 'image',
    props: { name: `${name} ${i + 1}`, src: page.src, w: page.pixelW, h: page.pixelH, mimeType: page.mimeType, isAnimated: false },
    meta: {},
  }))
  editor.markHistoryStoppingPoint('insert document')
  editor.run(() => {
    editor.createAssets(assets)
    editor.createShape({ id: frameId, type: 'frame', x: corner.x, y: corner.y, props: { w, h, name } })
    editor.createShapes(
      pages.map((page, i) => ({
        id: createShapeId(),
        type: 'image',
        parentId: frameId,
        x: places[i].x,
        y: places[i].y,
        isLocked: true,
        props: { assetId: assets[i].id, w: page.w, h: page.h, altText: `${name}, ${i + 1}` },
      })),
    )
    editor.selectNone()
  })
  const bounds = editor.getShapePageBounds(frameId)
  if (bounds) editor.zoomToBounds(bounds, { inset: 40, animation: { duration: 300 } })
}

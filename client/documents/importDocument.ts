/**
 * Bringing an opened PDF onto the board: its chosen pages drawn, then, if all of them fit into
 * the board's room for images, uploaded, then placed in one step. Until that step the board is
 * as it was: a bad page, a full board or "Abbrechen" leave nothing on it.
 */
import type { Editor, VecLike } from 'tldraw'
import { fetchAssetSpace, uploadAsset } from '../api.ts'
import type { OpenDocument, PagePicture } from './pdfPages.ts'
import { placeDocument, type UploadedPage } from './placeDocument.ts'

export interface ImportProgress {
  phase: 'drawing' | 'uploading'
  /** The page at work, counting from 1 among the chosen ones. */
  current: number
  total: number
}

/** The pages would not fit into what is left of the board's room for images. */
export class NoRoomError extends Error {
  override name = 'NoRoomError'
  constructor(
    readonly neededBytes: number,
    readonly freeBytes: number,
  ) {
    super('no room for the document')
  }
}

export async function importDocument(options: {
  editor: Editor
  board: { boardId: string; token: string }
  document: OpenDocument
  name: string
  pages: number[]
  at?: VecLike
  signal: AbortSignal
  onProgress: (progress: ImportProgress) => void
}): Promise<void> {
  const { editor, board, document, pages, signal, onProgress } = options
  const pictures: PagePicture[] = []
  for (const [i, page] of pages.entries()) {
    onProgress({ phase: 'drawing', current: i + 1, total: pages.length })
    pictures.push(await document.renderPage(page, signal))
  }
  // Asked once all pages are drawn: the server would refuse the page that no longer fits, and the
  // ones before it would take room without ever being on the board.
  const needed = pictures.reduce((sum, picture) => sum + picture.blob.size, 0)
  const space = await fetchAssetSpace(board.boardId, board.token, signal)
  const free = Math.max(0, space.maxBytes - space.usedBytes)
  if (needed > free) throw new NoRoomError(needed, free)

  const uploaded: UploadedPage[] = []
  for (const [i, picture] of pictures.entries()) {
    signal.throwIfAborted()
    onProgress({ phase: 'uploading', current: i + 1, total: pictures.length })
    const src = await uploadAsset(board.boardId, board.token, picture.blob, signal)
    uploaded.push({ src, mimeType: picture.blob.type, w: picture.w, h: picture.h, pixelW: picture.pixelW, pixelH: picture.pixelH })
  }
  signal.throwIfAborted()
  placeDocument(editor, options.name, uploaded, options.at)
}

/**
 * The view this browser last had on a board (page and camera), so that a reload opens where one
 * was. Lives in localStorage beside the list of recent boards and is forgotten with the board.
 */
export interface RememberedView {
  pageId: string
  x: number
  y: number
  z: number
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
/** This browser's own note, read plainly: zod stays off a phone's first load (`recentBoards.ts` forgets it). */
function asView(value: unknown): RememberedView | null {
  if (typeof value !== 'object' || value === null) return null
  const { pageId, x, y, z } = value as Record<string, unknown>
  return typeof pageId === 'string' && pageId !== '' && isNumber(x) && isNumber(y) && isNumber(z) && z > 0 ? { pageId, x, y, z } : null
}

export const viewKey = (boardId: string) => `netzwerkstatt:view:${boardId}`

export function readView(storage: KeyValueStorage, boardId: string): RememberedView | null {
  try {
    return asView(JSON.parse(storage.getItem(viewKey(boardId)) ?? 'null'))
  } catch {
    return null
  }
}

export function rememberView(storage: KeyValueStorage, boardId: string, view: RememberedView): void {
  try {
    storage.setItem(viewKey(boardId), JSON.stringify(view))
  } catch {
    // A full or disabled storage only costs the reload its view.
  }
}

/**
 * The view this browser last had on a board (page and camera), so that a reload opens where one
 * was. Lives in localStorage beside the list of recent boards and is forgotten with the board.
 */
import { z } from 'zod'

export interface RememberedView {
  pageId: string
  x: number
  y: number
  z: number
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const viewSchema = z.object({ pageId: z.string().min(1), x: z.number(), y: z.number(), z: z.number().positive() })

export const viewKey = (boardId: string) => `netzwerkstatt:view:${boardId}`

export function readView(storage: KeyValueStorage, boardId: string): RememberedView | null {
  try {
    const parsed = viewSchema.safeParse(JSON.parse(storage.getItem(viewKey(boardId)) ?? 'null'))
    return parsed.success ? parsed.data : null
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

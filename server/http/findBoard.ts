/** The board a route's path names. */
import { HTTPException } from 'hono/http-exception'
import { boardIdPattern } from '../../shared/access.ts'
import type { BoardDirectory, BoardRecord } from '../storage/Storage.ts'

/** The board with this id, or a 404; ids that cannot be ours never reach storage. */
export async function findBoard(storage: BoardDirectory, id: string): Promise<BoardRecord> {
  const board = boardIdPattern.test(id) ? await storage.getBoard(id) : undefined
  if (!board) throw new HTTPException(404, { message: 'board not found' })
  return board
}

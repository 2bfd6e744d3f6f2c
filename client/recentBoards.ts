/** Boards opened in this browser, most recent first. Lives in localStorage only. */
import { boardIdPattern } from '../shared/api.ts'

export interface RecentBoard {
  id: string
  title: string
  /** ISO timestamp of the last time the board page was opened. */
  lastOpened: string
}

export const recentBoardsKey = 'netzwerkstatt:recent-boards'
const maxEntries = 50

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>

export function readRecentBoards(storage: KeyValueStorage): RecentBoard[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(storage.getItem(recentBoardsKey) ?? '[]')
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  // Anything a older version or a hand edit left behind is dropped rather than trusted.
  return parsed
    .filter(
      (e): e is RecentBoard =>
        typeof e === 'object' && e !== null &&
        typeof e.id === 'string' && boardIdPattern.test(e.id) &&
        typeof e.title === 'string' && typeof e.lastOpened === 'string',
    )
    .sort((a, b) => b.lastOpened.localeCompare(a.lastOpened))
}

export function rememberBoard(storage: KeyValueStorage, board: { id: string; title: string }, now = new Date()): RecentBoard[] {
  const rest = readRecentBoards(storage).filter((e) => e.id !== board.id)
  const next = [{ id: board.id, title: board.title, lastOpened: now.toISOString() }, ...rest].slice(0, maxEntries)
  write(storage, next)
  return next
}

export function forgetBoard(storage: KeyValueStorage, id: string): RecentBoard[] {
  const next = readRecentBoards(storage).filter((e) => e.id !== id)
  write(storage, next)
  return next
}

export function findRecentBoard(storage: KeyValueStorage, id: string): RecentBoard | undefined {
  return readRecentBoards(storage).find((e) => e.id === id)
}

function write(storage: KeyValueStorage, entries: RecentBoard[]) {
  try {
    storage.setItem(recentBoardsKey, JSON.stringify(entries))
  } catch {
    // Storage full or disabled (private mode): the list is a convenience, not data.
  }
}

/**
 * Boards opened in this browser, most recent first, with the links (tokens) this browser knows
 * for them. Lives in localStorage only: the server never tells anyone which boards exist.
 *
 * A token is stored under the role the server said it grants. The creator's browser knows all
 * three; someone who opened an invitation knows one. Entries from before access by role have no
 * token: they stay listed (so nobody wonders where a board went) but cannot be opened from the
 * list until the full invitation link is opened once more.
 */
import { roleAtLeast, roles, type Role } from '../shared/accessRoles.ts'
import { boardIdPattern } from '../shared/addresses.ts'
import { viewKey } from './viewMemory.ts'
import { beamerKey } from './beamerMemory.ts'
import { earlierTextsKey, sinceKey } from './sinceMemory.ts'

export type KnownTokens = Partial<Record<Role, string>>

export interface RecentBoard {
  id: string
  title: string
  /** ISO timestamp of the last time the board page was opened. */
  lastOpened: string
  /** The links this browser knows for the board, by the role they grant. */
  tokens: KnownTokens
}

export interface BoardAccess {
  role: Role
  token: string
}

export const recentBoardsKey = 'netzwerkstatt:recent-boards'
const maxEntries = 50

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'> & Partial<Pick<Storage, 'removeItem'>>

export function readRecentBoards(storage: KeyValueStorage): RecentBoard[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(storage.getItem(recentBoardsKey) ?? '[]')
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  // Anything an older version or a hand edit left behind is dropped rather than trusted.
  return parsed
    .filter(
      (e): e is Omit<RecentBoard, 'tokens'> & { tokens?: unknown } =>
        typeof e === 'object' && e !== null &&
        typeof e.id === 'string' && boardIdPattern.test(e.id) &&
        typeof e.title === 'string' && typeof e.lastOpened === 'string',
    )
    .map((e) => ({ id: e.id, title: e.title, lastOpened: e.lastOpened, tokens: cleanTokens(e.tokens) }))
    .sort((a, b) => b.lastOpened.localeCompare(a.lastOpened))
}

function cleanTokens(value: unknown): KnownTokens {
  if (typeof value !== 'object' || value === null) return {}
  const tokens: KnownTokens = {}
  for (const role of roles) {
    const token = (value as Record<string, unknown>)[role]
    if (typeof token === 'string' && token !== '') tokens[role] = token
  }
  return tokens
}

/**
 * Notes that the board was opened now, under this title, and adds the tokens it was opened
 * with (a token that now grants another role moves to that role).
 */
export function rememberBoard(
  storage: KeyValueStorage,
  board: { id: string; title: string },
  tokens: KnownTokens = {},
  now = new Date(),
): RecentBoard[] {
  const previous = findIn(readRecentBoards(storage), board.id)
  const known = withoutTokens(previous?.tokens ?? {}, Object.values(tokens))
  const entry: RecentBoard = { id: board.id, title: board.title, lastOpened: now.toISOString(), tokens: { ...known, ...tokens } }
  const rest = readRecentBoards(storage).filter((e) => e.id !== board.id)
  const next = [entry, ...rest].slice(0, maxEntries)
  write(storage, next)
  return next
}

/** Replaces the token of one role (a facilitator made a new link), keeping the entry's place. */
export function rememberToken(storage: KeyValueStorage, id: string, role: Role, token: string): RecentBoard[] {
  return update(storage, id, (e) => ({ ...e, tokens: { ...withoutTokens(e.tokens, [token]), [role]: token } }))
}

/** The server refused this token (replaced, or never valid): it is of no further use here. */
export function forgetToken(storage: KeyValueStorage, id: string, token: string): RecentBoard[] {
  return update(storage, id, (e) => ({ ...e, tokens: withoutTokens(e.tokens, [token]) }))
}

export function forgetBoard(storage: KeyValueStorage, id: string): RecentBoard[] {
  const next = readRecentBoards(storage).filter((e) => e.id !== id)
  write(storage, next)
  // The view kept for reloads (viewMemory.ts) goes with the board.
  storage.removeItem?.(viewKey(id))
  // So does what it last saw of the board (board/sinceLastVisit.ts).
  storage.removeItem?.(sinceKey(id))
  // And the earlier texts of its own Zettel (board/earlierTexts.ts).
  storage.removeItem?.(earlierTextsKey(id))
  // And whether this browser was its wall (beamerMemory.ts).
  storage.removeItem?.(beamerKey(id))
  return next
}

export function findRecentBoard(storage: KeyValueStorage, id: string): RecentBoard | undefined {
  return findIn(readRecentBoards(storage), id)
}

/** The most capable link this browser knows for the board: what the recent list opens with. */
export function bestAccess(entry: Pick<RecentBoard, 'tokens'> | undefined): BoardAccess | undefined {
  let best: BoardAccess | undefined
  for (const role of roles) {
    const token = entry?.tokens[role]
    if (token && (!best || roleAtLeast(role, best.role))) best = { role, token }
  }
  return best
}

/** The role the server granted this token when it last said so, if this browser knows. */
export function rememberedRole(entry: Pick<RecentBoard, 'tokens'> | undefined, token: string): Role | undefined {
  return roles.find((role) => entry?.tokens[role] === token)
}

function withoutTokens(tokens: KnownTokens, drop: readonly (string | undefined)[]): KnownTokens {
  return Object.fromEntries(Object.entries(tokens).filter(([, token]) => !drop.includes(token))) as KnownTokens
}

function update(storage: KeyValueStorage, id: string, change: (entry: RecentBoard) => RecentBoard): RecentBoard[] {
  const entries = readRecentBoards(storage)
  const next = entries.map((e) => (e.id === id ? change(e) : e))
  write(storage, next)
  return next
}

const findIn = (entries: RecentBoard[], id: string) => entries.find((e) => e.id === id)

function write(storage: KeyValueStorage, entries: RecentBoard[]) {
  try {
    storage.setItem(recentBoardsKey, JSON.stringify(entries))
  } catch {
    // Storage full or disabled (private mode): the list is a convenience, not data.
  }
}

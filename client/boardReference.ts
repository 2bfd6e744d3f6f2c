/** Turns what someone pasted (an invitation link, a path, a bare id) into a board and its token. */
import { boardIdPattern, boardPath, boardLink, tokenFromFragment } from '../shared/access.ts'
import { routeFor } from './routes.ts'

export interface BoardReference {
  id: string
  /** The token from the link's fragment, when the pasted text had one. */
  token?: string
}

export function parseBoardReference(input: string, base: string): BoardReference | null {
  const text = input.trim()
  if (boardIdPattern.test(text)) return { id: text }
  let url: URL
  try {
    url = new URL(text, base)
  } catch {
    return null
  }
  const route = routeFor(url.pathname)
  if (route.page !== 'board') return null
  const token = tokenFromFragment(url.hash)
  return token ? { id: route.boardId, token } : { id: route.boardId }
}

/** Where to go for a reference: its full link, or the bare board path (a remembered token may fill in). */
export const referencePath = (reference: BoardReference) =>
  reference.token ? boardLink(reference.id, reference.token) : boardPath(reference.id)

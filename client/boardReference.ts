/** Turns what someone pasted (a board link, a path, a bare id) into a board id. */
import { boardIdPattern } from '../shared/api.ts'
import { routeFor } from './routes.ts'

export function parseBoardReference(input: string, base: string): string | null {
  const text = input.trim()
  if (boardIdPattern.test(text)) return text
  let url: URL
  try {
    url = new URL(text, base)
  } catch {
    return null
  }
  const route = routeFor(url.pathname)
  return route.page === 'board' ? route.boardId : null
}

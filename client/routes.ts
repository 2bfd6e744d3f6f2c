/** The app's two pages, decided from the path alone (no router dependency). */
import { boardIdPattern } from '../shared/api.ts'

export type Route = { page: 'start' } | { page: 'board'; boardId: string } | { page: 'unknown' }

export function routeFor(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'start' }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (match && boardIdPattern.test(match[1])) return { page: 'board', boardId: match[1] }
  return { page: 'unknown' }
}

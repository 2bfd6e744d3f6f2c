/** The app's pages, decided from the path alone (no router dependency). */
// Not access.ts: the entry runs this, and zod stays off a phone's first load.
import { boardIdPattern, networkIdPattern } from '../shared/addresses.ts'

export type Route =
  | { page: 'start' }
  | { page: 'board'; boardId: string }
  /**
   * `/j#<code>`: a join code, typed or scanned; the page trades it for the board's link. The code is
   * in the fragment (null here: the page reads it); `/j/<code>`, an old link, the relay sends on to it.
   */
  | { page: 'join'; code: string | null }
  /** `/n/<id>#<token>`: a network's Fahrplan, for whoever holds its coordinator link. */
  | { page: 'network'; networkId: string }
  /** `/n/<id>/pack#<token>`: the Steuerungsgruppe's pack link, which downloads the pack and nothing else. */
  | { page: 'pack'; networkId: string }
  | { page: 'unknown' }

export function routeFor(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'start' }
  if (/^\/j\/?$/.test(pathname)) return { page: 'join', code: null }
  const join = /^\/j\/([^/]+)\/?$/.exec(pathname)
  if (join) return { page: 'join', code: decodeURIComponent(join[1]) }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (match && boardIdPattern.test(match[1])) return { page: 'board', boardId: match[1] }
  const network = /^\/n\/([^/]+)\/?$/.exec(pathname)
  if (network && networkIdPattern.test(network[1])) return { page: 'network', networkId: network[1] }
  const pack = /^\/n\/([^/]+)\/pack\/?$/.exec(pathname)
  if (pack && networkIdPattern.test(pack[1])) return { page: 'pack', networkId: pack[1] }
  return { page: 'unknown' }
}

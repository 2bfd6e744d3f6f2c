/**
 * What the join screen shows for a code: the address others scan (the QR code's text) and the
 * short link printed below it, on the origin the relay names (PUBLIC_URL, the LAN address) or else
 * this page's; and whether to warn that only this computer reaches it.
 */
import type { JoinAddress } from '../../shared/api.ts'
import { joinPath } from '../../shared/joinCode.ts'
import { originToShare } from '../board/sharedLinks.ts'

export interface JoinLink {
  /** The whole URL, for the QR code. */
  href: string
  /** The host and the path, printed apart (a line may break between them, never inside the code). */
  host: string
  path: string
  /** Host and path, as people type it: no scheme. */
  short: string
  /** `local-only`: other devices cannot reach the address; `network`: the room's network can. */
  reach: 'local-only' | 'network' | null
}

export function joinLink(code: string, address: JoinAddress | null, pageOrigin: string): JoinLink {
  const url = new URL(joinPath(code), originToShare(address, pageOrigin))
  const reach = address?.reach === 'this-computer' ? 'local-only' : address?.reach === 'network' ? 'network' : null
  // The path with the fragment that carries the code (`joinPath`).
  const path = url.pathname + url.hash
  return { href: url.href, host: url.host, path, short: `${url.host}${path}`, reach }
}

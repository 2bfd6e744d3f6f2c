/**
 * The links a facilitator passes on, as the relay keeps them (`server/links/keptLinks.ts`): a second
 * device that holds only the facilitator link learns them here, and a device whose link was
 * replaced on another one learns the new link, instead of showing a dead one.
 */
import type { SharedLinks } from '../../shared/api.ts'
import { rotatableRoles } from '../../shared/access.ts'
import { fetchSharedLinks } from '../api.ts'
import { rememberToken } from '../recentBoards.ts'
import type { OpenBoard } from './openBoard.ts'

/** Asks the relay, and puts what it keeps into this browser's known links. */
export async function refreshSharedLinks(session: Pick<OpenBoard, 'boardId' | 'token' | 'knownTokens'>): Promise<SharedLinks> {
  const asked = session.knownTokens.get()
  const shared = await fetchSharedLinks(session.boardId, session.token)
  for (const role of rotatableRoles) {
    const token = shared[role]?.token
    if (!token || session.knownTokens.get()[role] === token) continue
    // Replaced here while the answer was on its way: the answer is the older news.
    if (session.knownTokens.get()[role] !== asked[role]) continue
    rememberToken(localStorage, session.boardId, role, token)
    session.knownTokens.update((known) => ({ ...known, [role]: token }))
  }
  return shared
}

/** Where others go to open a link or join: the address the relay names, else the page's own origin. */
export const originToShare = (address: SharedLinks['address'] | null | undefined, pageOrigin: string) => address?.origin ?? pageOrigin

/** `originToShare` for this page. */
export const shareOrigin = (address: SharedLinks['address'] | null | undefined) => originToShare(address, window.location.origin)

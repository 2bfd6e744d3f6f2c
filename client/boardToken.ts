/**
 * Which token a board page uses: the one its link brought (`/b/<id>#<token>`, kept for the tab by
 * `linkKey.ts` once it left the address), else the most capable one this browser remembers for the
 * board. A fragment never travels in a request line.
 */
import { tokenFromFragment } from '../shared/addresses.ts'
import { bestAccess, type RecentBoard } from './recentBoards.ts'

export interface PageToken {
  token: string
  /** From the address (someone followed a link) rather than from this browser's memory. */
  fromLink: boolean
}

export function tokenForPage(hash: string, remembered: Pick<RecentBoard, 'tokens'> | undefined): PageToken | undefined {
  const fromLink = tokenFromFragment(hash)
  if (fromLink) return { token: fromLink, fromLink: true }
  const best = bestAccess(remembered)
  return best && { token: best.token, fromLink: false }
}

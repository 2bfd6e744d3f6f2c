/**
 * Which token a board page uses: the one in its address (`/b/<id>#<token>`), else the most
 * capable one this browser remembers for the board. The token stays in the fragment, so a reload
 * keeps working and it never travels in a request line.
 */
import { tokenFromFragment } from '../shared/access.ts'
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

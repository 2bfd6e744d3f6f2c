/** What the Fahrplan's parts share: the network they act on, and how they show a board's link and dates. */
import { boardLink } from '../../shared/api.ts'
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { locale } from '../locale.ts'

export interface NetworkAccess {
  id: string
  token: string
}

export const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })

/** The board's facilitator link, as the network keeps it: what the Fahrplan opens it with. */
export const facilitatorHref = (board: NetworkBoard): string | null => (board.token ? boardLink(board.id, board.token) : board.link)

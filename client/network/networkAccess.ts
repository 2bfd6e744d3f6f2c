/** What the Fahrplan's parts share: the network they act on, and how they show a board's link and dates. */
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { locale } from '../locale.ts'

export interface NetworkAccess {
  id: string
  token: string
}

export const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })

/** Where the Fahrplan opens the board: through the network (`/b/<board>#n.<network>`), no board token in it. */
export const facilitatorHref = (board: NetworkBoard): string | null => board.link

/**
 * What a search result on the Fahrplan leaves for the board it opens (`showOnArrival.ts` shows it
 * there). Apart from the board page's part so that the Fahrplan loads no canvas code.
 */
import type { SearchItem } from '../../shared/results/boardTexts.ts'
import { showOnArrivalKey } from '../sinceMemory.ts'

export type Target = Pick<SearchItem, 'pageId' | 'shapeId' | 'point'>

/** Long enough to open a large board; short enough that a later visit is not taken somewhere. */
export const staleAfterMs = 2 * 60_000

export function leaveToShow(boardId: string, target: Target): void {
  try {
    localStorage.setItem(showOnArrivalKey(boardId), JSON.stringify({ ...target, at: Date.now() }))
  } catch {
    // Without storage the board opens where it opens.
  }
}


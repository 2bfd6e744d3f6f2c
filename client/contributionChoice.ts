/**
 * Which view a board opens in on this browser: the canvas („Tafel“) or the list to contribute from
 * („Beitragen“, `client/beitragen/`). Decided before any board code loads, so that a phone never
 * downloads the editor it will not show. An address with `?ansicht=…` decides and is remembered;
 * otherwise the remembered choice; otherwise a narrow screen (a phone) gets the list, unless the
 * link is the facilitator's (`defaultBoardView`): the role is known only once the list's page has
 * looked the link up, and it hands a facilitator's phone to the canvas then.
 */
import type { Role } from '../shared/access.ts'

export type BoardView = 'tafel' | 'beitragen'

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>

export const viewChoiceKey = 'netzwerkstatt:ansicht'
export const viewQueryParam = 'ansicht'
/** A phone held upright: a canvas of cells is no place to read or write there. */
export const narrowScreenPx = 600

const isView = (value: unknown): value is BoardView => value === 'tafel' || value === 'beitragen'

export function readViewChoice(storage: KeyValueStorage): BoardView | null {
  try {
    const stored = storage.getItem(viewChoiceKey)
    return isView(stored) ? stored : null
  } catch {
    return null
  }
}

export function rememberViewChoice(storage: KeyValueStorage, view: BoardView): void {
  try {
    storage.setItem(viewChoiceKey, view)
  } catch {
    // Without storage the choice lasts as long as the address that carries it.
  }
}

/** The view this browser was told to open (by the address, which is then remembered, or before); null when none. */
export function chosenBoardView(search: string, storage: KeyValueStorage): BoardView | null {
  const asked = new URLSearchParams(search).get(viewQueryParam)
  if (isView(asked)) {
    rememberViewChoice(storage, asked)
    return asked
  }
  return readViewChoice(storage)
}

/**
 * Without a choice: the list for participants and observers on a narrow screen, the canvas for
 * everyone else. The facilitator's timer, vote, steps and „Alle zu mir“ live on the canvas only;
 * an observer reads, and on a phone's canvas no cell or Zettel can be read at all. Unknown role
 * (before the link is looked up): as a participant, the most of those who open a link on a phone.
 */
export function defaultBoardView(screenWidth: number, role?: Role): BoardView {
  return screenWidth <= narrowScreenPx && role !== 'facilitator' ? 'beitragen' : 'tafel'
}

/** The view for this visit; an address that names one also becomes this browser's choice. */
export function chooseBoardView(search: string, storage: KeyValueStorage, screenWidth: number, role?: Role): BoardView {
  return chosenBoardView(search, storage) ?? defaultBoardView(screenWidth, role)
}

/** Opens the board in the other view: remembered, and loaded afresh (the views share no code). */
export function switchBoardView(view: BoardView): void {
  rememberViewChoice(localStorage, view)
  const url = new URL(window.location.href)
  url.searchParams.set(viewQueryParam, view)
  window.location.assign(url.toString())
}

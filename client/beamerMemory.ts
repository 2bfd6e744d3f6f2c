/**
 * Whether this browser is a board's Beamer: the projector laptop that shows the board on the wall
 * and is nobody on it (no name asked, no cursor, not among the people present). A facilitator
 * chooses it on that device: at the name prompt, in the main menu, or with `?beamer=1` on the
 * board link (`?beamer=0` leaves it). Remembered per board in localStorage beside the view, and
 * forgotten with the board (recentBoards.ts).
 */
type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const beamerKey = (boardId: string) => `netzwerkstatt:beamer:${boardId}`

export const beamerParam = 'beamer'

export function isBeamer(storage: KeyValueStorage, boardId: string): boolean {
  try {
    return storage.getItem(beamerKey(boardId)) === '1'
  } catch {
    return false
  }
}

export function rememberBeamer(storage: KeyValueStorage, boardId: string, on: boolean): void {
  try {
    if (on) storage.setItem(beamerKey(boardId), '1')
    else storage.removeItem(beamerKey(boardId))
  } catch {
    // Storage refused (private mode): the choice lasts as long as the page.
  }
}

/**
 * The address's Beamer flag (`1` on, `0` off, null: none) and the address's query without it,
 * so that the link in the address bar, copied on, does not make another device a wall.
 */
export function beamerFlag(search: string): { flag: boolean | null; search: string } {
  const params = new URLSearchParams(search)
  const value = params.get(beamerParam)
  params.delete(beamerParam)
  const rest = params.toString()
  return { flag: value === null ? null : value !== '0', search: rest ? `?${rest}` : '' }
}

/**
 * Whether opening the board may make this browser the wall: the address asks for it, or it is
 * remembered and the address does not end it. Where not, it opens as someone whatever role its
 * link grants (`beamerOnOpening` answers `mayBeWall && wallAskedFor(…)` as the storage was before):
 * the board page then connects before the link check has said the role.
 */
export function wallAskedFor(storage: KeyValueStorage, search: string, boardId: string): boolean {
  return beamerFlag(search).flag ?? isBeamer(storage, boardId)
}

/**
 * On opening a board: takes the address's flag (only a facilitator's link may make a device the
 * wall: anyone else would be on the board unseen), drops it from the address, and answers
 * whether this browser is the board's wall.
 */
export function beamerOnOpening(
  storage: KeyValueStorage,
  address: { location: Pick<Location, 'pathname' | 'search' | 'hash'>; replace(url: string): void },
  boardId: string,
  mayBeWall: boolean,
): boolean {
  const { flag, search } = beamerFlag(address.location.search)
  if (flag !== null) {
    address.replace(`${address.location.pathname}${search}${address.location.hash}`)
    if (mayBeWall) rememberBeamer(storage, boardId, flag)
  }
  return mayBeWall && isBeamer(storage, boardId)
}

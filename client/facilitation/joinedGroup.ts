/**
 * The group a join code put this browser in (`groupJoinCode`), per board, for this tab: the
 * board opens on that group's page while a round is open. Session storage, so that it holds
 * across reloads and goes with the tab; nothing of it leaves the browser.
 */
const key = (boardId: string) => `netzwerkstatt-group:${boardId}`

export function rememberJoinedGroup(boardId: string, group: number): void {
  try {
    sessionStorage.setItem(key(boardId), String(group))
  } catch {
    // Storage switched off: the person picks their group by hand.
  }
}

export function joinedGroup(boardId: string): number | null {
  try {
    const value = Number(sessionStorage.getItem(key(boardId)))
    return Number.isInteger(value) && value >= 1 && value <= 12 ? value : null
  } catch {
    return null
  }
}

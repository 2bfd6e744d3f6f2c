/**
 * The copy of a board this browser keeps for offline work (y-indexeddb). A board that is gone, or
 * that a person takes off their list, must not linger in the browser: shared office PCs.
 */
export const localCopyName = (boardId: string) => `netzwerkstatt:${boardId}`

/** Removes the board's local copy, if there is one; never fails (an open tab may delay it). */
export function removeLocalCopy(boardId: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(localCopyName(boardId))
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}

/**
 * The copy of a board this browser keeps for offline work (y-indexeddb). A board that is gone, or
 * that a person takes off their list, must not linger in the browser: shared office PCs.
 */
export const localCopyName = (boardId: string) => `netzwerkstatt:${boardId}`

/**
 * Removes the board's local copy, if there is one, with its images and videos the service worker
 * keeps for offline use; never fails (an open tab may delay it).
 */
export async function removeLocalCopy(boardId: string): Promise<void> {
  await Promise.all([removeDocument(boardId), removeCachedAssets(boardId).catch(() => {})])
}

function removeDocument(boardId: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(localCopyName(boardId))
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}

/** Every cache of ours, not just the current one: an update may not have cleaned up yet. */
async function removeCachedAssets(boardId: string): Promise<void> {
  if (typeof caches === 'undefined') return
  const prefix = `${window.location.origin}/api/boards/${boardId}/assets/`
  for (const name of await caches.keys()) {
    const cache = await caches.open(name)
    for (const request of await cache.keys()) if (request.url.startsWith(prefix)) await cache.delete(request)
  }
}

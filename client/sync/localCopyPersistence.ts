/**
 * The browser's copy of a board in IndexedDB (y-indexeddb, `localCopy.ts` names it), kept for
 * offline work and reloads without network, for the canvas and the list alike.
 *
 * The copy is read into a doc of its own first. One of the current format is then read into the
 * live doc as y-indexeddb always did (a second read: the price of looking first). One of an older format never does: the relay upgrades boards,
 * and the copy's format-2 text set on the key where the upgrade put a Y.Text would lose one
 * side's words. It waits until the relay's state is in, is merged then (`legacyCopy.ts`), and
 * IndexedDB keeps the live doc from then on.
 */
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { getRecordsMap } from '../../shared/board/records.ts'
import { isLegacyCopy, mergeLegacyCopy } from './legacyCopy.ts'

export interface LocalCopy {
  /**
   * Resolves once the copy is read: true when `doc` now holds a board from it (it may be shown
   * before the relay answers), false when there is none or it waits for the relay (older format).
   */
  loaded: Promise<boolean>
  /** Removes the copy (a deleted board, a refused change); the doc keeps what it holds. */
  clear(): Promise<void>
  destroy(): void
}

/** The origin of the older copy's merge into the live doc: sent to the relay like a local change. */
const localCopyOrigin = { netzwerkstatt: 'local copy' }

export function persistLocally(name: string, doc: Y.Doc, serverSynced: Promise<unknown>): LocalCopy {
  // Deleted values kept: an offline text's edit is found from the value it replaced (`legacyCopy.ts`).
  const copy = new Y.Doc({ gc: false })
  let persistence = new IndexeddbPersistence(name, copy)
  let destroyed = false
  /** From now on y-indexeddb keeps `doc`: it reads what is stored into it, then stores its updates. */
  const keepDoc = () => {
    void persistence.destroy()
    copy.destroy()
    if (!destroyed) persistence = new IndexeddbPersistence(name, doc)
    return persistence.whenSynced
  }
  const loaded = persistence.whenSynced.then(async () => {
    if (destroyed) return false
    if (isLegacyCopy(copy)) {
      // Not shown before the relay's state is in: nothing in it may be written on as it is.
      void serverSynced.then(() => {
        if (destroyed) return
        mergeLegacyCopy(copy, doc, localCopyOrigin)
        // Until this is stored, a reload finds the older copy and merges it again (a no-op where it arrived).
        replaceStoredCopy(persistence.db!, doc).then(() => void keepDoc(), (error: unknown) => console.warn('netzwerkstatt: older local copy not replaced', error))
      })
      return false
    }
    // Read again, into the doc this time (applying `copy` here instead would make y-indexeddb
    // store the whole board once more on every load: it stores the doc's state before reading).
    await keepDoc()
    return !destroyed && getRecordsMap(doc).size > 0
  })
  return {
    loaded,
    clear: () => persistence.clearData(),
    destroy: () => {
      destroyed = true
      copy.destroy()
      void persistence.destroy()
    },
  }
}

/**
 * Replaces a y-indexeddb copy (its `updates` store) by `doc`'s state in one IndexedDB transaction,
 * so there is no moment in which neither is stored.
 */
function replaceStoredCopy(db: IDBDatabase, doc: Y.Doc): Promise<void> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(['updates'], 'readwrite')
    const updates = transaction.objectStore('updates')
    updates.clear()
    updates.add(Y.encodeStateAsUpdate(doc))
    transaction.oncomplete = () => resolve()
    transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('local copy not stored'))
  })
}

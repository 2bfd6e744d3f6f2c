/**
 * The browser's copy of a board in IndexedDB (y-indexeddb, `localCopy.ts` names it), kept for
 * offline work and reloads without network, for the canvas and the list alike.
 *
 * A copy this program kept says its format (y-indexeddb's custom store) and is read into the
 * live doc as y-indexeddb always did. Any other is read into a doc of its own first; one of the
 * current format is then read into the live doc (a second read, once). One of an older format
 * never is: the relay upgrades boards,
 * and the copy's format-2 text set on the key where the upgrade put a Y.Text would lose one
 * side's words. It waits until the relay's state is in, is merged then (`legacyCopy.ts`), and
 * IndexedDB keeps the live doc from then on.
 */
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as idb from 'lib0/indexeddb'
import { formatVersion } from '../../shared/board/ydoc.ts'
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
  let persistence: IndexeddbPersistence | null = null
  let destroyed = false
  /** From now on y-indexeddb keeps `doc`: it reads what is stored into it, then stores its updates. */
  const keepDoc = () => {
    persistence = new IndexeddbPersistence(name, doc)
    return persistence.whenSynced.then((kept) => kept.set(copyFormatKey, formatVersion))
  }
  let kept = true
  const loaded = storedCopyFormat(name).then(async (format) => {
    kept = format !== refused
    if (destroyed || !kept) return false
    // Written by this program's format: read straight into the doc, once.
    if (format === formatVersion) {
      await keepDoc()
      return !destroyed && getRecordsMap(doc).size > 0
    }
    // Deleted values kept: an offline text's edit is found from the value it replaced (`legacyCopy.ts`).
    const copy = new Y.Doc({ gc: false })
    const reading = new IndexeddbPersistence(name, copy)
    persistence = reading
    await reading.whenSynced
    if (destroyed) return false
    if (isLegacyCopy(copy)) {
      // Not shown before the relay's state is in: nothing in it may be written on as it is.
      void serverSynced.then(() => {
        if (destroyed) return
        mergeLegacyCopy(copy, doc, localCopyOrigin)
        // Until this is stored, a reload finds the older copy and merges it again (a no-op where it arrived).
        replaceStoredCopy(reading.db!, doc).then(
          () => {
            void reading.destroy()
            copy.destroy()
            if (!destroyed) void keepDoc()
          },
          (error: unknown) => console.warn('netzwerkstatt: older local copy not replaced', error),
        )
      })
      return false
    }
    // Read again, into the doc this time (applying `copy` here instead would make y-indexeddb
    // store the whole board once more: it stores the doc's state before reading). Only once: the
    // copy is marked with its format from now on.
    void reading.destroy()
    copy.destroy()
    await keepDoc()
    return !destroyed && getRecordsMap(doc).size > 0
  })
  return {
    loaded,
    clear: () => (persistence ? persistence.clearData() : kept ? idb.deleteDB(name) : Promise.resolve()),
    destroy: () => {
      destroyed = true
      void persistence?.destroy()
    },
  }
}

/** Where the copy says which format it was written in (y-indexeddb's own store for custom values). */
const copyFormatKey = 'formatVersion'

/**
 * IndexedDB refused (a frame on another site with third-party cookies blocked, `storageStandIn.ts`):
 * no copy is kept, the board lives on the relay and in the page.
 */
const refused = Symbol('IndexedDB refused')

/** The format the copy was last kept in by this program, if it says (copies from before format 3 do not), or `refused`. */
async function storedCopyFormat(name: string): Promise<unknown> {
  let db: IDBDatabase
  try {
    db = await idb.openDB(name, (created) =>
      idb.createStores(created, [['updates', { autoIncrement: true }], ['custom']]),
    )
  } catch {
    return refused
  }
  try {
    const [custom] = idb.transact(db, ['custom'], 'readonly')
    return await idb.get(custom, copyFormatKey)
  } catch {
    return undefined
  } finally {
    db.close()
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

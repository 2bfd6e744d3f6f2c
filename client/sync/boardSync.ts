/**
 * The whole Yjs ↔ tldraw binding for one board: first load, live record sync, presence.
 * Knows nothing about transports; the caller decides when the doc is ready to be read.
 */
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { TLRecord, TLStore } from 'tldraw'
import { Disposers } from './disposers.ts'
import { loadStoreFromDoc, type LoadResult } from './loadStore.ts'
import { bridgePresence, type PresenceOptions } from './presenceBridge.ts'
import { bridgeRecords } from './recordBridge.ts'
import { LeftOutRecords, type LeftOutCount } from './leftOutRecords.ts'
import { getRecordsMap } from '../../shared/board/records.ts'

export interface BoardSyncOptions {
  /** Tags our own Y transactions; defaults to a fresh object per sync. */
  localOrigin?: unknown
  /** Without awareness the board syncs records only (tests, tools). */
  awareness?: Awareness
  presence?: PresenceOptions
  /** Whether a record migrated on load may be written back to the doc (default: all). */
  mayWriteBack?: (record: TLRecord) => boolean
  /** How many shapes and bindings of the doc the store leaves out (`leftOutRecords.ts`), whenever that changes. */
  onLeftOut?: (leftOut: LeftOutCount) => void
}

export interface BoardSync {
  load: LoadResult
  localOrigin: unknown
  /** Records of the doc the store does not hold. */
  leftOut: LeftOutRecords
  /**
   * Deletes from the doc the left-out records whose ids are not in `keep`: a version restored
   * into the store replaced the board, and these broken ones are not part of it.
   */
  dropLeftOut(keep: ReadonlySet<string>): void
  dispose(): void
}

/**
 * Loads the doc into the (empty) store and keeps both in sync until `dispose()`.
 * When the load fails (doc from a newer client), nothing is bound and nothing is written.
 */
export function startBoardSync(store: TLStore, doc: Y.Doc, options: BoardSyncOptions = {}): BoardSync {
  const localOrigin = options.localOrigin ?? { netzwerkstatt: 'local' }
  const disposers = new Disposers()
  const leftOut = new LeftOutRecords(options.onLeftOut)
  // Bound before loading, so that what the store adds to make itself usable (a first page on a
  // new board) reaches the doc, while the loaded records themselves are not echoed back.
  disposers.add(bridgeRecords(store, doc, localOrigin, leftOut))
  const load = loadStoreFromDoc(store, doc, localOrigin, options.mayWriteBack)
  if (!load.ok) {
    disposers.dispose()
    return { load, localOrigin, leftOut, dropLeftOut: () => {}, dispose: () => {} }
  }
  // Before any remote change can arrive: the provider delivers them in later tasks.
  leftOut.update(load.leftOut)
  if (options.awareness) disposers.add(bridgePresence(store, options.awareness, options.presence))
  const dropLeftOut = (keep: ReadonlySet<string>) => {
    const ids = leftOut.ids().filter((id) => !keep.has(id))
    if (ids.length === 0) return
    const records = getRecordsMap(doc)
    doc.transact(() => ids.forEach((id) => records.delete(id)), localOrigin)
    leftOut.update([], ids)
  }
  return { load, localOrigin, leftOut, dropLeftOut, dispose: () => disposers.dispose() }
}

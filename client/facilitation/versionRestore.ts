/**
 * A saved version in the editor: read into a store of its own (migrated like any board), shown
 * as a snapshot, and restored into the board as one change that one undo reverts.
 */
import * as Y from 'yjs'
import {
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type Editor,
  type TLRecord,
  type TLStoreSnapshot,
} from 'tldraw'
import { loadStoreFromDoc } from '../sync/loadStore.ts'

/** Records a restore puts back; pages are added or renamed, never taken away. */
const restoredTypes = new Set(['page', 'shape', 'binding', 'asset'])
const replacedTypes = new Set(['shape', 'binding', 'asset'])

/** The version's document as a store snapshot, migrated to this client's tldraw. */
export function versionSnapshot(state: Uint8Array): TLStoreSnapshot {
  const doc = new Y.Doc()
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  try {
    Y.applyUpdate(doc, state)
    const load = loadStoreFromDoc(store, doc, Symbol('version'))
    if (!load.ok) throw new Error(`version from a newer client (${load.detail})`)
    return store.getStoreSnapshot('document')
  } finally {
    store.dispose()
    doc.destroy()
  }
}

/** Puts the board back to the version: one history step, shared with everyone like any edit. */
export function restoreVersion(editor: Editor, snapshot: TLStoreSnapshot): void {
  const wanted = Object.values(snapshot.store).filter((r) => restoredTypes.has(r.typeName)) as TLRecord[]
  const keep = new Set(wanted.map((r) => r.id))
  const gone = editor.store
    .allRecords()
    .filter((r) => replacedTypes.has(r.typeName) && !keep.has(r.id))
    .map((r) => r.id)
  editor.markHistoryStoppingPoint('restore version')
  editor.run(
    () => {
      editor.store.remove(gone)
      editor.store.put(wanted)
    },
    { ignoreShapeLock: true },
  )
}

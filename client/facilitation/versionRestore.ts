/**
 * A saved version (read by `versionView.tsx`) restored into the board as one change that one
 * undo reverts.
 */
import type { Editor, TLRecord, TLStoreSnapshot } from 'tldraw'

/** Records a restore puts back; pages are added or renamed, never taken away. */
const restoredTypes = new Set(['page', 'shape', 'binding', 'asset'])
const replacedTypes = new Set(['shape', 'binding', 'asset'])

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

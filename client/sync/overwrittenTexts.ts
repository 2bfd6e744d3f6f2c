/**
 * Two people change one Zettel's text while apart (offline, or in the same instant): Yjs keeps
 * one of the two values of `props.richText` and drops the other without a word. Every browser
 * agrees which one is kept, and only the browser whose text was dropped sees its value replaced
 * by one written without knowledge of it. That browser is told here, once per dropped text, so
 * that it can keep its words visibly beside the Zettel (`board/wordsKeeper.ts`).
 */
import * as Y from 'yjs'
import { getRecordsMap } from '../../shared/board/records.ts'

export interface OverwrittenText {
  /** The Zettel whose text this browser wrote and another writer replaced unseen. */
  id: string
  /** This browser's text, as it was written (rich text JSON). */
  richText: unknown
}

/** Calls `onOverwritten` for every note text of this browser replaced by a concurrent write; returns the stopper. */
export function watchOverwrittenTexts(doc: Y.Doc, ownClients: () => ReadonlySet<number>, onOverwritten: (text: OverwrittenText) => void): () => void {
  const records = getRecordsMap(doc)
  const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
    if (transaction.local) return
    for (const event of events) {
      const [id, field] = event.path
      if (event.path.length !== 2 || field !== 'props' || typeof id !== 'string' || !(event instanceof Y.YMapEvent)) continue
      const change = event.changes.keys.get('richText')
      if (change?.action !== 'update') continue
      const record = records.get(id)
      if (!(record instanceof Y.Map) || record.get('type') !== 'note') continue
      const kept = (event.target as Y.Map<unknown>)._map.get('richText')
      const dropped = kept?.left
      if (!kept || !dropped) continue
      const ours = dropped.id.client === doc.clientID || ownClients().has(dropped.id.client)
      // Written after reading ours, the new text replaced it knowingly: an edit, not a clash.
      const sawOurs = kept.origin !== null && Y.compareIDs(kept.origin, dropped.lastId)
      if (ours && !sawOurs) onOverwritten({ id, richText: change.oldValue })
    }
  }
  records.observeDeep(observer)
  return () => records.unobserveDeep(observer)
}

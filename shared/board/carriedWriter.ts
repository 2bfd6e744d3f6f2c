/**
 * A carried Zettel's provenance (`meta.carriedFrom`, read whole by `results/carryOver.ts`) may
 * name who wrote its source. A board that holds a case keeps no such name (`caseCells.ts`): the
 * relay refuses one written there and takes out those on a board that becomes one. Read here off
 * stored records, without converting them: a board may hold thousands.
 */
import * as Y from 'yjs'
import { getRecordsMap, storedField } from './records.ts'

/** The meta key of a carried Zettel's back reference. */
export const carriedFromKey = 'carriedFrom'

const field = storedField

/** Whether a stored record's provenance names its source's writer. */
export const namesCarriedWriter = (entry: unknown): boolean => field(field(field(entry, 'meta'), carriedFromKey), 'writer') !== undefined

/** Takes every writer's name out of the board's provenances (the relay's own change); how many it took. */
export function forgetCarriedWriters(doc: Y.Doc): number {
  const records = getRecordsMap(doc)
  const named = [...records.entries()].filter(([, entry]) => namesCarriedWriter(entry))
  if (named.length === 0) return 0
  doc.transact(() => {
    for (const [id, entry] of named) {
      const meta = field(entry, 'meta')
      const { writer: _, ...from } = field(meta, carriedFromKey) as Record<string, unknown>
      if (meta instanceof Y.Map) meta.set(carriedFromKey, from)
      else if (entry instanceof Y.Map) entry.set('meta', { ...(meta as Record<string, unknown>), [carriedFromKey]: from })
      else records.set(id, { ...(entry as Record<string, unknown>), meta: { ...(meta as Record<string, unknown>), [carriedFromKey]: from } })
    }
  })
  return named.length
}

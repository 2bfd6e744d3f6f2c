/**
 * RULE noNameOnCaseBoard: a board that holds a case (a Fallkonferenz, `shared/board/caseCells.ts`)
 * keeps no writer's name. The relay records none there (`room/writerNames.ts`), and a carried
 * Zettel's provenance that names its source's writer (`shared/board/carriedWriter.ts`) is refused
 * there, written by anyone, live or in an imported board. The board is walked only for an update
 * that writes such a provenance, which is rare.
 */
import type * as Y from 'yjs'
import { recordsMapName } from '../../shared/board/ydoc.ts'
import type { Refusal, Write } from '../../shared/board/declaration.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { namesCarriedWriter } from '../../shared/board/carriedWriter.ts'
import { docHoldsCase } from '../../shared/board/caseCells.ts'

export function caseNameRefusal(writes: readonly Write[], after: Y.Doc): Refusal | null {
  const records = getRecordsMap(after)
  for (const { path, value } of writes) {
    const [root, id, field] = path
    // A record written whole, or its meta: where a provenance is written.
    if (root !== recordsMapName || !id || !value || (path.length > 2 && field !== 'meta')) continue
    if (!namesCarriedWriter(records.get(id))) continue
    return docHoldsCase(after) ? { entry: `${recordsMapName}/${id}`, reason: 'no writer’s name on a board that holds a case' } : null
  }
  return null
}

/** The board declaration applied to one checked update, against the room's doc as it is now. */
import type * as Y from 'yjs'
import type { Role } from '../shared/access.ts'
import { judgeWrites, type Refusal } from '../shared/boardDeclaration.ts'
import { getRecordsMap, readEntry } from '../shared/boardRecords.ts'
import { facilitationMap } from '../shared/facilitation/doc.ts'
import { validateRecord } from './recordValidation.ts'
import type { ParsedUpdate } from './updateRules.ts'
import { updateWrites } from './updateWrites.ts'

export interface Writer {
  role: Role
  author: string | null
}

/** Null when the writer may make every write of the update; else the first refusal. */
export function judgeUpdate(doc: Y.Doc, parsed: ParsedUpdate, writer: Writer): Refusal | null {
  return judgeWrites(updateWrites(doc, parsed), {
    role: writer.role,
    author: writer.author,
    recordBefore: (id) => readEntry(getRecordsMap(doc).get(id)),
    facilitation: (key) => facilitationMap(doc).get(key),
    validateRecord,
  })
}

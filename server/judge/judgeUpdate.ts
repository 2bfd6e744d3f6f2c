/**
 * The board declaration applied to one checked update: judged by what the board would hold after
 * it (`rehearsal.ts`), not by what the update seems to say.
 */
import { createTLSchema } from '@tldraw/tlschema'
import * as Y from 'yjs'
import type { Role } from '../../shared/access.ts'
import { judgeWrites, type RecordReferences, type Refusal, type SerializedSchemaLike } from '../../shared/board/declaration.ts'
import { getMetaMap, getRecordsMap, readEntry, storedField } from '../../shared/board/records.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { comments } from '../../shared/board/comments.ts'
import type { Rehearsal, Rehearsed } from './rehearsal.ts'
import { validateRecord } from './recordValidation.ts'
import { graphIndex } from './graphIndex.ts'
import { keptTextRefusal } from './keptText.ts'
import { hiddenFormatsRefusal } from './hiddenFormats.ts'
import { caseNameRefusal } from './caseNames.ts'
import { caseCells, templateBox, templateTop } from './templateBoxes.ts'

export interface Writer {
  role: Role
  author: string | null
  /** A whole board the operator takes in (an archive): its comments are everyone's, as they were. */
  wholeBoard?: boolean
}

/** The schema of the relay's own tldraw: the newest any board may claim. */
export const knownSchema = createTLSchema().serialize() as SerializedSchemaLike

/** Null when the writer may make every change the update makes; else the first refusal. */
export function judgeUpdate(board: Y.Doc, rehearsal: Rehearsal, update: Uint8Array, writer: Writer): Refusal | null {
  return judgeRehearsed(board, rehearsal.rehearse(update), writer)
}

/** The same judgement of writes already rehearsed (an imported board: `boardArchive/importCheck.ts`). */
export function judgeRehearsed(board: Y.Doc, { writes, after }: Rehearsed, writer: Writer): Refusal | null {
  // Read once per update, and only for one that writes a comment.
  let commentsAfter: ReadonlyMap<string, unknown> | undefined
  const refusal = judgeWrites(writes, {
    role: writer.role,
    author: writer.author,
    wholeBoard: writer.wholeBoard,
    recordBefore: readOnce(board),
    recordAfter: readOnce(after),
    referencesAfter: () => referencesIn(after),
    graph: graphIndex(after),
    meta: (key) => getMetaMap(board).get(key),
    knownSchema,
    facilitation: (key) => facilitationMap(board).get(key),
    validateRecord,
    comments: {
      before: (id) => comments(board).get(id),
      after: () => (commentsAfter ??= new Map(comments(after).entries())),
    },
    templateBox: (page) => templateBox(board, page),
    templateTop: (page) => templateTop(board, page),
    facilitationAfter: (key) => facilitationMap(after).get(key),
    caseCells: (page) => caseCells(board, page),
  })
  return refusal ?? hiddenFormatsRefusal(writes, board, after) ?? keptTextRefusal(writes, board, after) ?? caseNameRefusal(writes, after)
}

/**
 * A record as JSON, read once per judgement: the rules ask for the same few records a dozen times
 * (a moved Zettel's, before and after), and each read converts its map and its rich text; that
 * was an eighth of the relay's time under many writers (bench/README.md). The rules only read
 * what they are given. A whole board's walk reads every record once: the memory is bounded.
 */
function readOnce(doc: Y.Doc): (id: string) => Record<string, unknown> | undefined {
  const read = new Map<string, Record<string, unknown> | undefined>()
  return (id) => {
    if (read.has(id)) return read.get(id)
    const record = readEntry(getRecordsMap(doc).get(id))
    if (read.size >= keptReads) read.clear()
    read.set(id, record)
    return record
  }
}

/** Records a judgement keeps read: far more than one update's rules ask for again. */
const keptReads = 256

/** Reads only the three reference fields of each record, not the whole record. */
function* referencesIn(doc: Y.Doc): Iterable<RecordReferences> {
  for (const [id, entry] of getRecordsMap(doc)) {
    const field = (name: string) => storedField(entry, name)
    const assetId = storedField(field('props'), 'assetId')
    yield { id, parentId: field('parentId'), fromId: field('fromId'), toId: field('toId'), assetId }
  }
}

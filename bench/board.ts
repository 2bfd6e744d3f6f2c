/**
 * A realistic board for the benchmarks: a workshop template as the server creates it, plus
 * participants' sticky notes written by several Yjs clients, some of them moved afterwards.
 */
import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { templateDocument } from '../server/documents/templateBoard.ts'
import { getRecordsMap, readRecords, writeRecord, type StoredRecord } from '../shared/board/records.ts'
import { noteAt } from '../test/helpers/records.ts'

/** Format 1 (each record one JSON value) or 2 (a map per record), to compare both in one run. */
export type DocumentFormat = 1 | 2

/** Writes a record as a client of that format would: format 2 writes only what changed. */
export function putRecord(doc: Y.Doc, record: TLShape, format: DocumentFormat = 2): void {
  if (format === 1) getRecordsMap(doc).set(record.id, record)
  else writeRecord(getRecordsMap(doc), record as unknown as StoredRecord)
}

/** A participant's note as tldraw writes it into the `tldraw` map (about 500 bytes encoded). */
export function noteRecord(id: string, text: string, x: number, y: number, meta: Record<string, number | string> = {}): TLShape {
  // `noteAt` places the note's centre; the benchmarks think in top-left corners.
  return { ...noteAt(x + 100, y + 100, text, id as TLShapeId), meta }
}

export const noteText = (i: number) => `Kooperationspartner ${i}: Jugendberufsagentur, Ansprechperson klären`

/** Everything a writer doc does becomes one update, as a y-websocket client would send it. */
export function recordUpdates(writer: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = []
  writer.on('update', (update: Uint8Array) => updates.push(update))
  return updates
}

/** A doc holding `state`, as a new copy. */
export function docFrom(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}

/** A Planspiel board with `notes` notes from 12 participants; every third note was moved once. */
export function boardState(notes = 300, format: DocumentFormat = 2): Uint8Array {
  const board = docFrom(templateDocument({ template: 'planspiel', locale: 'de' }))
  if (format === 1) {
    const { records } = readRecords(board)
    for (const record of records) getRecordsMap(board).set(record.id, record)
  }
  const participants = 12
  for (let p = 0; p < participants; p++) {
    const writer = docFrom(Y.encodeStateAsUpdate(board))
    for (let i = p; i < notes; i += participants) {
      const id = `shape:note-${i}`
      putRecord(writer, noteRecord(id, noteText(i), (i % 20) * 220, Math.floor(i / 20) * 220), format)
      // The old value stays as a deleted item, as on a real board.
      if (i % 3 === 0) putRecord(writer, noteRecord(id, noteText(i), (i % 20) * 220 + 15, Math.floor(i / 20) * 220 + 30), format)
    }
    Y.applyUpdate(board, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(board)))
    writer.destroy()
  }
  const state = Y.encodeStateAsUpdate(board)
  board.destroy()
  return state
}

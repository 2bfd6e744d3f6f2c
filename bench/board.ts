/**
 * A realistic board for the benchmarks: a workshop template as the server creates it, plus
 * participants' sticky notes written by several Yjs clients, some of them moved afterwards.
 */
import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { templateDocument } from '../server/templateBoard.ts'
import { recordsMapName } from '../shared/ydoc.ts'
import { noteAt } from '../test/helpers/records.ts'

/** A participant's note as tldraw writes it into the `tldraw` map (about 500 bytes encoded). */
export function noteRecord(id: string, text: string, x: number, y: number, meta: Record<string, number> = {}): TLShape {
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
export function boardState(notes = 300): Uint8Array {
  const board = docFrom(templateDocument({ template: 'planspiel', locale: 'de' }))
  const participants = 12
  for (let p = 0; p < participants; p++) {
    const writer = docFrom(Y.encodeStateAsUpdate(board))
    const map = writer.getMap(recordsMapName)
    for (let i = p; i < notes; i += participants) {
      const id = `shape:note-${i}`
      map.set(id, noteRecord(id, noteText(i), (i % 20) * 220, Math.floor(i / 20) * 220))
      // A move overwrites the entry: the old value stays as a deleted item, as on a real board.
      if (i % 3 === 0) map.set(id, noteRecord(id, noteText(i), (i % 20) * 220 + 15, Math.floor(i / 20) * 220 + 30))
    }
    Y.applyUpdate(board, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(board)))
    writer.destroy()
  }
  const state = Y.encodeStateAsUpdate(board)
  board.destroy()
  return state
}

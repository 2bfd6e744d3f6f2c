/**
 * How large a real workshop board gets in storage, for choosing MAX_BOARD_BYTES: every template
 * on one board, and thousands of participants' notes, each written, rewritten and moved several
 * times by one of 40 people, some deleted again. Prints the compacted size (what a loaded board
 * is stored as) and the bytes of all updates before compaction.
 *
 *   node --import tsx bench/boardSize.ts [notes]
 */
import * as Y from 'yjs'
import { templateDocument } from '../server/templateBoard.ts'
import { templateNames } from '../shared/templates/registry.ts'
import { getRecordsMap } from '../shared/boardRecords.ts'
import { docFrom, noteRecord, putRecord } from './board.ts'

const notes = Number(process.argv[2] ?? 5000)
const participants = 40
const edits = 5

const board = new Y.Doc()
for (const template of templateNames) Y.applyUpdate(board, templateDocument({ template, locale: 'de' }))
const templatesBytes = Y.encodeStateAsUpdate(board).byteLength

let updateBytes = 0
let updates = 0
board.on('update', (update: Uint8Array) => {
  updateBytes += update.byteLength
  updates++
})
const sentence = 'Kooperationspartner Jugendberufsagentur: Ansprechperson klären, Termin vereinbaren, Protokoll teilen. '
for (let p = 0; p < participants; p++) {
  const writer = docFrom(Y.encodeStateAsUpdate(board))
  writer.on('update', (update: Uint8Array) => Y.applyUpdate(board, update))
  for (let i = p; i < notes; i += participants) {
    const id = `shape:note-${i}`
    const x = (i % 50) * 220
    const y = Math.floor(i / 50) * 220
    // Each edit is one update, as a y-websocket client sends it: the text grows, the note moves.
    for (let e = 1; e <= edits; e++) putRecord(writer, noteRecord(id, sentence.repeat(e).slice(0, 60 * e), x + e * 10, y + e * 10))
    if (i % 10 === 0) getRecordsMap(writer).delete(id)
  }
  writer.destroy()
}

const compacted = Y.encodeStateAsUpdate(board).byteLength
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
console.log(JSON.stringify({ notes, participants, editsPerNote: edits, templates: templateNames.length }))
console.log(`templates alone: ${MB(templatesBytes)}`)
console.log(`compacted board: ${MB(compacted)}`)
console.log(`all ${updates} updates, uncompacted: ${MB(updateBytes)}`)

/**
 * How large a real workshop board gets in storage, for choosing MAX_BOARD_BYTES: every template
 * on one board, and thousands of participants' notes, each written, rewritten and moved several
 * times by one of 40 people, some deleted again. Prints the compacted size (what a loaded board
 * is stored as) and the bytes of all updates before compaction.
 *
 *   node --expose-gc --import tsx bench/boardSize.ts [notes]
 */
import * as Y from 'yjs'
import { templateDocument } from '../server/documents/templateBoard.ts'
import { templateNames } from '../shared/templates/registry.ts'
import { getRecordsMap } from '../shared/board/records.ts'
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

const state = Y.encodeStateAsUpdate(board)
const compacted = state.byteLength
board.destroy()
/** What opening a stored board costs: decoding it into a fresh doc, as the relay's load does. */
function decodeCost(state: Uint8Array): { ms: number; heapMB: number | null } {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const started = performance.now()
  const loaded = new Y.Doc()
  Y.applyUpdate(loaded, state)
  const ms = Math.round(performance.now() - started)
  gc?.()
  const heapMB = gc ? Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6) : null
  loaded.destroy()
  return { ms, heapMB }
}

/** A board of the same size made the costliest way: many tiny values, each its own item. */
function tinyItemsBoard(bytes: number): Uint8Array {
  const doc = new Y.Doc()
  const map = doc.getMap('tldraw')
  for (let i = 0; ; ) {
    doc.transact(() => {
      for (let j = 0; j < 10_000; j++, i++) map.set(`k${i}`, i)
    })
    const state = Y.encodeStateAsUpdate(doc)
    if (state.byteLength >= bytes) return state
  }
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
console.log(JSON.stringify({ notes, participants, editsPerNote: edits, templates: templateNames.length }))
console.log(`templates alone: ${MB(templatesBytes)}`)
console.log(`compacted board: ${MB(compacted)}`)
console.log(`all ${updates} updates, uncompacted: ${MB(updateBytes)}`)
const heap = (cost: { heapMB: number | null }) => (cost.heapMB === null ? '(node --expose-gc for the heap)' : `${cost.heapMB} MB of heap`)
const real = decodeCost(state)
console.log(`decoding it: ${real.ms} ms, ${heap(real)}`)
const tiny = tinyItemsBoard(compacted)
const hostile = decodeCost(tiny)
console.log(`a board of tiny values, ${MB(tiny.byteLength)}: decoding ${hostile.ms} ms, ${heap(hostile)}`)

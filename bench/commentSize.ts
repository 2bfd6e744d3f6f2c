/**
 * How much a board grows per comment: 100 comments (30 threads, 70 replies) by 10 people on a
 * board with the Planspiel template, each written as a y-websocket client sends it (one update,
 * which the relay stores as it is), then a third of them edited once and the threads resolved.
 * Prints the bytes of the stored updates per comment and the compacted board's growth.
 *
 *   node --import tsx bench/commentSize.ts [comments]
 */
import * as Y from 'yjs'
import { templateDocument } from '../server/documents/templateBoard.ts'
import { comments, type Comment } from '../shared/board/comments.ts'
import { docFrom } from './board.ts'

const total = Number(process.argv[2] ?? 100)
const people = 10
const board = new Y.Doc()
Y.applyUpdate(board, templateDocument({ template: 'planspiel', locale: 'de' }))
const before = Y.encodeStateAsUpdate(board).byteLength

const written: number[] = []
const text = 'Wer übernimmt die Einladung an das Jobcenter, und bis wann brauchen wir die Rückmeldung der Träger? '
const writers = Array.from({ length: people }, () => {
  const doc = docFrom(Y.encodeStateAsUpdate(board))
  return doc
})
const threads: string[] = []
const ids: string[] = []
for (let i = 0; i < total; i++) {
  const writer = writers[i % people]
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(board, Y.encodeStateVector(writer)))
  const sv = Y.encodeStateVector(writer)
  const id = `c${i.toString(36).padStart(4, '0')}${Math.random().toString(36).slice(2, 12)}`
  const start = i % 10 < 3 || threads.length === 0
  const value: Comment = {
    author: `author-${i % people}`.padEnd(22, 'x'),
    name: `Person ${i % people}`,
    text: text.slice(0, 40 + ((i * 37) % 60)),
    at: 1_764_000_000_000 + i * 60_000,
    ...(start ? { target: { kind: 'shape' as const, shapeId: `shape:note-${i}`, pageId: 'page:page' } } : { replyTo: threads[i % threads.length] }),
  }
  comments(writer).set(id, value)
  const update = Y.encodeStateAsUpdate(writer, sv)
  written.push(update.byteLength)
  Y.applyUpdate(board, update)
  if (start) threads.push(id)
  ids.push(id)
}
const afterWriting = Y.encodeStateAsUpdate(board).byteLength
let editBytes = 0
board.on('update', (update: Uint8Array) => (editBytes += update.byteLength))
for (let i = 0; i < total; i += 3) {
  const id = ids[i]
  comments(board).set(id, { ...(comments(board).get(id) as Comment), text: `${text.slice(0, 50)} (ergänzt)`, editedAt: 1_764_100_000_000 })
}
for (const id of threads) comments(board).set(id, { ...(comments(board).get(id) as Comment), resolved: true })
const afterEdits = Y.encodeStateAsUpdate(board).byteLength

const sum = written.reduce((a, b) => a + b, 0)
const sorted = [...written].sort((a, b) => a - b)
console.log(JSON.stringify({ comments: total, threads: threads.length, people }))
console.log(`stored update per new comment: mean ${Math.round(sum / total)} B, median ${sorted[Math.floor(total / 2)]} B, max ${sorted[total - 1]} B`)
console.log(`compacted board: ${before} B before, ${afterWriting} B after ${total} comments: +${Math.round((afterWriting - before) / total)} B per comment`)
console.log(`after editing ${Math.ceil(total / 3)} and resolving ${threads.length}: ${afterEdits} B compacted (+${Math.round((afterEdits - before) / total)} B per comment), ${editBytes} B of updates for the changes`)

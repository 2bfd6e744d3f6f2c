/**
 * Text per Zettel, on a real relay: a Zettel (or any shape's text) longer than a sticky note can
 * sensibly hold is refused with 4403 and changes nothing, since every fresh tab lays out and every
 * search reads each Zettel whole (six Zettel of 884,000 characters made every tab take 25 s).
 * A long but sensible Zettel is taken; `admin import-board` takes no longer one either. Lines
 * count as characters: six Zettel of 34,000 empty line breaks (no letter among them) hung every
 * fresh tab for 90 s.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeDocument } from '../../server/boardArchive/importCheck.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createBoard, relaySuite, until } from '../helpers/clients.ts'
import { noteAt, noteText, putNote, putRecords } from '../helpers/records.ts'

/** A long page of text: more than any sticky note shows, well within what a Zettel may hold. */
const longButSensible = 'Ein langer Zettel.'.repeat(400)

/** A Zettel of 34,000 line breaks and not one letter. */
function emptyLines(key: string) {
  const note = noteAt(0, 0, '', `shape:${key}` as never)
  const breaks = Array.from({ length: 34_000 }, () => ({ type: 'hardBreak' }))
  return { ...note, props: { ...note.props, richText: { type: 'doc', content: [{ type: 'paragraph', content: breaks }] } } }
}

describe('text per Zettel', () => {
  const suite = relaySuite()

  it('refuses a Zettel of 884,000 characters and takes one of a few thousand', async () => {
    const board = await createBoard(suite.relay, 'Lange Zettel')
    const observer = await suite.connect(board.id, board.access.observer)
    const writer = await suite.connect(board.id, board.access.participant)
    putNote(writer.doc, 'lang', longButSensible)
    await until(observer.doc, () => noteText(observer.doc, 'lang') === longButSensible)

    const closed = new Promise<number>((resolve) => writer.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))
    const kept = until(observer.doc, () => noteText(observer.doc, 'riesig') !== undefined).then(() => 'kept' as const)
    putNote(writer.doc, 'riesig', 'x'.repeat(884_000))
    expect(await Promise.race([closed, kept])).toBe(CloseCode.notAllowed)
  })

  it('refuses a Zettel of 34,000 empty line breaks, and the board and the other tabs stay as they were', async () => {
    const board = await createBoard(suite.relay, 'Leere Zeilen')
    const observer = await suite.connect(board.id, board.access.observer)
    const writer = await suite.connect(board.id, board.access.participant)
    const other = await suite.connect(board.id, board.access.participant)

    const closed = new Promise<number>((resolve) => writer.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))
    const kept = until(observer.doc, () => noteText(observer.doc, 'leer') !== undefined).then(() => 'kept' as const)
    putRecords(writer.doc, [emptyLines('leer')])
    expect(await Promise.race([closed, kept])).toBe(CloseCode.notAllowed)

    // What the relay forwards next comes without it, to the tabs open and to a fresh one.
    putNote(other.doc, 'danach')
    await until(observer.doc, () => noteText(observer.doc, 'danach') !== undefined)
    const fresh = await suite.connect(board.id, board.access.observer)
    for (const doc of [observer.doc, other.doc, fresh.doc]) expect(noteText(doc, 'leer')).toBeUndefined()
    expect(noteText(fresh.doc, 'danach')).toBe('danach')
  })

  it('is judged for imports too', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    putNote(doc, 'lang', longButSensible)
    expect(judgeDocument(Y.encodeStateAsUpdate(doc))).toBeNull()
    putNote(doc, 'riesig', 'x'.repeat(884_000))
    expect(judgeDocument(Y.encodeStateAsUpdate(doc))).toMatch(/^tldraw\/shape:riesig: /)
    const lines = new Y.Doc()
    Y.applyUpdate(lines, boardDocument('de'))
    putRecords(lines, [emptyLines('leer')])
    expect(judgeDocument(Y.encodeStateAsUpdate(lines))).toMatch(/^tldraw\/shape:leer: /)
  })
})

/**
 * Text per Zettel, on a real relay: a Zettel (or any shape's text) longer than a sticky note can
 * sensibly hold is refused with 4403 and changes nothing, since every fresh tab lays out and every
 * search reads each Zettel whole (six Zettel of 884,000 characters made every tab take 25 s).
 * A long but sensible Zettel is taken; `admin import-board` takes no longer one either.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeDocument } from '../../server/boardArchive/importCheck.ts'
import { boardDocument } from '../../server/templateBoard.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createBoard, relaySuite, until } from '../helpers/clients.ts'
import { noteText, putNote } from '../helpers/records.ts'

/** A long page of text: more than any sticky note shows, well within what a Zettel may hold. */
const longButSensible = 'Ein langer Zettel.'.repeat(400)

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

  it('is judged for imports too', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    putNote(doc, 'lang', longButSensible)
    expect(judgeDocument(Y.encodeStateAsUpdate(doc))).toBeNull()
    putNote(doc, 'riesig', 'x'.repeat(884_000))
    expect(judgeDocument(Y.encodeStateAsUpdate(doc))).toMatch(/^tldraw\/shape:riesig: /)
  })
})

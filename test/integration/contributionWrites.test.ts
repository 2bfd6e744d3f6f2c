/**
 * Zettel written from the contribution view („Beitragen“) as the relay takes them, for every
 * template in the registry: a participant's browser pins a Zettel into the first cell its list
 * shows, changes its words and deletes it (client/beitragen/zettelWrites.ts, over y-websocket with
 * the participant's link and writer secret), and the facilitator's copy of the board gets each
 * step: the note inside that cell, its new words, then gone. What a phone and a canvas show of
 * it is test/browser/beitragen.test.ts's (on a Planspiel).
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readContribution } from '../../client/beitragen/contributionModel.ts'
import { pinZettel, removeZettel, rewriteZettel } from '../../client/beitragen/zettelWrites.ts'
// Read here as the relay and the editor read it, every template known (the list loads its board's: `knownTemplates.ts`).
import '../../shared/templates/catalogue.ts'
import { authorId } from '../../shared/author.ts'
import { readRecord, readRecords } from '../../shared/board/records.ts'
import { recordBounds } from '../../shared/board/shapeBounds.ts'
import { center, contains } from '../../shared/templates/geometry.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { templateNames } from '../../shared/templates/registry.ts'
import { createBoard, relaySuite, until } from '../helpers/clients.ts'

describe('Zettel from the list, on the relay', () => {
  const suite = relaySuite()

  /** The note's words as the facilitator's copy holds them, or undefined when it is not there. */
  const wordsIn = (doc: Y.Doc, id: string) => {
    const note = readRecord(doc, id)
    return note ? plainText((note.props as { richText: unknown }).richText) : undefined
  }

  /** Whether the note's centre lies in the cell, by the facilitator's copy of the board. */
  const inCell = (doc: Y.Doc, id: string, cellId: string) => {
    const shapes = new Map(readRecords(doc).records.filter((r) => r.typeName === 'shape').map((r) => [r.id, r] as const))
    const note = shapes.get(id)
    const cell = shapes.get(cellId)
    if (!note || !cell) return false
    return contains(recordBounds(cell as never, shapes as never)!, center(recordBounds(note as never, shapes as never)!))
  }

  it.each(templateNames)('%s: a participant pins, changes and deletes a Zettel in the list’s first cell; the facilitator gets each', async (template) => {
    const board = await createBoard(suite.relay, `Beitragen ${template}`, { template, locale: 'de' })
    const writer = 'p'.repeat(32)
    const phone = await suite.connect(board.id, board.access.participant, writer)
    const facilitator = await suite.connect(board.id)
    const author = authorId(writer, board.id)
    const [first] = readContribution(readRecords(phone.doc).records, { role: 'participant', author, protection: undefined })
    const cellId = first.cells[0].id

    const text = `Idee vom Handy (${template})`
    const id = pinZettel(phone.doc, cellId, text, author)!
    await until(facilitator.doc, () => wordsIn(facilitator.doc, id) === text)
    expect(inCell(facilitator.doc, id, cellId), 'the relay forwarded the note inside the cell').toBe(true)

    rewriteZettel(phone.doc, id, `${text}, geändert`)
    await until(facilitator.doc, () => wordsIn(facilitator.doc, id) === `${text}, geändert`)
    expect(inCell(facilitator.doc, id, cellId), 'a change of words leaves it in the cell').toBe(true)

    removeZettel(phone.doc, id)
    await until(facilitator.doc, () => wordsIn(facilitator.doc, id) === undefined)
    // The relay stored the deletion too: a client connecting now does not get it.
    const late = await suite.connect(board.id)
    expect(wordsIn(late.doc, id)).toBeUndefined()
  })
})

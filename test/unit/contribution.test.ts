/**
 * The contribution view's reading of a board (client/beitragen/): cells as headings in the order
 * of the day with their questions, Zettel pinned from the list into the cell's free slots as
 * notes tldraw's validator accepts, others' Zettel closed while protected; and which view a board
 * opens in on this browser.
 */
import { createTLSchema, type TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readContribution } from '../../client/beitragen/contributionModel.ts'
import { pinZettel, rewriteZettel, zettelBase, zettelFieldText, zettelRecord } from '../../client/beitragen/zettelWrites.ts'
import { chooseBoardView, readViewChoice } from '../../client/contributionChoice.ts'
import { getRecordsMap, readRecord, readRecords, writeRecord } from '../../shared/board/records.ts'
import { toRichText } from '@tldraw/tlschema'
import { recordBounds } from '../../shared/board/shapeBounds.ts'
import { center, contains } from '../../shared/templates/geometry.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { putRecords } from '../helpers/records.ts'
import { build } from './templates/helpers.ts'

const page = { id: 'page:page', typeName: 'page', name: 'Seite 1', index: 'a1', meta: {} }
const schema = createTLSchema()

function boardWith(name: Parameters<typeof build>[0]) {
  const doc = new Y.Doc()
  putRecords(doc, [page, ...build(name, {}).shapes])
  return doc
}

const reader = { role: 'participant' as const, author: 'me', protection: undefined }

describe('the board as a list', () => {
  it('reads a Planspiel step by step: roles, scenes, evaluation, next steps, each cell with its question', () => {
    const [planspiel] = readContribution(readRecords(boardWith('planspiel')).records, reader)
    const headings = planspiel.cells.map((cell) => cell.heading)
    expect(headings.slice(0, 2)).toEqual(['Rollen: Alleinerziehende(r)', 'Rollen: Jobcenter'])
    const order = ['Rollen: Beobachtende', 'Spielszenen: Szene 1 · Wer trifft wen, was passiert?', 'Auswertung auf drei Ebenen: Das Spiel', 'Nächste Schritte: 1 · Was?']
    expect(order.map((h) => headings.indexOf(h))).toEqual([...order.map((h) => headings.indexOf(h))].sort((a, b) => a - b))
    expect(order.every((h) => headings.includes(h))).toBe(true)
    // The column's prompt is the cell's question.
    expect(planspiel.cells.find((c) => c.heading === 'Auswertung auf drei Ebenen: Das Spiel')!.prompt).toMatch(/^Was lief in den Szenen ab/)
    expect(planspiel.cells[0].prompt).toBe('spielt die Person aus dem Fallbeispiel')
    // Not the prompt of the roles far to the left at the same height.
    expect(planspiel.cells.find((c) => c.heading === 'Auswertung auf drei Ebenen: Der Transfer')!.prompt).toMatch(/^Was bedeutet das[^]*\?$/)
    expect(planspiel.cells.find((c) => c.heading === 'Nächste Schritte: 1 · Was?')!.prompt).toBe('')
  })

  it('names a cell whose words repeat its section’s title once, and asks the rest as its question', () => {
    const [chain] = readContribution(readRecords(boardWith('dienstleistungskette')).records, reader)
    expect(chain.cells.find((c) => c.heading.startsWith('Bedarfslagen'))).toMatchObject({
      heading: 'Bedarfslagen der Zielgruppe',
      prompt: expect.stringMatching(/^Womit kommen die Menschen der Zielgruppe\?/),
    })
  })

  it('asks a table cell with its column’s and its row’s prompt', () => {
    const [zielsystem] = readContribution(readRecords(boardWith('zielsystem')).records, reader)
    // The shared view of the problem (H 3.3.4), and the goals.
    expect(zielsystem.cells.find((c) => c.heading.startsWith('Gemeinsame Problemsicht'))).toMatchObject({
      heading: 'Gemeinsame Problemsicht: Ausgangslage · Was sehen wir?',
      prompt: 'Was ist heute das Problem – aus Sicht der Zielgruppe?',
    })
    expect(zielsystem.cells.find((c) => c.heading.startsWith('Ziele'))).toMatchObject({
      heading: 'Ziele und Aktivitäten: Oberziel · Beschreibung',
      prompt: 'Was genau? Wozu das Netzwerk beiträgt – als erreichter Zustand.',
    })
  })

  it('names a one-cell section once', () => {
    const [gruendung] = readContribution(readRecords(boardWith('gruendungsveranstaltung')).records, reader)
    expect(gruendung.cells[0].heading).toBe('Anlass und Ziele (aus Sicht der Koordination)')
  })

  it('pins Zettel into free slots of their cell, valid for tldraw, signed, above the rest; changes only their words', () => {
    const doc = boardWith('zielsystem')
    const [zielsystem] = readContribution(readRecords(doc).records, reader)
    const cell = zielsystem.cells[0]
    const ids = [pinZettel(doc, cell.id, 'Erstens', 'me')!, pinZettel(doc, cell.id, 'Zweitens', 'me')!]
    const records = readRecords(doc).records
    const byId = new Map(records.filter((r) => r.typeName === 'shape').map((r) => [r.id, r]))
    const cellBox = recordBounds(byId.get(cell.id) as never, byId as never)!
    const boxes = ids.map((id) => recordBounds(byId.get(id) as never, byId as never)!)
    for (const box of boxes) expect(contains(cellBox, center(box))).toBe(true)
    expect(boxes[0].x === boxes[1].x && boxes[0].y === boxes[1].y).toBe(false)
    for (const id of ids) {
      const note = byId.get(id)!
      expect(() => schema.types.shape.validate(note as unknown as TLRecord)).not.toThrow()
      expect(note.meta).toEqual({ author: 'me' })
    }
    const topIndex = records.filter((r) => r.typeName === 'shape' && !ids.includes(r.id)).map((r) => r.index as string).sort().at(-1)!
    expect((byId.get(ids[0])!.index as string) > topIndex).toBe(true)

    rewriteZettel(doc, ids[0], 'Erstens, genauer')
    const [after] = readContribution(readRecords(doc).records, reader)
    expect(after.cells[0].zettel.map((z) => [z.text, z.mine])).toEqual([
      ['Erstens, genauer', true],
      ['Zweitens', true],
    ])
  })

  it('closes others’ Zettel while „Zettel anderer schützen“ is on', () => {
    const doc = boardWith('zielsystem')
    const [zielsystem] = readContribution(readRecords(doc).records, reader)
    pinZettel(doc, zielsystem.cells[0].id, 'Von jemand anderem', 'someone')
    const zettel = (protection: unknown) => readContribution(readRecords(doc).records, { ...reader, protection })[0].cells[0].zettel[0]
    // Protected unless the facilitator opened them.
    expect(zettel(undefined)).toMatchObject({ mine: false, mayChange: false })
    expect(zettel({ othersNotes: false })).toMatchObject({ mine: false, mayChange: true })
    const theirs = readRecords(doc).records.find((r) => (r.meta as { author?: string }).author === 'someone')!
    expect(plainText((theirs.props as { richText: unknown }).richText)).toBe('Von jemand anderem')
  })
})

describe('which view a board opens in', () => {
  const memory = () => {
    const values = new Map<string, string>()
    return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) }
  }

  it('the list on a phone, the canvas elsewhere; an address that names one is remembered', () => {
    expect(chooseBoardView('', memory(), 390)).toBe('beitragen')
    expect(chooseBoardView('', memory(), 1366)).toBe('tafel')
    const storage = memory()
    expect(chooseBoardView('?ansicht=tafel', storage, 390)).toBe('tafel')
    expect(readViewChoice(storage)).toBe('tafel')
    expect(chooseBoardView('', storage, 390)).toBe('tafel')
    expect(chooseBoardView('?ansicht=beitragen', storage, 1366)).toBe('beitragen')
    expect(chooseBoardView('', storage, 1366)).toBe('beitragen')
  })

  it('by default the list for participants and observers on a phone, the canvas for the facilitator; a choice wins over the role', () => {
    expect(chooseBoardView('', memory(), 390, 'participant')).toBe('beitragen')
    expect(chooseBoardView('', memory(), 390, 'observer')).toBe('beitragen')
    expect(chooseBoardView('', memory(), 390, 'facilitator')).toBe('tafel')
    expect(chooseBoardView('', memory(), 1366, 'observer')).toBe('tafel')
    const storage = memory()
    expect(chooseBoardView('?ansicht=beitragen', storage, 390, 'facilitator')).toBe('beitragen')
    expect(chooseBoardView('', storage, 390, 'facilitator')).toBe('beitragen')
    // Nothing chosen stays nothing chosen: the default is not remembered.
    const untouched = memory()
    chooseBoardView('', untouched, 390, 'facilitator')
    expect(readViewChoice(untouched)).toBeNull()
  })
})

describe('a Zettel changed in the list while someone else writes into it (its text a Y.Text, format 3)', () => {
  it('saves the list’s words as a change from what the field opened with, keeping a facilitator’s words added meanwhile', () => {
    const [phone, canvas] = [new Y.Doc(), new Y.Doc()]
    const id = 'shape:zettel'
    writeRecord(getRecordsMap(phone), zettelRecord(id, 'Treffen im Jugendamt', 'me', { pageId: 'page:page', x: 0, y: 0 }, 'a1'))
    Y.applyUpdate(canvas, Y.encodeStateAsUpdate(phone))
    const opened = zettelBase(phone, id)
    // The facilitator adds words on the canvas; they reach the phone before it saves.
    const note = readRecord(canvas, id)!
    writeRecord(getRecordsMap(canvas), { ...note, props: { ...(note.props as object), richText: toRichText('Treffen im Jugendamt (nur mit Bildungsträger)') } }, [['props', 'richText']])
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(canvas))
    rewriteZettel(phone, id, 'Treffen im Jugendamt am Dienstag', null, opened)
    Y.applyUpdate(canvas, Y.encodeStateAsUpdate(phone))
    for (const doc of [phone, canvas]) {
      expect(plainText((readRecord(doc, id)!.props as { richText: unknown }).richText)).toBe('Treffen im Jugendamt am Dienstag (nur mit Bildungsträger)')
    }
  })

  it('keeps the space or empty line a facilitator has just typed at the end, which the list’s field does not show', () => {
    const [phone, canvas] = [new Y.Doc(), new Y.Doc()]
    const id = 'shape:zettel'
    writeRecord(getRecordsMap(phone), zettelRecord(id, 'Treffen im Jugendamt', 'me', { pageId: 'page:page', x: 0, y: 0 }, 'a1'))
    Y.applyUpdate(canvas, Y.encodeStateAsUpdate(phone))
    const typed = (text: string) => {
      const note = readRecord(canvas, id)!
      writeRecord(getRecordsMap(canvas), { ...note, props: { ...(note.props as object), richText: toRichText(text) } }, [['props', 'richText']])
      Y.applyUpdate(phone, Y.encodeStateAsUpdate(canvas))
    }
    const richText = (doc: Y.Doc) => (readRecord(doc, id)!.props as { richText: unknown }).richText
    // Mid-sentence on the canvas: „Treffen im Jugendamt “, the next word not yet typed, when the phone opens the Zettel.
    typed('Treffen im Jugendamt ')
    const opened = zettelBase(phone, id)!
    expect(zettelFieldText(opened)).toBe('Treffen im Jugendamt')
    rewriteZettel(phone, id, 'Treffen im Jobcenter', null, opened)
    Y.applyUpdate(canvas, Y.encodeStateAsUpdate(phone))
    for (const doc of [phone, canvas]) expect(richText(doc)).toEqual(toRichText('Treffen im Jobcenter '))

    // The same with an empty line after Enter at the end.
    typed('Treffen im Jobcenter \n')
    rewriteZettel(phone, id, 'Treffen im Jobcenter, dienstags', null, zettelBase(phone, id))
    Y.applyUpdate(canvas, Y.encodeStateAsUpdate(phone))
    for (const doc of [phone, canvas]) expect(richText(doc)).toEqual(toRichText('Treffen im Jobcenter, dienstags \n'))
  })

  // Was broken: the field's words were made rich text anew, so a save from the list took off the marks the
  // canvas had put on the Zettel (and deleted and retyped the marked words).
  it('keeps the bold a facilitator put on a word when the participant corrects another in the list', () => {
    const doc = new Y.Doc()
    const id = 'shape:zettel'
    writeRecord(getRecordsMap(doc), zettelRecord(id, 'Treffen im Jugendamt', 'me', { pageId: 'page:page', x: 0, y: 0 }, 'a1'))
    const note = readRecord(doc, id)!
    const bold = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Treffen im ' }, { type: 'text', text: 'Jugendamt', marks: [{ type: 'bold' }] }] }] }
    writeRecord(getRecordsMap(doc), { ...note, props: { ...(note.props as object), richText: bold } }, [['props', 'richText']])
    rewriteZettel(doc, id, 'Treffen beim Jugendamt', null, zettelBase(doc, id))
    expect((readRecord(doc, id)!.props as { richText: unknown }).richText).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Treffen beim ' }, { type: 'text', text: 'Jugendamt', marks: [{ type: 'bold' }] }] }],
    })
  })

  it('replaces the words of a Zettel whose text is still a JSON value (format 2), as before', () => {
    const doc = new Y.Doc()
    const id = 'shape:zettel'
    writeRecord(getRecordsMap(doc), zettelRecord(id, 'Treffen im Jugendamt', 'me', { pageId: 'page:page', x: 0, y: 0 }, 'a1'))
    const opened = zettelBase(doc, id)
    rewriteZettel(doc, id, 'Treffen am Dienstag', null, opened)
    expect((readRecord(doc, id)!.props as { richText: unknown }).richText).toEqual(toRichText('Treffen am Dienstag'))
  })
})

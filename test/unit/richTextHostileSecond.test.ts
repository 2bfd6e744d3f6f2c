/**
 * A second hostile review of a shape's text as a Y.Text (issue 59, format 3), against a real Room
 * on a Planspiel board: the relay's tidy-up of formats, a format 2 tab writing over a Y.Text,
 * texts in every shape that holds words.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { toRichText, type TLShape } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { writeRichText, type RichTextNode } from '../../shared/board/richTextYjs.ts'
import { applyRichTextEdit, textBase } from '../../shared/board/richTextEdit.ts'
import { arrowShape, noteAt, putRecords, writeFormat2Record } from '../helpers/records.ts'
import { paragraph, zettelTextRooms } from '../helpers/zettelTextRoom.ts'


describe('hostile clients against a Zettel’s Y.Text, second review', () => {
  const z = zettelTextRooms('s')
  const board = () => z.board()
  const attempt = (role: Role, change: (doc: Y.Doc) => void, author: string | null = `${role}-browser`) => z.attempt(role, change, author)
  const send = (role: Role, update: Uint8Array, author: string | null) => z.send(role, update, author)

  /** Anna's editor writing her Zettel's text as a change (as the canvas does). */
  const writeRecordText = (d: Y.Doc, id: string, after: RichTextNode) => applyRichTextEdit(text(d, id), textBase(text(d, id)), after)
  const props = (d: Y.Doc, id: string) => (getRecordsMap(d).get(id) as Y.Map<unknown>).get('props') as Y.Map<unknown>
  const text = (d: Y.Doc, id: string) => props(d, id).get('richText') as Y.Text
  const richOf = (id: string) => (readRecord(z.room.doc, id)?.props as { richText: unknown }).richText
  const plain = (node: unknown): string => {
    if (!node || typeof node !== 'object') return ''
    const { text: t, content } = node as { text?: unknown; content?: unknown }
    return (typeof t === 'string' ? t : '') + (Array.isArray(content) ? content.map(plain).join('') : '')
  }

  // Was broken: a format read as nothing from a hostile client is tidied away (richTextTidy.ts), not
  // refused, but the update carrying it was stored and fanned out whole: 1 MiB of format value reached
  // every screen. A text's format or embed value is now at most 8 KiB (updateRules.ts
  // maxTextAttributeBytes): a megabyte is refused before it is applied.
  it('a 1 MiB format read as nothing, on Anna’s line end, does not reach other screens', async () => {
    const note = await board()
    const watcher = z.connection('facilitator', 'lea')
    z.room.addConnection(watcher)
    z.room.flush()
    watcher.sent.length = 0
    const junk = (d: Y.Doc) => text(d, note.id).format(text(d, note.id).length - 1, 1, { evil: { payload: 'x'.repeat(1000 * 1000) } })
    const taken = await attempt('participant', junk, 'ben')
    z.room.flush()
    const received = watcher.sent.reduce((sum, message) => sum + message.byteLength, 0)
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
    // Taken and tidied (what Ben's screen shows, it reads as nothing), but the megabyte reached Lea.
    expect(taken && received > 1000 * 1000).toBe(false)
  })

  // Broken (pinned): a tab still running the format 2 build (open across the deploy; nothing tells
  // it to reload, the format is checked only on load) writes a Zettel's text whole, as a JSON
  // value over the Y.Text, and the relay takes a replacement from whoever may delete the shape
  // (declaration.ts textReplacedRefusal): Anna's old tab wipes the words Lea typed into the Y.Text
  // meanwhile, on every screen (issue 59's workshop case). Refusing a JSON value over a Y.Text
  // from anyone (rehearsal.ts compare knows it: `now.text === undefined`) makes this pass, but
  // the whole-text harnesses of protectedWords, boardDeclaration and boardProperty (honest format 2
  // tabs) write exactly that and would have to change: the lead's decision (the old tab then
  // loses its own unsynced edit to a 4403; or the relay tells old builds to reload).
  it.fails('Anna’s format 2 tab saves her Zettel whole while Lea types into it: refused, Lea’s words stay', async () => {
    const note = await board()
    const base = Y.encodeStateAsUpdate(z.room.doc)
    const lea = new Y.Doc()
    Y.applyUpdate(lea, base)
    const leaSv = Y.encodeStateVector(lea)
    text(lea, note.id).insert('nicht einverstanden'.length, ' (nur mit Bildungsträger)')
    const old = new Y.Doc()
    Y.applyUpdate(old, base)
    const oldSv = Y.encodeStateVector(old)
    const stored = readRecord(old, note.id)!
    writeFormat2Record(getRecordsMap(old), { ...stored, props: { ...(stored.props as object), richText: paragraph('gar nicht einverstanden') } }, [['props', 'richText']])
    expect(await send('facilitator', Y.encodeStateAsUpdate(lea, leaSv), 'lea')).toBe(true)
    expect(await send('participant', Y.encodeStateAsUpdate(old, oldSv), 'anna')).toBe(false)
    expect(plain(richOf(note.id))).toBe('nicht einverstanden (nur mit Bildungsträger)')
    // A facilitator's old tab too.
    expect(await attempt('facilitator', (d) => props(d, note.id).set('richText', paragraph('ersetzt')), 'lea')).toBe(false)
  })

  // Was broken: nothing bounded how many items one text holds, deleted ones included. Characters
  // typed one by one at the text's start and then deleted stay as tombstones that never merge, and
  // every later change to that text is walked whole (the read, hidden formats, what it keeps, the
  // tidy-up): a keystroke into a Zettel of 200,000 tombstones cost the relay's one thread 100-160 ms.
  // A text now holds at most 20,000 items (keptText.ts maxTextItems).
  it('a participant cannot fill his own Zettel with hundreds of thousands of deleted characters', async () => {
    const note = await board()
    const own = { ...noteAt(100, 100, 'meins'), meta: { [authorMetaKey]: 'ben' } } as TLShape
    expect(await attempt('participant', (d) => putRecords(d, [own]), 'ben')).toBe(true)
    void note
    const stuff = (d: Y.Doc) => {
      const t = text(d, own.id)
      t.format(0, 1, { bold: true })
      d.transact(() => {
        for (let i = 0; i < 200_000; i++) t.insert(0, 'a')
      })
      d.transact(() => t.delete(0, 200_000))
    }
    const taken = await attempt('participant', stuff, 'ben')
    if (taken) {
      const d = new Y.Doc()
      Y.applyUpdate(d, Y.encodeStateAsUpdate(z.room.doc))
      const sv = Y.encodeStateVector(d)
      text(d, own.id).insert(1, 'x')
      const keystroke = Y.encodeStateAsUpdate(d, sv)
      const started = performance.now()
      expect(await send('participant', keystroke, 'ben')).toBe(true)
      console.info(`a keystroke in a Zettel of 200,000 tombstones: ${Math.round(performance.now() - started)} ms`)
    }
    expect(taken).toBe(false)
  })

  // Was broken: the relay's tidy-up (richTextTidy.ts tidyGaps) deleted a line's block begun again
  // with a value equal (deeply) to the one in force, the later one: once Lea's Enter had made two
  // headings and Anna emptied the second, Anna's own heading block was deleted as redundant, and
  // Lea's concurrent change of her own first line to a paragraph then carried over to Anna's line.
  // Yjs alone keeps it (it compares a block's value by identity), so every screen lost Anna's
  // heading only because the relay tidied. A line's block begun again as it is now stays (it reads
  // its line end; hiddenFormats.ts no longer counts it as hidden).
  it('Lea splits Anna’s heading, Anna empties the second, Lea makes her own line a paragraph: Anna’s line stays a heading', async () => {
    const note = await board()
    const heading = { type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'ab' }] }] }
    expect(await attempt('participant', (d) => writeRecordText(d, note.id, heading), 'anna')).toBe(true)
    const replica = (clientID: number) => {
      const d = new Y.Doc()
      d.clientID = clientID
      Y.applyUpdate(d, Y.encodeStateAsUpdate(z.room.doc))
      return d
    }
    const [lea, anna] = [replica(20), replica(30)]
    const leaSent = Y.encodeStateVector(lea)
    text(lea, note.id).insert(1, '\n', { block: { type: 'heading', attrs: { level: 2 } } })
    expect(await send('facilitator', Y.encodeStateAsUpdate(lea, leaSent), 'lea')).toBe(true)
    Y.applyUpdate(anna, Y.encodeStateAsUpdate(z.room.doc, Y.encodeStateVector(anna)))
    const [annaBase, leaBase] = [Y.encodeStateVector(anna), Y.encodeStateVector(lea)]
    text(anna, note.id).delete(text(anna, note.id).toString().indexOf('b'), 1)
    text(lea, note.id).format(1, 1, { block: null })
    expect(await send('participant', Y.encodeStateAsUpdate(anna, annaBase), 'anna')).toBe(true)
    expect(await send('facilitator', Y.encodeStateAsUpdate(lea, leaBase), 'lea')).toBe(true)
    expect(richOf(note.id)).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }, { type: 'heading', attrs: { level: 2 } }] })
  })

  it('a Y.Text anywhere but props.richText (another prop, meta, a record’s field): refused', async () => {
    const note = await board()
    const filled = () => {
      const t = new Y.Text()
      writeRichText(t, paragraph('x'))
      return t
    }
    expect(await attempt('participant', (d) => props(d, note.id).set('color', filled()), 'anna')).toBe(false)
    expect(await attempt('participant', (d) => props(d, note.id).set('url', filled()), 'anna')).toBe(false)
    expect(await attempt('participant', (d) => ((getRecordsMap(d).get(note.id) as Y.Map<unknown>).get('meta') as Y.Map<unknown>).set('richText', filled()), 'anna')).toBe(false)
    expect(await attempt('participant', (d) => (getRecordsMap(d).get(note.id) as Y.Map<unknown>).set('richText', filled()), 'anna')).toBe(false)
    // Inside the Y.Text: a nested type as an embed.
    expect(await attempt('participant', (d) => text(d, note.id).insertEmbed(0, new Y.Map() as never), 'anna')).toBe(false)
    expect(plain(richOf(note.id))).toBe('nicht einverstanden')
  })

  it('every shape that holds words holds its text as a Y.Text: a box, a free text, an arrow’s label; typing in each is taken', async () => {
    await board()
    const geo = { ...noteAt(0, 0, ''), type: 'geo', meta: { [authorMetaKey]: 'anna' }, props: { geo: 'rectangle', w: 100, h: 100, richText: toRichText('Kasten'), color: 'black', labelColor: 'black', fill: 'none', dash: 'draw', size: 'm', font: 'draw', align: 'middle', verticalAlign: 'middle', growY: 0, url: '', scale: 1, flipX: false, flipY: false } }
    const free = { ...noteAt(0, 300, ''), type: 'text', meta: { [authorMetaKey]: 'anna' }, props: { richText: toRichText('frei'), color: 'black', size: 'm', font: 'draw', textAlign: 'start', w: 100, autoSize: true, scale: 1 } }
    const arrow = { ...arrowShape('shape:pfeil'), meta: { [authorMetaKey]: 'anna' }, props: { ...arrowShape('shape:pfeil').props, richText: toRichText('Pfeil') } }
    const shapes = [geo, free, arrow] as unknown as TLShape[]
    expect(await attempt('participant', (d) => putRecords(d, shapes), 'anna')).toBe(true)
    for (const shape of shapes) {
      expect(text(z.room.doc, shape.id), shape.type).toBeInstanceOf(Y.Text)
      const was = plain(richOf(shape.id))
      expect(await attempt('participant', (d) => text(d, shape.id).insert(0, 'ein '), 'anna'), shape.type).toBe(true)
      expect(plain(richOf(shape.id))).toBe(`ein ${was}`)
    }
  })
})

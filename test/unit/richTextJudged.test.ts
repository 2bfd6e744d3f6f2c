/**
 * A Zettel's text as a Y.Text (format 3, `richTextYjs.ts`) is judged as its JSON is: every change
 * inside the text is the write of `props.richText` with the merged text Yjs keeps, so „Zettel
 * anderer schützen“ and the 10,000-character budget hold for characters, formats and embeds, and
 * the relay's own reads see JSON. Against a real Room on a Planspiel board; a refused update
 * changes nothing.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { keptTextChars } from '../../server/judge/keptText.ts'
import type { TLShape } from '@tldraw/tlschema'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { writeRichText } from '../../shared/board/richTextYjs.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { paragraph, zettelTextRooms } from '../helpers/zettelTextRoom.ts'



describe('a Zettel’s text as a Y.Text, judged by what Yjs keeps', () => {
  const z = zettelTextRooms('y')
  const board = () => z.board()
  const attempt = (role: Role, change: (doc: Y.Doc) => void, author: string | null = `${role}-browser`) => z.attempt(role, change, author)
  // Refused here means by the judge (4403): these updates pass the update rules.
  const send = async (role: Role, update: Uint8Array, author: string | null) => {
    const taken = await z.send(role, update, author)
    if (!taken) expect(z.refusedWith).toBe(CloseCode.notAllowed)
    return taken
  }

  const props = (d: Y.Doc, id: string) => (getRecordsMap(d).get(id) as Y.Map<unknown>).get('props') as Y.Map<unknown>
  const text = (d: Y.Doc, id: string) => props(d, id).get('richText') as Y.Text
  const richOf = (id: string) => (readRecord(z.room.doc, id)?.props as { richText: unknown }).richText

  it('the relay reads a Y.Text as the JSON rich text it holds', async () => {
    const note = await board()
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
  })

  // Was broken (found by bench/typing.ts): an empty Y.Text read as a document without content, which
  // tldraw's validator refuses: 4403 for a browser that made the text in one update and filled it in the next.
  it('a browser that makes a Zettel’s Y.Text in one update and fills it in the next: both taken', async () => {
    const note = await board()
    expect(await attempt('participant', (d) => props(d, note.id).set('richText', new Y.Text()), 'anna')).toBe(true)
    expect(richOf(note.id)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
    expect(await attempt('participant', (d) => writeRichText(text(d, note.id), paragraph('doch einverstanden')), 'anna')).toBe(true)
    expect(richOf(note.id)).toEqual(paragraph('doch einverstanden'))
  })

  it('Anna types into her own Zettel: taken, sent on to the others, read as JSON', async () => {
    const note = await board()
    const watcher = z.connection('facilitator', 'lea')
    z.room.addConnection(watcher)
    const sentBefore = watcher.sent.length
    expect(await attempt('participant', (d) => text(d, note.id).insert(6, 'ganz ', { bold: true }), 'anna')).toBe(true)
    // Sent at the next fan-out (the room's tick is far off here).
    z.room.flush()
    expect(watcher.sent.length).toBeGreaterThan(sentBefore)
    expect(richOf(note.id)).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nicht ' }, { type: 'text', text: 'ganz ', marks: [{ type: 'bold' }] }, { type: 'text', text: 'einverstanden' }] }],
    })
    expect(await attempt('participant', (d) => text(d, note.id).delete(0, 6), 'anna')).toBe(true)
    z.room.removeConnection(watcher)
  })

  it("Ben's characters, deletions and embeds in Anna's protected Zettel are refused and change nothing", async () => {
    const note = await board()
    expect(await attempt('participant', (d) => text(d, note.id).insert(0, 'doch ', {}), 'ben')).toBe(false)
    // Once the text holds a format, Yjs tidies formats after every remote change, in a second
    // transaction: the change is judged all the same.
    expect(await attempt('participant', (d) => text(d, note.id).format(6, 3, { italic: true }), 'anna')).toBe(true)
    expect(await attempt('participant', (d) => text(d, note.id).insert(0, 'doch ', {}), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => text(d, note.id).insert(8, 'x', { italic: true }), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => text(d, note.id).format(6, 3, { italic: null }), 'anna')).toBe(true)
    expect(await attempt('participant', (d) => text(d, note.id).delete(0, 6), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => text(d, note.id).insertEmbed(2, { hardBreak: {} }), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => props(d, note.id).set('richText', paragraph('einverstanden')), 'ben')).toBe(false)
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
    // Formatting others' words stays open, as it is for JSON rich text.
    expect(await attempt('participant', (d) => text(d, note.id).format(0, 5, { bold: true }), 'ben')).toBe(true)
    expect(richOf(note.id)).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nicht', marks: [{ type: 'bold' }] }, { type: 'text', text: ' einverstanden' }] }],
    })
  })

  it('a Y.Text grown past 10,000 characters is refused', async () => {
    const note = await board()
    expect(await attempt('participant', (d) => text(d, note.id).insert(0, 'x'.repeat(10_001), {}), 'anna')).toBe(false)
    expect(await attempt('participant', (d) => text(d, note.id).insert(0, 'x'.repeat(9_000), {}), 'anna')).toBe(true)
    expect(await attempt('participant', (d) => text(d, note.id).insert(0, 'y'.repeat(1_500), {}), 'anna')).toBe(false)
  })

  it('a mark left on a line end when its words are deleted is tidied away: the text keeps no more than it reads', async () => {
    const note = await board()
    const lineEnd = (d: Y.Doc) => text(d, note.id).length - 1
    // A mark on a word and its line end is read (and counted); once the word is deleted, it is read as nothing.
    const marked = (i: number) => (d: Y.Doc) => {
      text(d, note.id).insert(lineEnd(d), 'q', {})
      text(d, note.id).format(lineEnd(d) - 1, 2, { [`m${i}`]: { junk: 'x'.repeat(7_000) } })
    }
    const unread = (d: Y.Doc) => text(d, note.id).delete(lineEnd(d) - 1, 1)
    // One browser of Anna's (one Yjs client id: new ones are rate-limited).
    const anna = new Y.Doc()
    Y.applyUpdate(anna, Y.encodeStateAsUpdate(z.room.doc))
    const write = (change: (d: Y.Doc) => void) => {
      const sv = Y.encodeStateVector(anna)
      change(anna)
      return send('participant', Y.encodeStateAsUpdate(anna, sv), 'anna')
    }
    const kept = keptTextChars(text(z.room.doc, note.id))
    for (let i = 0; i < 20; i++) {
      expect(await write(marked(i))).toBe(true)
      expect(keptTextChars(text(z.room.doc, note.id))).toBeGreaterThan(kept + 7_000)
      expect(await write(unread)).toBe(true)
      expect(keptTextChars(text(z.room.doc, note.id))).toBe(kept)
    }
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
  })

  it('a Zettel created with its text as a Y.Text is judged as one created with JSON', async () => {
    await board()
    const own = { ...noteAt(100, 100, ''), meta: { [authorMetaKey]: 'ben' } } as TLShape
    const create = (d: Y.Doc) => {
      putRecords(d, [own])
      const created = new Y.Text()
      props(d, own.id).set('richText', created)
      writeRichText(created, paragraph('meins'))
    }
    expect(await attempt('participant', create, 'ben')).toBe(true)
    expect(richOf(own.id)).toEqual(paragraph('meins'))
    expect(await attempt('participant', (d) => text(d, own.id).insert(0, 'nur ', {}), 'ben')).toBe(true)
    expect(richOf(own.id)).toEqual(paragraph('nur meins'))
  })
})

/**
 * A hostile reviewer's attacks on a Zettel's text as a Y.Text (issue 59), against a real Room on
 * a Planspiel board: what a client that is not tldraw's editor could send, and whether the relay
 * applies, stores or forwards anything it has not judged, or anything that breaks its readers.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShape } from '@tldraw/tlschema'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getRecordsMap, readEntry, readRecord } from '../../shared/board/records.ts'
import { readRichText, writeRichText } from '../../shared/board/richTextYjs.ts'
import { CloseCode, encodeUpdate } from '../../shared/protocol.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { paragraph, zettelTextRooms } from '../helpers/zettelTextRoom.ts'
import { keptTextChars, maxKeptTextChars } from '../../server/judge/keptText.ts'
import { hiddenItems } from '../../server/judge/hiddenFormats.ts'



describe('hostile clients against a Zettel’s Y.Text', () => {
  const z = zettelTextRooms('h')
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
  const lineEnd = (d: Y.Doc, id: string) => text(d, id).length - 1

  /** Every record of the board reads, as a browser reads it on joining. */
  const everyRecordReads = (d: Y.Doc) => {
    for (const [, entry] of getRecordsMap(d)) readEntry(entry)
  }

  it('containers hundreds deep on a line end (as deep as 8 KiB of attributes allow): refused as a text the board does not hold (4403), and the z.room lives', async () => {
    const note = await board()
    const containers = Array.from({ length: 200 }, () => ({ type: 'blockquote' }))
    const before = Y.encodeStateAsUpdate(z.room.doc)
    const connection = z.connection('participant', 'anna')
    z.room.addConnection(connection)
    const d = new Y.Doc()
    Y.applyUpdate(d, before)
    const sv = Y.encodeStateVector(d)
    text(d, note.id).format(lineEnd(d, note.id), 1, { containers })
    // Read no deeper than rich text may nest (maxLineContainers), so reading never overflows.
    expect(() => readRichText(text(d, note.id))).not.toThrow()
    z.room.receive(connection, encodeUpdate(Y.encodeStateAsUpdate(d, sv)))
    await z.room.idle()
    // Refused as a text the board does not hold (4403), not closed as an internal error (1011).
    expect(connection.closedWith).toBe(CloseCode.notAllowed)
    expect(Y.encodeStateAsUpdate(z.room.doc)).toEqual(before)
    expect(z.failures).toEqual([])
    expect(() => everyRecordReads(z.room.doc)).not.toThrow()
  })
  it('after a rehearsal that threw, Anna can still type into her own Zettel (the copy is not left holding the refused update)', async () => {
    const note = await board()
    const containers = Array.from({ length: 200 }, () => ({ type: 'blockquote' }))
    await attempt('participant', (d) => text(d, note.id).format(lineEnd(d, note.id), 1, { containers }), 'anna').catch(() => false)
    expect(await attempt('participant', (d) => text(d, note.id).insert(0, 'gar ', {}), 'anna')).toBe(true)
    expect(richOf(note.id)).toEqual(paragraph('gar nicht einverstanden'))
  })

  it('a Y.Text reads as rich text no deeper than a JSON value may be (maxJsonDepth 64)', async () => {
    const note = await board()
    const containers = Array.from({ length: 100 }, () => ({ type: 'blockquote' }))
    const accepted = await attempt('participant', (d) => text(d, note.id).format(lineEnd(d, note.id), 1, { containers }), 'anna')
    const depth = (node: unknown): number => (node && typeof node === 'object' ? 1 + Math.max(0, ...Object.values(node).map(depth)) : 0)
    if (accepted) expect(depth(richOf(note.id))).toBeLessThanOrEqual(64)
    expect(accepted).toBe(false)
  })
  // Was broken: rehearsal.ts `compare` saw equal JSON and wrote nothing; a replaced text is now a write of props/richText.
  it('Ben swaps Anna’s Y.Text for an identical one: refused, or her concurrent typing is lost', async () => {
    const note = await board()
    const annaBase = Y.encodeStateAsUpdate(z.room.doc)
    const swapped = (d: Y.Doc) => {
      const copy = new Y.Text()
      props(d, note.id).set('richText', copy)
      writeRichText(copy, paragraph('nicht einverstanden'))
    }
    const benSwapped = await attempt('participant', swapped, 'ben')
    // Anna typed meanwhile, into the text she had.
    const anna = new Y.Doc()
    Y.applyUpdate(anna, annaBase)
    const sv = Y.encodeStateVector(anna)
    text(anna, note.id).insert(0, 'gar ', {})
    expect(await send('participant', Y.encodeStateAsUpdate(anna, sv), 'anna')).toBe(true)
    expect(richOf(note.id)).toEqual(paragraph('gar nicht einverstanden'))
    expect(benSwapped).toBe(false)
  })

  // Was broken: as above, with a JSON value for the Y.Text.
  it('Ben swaps Anna’s Y.Text for the equal JSON value: refused, or her concurrent typing is lost', async () => {
    const note = await board()
    const annaBase = Y.encodeStateAsUpdate(z.room.doc)
    const benSwapped = await attempt('participant', (d) => props(d, note.id).set('richText', paragraph('nicht einverstanden')), 'ben')
    const anna = new Y.Doc()
    Y.applyUpdate(anna, annaBase)
    const sv = Y.encodeStateVector(anna)
    text(anna, note.id).insert(0, 'gar ', {})
    expect(await send('participant', Y.encodeStateAsUpdate(anna, sv), 'anna')).toBe(true)
    expect(richOf(note.id)).toEqual(paragraph('gar nicht einverstanden'))
    expect(benSwapped).toBe(false)
  })

  it('Ben deletes the richText key of Anna’s Zettel, or sets it to another text: refused', async () => {
    const note = await board()
    expect(await attempt('participant', (d) => props(d, note.id).delete('richText'), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => props(d, note.id).set('richText', new Y.Text('x\n')), 'ben')).toBe(false)
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
  })

  it('a Y.Text under props.richText of a page or the document record: refused', async () => {
    await board()
    const ids = [...getRecordsMap(z.room.doc).keys()].filter((id) => id.startsWith('page:') || id.startsWith('document:'))
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) {
      const put = (d: Y.Doc) => {
        const record = getRecordsMap(d).get(id) as Y.Map<unknown>
        const p = new Y.Map<unknown>()
        record.set('props', p)
        const t = new Y.Text()
        p.set('richText', t)
        writeRichText(t, paragraph('hallo'))
      }
      expect(await attempt('facilitator', put, 'lea')).toBe(false)
    }
  })

  it('hidden marks on Anna’s line end, read as nothing, are tidied away: the text keeps none of them', async () => {
    const note = await board()
    const kept = keptTextChars(text(z.room.doc, note.id))
    const junk = (d: Y.Doc) => text(d, note.id).format(lineEnd(d, note.id), 1, { evil: { payload: 'x'.repeat(1000) } })
    // Formatting others' words is open; a mark on a line end is read as nothing, and the relay removes it.
    expect(await attempt('participant', junk, 'ben')).toBe(true)
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
    expect(hiddenItems(text(z.room.doc, note.id)).size).toBe(0)
    expect(keptTextChars(text(z.room.doc, note.id))).toBe(kept)
  })
  it('formats a reader reads as nothing: a line’s block on a character is tidied away, an unread part of a line’s block refused', async () => {
    const note = await board()
    expect(await attempt('participant', (d) => text(d, note.id).format(0, 4, { block: { type: 'heading', attrs: { level: 2 } } }), 'ben')).toBe(true)
    expect(await attempt('participant', (d) => text(d, note.id).format(0, 4, { containers: [{ type: 'blockquote' }] }), 'ben')).toBe(true)
    expect(hiddenItems(text(z.room.doc, note.id)).size).toBe(0)
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
    expect(await attempt('participant', (d) => text(d, note.id).format(lineEnd(d, note.id), 1, { block: { type: 'heading', junk: 'x'.repeat(500) } }), 'anna')).toBe(false)
    const stray = (d: Y.Doc) => {
      text(d, note.id).format(0, 5, { italic: true })
      text(d, note.id).format(2, 2, { italic: { again: true } })
      text(d, note.id).format(2, 2, { italic: true })
    }
    expect(await attempt('participant', stray, 'anna')).toBe(true)
    expect(richOf(note.id)).not.toEqual(paragraph('nicht einverstanden'))
    expect(await attempt('participant', (d) => text(d, note.id).format(0, 5, { italic: null }), 'anna')).toBe(true)
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
    // What a reader reads is taken: a heading, a bold word, a hard break.
    expect(await attempt('participant', (d) => text(d, note.id).format(lineEnd(d, note.id), 1, { block: { type: 'heading', attrs: { level: 2 } } }), 'anna')).toBe(true)
    expect(await attempt('participant', (d) => text(d, note.id).format(0, 5, { bold: true }), 'anna')).toBe(true)
    expect(await attempt('participant', (d) => text(d, note.id).insertEmbed(5, { hardBreak: {} }, {}), 'anna')).toBe(true)
  })
  // Was broken: Anna bolds 0..5 while Ben bolds 0..10; merged and tidied by Yjs, Ben's end of bold at 10
  // ends nothing (Anna's end at 5 already did), was read as "a mark end never begun", and his honest update
  // was refused (4403: his browser drops its copy). hiddenFormats.ts now lets an update's void end pass
  // when the same update begins that key.
  it('Anna and Ben bold overlapping words at once: both taken, the relay holds what their browsers merge', async () => {
    const note = await board()
    const base = Y.encodeStateAsUpdate(z.room.doc)
    const concurrent = (clientID: number, change: (d: Y.Doc) => void) => {
      const d = new Y.Doc()
      d.clientID = clientID
      Y.applyUpdate(d, base)
      const sv = Y.encodeStateVector(d)
      change(d)
      return { d, update: Y.encodeStateAsUpdate(d, sv) }
    }
    const anna = concurrent(1001, (d) => text(d, note.id).format(0, 5, { bold: true }))
    const ben = concurrent(1002, (d) => text(d, note.id).format(0, 10, { bold: true }))
    expect(await send('participant', anna.update, 'anna')).toBe(true)
    expect(await send('participant', ben.update, 'ben')).toBe(true)
    // The relay holds what both browsers hold once merged (Yjs lets Anna's end close the bold).
    Y.applyUpdate(ben.d, anna.update)
    Y.applyUpdate(anna.d, ben.update)
    expect(richOf(note.id)).toEqual(readRichText(text(ben.d, note.id)))
    expect(richOf(note.id)).toEqual(readRichText(text(anna.d, note.id)))
    expect(JSON.stringify(richOf(note.id))).toContain('"marks":[{"type":"bold"}]')
  })
  // Was broken: Yjs left Ben's redundant begin in place (its tidy-up removes one only at the text's
  // start), read as "begun again with the value it has", new: his honest update was refused (4403).
  it('Anna and Ben bold the same words mid-text at once: both taken', async () => {
    const note = await board()
    const base = Y.encodeStateAsUpdate(z.room.doc)
    const concurrent = (clientID: number, change: (d: Y.Doc) => void) => {
      const d = new Y.Doc()
      d.clientID = clientID
      Y.applyUpdate(d, base)
      const sv = Y.encodeStateVector(d)
      change(d)
      return Y.encodeStateAsUpdate(d, sv)
    }
    const anna = concurrent(1001, (d) => text(d, note.id).format(6, 5, { bold: true }))
    const ben = concurrent(1002, (d) => text(d, note.id).format(6, 5, { bold: true }))
    expect(await send('participant', anna, 'anna')).toBe(true)
    expect(await send('participant', ben, 'ben')).toBe(true)
  })
  // Was broken: Yjs' tidy-up transaction on the board (origin null, after a remote update with formats:
  // yjs `cleanupYTextAfterTransaction`) was fanned out by server/room/Room.ts's `onUpdate` but never
  // stored (Room.storeTidyUps stores it now); then Ben's honest concurrent bold was refused by
  // hiddenFormats.ts (see the test above).
  it('formats Yjs tidies on the relay: what a restart loads is what the browsers were sent', async () => {
    const note = await board()
    const watcher = z.connection('facilitator', 'lea')
    z.room.addConnection(watcher)
    // Two writers format the same words concurrently: Yjs tidies the doubled formats on its own.
    const base = Y.encodeStateAsUpdate(z.room.doc)
    const concurrent = (clientID: number, change: (d: Y.Doc) => void) => {
      const d = new Y.Doc()
      d.clientID = clientID
      Y.applyUpdate(d, base)
      const sv = Y.encodeStateVector(d)
      change(d)
      return Y.encodeStateAsUpdate(d, sv)
    }
    const a = concurrent(1001, (d) => text(d, note.id).format(0, 5, { bold: true }))
    const b = concurrent(1002, (d) => text(d, note.id).format(0, 10, { bold: true }))
    const c = concurrent(1003, (d) => text(d, note.id).format(2, 4, { bold: null }))
    expect(await send('participant', a, 'anna')).toBe(true)
    expect(await send('participant', b, 'ben')).toBe(true)
    expect(await send('participant', c, 'ben')).toBe(true)
    await z.room.idle()
    // A browser that took everything the relay sent.
    const browser = new Y.Doc()
    Y.applyUpdate(browser, base)
    for (const u of [a, b, c]) Y.applyUpdate(browser, u)
    const liveSnapshot = Y.snapshot(z.room.doc)
    z.room.removeConnection(watcher)
    z.room.destroy()
    await z.load()
    expect(readRichText(text(z.room.doc, note.id))).toEqual(readRichText(text(browser, note.id)))
    expect(Y.equalSnapshots(Y.snapshot(z.room.doc), liveSnapshot)).toBe(true)
  })
  // Was broken: Ben filled what Anna's text keeps unread up to keptText.ts's 1 MiB bound and locked her out.
  // Hidden marks are now tidied away as they come (richTextTidy.ts), so nobody fills her text with what she cannot see.
  it('Ben cannot fill Anna’s text with what it keeps unread: his hidden marks are tidied away and she types on', async () => {
    const note = await board()
    const kept = keptTextChars(text(z.room.doc, note.id))
    for (let i = 0; i < 8; i++) {
      expect(await attempt('participant', (d) => text(d, note.id).format(lineEnd(d, note.id), 1, { [`m${i}`]: { j: 'x'.repeat(8_000) } }), 'ben')).toBe(true)
    }
    expect(keptTextChars(text(z.room.doc, note.id))).toBe(kept)
    // Nor with ends of a mark alone, each ending nothing (an update's own end made void by concurrency passes only with its begin).
    const ends = new Y.Doc()
    ends.clientID = 4242
    Y.applyUpdate(ends, Y.encodeStateAsUpdate(z.room.doc))
    text(ends, note.id).format(2, 3, { ['p'.repeat(1_000)]: true })
    // Its begin (clock 0) left behind: the update holds the end alone.
    const endAlone = Y.encodeStateAsUpdate(ends, Y.encodeStateVector(new Map([...Y.decodeStateVector(Y.encodeStateVector(z.room.doc)), [4242, 1]])))
    // Refused already as an update with a gap in Ben's clocks (1007); what matters: nothing taken.
    const ben = z.connection('participant', 'ben')
    z.room.addConnection(ben)
    z.room.receive(ben, encodeUpdate(endAlone))
    await z.room.idle()
    z.room.removeConnection(ben)
    expect(ben.closedWith).not.toBeNull()
    expect(keptTextChars(text(z.room.doc, note.id))).toBe(kept)
    expect(kept).toBeLessThan(maxKeptTextChars)
    expect(await attempt('participant', (d) => text(d, note.id).insert(0, 'ganz und gar ', {}), 'anna')).toBe(true)
    expect(richOf(note.id)).toEqual(paragraph('ganz und gar nicht einverstanden'))
  })
  it('Ben marks Anna’s last word up to its line end: she may still delete the word (the mark then read as nothing)', async () => {
    const note = await board()
    const at = 'nicht '.length
    expect(await attempt('participant', (d) => text(d, note.id).format(at, lineEnd(d, note.id) - at + 1, { bold: true }), 'ben')).toBe(true)
    expect(await attempt('participant', (d) => text(d, note.id).delete(at - 1, lineEnd(d, note.id) - at + 1), 'anna')).toBe(true)
    expect(richOf(note.id)).toEqual(paragraph('nicht'))
  })
  it('a refused update that deleted Anna’s Zettel on the rehearsal copy does not let Ben write into her text next', async () => {
    const note = await board()
    const own = { ...noteAt(100, 100, ''), meta: { [authorMetaKey]: 'ben' } } as TLShape
    const create = (d: Y.Doc) => {
      putRecords(d, [own])
      const created = new Y.Text()
      props(d, own.id).set('richText', created)
      writeRichText(created, paragraph('meins'))
    }
    expect(await attempt('participant', create, 'ben')).toBe(true)
    // One update: Anna's Zettel deleted, and Ben's own text made unreadable (its reading throws).
    const containers = Array.from({ length: 200 }, () => ({ type: 'blockquote' }))
    const poison = (d: Y.Doc) => {
      getRecordsMap(d).delete(note.id)
      text(d, own.id).format(lineEnd(d, own.id), 1, { containers })
    }
    await attempt('participant', poison, 'ben').catch(() => false)
    expect(readRecord(z.room.doc, note.id)).toBeDefined()
    // Ben types into Anna's protected Zettel.
    expect(await attempt('participant', (d) => text(d, note.id).insert(0, 'doch ', {}), 'ben')).toBe(false)
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
  })
  // Was broken: a mark on a line end read as nothing (richTextYjs.ts tokensOf) and was taken; Yjs still applied it
  // to characters typed concurrently before that line end, judged as Anna's own write. Now tidied away before
  // her words arrive (richTextTidy.ts).
  it('Ben’s link hidden on Anna’s line end does not end up on the words she types meanwhile', async () => {
    const note = await board()
    const base = Y.encodeStateAsUpdate(z.room.doc)
    const concurrent = (clientID: number, change: (d: Y.Doc) => void) => {
      const d = new Y.Doc()
      d.clientID = clientID
      Y.applyUpdate(d, base)
      const sv = Y.encodeStateVector(d)
      change(d)
      return Y.encodeStateAsUpdate(d, sv)
    }
    // Ben's client id sorts before Anna's: his format lands left of her concurrent characters.
    const ben = concurrent(11, (d) => text(d, note.id).format(lineEnd(d, note.id), 1, { link: { href: 'https://evil.example' } }))
    const anna = concurrent(2_000_000_000, (d) => text(d, note.id).insert(lineEnd(d, note.id), ' heute', {}))
    // Read as nothing: a mark on a line end, tidied away.
    expect(await send('participant', ben, 'ben')).toBe(true)
    expect(richOf(note.id)).toEqual(paragraph('nicht einverstanden'))
    expect(await send('participant', anna, 'anna')).toBe(true)
    expect(JSON.stringify(richOf(note.id))).not.toContain('evil.example')
  })
})

/**
 * Earlier texts of one's own Zettel, kept in this browser: the text before each burst of changes,
 * a bounded few per Zettel, none of others' Zettel, and gone with the Zettel.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { toRichText } from '@tldraw/tlschema'
import { getRecordsMap } from '../../shared/board/records.ts'
import { applyRichTextEdit, textBase } from '../../shared/board/richTextEdit.ts'
import type { RichTextNode } from '../../shared/board/richTextYjs.ts'
import { keepEarlierTexts } from '../../client/board/earlierTexts.ts'
import { noteAt, putRecords } from '../helpers/records.ts'

class MemoryStorage {
  items = new Map<string, string>()
  getItem = (key: string) => this.items.get(key) ?? null
  setItem = (key: string, value: string) => void this.items.set(key, value)
  removeItem = (key: string) => void this.items.delete(key)
}

function board() {
  const doc = new Y.Doc()
  const mine = { ...noteAt(0, 0, 'Start'), meta: { author: 'anna' } }
  const theirs = { ...noteAt(300, 0, 'Bens'), meta: { author: 'ben' } }
  putRecords(doc, [mine, theirs])
  // Their texts as JSON values, as a format 2 browser writes them (replaced whole); a Y.Text's
  // edits are the last test's.
  for (const note of [mine, theirs]) ((getRecordsMap(doc).get(note.id) as Y.Map<Y.Map<unknown>>).get('props')!).set('richText', (note.props as { richText: unknown }).richText)
  let clock = 0
  const storage = new MemoryStorage()
  const earlier = keepEarlierTexts(doc, 'board', 'anna', storage as unknown as Storage, () => clock)
  const retext = (id: string, text: string, after = 10_000) => {
    clock += after
    ;((getRecordsMap(doc).get(id) as Y.Map<Y.Map<unknown>>).get('props')!).set('richText', toRichText(text))
  }
  return { doc, mine, theirs, earlier, retext, storage }
}

describe("a Zettel's earlier texts", () => {
  it('keeps the text before each burst of typing, a few per Zettel, and of own Zettel only', () => {
    const { mine, theirs, earlier, retext } = board()
    retext(mine.id, 'S')
    for (const text of ['Si', 'Sit', 'Sitz']) retext(mine.id, text, 200)
    expect(earlier.latest(mine.id)).toEqual(toRichText('Start'))
    retext(theirs.id, 'Bens neu')
    expect(earlier.latest(theirs.id)).toBeUndefined()
    for (let i = 0; i < 8; i++) retext(mine.id, `Fassung ${i}`)
    const taken = Array.from({ length: 6 }, () => earlier.take(mine.id))
    expect(taken).toEqual([...[6, 5, 4, 3, 2].map((i) => toRichText(`Fassung ${i}`)), undefined])
  })

  it('forgets a Zettel’s texts when the Zettel is deleted', () => {
    const { doc, mine, earlier, retext, storage } = board()
    retext(mine.id, 'Neu')
    expect(earlier.latest(mine.id)).toEqual(toRichText('Start'))
    getRecordsMap(doc).delete(mine.id)
    expect(earlier.latest(mine.id)).toBeUndefined()
    expect(storage.items.size).toBe(0)
  })

  // Was broken: with a Zettel's text a Y.Text (format 3), edits reach the text as changes inside it, and
  // this browser kept nothing: „Frühere Fassung zurückholen“ had nothing to bring back.
  it('keeps the text before a burst of changes inside a Zettel’s Y.Text, its own or another’s', () => {
    const doc = new Y.Doc()
    const mine = { ...noteAt(0, 0, 'Start'), meta: { author: 'anna' } }
    putRecords(doc, [mine])
    const text = ((getRecordsMap(doc).get(mine.id) as Y.Map<Y.Map<unknown>>).get('props')!).get('richText')
    expect(text).toBeInstanceOf(Y.Text)
    let clock = 0
    const earlier = keepEarlierTexts(doc, 'board', 'anna', new MemoryStorage() as unknown as Storage, () => clock)
    const type = (words: string, after = 10_000) => {
      clock += after
      const base = textBase(text as Y.Text)
      applyRichTextEdit(text as Y.Text, base, toRichText(words) as RichTextNode)
    }
    type('Start und Ziel')
    for (const words of ['Start und Ziele', 'Start und Ziele!']) type(words, 200)
    expect(earlier.latest(mine.id)).toEqual(toRichText('Start'))
    type('Ziele')
    expect(earlier.take(mine.id)).toEqual(toRichText('Start und Ziele!'))
    expect(earlier.take(mine.id)).toEqual(toRichText('Start'))
  })
})

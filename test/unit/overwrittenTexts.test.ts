/**
 * A Zettel's text changed in two places unseen: only the browser whose text Yjs dropped hears of
 * it, once, with its own text; an edit made after reading the other's text is no clash.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { toRichText } from '@tldraw/tlschema'
import { getRecordsMap } from '../../shared/board/records.ts'
import { watchOverwrittenTexts, type OverwrittenText } from '../../client/sync/overwrittenTexts.ts'
import { noteAt, putRecords } from '../helpers/records.ts'

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
const retext = (doc: Y.Doc, id: string, text: string) =>
  ((getRecordsMap(doc).get(id) as Y.Map<Y.Map<unknown>>).get('props')!).set('richText', toRichText(text))

/** A doc with a fixed client id: of two values written at once, Yjs keeps the higher id's. */
const docOf = (clientID: number) => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return doc
}

function twoBrowsers() {
  const [a, b] = [docOf(1), docOf(2)]
  const note = noteAt(0, 0, 'Treffpunkt')
  putRecords(a, [note])
  sync(a, b)
  const heard = new Map<Y.Doc, OverwrittenText[]>([[a, []], [b, []]])
  for (const doc of [a, b]) watchOverwrittenTexts(doc, () => new Set(), (text) => heard.get(doc)!.push(text))
  return { a, b, id: note.id, heard }
}

describe('texts overwritten unseen', () => {
  it('tells only the browser whose text was dropped, with its text', () => {
    const { a, b, id, heard } = twoBrowsers()
    retext(a, id, 'Familienzentrum')
    retext(b, id, 'Rathaus')
    sync(a, b)
    sync(b, a)
    for (const doc of [a, b]) expect((getRecordsMap(doc).get(id) as Y.Map<Y.Map<unknown>>).get('props')!.get('richText')).toEqual(toRichText('Rathaus'))
    expect(heard.get(b)).toEqual([])
    expect(heard.get(a)).toEqual([{ id, richText: toRichText('Familienzentrum') }])
  })

  it('an edit made on top of the other text is no clash', () => {
    const { a, b, id, heard } = twoBrowsers()
    retext(a, id, 'Familienzentrum')
    sync(a, b)
    retext(b, id, 'Familienzentrum, Raum 2')
    sync(b, a)
    expect(heard.get(a)).toEqual([])
    expect(heard.get(b)).toEqual([])
  })

  it("counts an earlier tab's writes of this browser as its own", () => {
    const [earlier, server, now] = [docOf(1), docOf(1000), docOf(2)]
    const note = noteAt(0, 0, 'Treffpunkt')
    putRecords(server, [note])
    sync(server, earlier)
    retext(earlier, note.id, 'offline geschrieben')
    retext(server, note.id, 'Rathaus')
    // The next tab holds the offline copy, then meets the relay.
    sync(earlier, now)
    const heard: OverwrittenText[] = []
    watchOverwrittenTexts(now, () => new Set([earlier.clientID]), (text) => heard.push(text))
    sync(server, now)
    expect(heard).toEqual([{ id: note.id, richText: toRichText('offline geschrieben') }])
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { changesSince, seenNow, type Changes } from '../../shared/board/changesSince.ts'
import { comments, type Comment } from '../../shared/board/comments.ts'
import { getMetaMap, getRecordsMap, upgradeFormat, writeRecord, type StoredRecord } from '../../shared/board/records.ts'
import { formatVersionKey } from '../../shared/board/ydoc.ts'
import { toRichText } from 'tldraw'

const page = 'page:one'

function note(id: string, text: string, x = 0, y = 0): StoredRecord {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'note',
    parentId: page,
    index: 'a1',
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    props: { richText: text, color: 'yellow' },
    meta: {},
  }
}
const frame = (id: string): StoredRecord => ({ ...note(id, ''), type: 'frame', props: { name: id, w: 100, h: 100 } })

/** Two people's docs on one board, passing every update on as the relay does. */
function board() {
  const relay = new Y.Doc()
  const join = () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(relay))
    relay.on('update', (update: Uint8Array, origin: unknown) => origin !== doc && Y.applyUpdate(doc, update, relay))
    doc.on('update', (update: Uint8Array, origin: unknown) => origin !== relay && Y.applyUpdate(relay, update, doc))
    return doc
  }
  return { relay, join }
}

const write = (doc: Y.Doc, record: StoredRecord) => writeRecord(getRecordsMap(doc), record)
const comment = (text: string, extra: Partial<Comment> = {}): Comment => ({
  author: 'a1',
  name: 'Ben',
  text,
  at: 1,
  target: { kind: 'shape', shapeId: 'shape:a', pageId: page },
  ...extra,
})

/** The comparable result, ids sorted, for assertions. */
function comparable(changes: Changes) {
  if (!changes.comparable) throw new Error(`not comparable: ${changes.reason}`)
  return { ...changes, shapes: [...changes.shapes].sort((a, b) => a.id.localeCompare(b.id)) }
}

describe('what changed since a browser last saw the board', () => {
  it('finds new Zettel, changed text, moved shapes, deletions and comments, and nothing else', () => {
    const { join } = board()
    const anna = join()
    for (const id of ['a', 'b', 'c', 'd']) write(anna, note(id, id))
    write(anna, frame('f'))
    comments(anna).set('c1', comment('Frage'))
    const seen = seenNow(anna)
    anna.destroy()

    const ben = join()
    write(ben, note('new1', 'neu'))
    write(ben, note('new2', 'auch neu'))
    write(ben, frame('g'))
    write(ben, { ...note('a', 'a'), x: 300, y: 40 })
    write(ben, note('b', 'geändert'))
    write(ben, { ...note('c', 'c'), props: { richText: 'c', color: 'red' } })
    getRecordsMap(ben).delete('shape:d')
    comments(ben).set('c2', comment('Antwort', { replyTo: 'c1', target: undefined }))
    comments(ben).set('c1', comment('Frage', { resolved: true }))

    const returning = join()
    const changes = comparable(changesSince(returning, seen))
    expect(changes.shapes).toEqual([
      { id: 'shape:a', kind: 'changed', note: true, moved: true, text: false },
      { id: 'shape:b', kind: 'changed', note: true, moved: false, text: true },
      { id: 'shape:c', kind: 'changed', note: true, moved: false, text: false },
      { id: 'shape:g', kind: 'new', note: false, moved: false, text: false },
      { id: 'shape:new1', kind: 'new', note: true, moved: false, text: false },
      { id: 'shape:new2', kind: 'new', note: true, moved: false, text: false },
    ])
    expect(changes.deletedShapes).toBe(1)
    expect(changes.comments.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'c1', kind: 'changed' },
      { id: 'c2', kind: 'new' },
    ])
  })

  it('says nothing changed when nothing did, and after watching the changes arrive', () => {
    const { join } = board()
    const anna = join()
    write(anna, note('a', 'a'))
    expect(comparable(changesSince(anna, seenNow(anna)))).toEqual({ comparable: true, shapes: [], deletedShapes: 0, comments: [] })

    const ben = join()
    write(ben, note('b', 'b'))
    getRecordsMap(ben).delete('shape:a')
    // Anna watched them arrive: her next "seen" includes them.
    expect(comparable(changesSince(anna, seenNow(anna)))).toEqual({ comparable: true, shapes: [], deletedShapes: 0, comments: [] })
  })

  it('leaves out what this page wrote itself, and a shape made and deleted while away', () => {
    const { join } = board()
    const anna = join()
    write(anna, note('a', 'a'))
    const seen = seenNow(anna)
    const ben = join()
    write(ben, note('gone', 'kurz'))
    getRecordsMap(ben).delete('shape:gone')
    const returning = join()
    write(returning, note('mine', 'eigener'))
    expect(comparable(changesSince(returning, seen, { ignoreClient: returning.clientID }))).toEqual({
      comparable: true,
      shapes: [],
      deletedShapes: 0,
      comments: [],
    })
  })

  it("leaves out what this browser's other tabs wrote; someone else's change to it is a change, not news", () => {
    const { join } = board()
    const first = join()
    const seen = seenNow(first)
    // Another tab of the same browser writes a Zettel and a comment; Kim resolves the comment.
    const otherTab = join()
    write(otherTab, note('mine', 'eigener'))
    comments(otherTab).set('c1', comment('Frage'))
    const kim = join()
    comments(kim).set('c1', comment('Frage', { resolved: true }))
    const returning = join()
    expect(comparable(changesSince(returning, seen, { ignoreClient: returning.clientID, ignoreClients: new Set([otherTab.clientID]) }))).toEqual({
      comparable: true,
      shapes: [],
      deletedShapes: 0,
      comments: [{ id: 'c1', kind: 'changed' }],
    })
  })

  it('reads the same after the relay collected garbage and stored and reloaded the board', () => {
    const { relay, join } = board()
    const anna = join()
    for (const id of ['a', 'b', 'c']) write(anna, note(id, id))
    getRecordsMap(anna).delete('shape:c')
    const seen = seenNow(anna)
    const ben = join()
    write(ben, note('a', 'neu'))
    getRecordsMap(ben).delete('shape:b')
    write(ben, note('n', 'n'))
    // The relay's doc collects deleted content (gc is on by default); a reload starts from its encoding.
    expect(relay.gc).toBe(true)
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(relay))
    const changes = comparable(changesSince(reloaded, seen))
    expect(changes.shapes.map((s) => [s.id, s.kind])).toEqual([
      ['shape:a', 'changed'],
      ['shape:n', 'new'],
    ])
    expect(changes.deletedShapes).toBe(1)
  })

  it('says nothing rather than everything for a board restored from an older copy', () => {
    const { relay, join } = board()
    const anna = join()
    write(anna, note('a', 'a'))
    const backup = Y.encodeStateAsUpdate(relay)
    write(anna, note('b', 'b'))
    const seen = seenNow(anna)
    const restored = new Y.Doc()
    Y.applyUpdate(restored, backup)
    write(restored, note('c', 'c'))
    expect(changesSince(restored, seen)).toEqual({ comparable: false, reason: 'not-a-successor' })
    // Another document altogether (a board made anew with the same content).
    const other = new Y.Doc()
    write(other, note('a', 'a'))
    expect(changesSince(other, seen)).toEqual({ comparable: false, reason: 'not-a-successor' })
    expect(changesSince(other, new Uint8Array([1, 2, 3]))).toEqual({ comparable: false, reason: 'not-a-successor' })
  })

  it('says nothing rather than everything for a board the relay upgraded from format 1', () => {
    const { relay, join } = board()
    const anna = join()
    anna.transact(() => {
      for (const id of ['a', 'b']) getRecordsMap(anna).set(`shape:${id}`, note(id, id))
      getMetaMap(anna).set(formatVersionKey, 1)
    })
    const seen = seenNow(anna)
    expect(upgradeFormat(relay)).toBe(true)
    expect(changesSince(join(), seen)).toEqual({ comparable: false, reason: 'upgraded' })
  })

  it('still counts what changed on a board whose first visitor stamped the format', () => {
    const { join } = board()
    const anna = join()
    const seen = seenNow(anna)
    const ben = join()
    ben.transact(() => getMetaMap(ben).set(formatVersionKey, 2))
    write(ben, note('a', 'a'))
    expect(comparable(changesSince(join(), seen)).shapes.map((s) => s.id)).toEqual(['shape:a'])
  })
})

describe('since the last visit, with texts as Y.Texts (format 3)', () => {
  const zettel = (id: string, text: string) => ({ ...note(id, ''), props: { richText: toRichText(text), color: 'yellow' } }) as StoredRecord
  const ytext = (doc: Y.Doc, id: string) => ((getRecordsMap(doc).get(`shape:${id}`) as Y.Map<Y.Map<unknown>>).get('props')!).get('richText') as Y.Text

  it('counts a word typed or deleted inside a Zettel’s text as a change of its text, and one’s own typing not', () => {
    const { join } = board()
    const anna = join()
    write(anna, zettel('a', 'Treffen im Jugendamt'))
    write(anna, zettel('b', 'Zweiter Zettel'))
    write(anna, zettel('c', 'Dritter Zettel'))
    const seen = seenNow(anna)
    const ben = join()
    ytext(ben, 'a').insert(7, 'morgen ')
    ytext(ben, 'b').delete(0, 7)
    ytext(anna, 'c').insert(0, 'Mein ')
    const changes = comparable(changesSince(join(), seen, { ignoreClient: anna.clientID }))
    expect(changes.shapes).toEqual([
      { id: 'shape:a', kind: 'changed', note: true, moved: false, text: true },
      { id: 'shape:b', kind: 'changed', note: true, moved: false, text: true },
    ])
  })

  it('reports no Zettel changed after the relay upgraded a format 2 board, and still a word typed since', () => {
    const marked = { type: 'doc', content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'ganz ' }, { type: 'text', text: 'fett', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'schräg', marks: [{ type: 'bold' }, { type: 'italic' }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Punkt' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'zwei' }] }] }] },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Titel' }] },
    ] }
    const { relay, join } = board()
    const anna = join()
    anna.transact(() => {
      for (const id of ['a', 'b']) {
        write(anna, zettel(id, `Zettel ${id}`))
        const props = (getRecordsMap(anna).get(`shape:${id}`) as Y.Map<Y.Map<unknown>>).get('props')!
        props.set('richText', id === 'a' ? marked : toRichText(`Zettel ${id}`))
      }
      getMetaMap(anna).set(formatVersionKey, 2)
    })
    const seen = seenNow(anna)
    expect(upgradeFormat(relay)).toBe(true)
    expect(comparable(changesSince(join(), seen)).shapes).toEqual([])
    const ben = join()
    ytext(ben, 'b').insert(0, 'Neu: ')
    expect(comparable(changesSince(join(), seen)).shapes).toEqual([{ id: 'shape:b', kind: 'changed', note: true, moved: false, text: true }])
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createUserId, UserRecordType, type TLPageId, type TLStore } from 'tldraw'
import { startBoardSync, type BoardSync } from '../../client/sync/boardSync.ts'
import { getRecordsMap } from '../../client/sync/boardDoc.ts'
import { documentRecords, geoShape, linkedDocs, makeStore } from '../helpers/boardStores.ts'
import { writeRecord } from '../../shared/board/records.ts'
import { applyRichTextEdit, textBase } from '../../shared/board/richTextEdit.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { Editor as TextEditor } from '@tiptap/core'
import { tipTapDefaultExtensions } from 'tldraw'
import { mergedContent, showArrivingText } from '../../client/board/textEditorContent.ts'
import { HistoryManager, toRichText, type TLGeoShape, type TLRecord } from 'tldraw'

const syncs: BoardSync[] = []
afterEach(() => {
  syncs.splice(0).forEach((s) => s.dispose())
  vi.restoreAllMocks()
})

function start(store: TLStore, doc: Y.Doc): BoardSync {
  const sync = startBoardSync(store, doc)
  syncs.push(sync)
  return sync
}

/** Two peers on one board: A created it, B joined after A's first page reached the doc. */
function twoPeers() {
  const [docA, docB] = linkedDocs()
  const storeA = makeStore('Anna')
  const storeB = makeStore('Ben')
  start(storeA, docA)
  start(storeB, docB)
  const pageId = storeA.query.ids('page').get().values().next().value as TLPageId
  return { docA, docB, storeA, storeB, pageId }
}

function countStoreChanges(store: TLStore) {
  const counts = { user: 0, remote: 0 }
  const stop = store.listen(({ source }) => counts[source]++, { scope: 'document' })
  return { counts, stop }
}

function countUpdates(doc: Y.Doc) {
  const counts = { updates: 0, transactions: 0 }
  doc.on('update', () => counts.updates++)
  // Empty transactions send nothing but still show that someone wrote back.
  doc.on('afterTransaction', () => counts.transactions++)
  return counts
}

describe('record bridge', () => {
  it('gives a new board its first page and document, and the joining peer the same records', () => {
    const { storeA, storeB, docA } = twoPeers()
    expect(storeA.query.ids('page').get().size).toBe(1)
    expect(documentRecords(storeB)).toEqual(documentRecords(storeA))
    expect([...getRecordsMap(docA).keys()].sort()).toEqual(
      documentRecords(storeA).map((r) => (r as { id: string }).id),
    )
  })

  it('carries a local shape through the doc into the other store', () => {
    const { storeA, storeB, pageId } = twoPeers()
    const shape = geoShape(pageId, { text: 'Hallo', color: 'blue' })
    storeA.put([shape])
    expect(storeB.get(shape.id)).toEqual(shape)
    storeA.update(shape.id, (s) => ({ ...s, x: 250 }))
    expect(storeB.get(shape.id)?.x).toBe(250)
    expect(documentRecords(storeB)).toEqual(documentRecords(storeA))
  })

  it('does not echo: one local change is one doc update per side and one remote store change', () => {
    const { docA, docB, storeA, storeB, pageId } = twoPeers()
    const updatesA = countUpdates(docA)
    const updatesB = countUpdates(docB)
    const changesA = countStoreChanges(storeA)
    const changesB = countStoreChanges(storeB)
    const mergeA = vi.spyOn(storeA, 'mergeRemoteChanges')

    storeA.put([geoShape(pageId)])

    expect(updatesA).toEqual({ updates: 1, transactions: 1 })
    expect(updatesB).toEqual({ updates: 1, transactions: 1 })
    expect(mergeA).not.toHaveBeenCalled()
    expect(changesA.counts).toEqual({ user: 1, remote: 0 })
    expect(changesB.counts).toEqual({ user: 0, remote: 1 })
    changesA.stop()
    changesB.stop()
  })

  it('writes nothing when a change leaves the record as the doc already has it', () => {
    const { docA, storeA, pageId } = twoPeers()
    const shape = geoShape(pageId)
    storeA.put([shape])
    const updates = countUpdates(docA)
    storeA.put([{ ...shape, x: 10 }])
    storeA.put([shape])
    // Each put is its own flush here, so two writes; but re-putting the same value writes none.
    storeA.put([shape])
    expect(updates.updates).toBe(2)
  })

  it('deletes remotely', () => {
    const { docA, storeA, storeB, pageId } = twoPeers()
    const shape = geoShape(pageId)
    storeA.put([shape])
    expect(storeB.has(shape.id)).toBe(true)
    storeB.remove([shape.id])
    expect(storeA.has(shape.id)).toBe(false)
    expect(getRecordsMap(docA).has(shape.id)).toBe(false)
  })

  it('skips an invalid remote record with a warning and keeps syncing', () => {
    const { docB, storeA, pageId } = twoPeers()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const broken = { ...geoShape(pageId), id: 'shape:broken', props: { w: 'wide' } }
    getRecordsMap(docB).set(broken.id, broken)
    getRecordsMap(docB).set('shape:misfiled', { ...geoShape(pageId), id: 'shape:other' })

    expect(storeA.has(broken.id as never)).toBe(false)
    expect(storeA.has('shape:misfiled' as never)).toBe(false)
    // Both peers see the bad entries (B wrote them straight into its doc), and both refuse them.
    const warnings = warn.mock.calls.map((call) => String(call[0]))
    expect(warnings.filter((w) => w.includes('shape:broken'))).toHaveLength(2)
    expect(warnings.filter((w) => w.includes('shape:misfiled'))).toHaveLength(2)

    const good = geoShape(pageId, { text: 'still works' })
    getRecordsMap(docB).set(good.id, good)
    expect(storeA.get(good.id)).toEqual(good)
  })

  it('keeps user records (names) out of the doc', () => {
    const { docA, storeA } = twoPeers()
    const user = UserRecordType.create({ id: createUserId('anna'), name: 'Anna', color: '#f00' })
    storeA.put([user])
    expect(getRecordsMap(docA).has(user.id)).toBe(false)
    expect(JSON.stringify(getRecordsMap(docA).toJSON())).not.toContain('Anna')
  })

  it('stops in both directions after dispose', () => {
    const { docA, docB, storeA, storeB, pageId } = twoPeers()
    syncs[0].dispose()
    const updatesA = countUpdates(docA)
    storeA.put([geoShape(pageId)])
    expect(updatesA.updates).toBe(0)
    const shape = geoShape(pageId)
    storeB.put([shape])
    expect(getRecordsMap(docB).has(shape.id)).toBe(true)
    expect(storeA.has(shape.id)).toBe(false)
  })
})

describe('record bridge: a text held as a Y.Text (format 3, staged)', () => {
  const base = 'Treffen im Jugendamt'
  const added = ' (nur mit Bildungsträger)'

  /** Two peers with a note whose text is a Y.Text, and a way to type into B's doc as another replica would. */
  function withText() {
    const peers = twoPeers()
    const shape = geoShape(peers.pageId, { text: base })
    writeRecord(getRecordsMap(peers.docA), shape as never)
    const textIn = (doc: Y.Doc) => ((getRecordsMap(doc).get(shape.id) as Y.Map<Y.Map<unknown>>).get('props')!).get('richText') as Y.Text
    const append = (doc: Y.Doc, words: string) => {
      const read = textBase(textIn(doc))
      applyRichTextEdit(textIn(doc), read, toRichText(plainText(read.json) + words) as never)
    }
    const shown = (store: TLStore) => plainText((store.get(shape.id) as TLGeoShape).props.richText)
    return { ...peers, shape, textIn, append, shown }
  }

  /** tldraw's store listeners held until `run()`, as in a browser where they wait for the next frame. */
  function frames() {
    const queue: FrameRequestCallback[] = []
    const global = globalThis as Record<string, unknown>
    const saved = { force: global.__FORCE_RAF_IN_TESTS__, raf: global.requestAnimationFrame }
    global.__FORCE_RAF_IN_TESTS__ = true
    global.requestAnimationFrame = (callback: FrameRequestCallback) => queue.push(callback)
    return {
      run: () => {
        while (queue.length > 0) queue.shift()!(0)
      },
      restore: () => {
        Object.assign(global, { __FORCE_RAF_IN_TESTS__: saved.force, requestAnimationFrame: saved.raf })
      },
    }
  }

  it('shows words typed into the Y.Text on another replica in the store', () => {
    const { docB, storeA, storeB, append, shown } = withText()
    expect(shown(storeA)).toBe(base)
    append(docB, added)
    expect(shown(storeA)).toBe(base + added)
    expect(shown(storeB)).toBe(base + added)
  })

  it('writes a canvas edit as a change, keeping words that arrived before the store’s change reached the doc', () => {
    const { docA, docB, storeA, storeB, shape, textIn, append, shown } = withText()
    const frame = frames()
    try {
      // Anna types; her store holds it, the doc not yet (the bridge writes a frame later).
      storeA.update(shape.id, (s) => ({ ...s, props: { ...(s as TLGeoShape).props, richText: toRichText(`${base} am Dienstag`) } }) as TLGeoShape)
      // Meanwhile Ben's words arrive.
      append(docB, added)
      frame.run()
    } finally {
      frame.run()
      frame.restore()
    }
    const both = `${base} am Dienstag${added}`
    expect(shown(storeA)).toBe(both)
    expect(shown(storeB)).toBe(both)
    for (const doc of [docA, docB]) expect(plainText(textBase(textIn(doc)).json)).toBe(both)
    expect(textIn(docA)).toBeInstanceOf(Y.Text)
  })

  /** tldraw's undo history over a store, as the editor keeps it (a stopping point = a mark). */
  function history(store: TLStore) {
    const manager = new HistoryManager<TLRecord>({ store })
    return Object.assign(manager, { mark: (id: string) => (manager as unknown as { _mark(id: string): void })._mark(id) })
  }
  const typeInto = (store: TLStore, id: TLGeoShape['id'], text: string) =>
    store.update(id, (s) => ({ ...s, props: { ...(s as TLGeoShape).props, richText: toRichText(text) } }) as TLGeoShape)

  it('undoes and redoes one’s own typing on the canvas, keeping words others typed since', () => {
    const { docA, docB, storeA, storeB, shape, textIn, append, shown } = withText()
    const annaHistory = history(storeA)
    annaHistory.mark('typing')
    typeInto(storeA, shape.id, `${base} am`)
    typeInto(storeA, shape.id, `${base} am Dienstag`)
    append(docB, added)
    expect(shown(storeB)).toBe(`${base} am Dienstag${added}`)

    annaHistory.undo()
    for (const store of [storeA, storeB]) expect(shown(store)).toBe(base + added)
    for (const doc of [docA, docB]) expect(plainText(textBase(textIn(doc)).json)).toBe(base + added)

    annaHistory.redo()
    for (const store of [storeA, storeB]) expect(shown(store)).toBe(`${base} am Dienstag${added}`)
    for (const doc of [docA, docB]) expect(plainText(textBase(textIn(doc)).json)).toBe(`${base} am Dienstag${added}`)
  })

  it('undoes step by step back to each stopping point, and redoes, with others typing between the steps', () => {
    const { docA, docB, storeA, storeB, shape, textIn, append, shown } = withText()
    const annaHistory = history(storeA)
    const read = () => [storeA, storeB].map(shown).concat([docA, docB].map((doc) => plainText(textBase(textIn(doc)).json)))
    annaHistory.mark('first')
    typeInto(storeA, shape.id, `Heute: ${base}`)
    append(docB, ' (Raum 2)')
    annaHistory.mark('second')
    typeInto(storeA, shape.id, `Heute: ${base} um 10 Uhr (Raum 2)`)
    append(docB, '!')

    annaHistory.undo()
    expect(read()).toEqual(Array(4).fill(`Heute: ${base} (Raum 2)!`))
    annaHistory.undo()
    expect(read()).toEqual(Array(4).fill(`${base} (Raum 2)!`))
    annaHistory.redo()
    annaHistory.redo()
    expect(read()).toEqual(Array(4).fill(`Heute: ${base} um 10 Uhr (Raum 2)!`))
  })

  it('undoes the first edit after joining a board whose text was there before', () => {
    const [docA, docB] = linkedDocs()
    const storeB = makeStore('Ben')
    start(storeB, docB)
    const pageId = storeB.query.ids('page').get().values().next().value as TLPageId
    const shape = geoShape(pageId, { text: base })
    writeRecord(getRecordsMap(docB), shape as never)
    const storeA = makeStore('Anna')
    start(storeA, docA)
    const ytext = (doc: Y.Doc) => ((getRecordsMap(doc).get(shape.id) as Y.Map<Y.Map<unknown>>).get('props')!).get('richText') as Y.Text
    const annaHistory = history(storeA)
    annaHistory.mark('typing')
    typeInto(storeA, shape.id, `${base} am Dienstag`)
    const read = textBase(ytext(docB))
    applyRichTextEdit(ytext(docB), read, toRichText(plainText(read.json) + added) as never)
    annaHistory.undo()
    for (const store of [storeA, storeB]) expect(plainText((store.get(shape.id) as TLGeoShape).props.richText)).toBe(base + added)
  })

  it('undoes typing whose store change the doc had not yet received when others’ words arrived', () => {
    const { docA, docB, storeA, storeB, shape, textIn, append, shown } = withText()
    const annaHistory = history(storeA)
    const frame = frames()
    try {
      annaHistory.mark('typing')
      typeInto(storeA, shape.id, `${base} am Dienstag`)
      append(docB, added)
      frame.run()
      annaHistory.undo()
      append(docB, '!')
      frame.run()
    } finally {
      frame.run()
      frame.restore()
    }
    for (const store of [storeA, storeB]) expect(shown(store)).toBe(`${base}${added}!`)
    for (const doc of [docA, docB]) expect(plainText(textBase(textIn(doc)).json)).toBe(`${base}${added}!`)
  })

  it('keeps words that arrive between the store’s merge and the editor’s next render when one types on', () => {
    const { docA, docB, storeA, shape, textIn, append } = withText()
    // Anna's open text editor, wired as tldraw's RichTextArea wires it: each change into the store.
    const textEditor = new TextEditor({
      element: null,
      extensions: [...tipTapDefaultExtensions, mergedContent],
      enableCoreExtensions: { textDirection: false },
      content: (storeA.get(shape.id) as TLGeoShape).props.richText as never,
    })
    textEditor.on('update', ({ editor }) =>
      storeA.update(shape.id, (s) => ({ ...s, props: { ...(s as TLGeoShape).props, richText: editor.state.doc.toJSON() } }) as TLGeoShape),
    )
    const stop = showArrivingText(storeA, () => ({ id: shape.id, textEditor }))
    const type = (text: string) => textEditor.commands.command(({ tr }) => (tr.insertText(text, tr.doc.content.size - 1), true))
    const frame = frames()
    try {
      type(' am Dienstag')
      append(docB, added)
      // React has not rendered the merged text yet (tldraw would set it in a layout effect).
      type('!')
      frame.run()
    } finally {
      frame.run()
      frame.restore()
      stop()
      textEditor.destroy()
    }
    const all = `${base} am Dienstag${added}!`
    for (const doc of [docA, docB]) expect(plainText(textBase(textIn(doc)).json)).toBe(all)
    expect(textEditor.state.doc.textContent).toBe(all)
  })

  it('keeps words that reached the store when the editor types on', () => {
    const { docA, docB, storeA, storeB, shape, textIn, append, shown } = withText()
    append(docB, added)
    storeA.update(shape.id, (s) => ({ ...s, props: { ...(s as TLGeoShape).props, richText: toRichText(`${base}!${added}`) } }) as TLGeoShape)
    for (const store of [storeA, storeB]) expect(shown(store)).toBe(`${base}!${added}`)
    for (const doc of [docA, docB]) expect(plainText(textBase(textIn(doc)).json)).toBe(`${base}!${added}`)
  })
})

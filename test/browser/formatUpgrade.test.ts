/**
 * A board of format 2 (every text a JSON value) opened in Chromium after the upgrade to format 3
 * (texts are `Y.Text`s): the relay upgrades the stored board when someone first joins, and a
 * browser's offline copy of format 2 (IndexedDB, y-indexeddb's layout) is merged after the relay's
 * state is in (`client/sync/legacyCopy.ts`): the text edited offline keeps the words typed into
 * the upgraded text meanwhile, the Zettel made and the move made offline arrive, and the copy is
 * stored in format 3 from then on (an offline reload reads it once, nothing merged again).
 * For the facilitator and for a participant whose Zettel it is (others' Zettel protected, as by
 * default). Screenshots: test/artifacts/format-upgrade-*.png.
 */
import { randomBytes } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { toRichText, type TLShapeId } from '@tldraw/tlschema'
import type { CreatedBoard } from '../../shared/api.ts'
import { boardPath } from '../../shared/access.ts'
import { authorId } from '../../shared/author.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getMetaMap, getRecordsMap } from '../../shared/board/records.ts'
import { readRichText, type RichTextNode } from '../../shared/board/richTextYjs.ts'
import { applyRichTextEdit, textBase } from '../../shared/board/richTextEdit.ts'
import { formatVersionKey } from '../../shared/board/ydoc.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { issueTokens, linksFor } from '../../server/links/access.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardBrowserSuite, openBoardPage, shellCached } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, until, whenSynced } from '../helpers/clients.ts'
import { noteAt, putRecords, recordsIn, writeFormat2Record } from '../helpers/records.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

/** The Zettel of a board, `anna` the author id of the browser with the offline copy. */
function zettelOf(anna: string) {
  const zettel = { ...noteAt(10, 20, 'Treffen im Jugendamt', 'shape:treffen' as TLShapeId), meta: { [authorMetaKey]: anna } }
  const other = { ...noteAt(10, 320, 'Elternabend im Quartal', 'shape:elternabend' as TLShapeId), meta: { [authorMetaKey]: 'ben' } }
  return {
    zettel,
    other,
    /** Written offline into the copy: the Zettel's text replaced whole (as format 2 wrote it) and the Zettel moved; Ben's Zettel moved. */
    offline: [
      { ...zettel, x: 420, y: 260, props: { ...zettel.props, richText: toRichText('Treffen im Jugendamt mittwochs') } },
      { ...other, x: 60, y: 600 },
      { ...noteAt(700, 20, 'Neu von unterwegs', 'shape:unterwegs' as TLShapeId), meta: { [authorMetaKey]: anna } },
    ],
  }
}
/** Typed into the upgraded text by the facilitator on the relay meanwhile. */
const typedMeanwhile = 'Erstes Treffen im Jugendamt'
/** The Zettel as every screen shows them afterwards. */
const expected = {
  'shape:treffen': { text: 'Erstes Treffen im Jugendamt mittwochs', x: 420, y: 260 },
  'shape:elternabend': { text: 'Elternabend im Quartal', x: 60, y: 600 },
  'shape:unterwegs': { text: 'Neu von unterwegs', x: 600, y: -80 },
}

/** A Planspiel board with two Zettel as a format 2 relay stored it: every text a JSON value, stamped 2. */
function formatTwoState({ zettel, other }: ReturnType<typeof zettelOf>): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, templateDocument({ template: 'planspiel', locale: 'de' }))
  putRecords(doc, [zettel, other])
  doc.transact(() => {
    getRecordsMap(doc).forEach((entry) => {
      const props = entry instanceof Y.Map ? entry.get('props') : undefined
      const text = props instanceof Y.Map ? props.get('richText') : undefined
      if (text instanceof Y.Text) props.set('richText', readRichText(text))
    })
    getMetaMap(doc).set(formatVersionKey, 2)
  })
  return Y.encodeStateAsUpdate(doc)
}

/** The browser's copy of format 2: the stored state, and what it wrote offline as its own update (as y-indexeddb stores them). */
function offlineCopy(stored: Uint8Array, offline: ReturnType<typeof zettelOf>['offline']): Uint8Array[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stored)
  const records = getRecordsMap(doc)
  const before = Y.encodeStateVector(doc)
  doc.transact(() => offline.forEach((record) => writeFormat2Record(records, record)))
  return [stored, Y.encodeStateAsUpdate(doc, before)]
}

/** Stores the board on the relay as a board kept from before the upgrade (not open in any room yet). */
async function storeBoard(dataDir: string, id: string, state: Uint8Array): Promise<CreatedBoard> {
  const { tokens, hashes } = issueTokens()
  const storage = new SqliteStorage(dataDir)
  try {
    const createdAt = new Date().toISOString()
    await storage.createBoard({ id, title: 'Vor dem Formatwechsel', createdAt }, hashes, state)
    return { id, title: 'Vor dem Formatwechsel', createdAt, url: boardPath(id), access: tokens, links: linksFor(id, tokens) }
  } finally {
    await storage.close()
  }
}

/** Writes updates into a y-indexeddb database of this origin, as y-indexeddb lays it out. */
const writeIndexedDbCopy = (page: Page, name: string, updates: Uint8Array[]) =>
  page.evaluate(
    ({ name, updates }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onupgradeneeded = () => {
          open.result.createObjectStore('updates', { autoIncrement: true })
          open.result.createObjectStore('custom')
        }
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const transaction = db.transaction(['updates'], 'readwrite')
          for (const update of updates) transaction.objectStore('updates').add(new Uint8Array(update))
          transaction.oncomplete = () => {
            db.close()
            resolve()
          }
          transaction.onerror = () => reject(transaction.error)
        }
      }),
    { name, updates: updates.map((update) => [...update]) },
  )

/** The copy's format mark (y-indexeddb's custom store) and how many updates it holds. */
const storedCopy = (page: Page, name: string) =>
  page.evaluate(
    (name) =>
      new Promise<{ format: unknown; updates: number }>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const transaction = db.transaction(['custom', 'updates'], 'readonly')
          const format = transaction.objectStore('custom').get('formatVersion')
          const updates = transaction.objectStore('updates').count()
          transaction.oncomplete = () => {
            db.close()
            resolve({ format: format.result, updates: updates.result })
          }
        }
      }),
    name,
  )

/** The texts of every shape but the Zettel (the template's titles, cells, labels), by id. */
const scaffoldTexts = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return Object.fromEntries(
      editor
        .getCurrentPageShapes()
        .filter((s) => s.type !== 'note' && 'richText' in s.props)
        .map((s) => [s.id, editor.getShapeUtil(s).getText(s) ?? '']),
    )
  })

/** The same, as the format 2 board held them (JSON values). */
function storedScaffoldTexts(stored: Uint8Array): Record<string, string> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stored)
  return Object.fromEntries(
    recordsIn(doc)
      .filter((r) => r.typeName === 'shape' && r.type !== 'note' && 'richText' in r.props)
      .map((r) => [r.id, plainText((r.props as { richText?: unknown }).richText)]),
  )
}

/** The Zettel on the page: text and position by id. */
const notesOnPage = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return Object.fromEntries(
      editor
        .getCurrentPageShapes()
        .filter((s) => s.type === 'note')
        .map((s) => [s.id, { text: editor.getShapeUtil(s).getText(s) ?? '', x: s.x, y: s.y }]),
    )
  })

describe.skipIf(skipBrowserTests)('a board of format 2 and a browser’s offline copy of it, after the upgrade', () => {
  const suite = boardBrowserSuite()

  // The participant's Zettel are protected from others (the default): the merge is judged as her own
  // changes. A participant only: the facilitator's merge is the same code, judged more leniently
  // (test/unit/legacyCopyJudged.test.ts), and a browser file costs the suite seconds each.
  {
    const role = 'participant'
    it(`opens upgraded for the ${role}, the offline copy merged into the text typed meanwhile, and stays so after a reload and offline`, { timeout: hang(60_000) }, async () => {
      const id = randomBytes(16).toString('base64url').slice(0, 22)
      const secret = randomBytes(24).toString('base64url')
      const zettel = zettelOf(authorId(secret, id))
      const stored = formatTwoState(zettel)
      const board = await storeBoard(suite.relay.dataDir, id, stored)
      const { page, context, problems } = await suite.person({ serviceWorker: true })
      const copyName = `netzwerkstatt:${board.id}`
      // The copy a format 2 page left in this browser, written before the board page opens; the browser's writer secret with it.
      await page.goto(suite.relay.httpUrl)
      await page.evaluate((secret) => localStorage.setItem('netzwerkstatt:writer', secret), secret)
      await writeIndexedDbCopy(page, copyName, offlineCopy(stored, zettel.offline))

      // The facilitator joins first: the relay loads the board and upgrades it; she types a word into the Zettel's text.
      const typist = connectClient(suite.relay, board.id, undefined, { token: board.access.facilitator })
      const relayView = connectClient(suite.relay, board.id, undefined, { token: board.access.facilitator })
      const textIn = (doc: Y.Doc) => ((getRecordsMap(doc).get('shape:treffen') as Y.Map<unknown>).get('props') as Y.Map<unknown>).get('richText')
      /** The Zettel the relay holds: text and position by id. */
      const onRelay = () =>
        Object.fromEntries(
          recordsIn(relayView.doc)
            .filter((r) => r.type === 'note')
            .map((r) => [r.id, { text: plainText((r.props as { richText?: unknown }).richText), x: r.x, y: r.y }]),
        )
      try {
        await Promise.all([whenSynced(typist), whenSynced(relayView)])
        expect(getMetaMap(typist.doc).get(formatVersionKey)).toBe(3)
        const ytext = textIn(typist.doc)
        expect(ytext).toBeInstanceOf(Y.Text)
        applyRichTextEdit(ytext as Y.Text, textBase(ytext as Y.Text), toRichText(typedMeanwhile) as RichTextNode)
        await until(relayView.doc, () => onRelay()['shape:treffen']?.text === typedMeanwhile)

        await openBoardPage(page, boardPageUrl(suite.relay, board, role))
        await expect.poll(() => notesOnPage(page), { timeout: hang(15_000) }).toEqual(expected)
        // Every other text as the format 2 board held it.
        const scaffold = storedScaffoldTexts(stored)
        expect(Object.keys(scaffold).length).toBeGreaterThan(10)
        expect(await scaffoldTexts(page)).toEqual(scaffold)
        // Drawn on the canvas, not only in the store.
        await page.evaluate(() => {
          const editor = window.__netzwerkstatt!.editor
          editor.select(...editor.getCurrentPageShapes().filter((s) => s.type === 'note'))
          editor.zoomToSelection({ animation: { duration: 0 } })
          editor.selectNone()
        })
        for (const { text } of Object.values(expected)) await page.locator('.tl-note__container .tl-rich-text', { hasText: text }).waitFor()
        await screenshot(page, `format-upgrade-${role}.png`)

        // The relay holds the same, the text still one Y.Text with both words.
        await until(relayView.doc, () => isDeepStrictEqual(onRelay(), expected))
        expect(textIn(relayView.doc)).toBeInstanceOf(Y.Text)
        expect(storedScaffoldTexts(Y.encodeStateAsUpdate(relayView.doc))).toEqual(scaffold)
        expect(getMetaMap(relayView.doc).get(formatVersionKey)).toBe(3)

        // The copy is this format's now.
        await expect.poll(() => storedCopy(page, copyName)).toMatchObject({ format: 3 })

        // A reload shows the same.
        await page.reload()
        await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
        await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
        expect(await notesOnPage(page)).toEqual(expected)

        // Offline, the copy alone: read once, nothing merged again.
        await expect.poll(() => shellCached(page), { timeout: hang(15_000) }).toBe(true)
        await context.setOffline(true)
        await page.reload()
        await page.locator('.nws-status[data-state="offline"]').waitFor({ timeout: hang(20_000) })
        await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined, undefined, { timeout: hang(30_000) })
        expect(await notesOnPage(page)).toEqual(expected)
        await context.setOffline(false)
        await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
        expect(await notesOnPage(page)).toEqual(expected)
        expect(onRelay()).toEqual(expected)
        expect(problems).toEqual([])
      } finally {
        typist.destroy()
        relayView.destroy()
      }
    })
  }
})

/**
 * A board stored with arrows tldraw cannot draw (one bound to itself, two bound to each other),
 * written straight into the relay's SQLite file as an older relay or an old archive could have
 * kept it: it opens in Chromium in a safe mode instead of "Something went wrong". The canvas
 * shows the note and the arrows, unbound; a notice tells the facilitator what was left out; the
 * bindings stay in the board until a version is restored.
 */
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { CreatedBoard } from '../../shared/api.ts'
import { getRecordsMap, readRecord, writeRecord, type StoredRecord } from '../../shared/board/records.ts'
import { boardPageUrl, connectClient, createBoard, whenSynced } from '../helpers/clients.ts'
import { artifacts, launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { newPerson, openBoardPage } from '../helpers/boardPages.ts'
import { storeUnjudged } from '../helpers/damagedBoards.ts'
import { makeDataDir, removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'
import { arrowBinding, arrowShape, noteAt } from '../helpers/records.ts'

const badBindings = ['binding:self', 'binding:pq', 'binding:qp']

function arrowsUpdate(): Uint8Array {
  const doc = new Y.Doc()
  const records = [
    { id: 'page:page', typeName: 'page', name: 'Seite 1', index: 'a1', meta: {} },
    noteAt(0, 0, 'Guter Zettel', 'shape:good' as never),
    { ...arrowShape('shape:p'), x: 300 },
    { ...arrowShape('shape:q'), x: 300, y: 300 },
    arrowBinding('binding:self', 'shape:p', 'shape:p'),
    arrowBinding('binding:pq', 'shape:p', 'shape:q', 'start'),
    arrowBinding('binding:qp', 'shape:q', 'shape:p', 'start'),
  ]
  doc.transact(() => records.forEach((record) => writeRecord(getRecordsMap(doc), record as unknown as StoredRecord)))
  return Y.encodeStateAsUpdate(doc)
}

describe.skipIf(skipBrowserTests)('a board with arrows tldraw cannot draw, in the browser', () => {
  const dataDir = makeDataDir()
  let relay: RelayProcess
  let browser: Browser
  let board: CreatedBoard

  beforeAll(async () => {
    const seeding = await startRelay({ dataDir })
    board = await createBoard(seeding, 'Kaputte Pfeile')
    await seeding.kill()
    await storeUnjudged(dataDir, board.id, arrowsUpdate())
    relay = await startRelay({ dataDir })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.kill()
    removeDataDir(dataDir)
  })

  it('opens with the note and the arrows unbound, and tells the facilitator what was left out', { timeout: 120_000 }, async () => {
    const moderation = await newPerson(browser)
    const { page } = moderation
    await openBoardPage(page, boardPageUrl(relay, board))
    const shapeIds = () => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().map((s) => s.id).sort())
    await expect.poll(shapeIds).toEqual(['shape:good', 'shape:p', 'shape:q'])
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.store.query.records('binding').get().length)).toBe(0)
    const notice = page.locator('.tlui-toast__description', { hasText: '3 Pfeil-Verbindungen wurden weggelassen' })
    await notice.waitFor()
    expect(await page.getByText('Something went wrong').count()).toBe(0)
    await notice.evaluate((el) => Promise.all(el.closest('li')!.getAnimations({ subtree: true }).map((a) => a.finished)))
    await page.screenshot({ path: join(artifacts, 'arrow-bindings-safe-mode.png') })

    // Nothing was taken out of the board: the facilitator repairs it from a version.
    const reader = connectClient(relay, board.id)
    await whenSynced(reader)
    for (const id of badBindings) expect(readRecord(reader.doc, id), id).toBeDefined()
    reader.destroy()
    expect(moderation.problems).toEqual([])
    await moderation.context.close()
  })
})

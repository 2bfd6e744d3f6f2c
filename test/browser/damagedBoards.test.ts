/**
 * Boards a relay kept before it judged everything, in Chromium, written straight into the relay's
 * SQLite file while it is stopped (one relay of the file's own for all of them, started on that file):
 * - shapes whose parent chain never reaches a page (a self-parent, A → B → A, a missing parent):
 *   the good notes show, a notice says what is missing, the page stays responsive, and nothing is
 *   deleted from the board until the facilitator restores a version, which takes the broken
 *   records out. tldraw walks parent chains without a bound: one such shape in its store freezes
 *   every tab on the board;
 * - arrows tldraw cannot draw (one bound to itself, two bound to each other), as an older relay or
 *   an old archive could have kept them: the board opens in a safe mode instead of "Something went
 *   wrong", the arrows unbound;
 * - a board whose meta no client can read: the facilitator restores a readable state from the
 *   notice and is back in the editor with the notes; the participant is told that the facilitator
 *   can repair it (that the repaired board then reaches every client, the participant's page after
 *   a reload too: test/integration/metaRepair.test.ts).
 */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { Browser } from 'playwright-core'
import type { CreatedBoard } from '../../shared/api.ts'
import { versionsPath } from '../../shared/api.ts'
import { formatVersionKey } from '../../shared/board/ydoc.ts'
import { getRecordsMap, readRecord, writeRecord, type StoredRecord } from '../../shared/board/records.ts'
import { apiFetch, boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { chooseFromMainMenu, newPerson, noteTexts, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { damageMeta, storeUnjudged } from '../helpers/damagedBoards.ts'
import { makeDataDir, removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { badIds, brokenParentsUpdate } from '../fixtures/brokenParents.ts'
import { arrowBinding, arrowShape, noteAt, putNote } from '../helpers/records.ts'
import { hang } from '../helpers/hang.ts'

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

describe.skipIf(skipBrowserTests)('boards kept before the relay judged them, in the browser', () => {
  const dataDir = makeDataDir()
  let relay: Relay
  let browser: Browser
  let board: CreatedBoard
  let arrows: CreatedBoard
  let unreadable: CreatedBoard
  const people: Person[] = []
  /** A browser profile for one test, closed when it passes (an open board page keeps drawing frames); a failed test's stays for its screenshot. */
  const person = async () => {
    const p = await newPerson(browser)
    people.push(p)
    onTestFinished(async ({ task }) => {
      if (task.result?.state === 'fail') return
      people.splice(people.indexOf(p), 1)
      await p.context.close()
    })
    return p
  }

  beforeAll(async () => {
    const seeding = await startRelay({ dataDir })
    board = await createBoard(seeding, 'Kaputte Verweise')
    arrows = await createBoard(seeding, 'Kaputte Pfeile')
    // A note and a version saved before the meta was damaged.
    unreadable = await createBoard(seeding, 'Kaputtes Board')
    const writer = connectClient(seeding, unreadable.id, new Y.Doc())
    await whenSynced(writer)
    putNote(writer.doc, 'idea', 'Vor dem Schaden')
    const saved = await apiFetch(seeding, versionsPath(unreadable.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'vor dem Schaden' }),
    })
    expect(saved.status).toBe(201)
    writer.destroy()
    await seeding.kill()
    await storeUnjudged(dataDir, board.id, brokenParentsUpdate())
    await storeUnjudged(dataDir, arrows.id, arrowsUpdate())
    // As a hostile client could once have done it live.
    await damageMeta(dataDir, unreadable.id, { [formatVersionKey]: 4 })
    ;[relay, browser] = await Promise.all([startRelay({ dataDir }), launchBrowser()])
  })

  afterAll(async () => {
    for (const p of people) await p.context.close()
    await browser?.close()
    await relay?.kill()
    removeDataDir(dataDir)
  })

  it('opens without the broken shapes, says so, keeps them stored, and a restored version removes them', { timeout: hang(120_000) }, async () => {
    const moderation = await person()
    const { page } = moderation
    // A page frozen in a parent walk never gets its editor: this would time out.
    await openBoardPage(page, boardPageUrl(relay, board))
    const shapeIds = () => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().map((s) => s.id).sort())
    await expect.poll(shapeIds).toEqual(['shape:frame', 'shape:framed', 'shape:good'])
    const notice = page.locator('.tlui-toast__description', { hasText: 'Formen konnten nicht angezeigt werden' })
    await notice.filter({ hasText: '5 Formen konnten nicht angezeigt werden (fehlerhafter Verweis).' }).waitFor()
    expect(await page.evaluate(() => 6 * 7)).toBe(42)
    // The toast slides in: the picture is taken once it is there.
    await notice.evaluate((el) => Promise.all(el.closest('li')!.getAnimations({ subtree: true }).map((a) => a.finished)))
    await screenshot(page, 'broken-parents-notice.png')

    // A local edit reaches the board; the broken records are still there behind it.
    const reader = connectClient(relay, board.id)
    await whenSynced(reader)
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.updateShape({ id: 'shape:good' as never, type: 'note', x: 40 })
    })
    await until(reader.doc, () => readRecord(reader.doc, 'shape:good')?.x === 40)
    for (const id of badIds) expect(readRecord(reader.doc, id), id).toBeDefined()

    // The versions panel works; restoring a version brings back what it holds and nothing broken.
    await chooseFromMainMenu(page, 'Versionen …')
    const panel = page.getByRole('region', { name: 'Versionen' })
    await panel.getByLabel('Stand jetzt als Version speichern').fill('Reparatur')
    await panel.getByRole('button', { name: 'Speichern' }).click()
    await panel.locator('li[data-named]').filter({ hasText: 'Reparatur' }).getByRole('button', { name: 'Ansehen' }).click()
    const preview = page.getByRole('dialog', { name: /Reparatur/ })
    await preview.locator('[data-preview="drawn"]').waitFor({ timeout: hang(20_000) })
    await preview.getByRole('button', { name: 'Ins Board zurückholen' }).click()
    await until(reader.doc, () => badIds.every((id) => readRecord(reader.doc, id) === undefined))
    await notice.waitFor({ state: 'detached' })
    expect(await shapeIds()).toEqual(['shape:frame', 'shape:framed', 'shape:good'])
    expect(readRecord(reader.doc, 'shape:framed')).toBeDefined()
    await screenshot(page, 'broken-parents-restored.png')
    reader.destroy()
    expect(moderation.problems).toEqual([])
  })

  it('opens with the note and the arrows unbound, and tells the facilitator what was left out', { timeout: hang(120_000) }, async () => {
    const moderation = await person()
    const { page } = moderation
    await openBoardPage(page, boardPageUrl(relay, arrows))
    const shapeIds = () => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().map((s) => s.id).sort())
    await expect.poll(shapeIds).toEqual(['shape:good', 'shape:p', 'shape:q'])
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.store.query.records('binding').get().length)).toBe(0)
    const notice = page.locator('.tlui-toast__description', { hasText: '3 Pfeil-Verbindungen wurden weggelassen' })
    await notice.waitFor()
    expect(await page.getByText('Something went wrong').count()).toBe(0)
    await notice.evaluate((el) => Promise.all(el.closest('li')!.getAnimations({ subtree: true }).map((a) => a.finished)))
    await screenshot(page, 'arrow-bindings-safe-mode.png')

    // Nothing was taken out of the board: the facilitator repairs it from a version.
    const reader = connectClient(relay, arrows.id)
    await whenSynced(reader)
    for (const id of badBindings) expect(readRecord(reader.doc, id), id).toBeDefined()
    reader.destroy()
    expect(moderation.problems).toEqual([])
  })

  it('a board no client can read is repaired by the facilitator from a saved version, and opens with its notes again; the participant is told who can repair it', { timeout: hang(120_000) }, async () => {
    const gast = await person()
    await gast.page.goto(boardPageUrl(relay, unreadable, 'participant'))
    await gast.page.getByRole('heading', { name: 'Board konnte nicht geladen werden' }).waitFor({ timeout: hang(20_000) })
    await gast.page.getByText('kann die Moderation es reparieren').waitFor()
    expect(await gast.page.getByRole('button', { name: 'Lesbaren Stand wiederherstellen' }).count()).toBe(0)
    await screenshot(gast.page, 'unreadable-board-participant.png')

    const moderation = await person()
    const page = moderation.page
    await page.goto(boardPageUrl(relay, unreadable))
    const restore = page.locator('li').filter({ hasText: 'vor dem Schaden' }).getByRole('button', { name: 'Lesbaren Stand wiederherstellen' })
    await restore.waitFor({ timeout: hang(20_000) })
    await screenshot(page, 'unreadable-board-facilitator.png')
    await restore.click()

    // The page loads the board again, now readable: the editor with the note as it was.
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    await expect.poll(() => noteTexts(page)).toEqual(['Vor dem Schaden'])
    await screenshot(page, 'unreadable-board-restored.png')

    expect([...moderation.problems, ...gast.problems]).toEqual([])
  })
})

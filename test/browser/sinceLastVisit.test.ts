/**
 * "Seit Ihrem letzten Besuch" in Chromium, against the run's shared relay: Anna looks at the board
 * and closes it; Ben (a y-websocket client: his changes reach the relay as stored updates, his
 * drawing is not the subject) adds two Zettel and moves a card; when Anna comes back she is told
 * so at 1920, 1366 and 390 px, the three are highlighted, reloading before looking keeps them
 * unseen, she jumps to one, marks the rest as seen, and after a reload nothing is new. A first
 * visit and changes she watched arrive say nothing. In English, a new template is named as one,
 * and a change on another page leads there (her earlier visit there, not the subject, is what her
 * browser kept of it, written before her page loads).
 * Screenshots (ARTIFACTS=1): test/artifacts/since-last-visit-{1920,1366,390}{,-list}.png,
 * since-last-visit-other-page-en-1366.png.
 */
import type { Page } from 'playwright-core'
import type { TLParentId, TLShape } from '@tldraw/tlschema'
import { afterEach, describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { geoShape } from '../helpers/boardStores.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { sinceKey } from '../../client/sinceMemory.ts'
import { seenNow } from '../../shared/board/changesSince.ts'
import { build } from '../unit/templates/helpers.ts'
import { hang } from '../helpers/hang.ts'

const shapeIds = (page: Page) => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapeIds().size)
const marks = (page: Page) => page.locator('.nws-since-mark')
const notice = (page: Page) => page.locator('.nws-since')
/** Waits until the page has compared the board with its last visit and found nothing. */
const nothingNew = (page: Page) => page.locator('[data-since="nothing-new"]').waitFor({ state: 'attached', timeout: hang(20_000) })

describe.skipIf(skipBrowserTests)('what changed since the last visit', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })
  const clients: TestClient[] = []
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })

  /** Ben, on the board from elsewhere: what he writes, a second client awaits (the relay has it). */
  const ben = async (boardId: string) => {
    const writer = connectClient(suite.relay, boardId)
    const reader = connectClient(suite.relay, boardId)
    clients.push(writer, reader)
    await Promise.all([whenSynced(writer), whenSynced(reader)])
    const write = async (records: object[]) => {
      putRecords(writer.doc, records)
      const ids = records.map((r) => (r as { id: string }).id)
      await until(reader.doc, () => ids.every((id) => JSON.stringify(reader.doc.getMap('tldraw').get(id)) === JSON.stringify(writer.doc.getMap('tldraw').get(id))))
    }
    /** What a page that showed the board now would keep of the visit (`client/board/sinceLastVisit.ts`): the board as the relay holds it. */
    const visitNow = () => ({ key: sinceKey(boardId), value: JSON.stringify({ seen: Buffer.from(seenNow(reader.doc)).toString('base64') }) })
    return Object.assign(write, { visitNow })
  }
  const card = (text: string, x: number, y: number): TLShape => {
    const shape = geoShape('page:page' as TLParentId, { text })
    return { ...shape, x, y, props: { ...shape.props, w: 220, h: 120 } }
  }

  it('tells a returning person what changed, highlights it until seen, and then says nothing', { timeout: hang(180_000) }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Frühe Hilfen')
    const write = await ben(board.id)
    const jugendamt = card('Jugendamt', 100, 100)
    await write([jugendamt, noteAt(500, 200, 'Kita Sonnenschein')])

    // Anna's first visit: nothing to say.
    const anna = await suite.person()
    await openBoardPage(anna.page, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => shapeIds(anna.page)).toBe(2)
    await nothingNew(anna.page)
    // She watches a change arrive: that is not news on her next visit.
    await write([noteAt(800, 200, 'Beratungsstelle')])
    await expect.poll(() => shapeIds(anna.page)).toBe(3)
    await anna.page.close()

    // While she is away: two Zettel, and the card moved.
    await write([noteAt(200, 500, 'Familienhebamme anfragen'), noteAt(500, 500, 'Termin im März')])
    await write([{ ...jugendamt, y: 700 }])

    // She comes back: told at every width, the three highlighted.
    const page = await anna.context.newPage()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport)
      await expect(notice(page).locator('.nws-since__summary').innerText()).resolves.toBe('Seit Ihrem letzten Besuch: 2 neue Zettel, 1 geändert')
      await expect.poll(() => marks(page).count()).toBe(3)
      await page.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))
      await screenshot(page, `since-last-visit-${viewport.width}.png`)
      await notice(page).getByRole('button', { name: 'Zeigen' }).click()
      await screenshot(page, `since-last-visit-${viewport.width}-list.png`)
      await notice(page).getByRole('button', { name: 'Liste schließen' }).click()
    }
    await page.setViewportSize({ width: 1920, height: 1080 })

    // Reloading before looking keeps it unseen.
    await page.reload()
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await expect(notice(page).locator('.nws-since__summary').innerText()).resolves.toBe('Seit Ihrem letzten Besuch: 2 neue Zettel, 1 geändert')
    await expect.poll(() => marks(page).count()).toBe(3)
    await notice(page).getByRole('button', { name: 'Zeigen' }).click()
    const items = notice(page).locator('.nws-since__item')
    const labels = await items.locator('.nws-since__label').allInnerTexts()
    expect(labels.sort()).toEqual(['Familienhebamme anfragen', 'Jugendamt', 'Termin im März'])
    // Jumping to the moved card selects it, and it is seen.
    await items.filter({ hasText: 'Jugendamt' }).click()
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapeIds())).toEqual([jugendamt.id])
    await expect.poll(() => marks(page).count()).toBe(2)
    await expect(notice(page).locator('.nws-since__summary').innerText()).resolves.toBe('Seit Ihrem letzten Besuch: 2 neue Zettel')
    await notice(page).getByRole('button', { name: 'Alle als gesehen markieren' }).click()
    await expect.poll(() => notice(page).count()).toBe(0)
    expect(await marks(page).count()).toBe(0)

    await page.reload()
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await nothingNew(page)
    expect(await notice(page).count()).toBe(0)
    expect(await marks(page).count()).toBe(0)
    expect(anna.problems).toEqual([])
  })

  it('names a new template as one, and leads to a change on another page, in English too', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Network meeting')
    const write = await ben(board.id)
    await write([noteAt(100, 100, 'Agenda')])
    // Anna was here before, and her browser kept what she saw (a first visit's page: the test before
    // this one); that memory is written before her page loads, as her last visit's page wrote it.
    const anna = await suite.person({ locale: 'en-US', viewport: { width: 1366, height: 768 } })
    await anna.context.addInitScript(({ key, value }) => {
      // Also runs in frames without storage (about:blank): nothing to do there.
      try {
        if (!localStorage.getItem(key)) localStorage.setItem(key, value)
      } catch {}
    }, write.visitNow())

    // While she is away: a Beteiligtenanalyse on the first page, and a Zettel on a second page.
    await write(build('beteiligtenanalyse', {}, 'de', { x: 0, y: 600 }).shapes)
    const note = { ...noteAt(300, 300, 'Ask the youth office'), parentId: 'page:second' } as TLShape
    await write([{ id: 'page:second', typeName: 'page', name: 'Second page', index: 'a2', meta: {} }, note])

    const page = anna.page
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await expect(notice(page).locator('.nws-since__summary').innerText()).resolves.toBe('Since your last visit: 1 new note, 1 new template')
    // One mark around the whole template; the note is on the other page.
    await expect.poll(() => marks(page).count()).toBe(1)
    await notice(page).getByRole('button', { name: 'Show' }).click()
    await expect(notice(page).locator('.nws-since__item').first().innerText()).resolves.toMatch(/Beteiligtenanalyse.*\s+new template · page “Seite 1”/)
    const item = notice(page).locator('.nws-since__item').filter({ hasText: 'Ask the youth office' })
    await expect(item.innerText()).resolves.toMatch(/Ask the youth office\s+new · page “Second page”/)
    await page.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))
    await screenshot(page, 'since-last-visit-other-page-en-1366.png')
    await item.click()
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapeIds())).toEqual([note.id])
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name)).toBe('Second page')
    // The template is still unseen.
    await expect(notice(page).locator('.nws-since__summary').innerText()).resolves.toBe('Since your last visit: 1 new template')
    expect(anna.problems).toEqual([])
  })
})

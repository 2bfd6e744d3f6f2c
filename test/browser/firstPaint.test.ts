/**
 * The board drawn before the editor (`client/boardPage/firstPaint/`): a phone whose editor chunk
 * is held back reads the Zettel all the same; the editor then takes over with the same records and
 * the same camera; an offline reload draws the board from this browser's copy. The Zettel reach
 * the boards as stored updates, and the visitors who find no facilitator share one board; the
 * facilitator a phone finds there is a client of the relay (its presence: where it looks), as the
 * phone's page only reads what the relay passes on of them (test/browser/landing.test.ts does the
 * same). Five page loads: the three visitors, and the offline one's load and reload.
 */
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Page } from 'playwright-core'
import { boardBrowserSuite, noteTexts, openBoardPage, shellCached } from '../helpers/boardPages.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { boardPageUrl, connectClient, createBoard, openRawSocket, whenSynced } from '../helpers/clients.ts'
import { presenceFrame, type FakePerson } from '../helpers/presence.ts'
import { recordsIn } from '../helpers/records.ts'
import { cellsOf, writeRecords, zettelInCells } from '../helpers/templateBoards.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

const phone = { width: 390, height: 844 }
const laptop = { width: 1366, height: 768 }
const texts = ['Erreichbarkeit am Nachmittag', 'Kinderbetreuung bei Terminen', 'Elternabende im Quartal']

/**
 * A board with a template and three Zettel in its first three cells, written as stored updates
 * by a facilitator's client (how they were typed is no subject here): no page loaded to write them.
 */
async function boardWithZettel(suite: ReturnType<typeof boardBrowserSuite>) {
  const board = await createBoard(suite.relay, 'Erster Blick', { template: 'gruendungsveranstaltung', locale: 'de' })
  const reader = connectClient(suite.relay, board.id, undefined, { token: board.access.facilitator })
  try {
    await whenSynced(reader)
    const scaffold = recordsIn(reader.doc)
    const cells = [...cellsOf(scaffold).values()].flat().slice(0, texts.length)
    expect(cells).toHaveLength(texts.length)
    await writeRecords(suite.relay, board, [zettelInCells(scaffold, cells.map((cell, i) => ({ cell, texts: [texts[i]!] })))])
  } finally {
    reader.destroy()
  }
  return board
}

/** The Zettel's texts as the first paint draws them. */
const drawnZettel = (page: Page) => page.locator('.nws-first-paint [data-zettel]').allInnerTexts()

describe.skipIf(skipBrowserTests)('the board drawn before the editor', () => {
  const suite = boardBrowserSuite()
  // One board for the visitors who find no facilitator there (they only look); one of its own where the facilitator is.
  let shared: Promise<CreatedBoard> | undefined
  const sharedBoard = () => (shared ??= boardWithZettel(suite))

  for (const [name, viewport, device, facilitatorThere] of [
    ['a phone', phone, { hasTouch: true, isMobile: true }, false],
    ['a laptop', laptop, {}, false],
    // A newcomer lands where the facilitator looks (BoardLanding): the drawing too.
    ['a phone, the facilitator on the board,', phone, { hasTouch: true, isMobile: true }, true],
  ] as const) {
    it(`shows ${name} the Zettel before the editor is there, and the editor takes over with them at the same camera`, { timeout: hang(90_000) }, async () => {
      const board = facilitatorThere ? await boardWithZettel(suite) : await sharedBoard()
      // The facilitator on a laptop, looking at the lower right of the template, not at the whole of it.
      const facilitator = facilitatorThere ? await openRawSocket(suite.relay, board.id, board.access.facilitator) : undefined
      onTestFinished(() => facilitator?.socket.close())
      if (facilitator) {
        const looking: FakePerson = { clientId: 4711, clock: 0, name: 'Moderation', cursor: { x: 2000, y: 1200 }, view: { x: 1500, y: 900, w: laptop.width, h: laptop.height }, role: 'facilitator' }
        await facilitator.inRoom
        facilitator.socket.send(presenceFrame(looking))
        // Presence unrenewed for 30 s is dropped, and a slow run's page may land later than that.
        const keepAlive = setInterval(() => facilitator.socket.send(presenceFrame(looking)), 10_000)
        onTestFinished(() => clearInterval(keepAlive))
      }
      const visitor = await suite.person({ viewport, device })
      const { page } = visitor
      // The editor's chunk (tldraw) is held back until the drawing has been seen.
      let release: () => void = () => {}
      const released = new Promise<void>((resolve) => (release = resolve))
      let held = 0
      await visitor.context.route(/\/assets\/LiveSession-[^/]*\.js$/, async (route) => {
        held++
        await released
        await route.continue()
      })
      await page.goto(boardPageUrl(suite.relay, board, 'participant'))
      await expect.poll(() => drawnZettel(page).then((t) => t.sort()), { timeout: hang(30_000) }).toEqual([...texts].sort())
      expect(await page.evaluate(() => window.__netzwerkstatt === undefined)).toBe(true)
      // The first paint asked for the editor only once it was drawn, and it is held.
      await expect.poll(() => held).toBe(1)
      const drawnCamera = (await page.locator('.nws-first-paint').getAttribute('data-camera'))!.split(',').map(Number)
      await screenshot(page, `first-paint-${viewport.width}${facilitatorThere ? '-facilitator' : ''}.png`)

      // Read-only: a tap (or click) says that the board is still loading.
      if (device.hasTouch) await page.locator('.nws-first-paint').tap({ position: { x: viewport.width / 2, y: viewport.height / 2 } })
      else await page.locator('.nws-first-paint').click({ position: { x: viewport.width / 2, y: viewport.height / 2 } })
      await expect(page.getByRole('status').filter({ hasText: 'Board wird geladen …' }).textContent()).resolves.toBe('Board wird geladen …')

      release()
      await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined, undefined, { timeout: hang(60_000) })
      await page.locator('.nws-first-paint').waitFor({ state: 'detached', timeout: hang(30_000) })
      expect(await noteTexts(page)).toEqual([...texts].sort())
      // No jump: the editor opened where the drawing showed the board.
      const camera = await page.evaluate(() => window.__netzwerkstatt!.editor.getCamera())
      expect(camera.z).toBeCloseTo(drawnCamera[2], 2)
      expect(Math.abs(camera.x - drawnCamera[0]) * camera.z).toBeLessThan(4)
      expect(Math.abs(camera.y - drawnCamera[1]) * camera.z).toBeLessThan(4)
      await screenshot(page, `first-paint-${viewport.width}${facilitatorThere ? '-facilitator' : ''}-editor.png`)
      expect(visitor.problems).toEqual([])
    })
  }

  it('draws the board from this browser’s copy on an offline reload', { timeout: hang(90_000) }, async () => {
    const board = await sharedBoard()
    const visitor = await suite.person({ viewport: phone, device: { hasTouch: true, isMobile: true }, serviceWorker: true })
    const { page, context } = visitor
    // Whether a drawing with the Zettel ever showed, however briefly.
    await context.addInitScript(() => {
      const seen = new MutationObserver(() => {
        const drawn = document.querySelectorAll('.nws-first-paint [data-zettel]').length
        if (drawn > 0) (window as unknown as { __drawnZettel?: number }).__drawnZettel = drawn
      })
      document.addEventListener('DOMContentLoaded', () => seen.observe(document.body, { childList: true, subtree: true }))
    })
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => noteTexts(page).then((z) => z.length)).toBe(texts.length)
    // The app shell in the service worker's cache before the network goes away (as board.test.ts waits for it).
    await expect.poll(() => shellCached(page), { timeout: hang(15_000) }).toBe(true)

    await context.setOffline(true)
    await page.reload()
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined, undefined, { timeout: hang(30_000) })
    expect(await page.evaluate(() => (window as unknown as { __drawnZettel?: number }).__drawnZettel)).toBe(texts.length)
    expect(await noteTexts(page)).toEqual([...texts].sort())
    await context.setOffline(false)
  })
})

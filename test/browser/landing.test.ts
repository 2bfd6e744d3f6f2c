/**
 * Where people land on a board in Chromium: a newcomer sees the whole board (not the page origin)
 * with its title, in German at 1440 px and in English at 1920 px (the fit is the page's content in
 * the window, whatever its language: one page load per window size); someone arriving while the
 * facilitator is there lands on the facilitator's view, or on the current step once there is one;
 * a reload keeps one's own view. The facilitator there is a client of the relay (its presence,
 * the step it sets), as the newcomer's page only reads what the relay passes on of them.
 * 5 page loads. Screenshots: test/artifacts/landing-de-1440.png, landing-en-1920.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, openRawSocket, whenSynced } from '../helpers/clients.ts'
import { presenceFrame, type FakePerson } from '../helpers/presence.ts'
import { recordsIn } from '../helpers/records.ts'
import { chooseStep, stepEntry } from '../../shared/board/entries/step.ts'
import { hang } from '../helpers/hang.ts'

const viewportOf = (page: Page) =>
  page.evaluate(() => {
    const b = window.__netzwerkstatt!.editor.getViewportPageBounds()
    return { x: b.x, y: b.y, w: b.w, h: b.h }
  })

/** Whether the whole of the page's content is in view. */
const seesEverything = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const content = editor.getCurrentPageBounds()
    return content !== undefined && editor.getViewportPageBounds().contains(content)
  })

/** The centre of a template block (by key) on the page, and whether it is in view. */
const blockInView = (page: Page, key: string) =>
  page.evaluate((key) => {
    const editor = window.__netzwerkstatt!.editor
    const shape = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === key)
    const bounds = shape && editor.getShapePageBounds(shape)
    return bounds !== undefined && editor.getViewportPageBounds().containsPoint(bounds.center)
  }, key)

const centre = (b: { x: number; y: number; w: number; h: number }) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 })

describe.skipIf(skipBrowserTests)('landing on a board', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('a newcomer sees the whole board and its title; a reload keeps their own view', { timeout: hang(90_000) }, async () => {
    const title = 'Zukunftskonferenz Alleinerziehende'
    const board = await createBoard(suite.relay, title, { template: 'zukunftskonferenz', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => seesEverything(page), { timeout: hang(10_000) }).toBe(true)
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    // Nothing selected, no drawing tool: tldraw's style panel stays closed.
    expect(await page.locator('.tlui-style-panel').count()).toBe(0)
    await screenshot(page, 'landing-de-1440.png')

    const mine = { x: -1234, y: -567, z: 0.8 }
    await page.evaluate((camera) => void window.__netzwerkstatt!.editor.setCamera(camera), mine)
    await expect
      .poll(() => page.evaluate((id) => localStorage.getItem(`netzwerkstatt:view:${id}`), board.id), { timeout: hang(5000) })
      .toContain('-1234')
    await page.reload()
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.getCamera())).toMatchObject(mine)
    expect(problems).toEqual([])
  })

  it("a newcomer lands on the facilitator's view, then on the current step", { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel', { template: 'planspiel', locale: 'de' })
    // The facilitator looks at the lower right of the Planspiel, on a 1440×900 screen at 100 %.
    const theirs = { x: 2600, y: 1400, w: 1440, h: 900 }
    const facilitator: FakePerson = { clientId: 4711, clock: 0, name: 'Moderation', cursor: { x: 3000, y: 1800 }, view: theirs, role: 'facilitator' }
    const presence = await openRawSocket(suite.relay, board.id, board.access.facilitator)
    try {
      presence.socket.send(presenceFrame(facilitator))
      const reader = await suite.person()
      await openBoardPage(reader.page, boardPageUrl(suite.relay, board, 'participant'))
      await expect
        .poll(async () => {
          const [a, b] = [centre(await viewportOf(reader.page)), centre(theirs)]
          return Math.hypot(a.x - b.x, a.y - b.y) < 20
        }, { timeout: hang(10_000) })
        .toBe(true)

      // With a current step, the next newcomer lands on that step, not on the facilitator's view.
      const steps = connectClient(suite.relay, board.id)
      try {
        await whenSynced(steps)
        const title = recordsIn(steps.doc).find((r) => (r.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'title')!
        stepEntry.set(steps.doc, chooseStep((title.meta as { netzwerkstatt: { instance: string } }).netzwerkstatt.instance, 'step:evaluation', Date.now()))
        const observer = await suite.person()
        await openBoardPage(observer.page, boardPageUrl(suite.relay, board, 'observer'))
        await expect.poll(() => blockInView(observer.page, 'head:evaluation'), { timeout: hang(10_000) }).toBe(true)
        expect(centre(await viewportOf(observer.page))).not.toEqual(centre(theirs))
        for (const p of [reader, observer]) expect(p.problems).toEqual([])
      } finally {
        steps.destroy()
      }
    } finally {
      presence.socket.close()
    }
  })

  it('a newcomer on an English board sees the whole board and its title on a projector, 1920×1080', { timeout: hang(60_000) }, async () => {
    const title = 'Future search: single parents'
    const board = await createBoard(suite.relay, title, { template: 'zukunftskonferenz', locale: 'en' })
    const { page, problems } = await suite.person({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' })
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => seesEverything(page), { timeout: hang(10_000) }).toBe(true)
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    await screenshot(page, 'landing-en-1920.png')
    expect(problems).toEqual([])
  })
})

/**
 * Where people land on a board in Chromium: a newcomer sees the whole board (not the page origin)
 * with its title; someone arriving while the facilitator is there lands on the facilitator's view,
 * or on the current step once there is one; a reload keeps one's own view. Screenshots:
 * test/artifacts/landing-{de,en}-{1440,1920}.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

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

  it('a newcomer sees the whole board and its title; a reload keeps their own view', { timeout: 90_000 }, async () => {
    const title = 'Planspiel – Frau K. im Jobcenter'
    const board = await createBoard(suite.relay, title, { template: 'planspiel', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => seesEverything(page), { timeout: 10_000 }).toBe(true)
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    // Nothing selected, no drawing tool: tldraw's style panel stays closed.
    expect(await page.locator('.tlui-style-panel').count()).toBe(0)

    const mine = { x: -1234, y: -567, z: 0.8 }
    await page.evaluate((camera) => void window.__netzwerkstatt!.editor.setCamera(camera), mine)
    await expect
      .poll(() => page.evaluate((id) => localStorage.getItem(`netzwerkstatt:view:${id}`), board.id), { timeout: 5000 })
      .toContain('-1234')
    await page.reload()
    await openBoardPage(page, page.url())
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.getCamera())).toMatchObject(mine)
    expect(problems).toEqual([])
  })

  it("a newcomer lands on the facilitator's view, then on the current step", { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel', { template: 'planspiel', locale: 'de' })
    const moderation = await suite.person()
    const fac = moderation.page
    await openBoardPage(fac, boardPageUrl(suite.relay, board))
    // The facilitator looks at the lower right of the Planspiel.
    await fac.evaluate(() => void window.__netzwerkstatt!.editor.zoomToBounds({ x: 2600, y: 1400, w: 1400, h: 900 }, { inset: 0 }))
    const theirs = await viewportOf(fac)

    const reader = await suite.person()
    await openBoardPage(reader.page, boardPageUrl(suite.relay, board, 'participant'))
    await expect
      .poll(async () => {
        const [a, b] = [centre(await viewportOf(reader.page)), centre(theirs)]
        return Math.hypot(a.x - b.x, a.y - b.y) < 20
      }, { timeout: 10_000 })
      .toBe(true)

    // With a current step, the next newcomer lands on that step, not on the facilitator's view.
    await fac.locator('.nws-agenda-chip').click()
    await fac.locator('.nws-agenda__step[data-step="step:evaluation"] [data-action="set-step"]').click()
    await fac.keyboard.press('Escape')
    const observer = await suite.person()
    await openBoardPage(observer.page, boardPageUrl(suite.relay, board, 'observer'))
    await expect.poll(() => blockInView(observer.page, 'head:evaluation'), { timeout: 10_000 }).toBe(true)
    expect(centre(await viewportOf(observer.page))).not.toEqual(centre(theirs))
    for (const p of [moderation, reader, observer]) expect(p.problems).toEqual([])
  })

  for (const [width, height] of [
    [1440, 900],
    [1920, 1080],
  ]) {
    for (const locale of ['de', 'en'] as const) {
      it(`screenshot: a newcomer on a template board, ${locale}, ${width}×${height}`, { timeout: 60_000 }, async () => {
        const title = locale === 'de' ? 'Zukunftskonferenz Alleinerziehende' : 'Future search: single parents'
        const board = await createBoard(suite.relay, title, { template: 'zukunftskonferenz', locale })
        const { page, problems } = await suite.person({ viewport: { width, height }, locale: locale === 'de' ? 'de-DE' : 'en-GB' })
        await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
        await expect.poll(() => seesEverything(page), { timeout: 10_000 }).toBe(true)
        await screenshot(page, `landing-${locale}-${width}.png`)
        expect(problems).toEqual([])
      })
    }
  }
})

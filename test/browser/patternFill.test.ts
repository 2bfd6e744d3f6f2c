/**
 * tldraw's pattern fill paints its tiles (up to 6,144 px a side on a phone) only once a shape on
 * the page has that fill (`client/board/patternFillWhenUsed.tsx`), and such a shape is drawn with
 * its pattern then. Screenshot (ARTIFACTS=1): test/artifacts/pattern-fill.png.
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { screenshot } from '../helpers/screenshots.ts'

describe.skipIf(skipBrowserTests)('pattern fill', () => {
  const suite = boardBrowserSuite()

  it('paints no tiles for a board without the fill, and draws a pattern-filled rectangle with them', async () => {
    const board = await createBoard(suite.relay, 'Muster', { template: 'gruendungsveranstaltung', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    // tldraw's defs hold a pattern per zoom level and theme from their first render on, placeholders
    // until the tiles are painted (then marked ready).
    const patterns = page.locator('pattern[id*="hash_pattern"]')
    await page.locator('.tl-shape').first().waitFor()
    expect(await patterns.count()).toBe(0)

    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createShape({ type: 'geo', x: -1000, y: -1000, props: { geo: 'rectangle', w: 300, h: 200, fill: 'pattern', color: 'blue' } })
      editor.zoomToBounds({ x: -1050, y: -1050, w: 400, h: 300 }, { animation: { duration: 0 } })
    })
    await page.locator('[data-testid="ready-pattern-fill-defs"] pattern').first().waitFor({ state: 'attached' })
    const fill = await page.locator('.tl-shape[data-shape-type="geo"] path[fill^="url(#"]').first().getAttribute('fill')
    const patternId = /url\(#(.+)\)/.exec(fill ?? '')?.[1]
    expect(patternId).toBeTruthy()
    expect(await page.locator(`pattern[id="${patternId}"]`).count()).toBe(1)
    await screenshot(page, 'pattern-fill.png')
    expect(problems).toEqual([])
  })
})

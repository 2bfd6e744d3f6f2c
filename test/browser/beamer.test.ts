/**
 * The presenter bar beside the board's other controls in Chromium: at 1366 and 1440 px it leaves
 * the „Vorlagen“ button free. Screenshots: test/artifacts/beamer-presenter-{1366,1440}.png.
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

type Box = { x: number; y: number; width: number; height: number }

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

describe.skipIf(skipBrowserTests)('the Beamer mode', () => {
  const suite = boardBrowserSuite()

  for (const viewport of [{ width: 1366, height: 768 }, { width: 1440, height: 900 }]) {
    it(`the presenter bar leaves „Vorlagen“ free at ${viewport.width} px`, { timeout: 60_000 }, async () => {
      const board = await createBoard(suite.relay, 'Gründungsveranstaltung Netzwerk Frühe Hilfen Landkreis', { template: 'gruendungsveranstaltung', locale: 'de' })
      const facilitator = await suite.person({ viewport })
      await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
      await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
      const bar = facilitator.page.locator('.nws-presenter')
      await bar.waitFor()
      const templates = facilitator.page.getByRole('button', { name: 'Vorlagen', exact: true })
      const [barBox, templatesBox] = [(await bar.boundingBox())!, (await templates.boundingBox())!]
      await screenshot(facilitator.page, `beamer-presenter-${viewport.width}.png`)
      expect(overlap(barBox, templatesBox), `presenter bar ${JSON.stringify(barBox)} and Vorlagen ${JSON.stringify(templatesBox)}`).toBe(false)
      // Still reachable: a click on „Vorlagen“ opens the panel.
      await templates.click()
      await facilitator.page.getByRole('dialog', { name: 'Vorlagen' }).waitFor()
      expect(facilitator.problems).toEqual([])
    })
  }
})

/**
 * Our own UI for keyboard and screen-reader users, and panels that fit: axe-core (WCAG 2.1 A/AA)
 * finds no serious or critical violation on the start page and on a board with each of its panels
 * open, and no panel cuts off a button or leaves the window at 1280 px and up, in German and
 * English. Screenshots: test/artifacts/panel-<panel>-<locale>-<width>.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeFindings, clippedText, type AxeFinding } from '../helpers/axe.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, chooseFromMainMenu, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

/** Everything we put on top of tldraw, and the popovers we open in its UI. */
const ourUi = [
  '.nws-facilitation',
  '.nws-share-zone',
  '.nws-facilitation-dock',
  '.nws-templates',
  '.nws-vote-panel',
  '.nws-join',
  '[data-radix-popper-content-wrapper]',
].join(', ')

interface Panel {
  name: string
  open(page: Page): Promise<void>
  /** What shows once the panel is open. */
  shows: string
  /** What has keyboard focus once Escape closed it: where it was opened from. */
  focusBack?: string
}

const escape = (page: Page) => page.keyboard.press('Escape')
const mainMenu = '[data-testid="main-menu.button"]'

const panels: Panel[] = [
  { name: 'board', open: async () => {}, shows: '.nws-board-title' },
  { name: 'links', open: (page) => page.locator('.nws-links-button').click(), shows: '.nws-links' },
  {
    name: 'join',
    open: async (page) => {
      await page.locator('.nws-links-button').click()
      await page.locator('.nws-links__join').click()
    },
    shows: '.nws-join',
  },
  { name: 'people', open: (page) => page.locator('.tlui-people-menu__avatars-button').click(), shows: '.nws-people' },
  { name: 'templates', open: (page) => page.locator('.nws-templates-button').click(), shows: '.nws-templates' },
  { name: 'timer', open: (page) => page.locator('button.nws-timer').click(), shows: '[data-minutes="5"]' },
  { name: 'agenda', open: (page) => page.locator('.nws-agenda-chip').click(), shows: '.nws-agenda' },
  { name: 'vote', open: (page) => page.locator('.nws-vote-open-button').click(), shows: '.nws-vote-panel' },
  { name: 'versions', open: (page) => chooseFromMainMenu(page, { id: 'netzwerkstatt-versions' }), shows: '.nws-versions', focusBack: mainMenu },
  { name: 'groups', open: (page) => chooseFromMainMenu(page, { id: 'netzwerkstatt-groups' }), shows: '.nws-groups-panel', focusBack: mainMenu },
  { name: 'search', open: (page) => page.locator('.nws-search-button').click(), shows: '.nws-search', focusBack: '.nws-search-button' },
  { name: 'comments', open: (page) => page.locator('[data-comments-toggle]').click(), shows: '.nws-comments', focusBack: '[data-comments-toggle]' },
]

const describeFindings = (findings: AxeFinding[]) => findings.map((f) => `${f.impact} ${f.rule}: ${f.help} — ${f.targets.join(' | ')}`)

describe.skipIf(skipBrowserTests)('accessibility and panels that fit', () => {
  const suite = boardBrowserSuite()

  for (const locale of ['de', 'en'] as const) {
    const browserLocale = locale === 'de' ? 'de-DE' : 'en-GB'

    it(`the start page has no serious axe violation (${locale})`, { timeout: 60_000 }, async () => {
      const { page, problems } = await suite.person({ viewport: { width: 1440, height: 900 }, locale: browserLocale })
      await page.goto(suite.relay.httpUrl)
      await page.locator('form').first().waitFor()
      expect(describeFindings(await axeFindings(page))).toEqual([])
      expect(problems).toEqual([])
    })

    for (const width of [1280, 1440]) {
      it(`every panel on a board: no serious axe violation, nothing cut off (${locale}, ${width} px)`, { timeout: 120_000 }, async () => {
        const title = locale === 'de' ? 'Planspiel Alleinerziehende im Landkreis' : 'Simulation game: single parents in the district'
        const board = await createBoard(suite.relay, title, { template: 'planspiel', locale })
        const { page, problems } = await suite.person({ viewport: { width, height: 800 }, locale: browserLocale })
        await openBoardPage(page, boardPageUrl(suite.relay, board))
        const findings: string[] = []
        for (const panel of panels) {
          await panel.open(page)
          await page.locator(panel.shows).first().waitFor()
          const cut = await clippedText(page, ourUi)
          findings.push(...cut.map((c) => `${panel.name}: ${c}`))
          findings.push(...describeFindings(await axeFindings(page, 'body')).map((f) => `${panel.name}: ${f}`))
          await screenshot(page, `panel-${panel.name}-${locale}-${width}.png`)
          // A panel opened from the main menu has the keyboard focus, also once the menu has closed.
          if (panel.focusBack === mainMenu) {
            await page.locator('.tlui-menu').waitFor({ state: 'detached' })
            await page.waitForFunction((shows) => !!document.activeElement?.closest(shows), panel.shows)
          }
          // Escape closes every panel.
          await escape(page)
          if (panel.name !== 'board') await page.locator(panel.shows).first().waitFor({ state: 'hidden', timeout: 5000 })
          if (panel.focusBack) expect(await page.evaluate((selector) => document.activeElement?.matches(selector), panel.focusBack), `${panel.name}: focus back`).toBe(true)
        }
        expect(findings).toEqual([])
        expect(problems).toEqual([])
      })
    }
  }
})

/**
 * The devices of the contribution view's browser tests („Beitragen“): a phone or a browser that
 * has never seen the app, the facilitator's canvas beside it, and the list opened from a link.
 * Contexts are closed after each test, and a page error in any of them fails the test.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterEach, expect } from 'vitest'
import { openBoardPage, skipNamePrompt } from './boardPages.ts'

export const phoneViewport = { width: 390, height: 844 }

export function listDevices(suite: { readonly browser: Browser }) {
  const contexts: BrowserContext[] = []
  const problems: string[] = []
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
    expect(problems.splice(0)).toEqual([])
  })

  async function context(options: { locale: string; viewport: { width: number; height: number }; touch: boolean; hooks?: boolean }): Promise<BrowserContext> {
    const { locale, viewport, touch, hooks = false } = options
    const made = await suite.browser.newContext({ locale, viewport, hasTouch: touch, isMobile: touch })
    contexts.push(made)
    if (hooks)
      await made.addInitScript(() => {
        window.__netzwerkstattTestHooks = true
      })
    await skipNamePrompt(made)
    made.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
    return made
  }

  return {
    contexts,
    /** A phone (touch, mobile viewport) or a desktop browser of this size that has never seen the app. */
    async device(kind: 'phone' | { width: number; height: number }, locale = 'de-DE', hooks = false): Promise<Page> {
      const phone = kind === 'phone'
      return (await context({ locale, viewport: phone ? phoneViewport : kind, touch: phone, hooks })).newPage()
    },
    /** The facilitator's canvas, the board opened at `url`. */
    async canvas(url: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
      const page = await (await context({ locale: 'de-DE', viewport, touch: false, hooks: true })).newPage()
      await openBoardPage(page, url)
      return page
    },
    /** Opens the list and waits until the board's cells are read. */
    async openView(page: Page, url: string): Promise<void> {
      await page.goto(url)
      await page.locator('.nws-contribute h2').first().waitFor({ timeout: 20_000 })
    },
  }
}

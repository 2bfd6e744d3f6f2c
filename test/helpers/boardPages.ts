/** People at a board in real Chromium: a browser profile each, and the board page opened. */
import type { Browser, BrowserContext, Page } from 'playwright-core'

export interface Person {
  context: BrowserContext
  page: Page
  /** Page errors and CSP refusals seen so far: a test expects none. */
  problems: string[]
}

/** A separate browser profile (own storage and user), with the test hooks switched on. */
export async function newPerson(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Person> {
  const context = await browser.newContext({ locale: 'de-DE', viewport })
  await context.addInitScript(() => {
    window.__netzwerkstattTestHooks = true
  })
  const problems: string[] = []
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
  const page = await context.newPage()
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text())
  })
  return { context, page, problems }
}

/** Opens a board page and waits until it is connected and its editor is there. */
export async function openBoardPage(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
  await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
}

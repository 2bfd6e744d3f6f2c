/**
 * What a tab shows of its address: `location.href`, `document.URL` and every entry of its history
 * (Chromium's own list, what Back and Forward would open). A link's key must be in none of them
 * once the page has read it (`client/linkKey.ts`).
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** What a script, an error report or the tab's history could read of the address. */
export async function addressesOf(page: Page): Promise<string[]> {
  const read = await page.evaluate(() => [window.location.href, document.URL])
  const cdp = await page.context().newCDPSession(page)
  const { entries } = (await cdp.send('Page.getNavigationHistory')) as { entries: Array<{ url: string }> }
  await cdp.detach()
  return [...read, ...entries.map((entry) => entry.url)]
}

/** None of `keys` (tokens, a join code) in the address or the tab's history. */
export async function expectNoKeyInAddress(page: Page, keys: readonly string[]): Promise<void> {
  const seen = await addressesOf(page)
  expect(seen.length).toBeGreaterThan(2)
  expect(seen.filter((address) => keys.some((key) => address.includes(key))), 'a link key left in the address or history').toEqual([])
}

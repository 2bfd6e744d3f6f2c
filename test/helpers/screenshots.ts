/**
 * Screenshots of browser tests, in test/artifacts/. With ARTIFACTS=1 each is taken where the test
 * asks (the journeys whose pictures people read); otherwise only when the test fails, at its
 * end, showing what the page shows then: a passing run takes none and spends no time on them.
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { onTestFailed } from 'vitest'
import { artifacts } from './browser.ts'

export const artifactsAsked = process.env.ARTIFACTS === '1'

/** For a page: the whole scrolled page, or a part of the view. */
export interface ScreenshotOptions {
  fullPage?: boolean
  clip?: { x: number; y: number; width: number; height: number }
}

export async function screenshot(target: Page | Locator, name: string, options: ScreenshotOptions = {}): Promise<void> {
  const path = join(artifacts, name)
  const take = (timeout?: number) => ('mouse' in target ? target.screenshot({ path, timeout, ...options }) : target.screenshot({ path, timeout }))
  if (artifactsAsked) {
    await take()
    return
  }
  try {
    onTestFailed(async () => {
      // The page may be closed by then, or the element gone: then there is nothing to show.
      await take(5_000).catch(() => {})
    })
  } catch {
    // Outside a test (a hook): only ARTIFACTS=1 takes it.
  }
}

/**
 * Screenshots of browser tests, in test/artifacts/: where the test asks with ARTIFACTS=1, else
 * only for a failed test, showing what the page shows then (`artifacts.ts`).
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { artifactsAsked, makeArtifact } from './artifacts.ts'
import { artifacts } from './browser.ts'
import { hang } from './hang.ts'

export { artifactsAsked }

/** For a page: the whole scrolled page, or a part of the view. */
export interface ScreenshotOptions {
  fullPage?: boolean
  clip?: { x: number; y: number; width: number; height: number }
}

export async function screenshot(target: Page | Locator, name: string, options: ScreenshotOptions = {}): Promise<void> {
  const path = join(artifacts, name)
  // At a failure, a page that no longer answers must not hold the test's end.
  const timeout = artifactsAsked ? undefined : hang(5_000)
  await makeArtifact(() => ('mouse' in target ? target.screenshot({ path, timeout, ...options }) : target.screenshot({ path, timeout })))
}

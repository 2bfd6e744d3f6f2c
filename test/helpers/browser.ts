/**
 * Real Chromium for browser tests: the Debian package, driven by playwright-core. Locally a
 * missing browser skips the browser tests; in CI (`CI` set) it fails them instead.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

export const chromiumPath = '/usr/bin/chromium'
const haveChromium = existsSync(chromiumPath)
export const skipBrowserTests = !haveChromium && !process.env.CI
export const artifacts = join(import.meta.dirname, '..', 'artifacts')

/** Chromium, once the relay has a production build to serve. */
export async function launchBrowser(): Promise<Browser> {
  if (!haveChromium) throw new Error(`Chromium not found at ${chromiumPath}`)
  if (!existsSync(join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first')
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

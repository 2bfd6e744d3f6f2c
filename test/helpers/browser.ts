/**
 * Real Chromium for browser tests: the Debian package, driven by playwright-core. Locally a
 * missing browser skips the browser tests; in CI (`CI` set) it fails them instead.
 */
import { appendFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Download, type LaunchOptions, type Page } from 'playwright-core'
import { disabledFeatures } from './chromiumFeatures.ts'
import { logProcessStart } from './processLog.ts'
import { assertBuilt, testFile } from './serverEntry.ts'
import { askTestServer } from './testServers.ts'
import { hang } from './hang.ts'

export const chromiumPath = '/usr/bin/chromium'
const haveChromium = existsSync(chromiumPath)
export const skipBrowserTests = !haveChromium && !process.env.CI
export const artifacts = join(import.meta.dirname, '..', 'artifacts')

/** How Chromium is started, here or by the run's global setup (`test/setup/chromium.ts`). */
export function chromiumLaunchOptions(): LaunchOptions {
  if (!haveChromium) throw new Error(`Chromium not found at ${chromiumPath}`)
  return {
    executablePath: chromiumPath,
    // Software compositing in the browser process instead of SwiftShader's GPU process: a few per cent less CPU for the same pages.
    args: ['--no-sandbox', '--disable-gpu', '--disable-gpu-compositing', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', disabledFeatures],
  }
}

/**
 * Chromium, once the relay has a production build to serve: a connection to the run's browser
 * when the global setup provides one, else a browser of its own (bench/). `close()` ends what
 * the caller made either way: its connection and contexts, or its browser.
 */
export async function launchBrowser(): Promise<Browser> {
  // The relay serves dist/client: a page of yesterday's client would test yesterday's app.
  assertBuilt('dist/client/index.html', ['client', 'shared'], 'run `npm run build` first')
  const shared = await askTestServer<{ wsEndpoint: string }>('chromium')
  if (shared) return logPageLoads(withoutServiceWorkers(await chromium.connect(shared.wsEndpoint)))
  const options = chromiumLaunchOptions()
  logProcessStart('chromium')
  return logPageLoads(withoutServiceWorkers(await chromium.launch(options)))
}

/**
 * Contexts without the app's service worker unless asked for (`serviceWorkers: 'allow'`): on every
 * fresh profile it fetches and stores each file the page loaded once more, about 4 % of the browser
 * project's time, for nothing a test looks at. The tests of offline reloads and of what the worker
 * keeps (board, firstPaint, access, beitragenFollows) ask for it.
 */
function withoutServiceWorkers(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext({ serviceWorkers: 'block', ...options })
    // Playwright's own 30 s for a click or a wait without a timeout of its own is a hang limit too.
    context.setDefaultTimeout(hang(30_000))
    return context
  }
  return browser
}

/**
 * With TEST_PAGE_LOG=<file>, every page load in a context of `browser` appends `<test file> <path>`:
 * a page load costs about two CPU seconds of Chromium on the test machine, so their count per file
 * (`cut -d' ' -f1 <file> | sort | uniq -c`) says most of what a browser file costs.
 */
function logPageLoads(browser: Browser): Browser {
  const log = process.env.TEST_PAGE_LOG
  if (!log) return browser
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    const file = testFile()
    context.on('page', (page) => page.on('load', () => appendFileSync(log, `${file} ${new URL(page.url()).pathname}\n`)))
    return context
  }
  return browser
}

/** A download's bytes: `download.path()` does not work on a connected (shared) browser, its stream does. */
export async function downloaded(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * The tab `open` opens from `opener`, in the opener's language. Now and then (6 of 80 tabs opened
 * by a middle click, measured) Chromium gives a new tab its context's locale only after the tab's
 * own scripts ran: the app then chose the machine's language (English), and a test looking for
 * German words waited in vain. Such a tab is loaded once more.
 */
export async function tabOpenedBy(opener: Page, open: () => Promise<unknown>): Promise<Page> {
  const [tab] = await Promise.all([opener.context().waitForEvent('page'), open()])
  const language = () => document.documentElement.lang
  const wanted = await opener.evaluate(language)
  await tab.waitForURL((url) => url.protocol.startsWith('http'), { waitUntil: 'domcontentloaded' })
  if ((await tab.evaluate(language)) !== wanted) await tab.reload({ waitUntil: 'domcontentloaded' })
  return tab
}

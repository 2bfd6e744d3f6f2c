/**
 * The version preview on a facilitator's laptop (1366×768, unthrottled): a board with the
 * Gründungsveranstaltung and 120 Zettel, saved as a named version; from the click on „Ansehen“
 * until the preview shows the version (goal: within 2 s). The baseline in the same run is opening
 * the board itself in a fresh tab: from navigation until the 120 Zettel are drawn. Alternating,
 * the median of five each after one warm-up of both.
 */
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../test/helpers/browser.ts'
import { newPerson } from '../test/helpers/boardPages.ts'
import { apiFetch, boardPageUrl } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay } from '../test/helpers/relay.ts'
import { preparedBoard } from './phoneFirstVisit.ts'
import { median, round } from './stats.ts'

const laptop = { width: 1366, height: 768 }
const zettel = 120
const versionName = 'Vor der Pause'

export interface VersionPreviewResult {
  rounds: number
  /** Navigation until the board's 120 Zettel are drawn. */
  openBoardMs: number[]
  /** The click on „Ansehen“ until the preview shows the version. */
  previewMs: number[]
  /** Median preview / median board opening. */
  ratio: number
}

const twoFrames = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))

async function openBoard(browser: Browser, url: string) {
  const person = await newPerson(browser, laptop)
  const started = performance.now()
  await person.page.goto(url)
  await person.page.waitForFunction(
    (n) => {
      const editor = window.__netzwerkstatt?.editor
      return editor !== undefined && editor.getCurrentPageShapes().filter((s) => s.type === 'note').length >= n
    },
    zettel,
    { timeout: 120_000, polling: 50 },
  )
  await twoFrames(person.page)
  return { person, ms: performance.now() - started }
}

/** From the click until the preview shows the version: its drawing (or, before, tldraw's image) is there. */
async function preview(page: Page): Promise<number> {
  await page.getByTestId('main-menu.button').click()
  await page.getByRole('menuitem', { name: 'Versionen …' }).click()
  const button = page.getByRole('region', { name: 'Versionen' }).locator('li[data-named]').getByRole('button', { name: 'Ansehen' })
  await button.waitFor()
  const started = performance.now()
  await button.click()
  await page.waitForFunction(
    () => {
      const drawn = document.querySelector('.nws-version-preview [data-preview="drawn"]')
      const image = document.querySelector<HTMLImageElement>('.nws-version-preview__image img')
      return drawn !== null || (image !== null && image.complete && image.naturalWidth > 0)
    },
    undefined,
    { timeout: 120_000, polling: 'raf' },
  )
  await twoFrames(page)
  return performance.now() - started
}

export async function runVersionPreview({ rounds = 5 } = {}): Promise<VersionPreviewResult> {
  const relay = await startRelay({ process: true, env: { LOG_LEVEL: 'info' } })
  const browser = await launchBrowser()
  try {
    const board = await preparedBoard(relay, browser)
    const saved = await apiFetch(relay, `/api/boards/${board.id}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: versionName }),
    })
    if (!saved.ok) throw new Error(`saving the version: ${saved.status} ${await saved.text()}`)
    const url = boardPageUrl(relay, board)
    const openBoardMs: number[] = []
    const previewMs: number[] = []
    for (let i = 0; i <= rounds; i++) {
      const { person, ms } = await openBoard(browser, url)
      const shown = await preview(person.page)
      await person.context.close()
      // The first round warms the relay and the browser's caches up.
      if (i === 0) continue
      openBoardMs.push(round(ms))
      previewMs.push(round(shown))
    }
    return { rounds, openBoardMs, previewMs, ratio: round(median(previewMs) / median(openBoardMs)) }
  } finally {
    await browser.close()
    await relay.kill()
    removeDataDir(relay.dataDir)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(await runVersionPreview(), null, 2))

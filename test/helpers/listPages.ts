/**
 * The devices of the contribution view's browser tests („Beitragen“): a phone or a browser that
 * has never seen the app, the facilitator's canvas beside it, and the list opened from a link.
 * Contexts are closed after each test (`keep`: after the file, for pages its tests share), and a
 * page error in any of them fails the test it came in.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, expect } from 'vitest'
import { openBoardPage, skipNamePrompt } from './boardPages.ts'
import { hang } from './hang.ts'

export const phoneViewport = { width: 390, height: 844 }

/**
 * A Zettel longer than a note holds at tldraw's default size, with a word that needs smaller type.
 * (A word too long even at tldraw's smallest type, „Kinderbetreuungsmöglichkeiten“, spills on the
 * canvas whoever wrote it.)
 */
export const longZettel =
  'Netzwerkkoordination: Kinderbetreuung während der Beratungstermine im Jobcenter und beim Jugendamt gemeinsam planen, Termine früh absprechen und allen Beteiligten rechtzeitig mitteilen'

/** Whether the canvas draws the note with this text wholly inside it: every line's box, the long word's included. */
export const noteFits = (page: Page, text: string) =>
  page.evaluate((text) => {
    const editor = window.__netzwerkstatt!.editor
    const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === text)
    if (!note) return 'no note'
    editor.zoomToBounds(editor.getShapePageBounds(note)!.clone().expandBy(100), { immediate: true })
    const container = document.querySelector(`[data-shape-id="${note.id}"] .tl-note__container`)?.getBoundingClientRect()
    const label = document.querySelector(`[data-shape-id="${note.id}"] .tl-rich-text`)
    if (!container || !label) return 'not drawn'
    const range = document.createRange()
    range.selectNodeContents(label)
    const inside = [...range.getClientRects()].every(
      (r) => r.left >= container.left - 1 && r.right <= container.right + 1 && r.top >= container.top - 1 && r.bottom <= container.bottom + 1,
    )
    return inside ? 'fits' : 'spills'
  }, text)

export function listDevices(suite: { readonly browser: Browser }, options: { keep?: boolean } = {}) {
  const contexts: BrowserContext[] = []
  const problems: string[] = []
  const close = async () => {
    for (const context of contexts.splice(0)) await context.close()
  }
  afterEach(async () => {
    if (!options.keep) await close()
    expect(problems.splice(0)).toEqual([])
  })
  if (options.keep) afterAll(close)

  async function context(options: { locale: string; viewport: { width: number; height: number }; touch: boolean; hooks?: boolean; serviceWorker?: boolean }): Promise<BrowserContext> {
    const { locale, viewport, touch, hooks = false, serviceWorker = false } = options
    const made = await suite.browser.newContext({ locale, viewport, hasTouch: touch, isMobile: touch, ...(serviceWorker ? { serviceWorkers: 'allow' as const } : {}) })
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
    /**
     * A phone (touch, mobile viewport) or a desktop browser of this size that has never seen the app;
     * `serviceWorker`: with the app's service worker (test/helpers/browser.ts leaves it out).
     */
    async device(kind: 'phone' | { width: number; height: number }, locale = 'de-DE', hooks = false, serviceWorker = false): Promise<Page> {
      const phone = kind === 'phone'
      return (await context({ locale, viewport: phone ? phoneViewport : kind, touch: phone, hooks, serviceWorker })).newPage()
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
      await page.locator('.nws-contribute h2').first().waitFor({ timeout: hang(20_000) })
    },
  }
}

/**
 * "Seit Ihrem letzten Besuch" in Chromium: Anna looks at the board and closes it; Ben adds two
 * Zettel and moves a card; when Anna comes back she is told so, the three are highlighted, she
 * jumps to one, marks the rest as seen, and after a reload nothing is new. A first visit and
 * changes she watched arrive say nothing.
 * Screenshots: test/artifacts/since-last-visit-{1920,1366,390}{,-list}.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

/** Makes a shape through the editor, as a drawing hand would; returns its id. */
const addShape = (page: Page, shape: { type: 'note' | 'geo'; x: number; y: number; text: string }) =>
  page.evaluate(({ type, x, y, text }) => {
    const editor = window.__netzwerkstatt!.editor
    const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
    const props = type === 'geo' ? { richText, w: 220, h: 120 } : { richText }
    editor.createShape({ type, x, y, props })
    return editor.getCurrentPageShapesSorted().at(-1)!.id as string
  }, shape)

const shapeIds = (page: Page) => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapeIds().size)
const marks = (page: Page) => page.locator('.nws-since-mark')
const notice = (page: Page) => page.locator('.nws-since')
/** Waits until the page has compared the board with its last visit and found nothing. */
const nothingNew = (page: Page) => page.locator('[data-since="nothing-new"]').waitFor({ state: 'attached', timeout: 20_000 })

describe.skipIf(skipBrowserTests)('what changed since the last visit', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })

  it('tells a returning person what changed, highlights it until seen, and then says nothing', { timeout: 180_000 }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Frühe Hilfen')
    const ben = await suite.person()
    await openBoardPage(ben.page, boardPageUrl(suite.relay, board))
    const card = await addShape(ben.page, { type: 'geo', x: 100, y: 100, text: 'Jugendamt' })
    await addShape(ben.page, { type: 'note', x: 400, y: 100, text: 'Kita Sonnenschein' })

    // Anna's first visit: nothing to say.
    const anna = await suite.person()
    await openBoardPage(anna.page, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => shapeIds(anna.page)).toBe(2)
    await nothingNew(anna.page)
    // She watches a change arrive: that is not news on her next visit.
    await addShape(ben.page, { type: 'note', x: 700, y: 100, text: 'Beratungsstelle' })
    await expect.poll(() => shapeIds(anna.page)).toBe(3)
    await anna.page.close()

    // While she is away.
    await addShape(ben.page, { type: 'note', x: 100, y: 400, text: 'Familienhebamme anfragen' })
    await addShape(ben.page, { type: 'note', x: 400, y: 400, text: 'Termin im März' })
    await ben.page.evaluate((id) => {
      const editor = window.__netzwerkstatt!.editor
      editor.updateShape({ id: id as never, type: 'geo', x: 100, y: 700 })
    }, card)

    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      const page = await anna.context.newPage()
      await page.setViewportSize(viewport)
      await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
      await expect(notice(page).locator('.nws-since__summary').innerText()).resolves.toBe(
        'Seit Ihrem letzten Besuch: 2 neue Zettel, 1 geändert',
      )
      await expect.poll(() => marks(page).count()).toBe(3)
      await page.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))
      await screenshot(page, `since-last-visit-${viewport.width}.png`)
      await notice(page).getByRole('button', { name: 'Zeigen' }).click()
      await screenshot(page, `since-last-visit-${viewport.width}-list.png`)
      // Reloading before looking keeps it unseen.
      await page.close()
    }

    const page = await anna.context.newPage()
    await page.setViewportSize({ width: 1920, height: 1080 })
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await notice(page).getByRole('button', { name: 'Zeigen' }).click()
    const items = notice(page).locator('.nws-since__item')
    const labels = await items.locator('.nws-since__label').allInnerTexts()
    expect(labels.sort()).toEqual(['Familienhebamme anfragen', 'Jugendamt', 'Termin im März'])
    // Jumping to the moved card selects it, and it is seen.
    await items.filter({ hasText: 'Jugendamt' }).click()
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapeIds())).toEqual([card])
    await expect.poll(() => marks(page).count()).toBe(2)
    await expect(notice(page).locator('.nws-since__summary').innerText()).resolves.toBe('Seit Ihrem letzten Besuch: 2 neue Zettel')
    await notice(page).getByRole('button', { name: 'Alle als gesehen markieren' }).click()
    await expect.poll(() => notice(page).count()).toBe(0)
    expect(await marks(page).count()).toBe(0)

    await page.reload()
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await nothingNew(page)
    expect(await notice(page).count()).toBe(0)
    expect(await marks(page).count()).toBe(0)
    expect([...anna.problems, ...ben.problems]).toEqual([])
  })

  it('names a new template as one, and leads to a change on another page, in English too', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Network meeting')
    const ben = await suite.person()
    await openBoardPage(ben.page, boardPageUrl(suite.relay, board))
    await addShape(ben.page, { type: 'note', x: 100, y: 100, text: 'Agenda' })
    const anna = await suite.person({ locale: 'en-US', viewport: { width: 1366, height: 768 } })
    await openBoardPage(anna.page, boardPageUrl(suite.relay, board, 'participant'))
    await nothingNew(anna.page)
    await anna.page.close()

    const panel = await openTemplatesPanel(ben.page)
    await panel.getByRole('button', { name: /^Beteiligtenanalyse/ }).click()
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await ben.page.keyboard.press('Escape')
    const note = await ben.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createPage({ name: 'Second page' })
      const second = editor.getPages().find((p) => p.name === 'Second page')!
      editor.setCurrentPage(second.id)
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ask the youth office' }] }] }
      editor.createShape({ type: 'note', x: 200, y: 200, props: { richText } })
      return editor.getCurrentPageShapeIds().values().next().value as string
    })

    const page = await anna.context.newPage()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await expect(notice(page).locator('.nws-since__summary').innerText()).resolves.toBe('Since your last visit: 1 new note, 1 new template')
    // One mark around the whole template; the note is on the other page.
    await expect.poll(() => marks(page).count()).toBe(1)
    await notice(page).getByRole('button', { name: 'Show' }).click()
    await expect(notice(page).locator('.nws-since__item').first().innerText()).resolves.toMatch(/Beteiligtenanalyse.*\s+new template · page “Seite 1”/)
    const item = notice(page).locator('.nws-since__item').filter({ hasText: 'Ask the youth office' })
    await expect(item.innerText()).resolves.toMatch(/Ask the youth office\s+new · page “Second page”/)
    await page.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))
    await screenshot(page, 'since-last-visit-other-page-en-1366.png')
    await item.click()
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapeIds())).toEqual([note])
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name)).toBe('Second page')
    // The template is still unseen.
    await expect(notice(page).locator('.nws-since__summary').innerText()).resolves.toBe('Since your last visit: 1 new template')
    expect([...anna.problems, ...ben.problems]).toEqual([])
  })
})

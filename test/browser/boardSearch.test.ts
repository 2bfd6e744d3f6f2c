/**
 * Searching the board in real Chromium against the real relay: Ctrl+F opens the search field
 * (the browser's own find cannot read a canvas); "mueller" finds the Zettel "Frau Müller …" in
 * the Zielsystem's cell "Teilziel 2" on page 2, named so in the list, the part found marked;
 * Enter switches to that page and selects the Zettel. The list follows the board as people
 * write; Enter and Shift+Enter walk through it, a click jumps too, Escape closes.
 * One board and one person at it for the file (a page load costs about two CPU seconds): the
 * person's tests follow each other on that page, at 1920, then 1366, then 390 px wide, each
 * starting with the search closed on page 1; the observer is a page of its own on the same board.
 * Files: test/artifacts/search-1920.png, search-1366.png, search-390.png.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { axeFindings, clippedText } from '../helpers/axe.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, cameraAtRest, chooseFromMainMenu, openBoardPage, writeNoteInCell, zielsystemOnNewPage, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { hang } from '../helpers/hang.ts'

/** The current page's name and the selected shapes' texts. */
const where = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return {
      page: editor.getCurrentPage().name,
      selected: editor.getSelectedShapes().map((s) => editor.getShapeUtil(s).getText(s) ?? ''),
    }
  })

/** Whether the selected shape's box lies within the viewport. */
const selectedInView = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const box = editor.getSelectionPageBounds()
    return !!box && editor.getViewportPageBounds().contains(box)
  })

/** A board page with the Zukunftskonferenz on page 1 and, on page 2 ("Workshop 2"), a Zielsystem with a Zettel in Teilziel 2. */
async function boardWithTwoPages(page: Page, url: string) {
  await openBoardPage(page, url)
  const firstPage = await page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name)
  await zielsystemOnNewPage(page)
  await writeNoteInCell(page, 'ziele:cell:t2:beschreibung', 'Frau Müller fragt beim Jugendamt')
  await onPageNamed(page, firstPage)
  return firstPage
}

/** Back on the page of this name, nothing selected: where a person starts a search. */
const onPageNamed = (page: Page, name: string) =>
  page.evaluate((name) => {
    const editor = window.__netzwerkstatt!.editor
    editor.setCurrentPage(editor.getPages().find((p) => p.name === name)!.id)
    editor.selectNone()
  }, name)

describe.skipIf(skipBrowserTests)('search on the board', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })
  let board: CreatedBoard
  let person: Person
  let firstPage: string
  beforeAll(async () => {
    board = await createBoard(suite.relay, 'Netzwerk Nord', { template: 'zukunftskonferenz', locale: 'de' })
    person = await suite.person({ keep: true })
    firstPage = await boardWithTwoPages(person.page, boardPageUrl(suite.relay, board))
  }, hang(60_000))

  /** The person's page at this size, the search closed, on page 1 with nothing selected: as a test before it found it. */
  async function onPageOne(size: { width: number; height: number }) {
    const { page } = person
    const panel = page.getByRole('search', { name: 'Suche auf dem Board' })
    if (await panel.count()) {
      await page.getByRole('searchbox', { name: 'Auf dem Board suchen' }).focus()
      await page.keyboard.press('Escape')
      await expect.poll(() => panel.count()).toBe(0)
    }
    if (page.viewportSize()!.width !== size.width) {
      await page.setViewportSize(size)
      await page.waitForFunction((w) => window.__netzwerkstatt!.editor.getViewportScreenBounds().w === w, size.width)
    }
    await onPageNamed(page, firstPage)
    return person
  }

  it('Ctrl+F opens the search; Enter goes to the Zettel in a template cell on page 2 and selects it', { timeout: hang(150_000) }, async () => {
    const { page, problems } = await onPageOne({ width: 1920, height: 1080 })

    // The board has focus (a click on the canvas), as when someone works on it.
    await page.mouse.click(960, 600)
    await page.keyboard.press('Control+f')
    const field = page.getByRole('searchbox', { name: 'Auf dem Board suchen' })
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true)

    await page.keyboard.type('mueller')
    const panel = page.getByRole('search', { name: 'Suche auf dem Board' })
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('1 Treffer')
    const results = panel.getByRole('list', { name: 'Treffer' }).getByRole('listitem')
    await expect.poll(() => results.allTextContents()).toHaveLength(1)
    const result = results.first()
    expect(await result.locator('mark').allTextContents()).toEqual(['Müller'])
    expect(await result.textContent()).toContain('Frau Müller fragt beim Jugendamt')
    expect(await result.textContent()).toContain('Workshop 2 › Zielsystem')
    expect(await result.textContent()).toContain('Teilziel 2 › Beschreibung')
    expect((await where(page)).page).toBe(firstPage)

    await page.keyboard.press('Enter')
    await expect.poll(() => where(page)).toEqual({ page: 'Workshop 2', selected: ['Frau Müller fragt beim Jugendamt'] })
    await cameraAtRest(page)
    expect(await selectedInView(page)).toBe(true)
    // The field keeps the keyboard: Enter again stays on the only result.
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true)
    await screenshot(page, 'search-1920.png')

    // Escape closes the search.
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.count()).toBe(0)

    // In another panel's text field Ctrl+F stays the browser's.
    await chooseFromMainMenu(page, 'Versionen …')
    await page.getByLabel('Stand jetzt als Version speichern').focus()
    await page.keyboard.press('Control+f')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.nws-versions').count()).toBe(0)
    expect(await panel.count()).toBe(0)

    // While a Zettel is being written, Ctrl+F searches (the browser's find would not look inside the canvas).
    const note = await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const shape = editor.getCurrentPageShapes().find((s) => s.type === 'note')!
      return editor.pageToScreen(editor.getShapePageBounds(shape)!.center)
    })
    await page.mouse.dblclick(note.x, note.y)
    await page.waitForFunction(() => window.__netzwerkstatt!.editor.getEditingShapeId() !== null)
    await page.keyboard.press('Control+f')
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true)
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getEditingShapeId())).toBeNull()
    expect(await where(page)).toEqual({ page: 'Workshop 2', selected: ['Frau Müller fragt beim Jugendamt'] })
    expect(problems).toEqual([])
  })

  it('an observer (Nur ansehen) searches and goes to a result on another page too', { timeout: hang(150_000) }, async () => {
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'observer'))
    await page.getByRole('button', { name: 'Suchen' }).click()
    await page.getByRole('searchbox', { name: 'Auf dem Board suchen' }).fill('frau muller')
    const panel = page.getByRole('search', { name: 'Suche auf dem Board' })
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('1 Treffer')
    await page.keyboard.press('Enter')
    await expect.poll(() => where(page)).toEqual({ page: 'Workshop 2', selected: ['Frau Müller fragt beim Jugendamt'] })
    expect(problems).toEqual([])
  })

  it('follows the board as people write; Enter and Shift+Enter walk the results; a click jumps; by keyboard alone', { timeout: hang(150_000) }, async () => {
    const { page, problems } = await onPageOne({ width: 1366, height: 768 })

    // The search button, by keyboard: Tab from the page to it, Enter opens the field.
    await page.getByRole('button', { name: 'Suchen' }).focus()
    await page.keyboard.press('Enter')
    const field = page.getByRole('searchbox', { name: 'Auf dem Board suchen' })
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('MULLER')
    const panel = page.getByRole('search', { name: 'Suche auf dem Board' })
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('1 Treffer')

    // Someone writes another Zettel on page 1: the list follows.
    await writeNoteInCell(page, 'action:a1:massnahme', 'Müllers Vorschlag: Elterncafé')
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('2 Treffer')
    const results = panel.getByRole('list', { name: 'Treffer' }).getByRole('listitem')
    // Page 1 before page 2.
    await expect.poll(async () => (await results.allTextContents()).map((text) => text.includes('Elterncafé'))).toEqual([true, false])

    await field.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => where(page)).toEqual({ page: firstPage, selected: ['Müllers Vorschlag: Elterncafé'] })
    await page.keyboard.press('Enter')
    await expect.poll(() => where(page)).toEqual({ page: 'Workshop 2', selected: ['Frau Müller fragt beim Jugendamt'] })
    await page.keyboard.press('Shift+Enter')
    await expect.poll(() => where(page)).toEqual({ page: firstPage, selected: ['Müllers Vorschlag: Elterncafé'] })
    await cameraAtRest(page)
    await screenshot(page, 'search-1366.png')

    // A click on a result jumps as well.
    await results.nth(1).getByRole('button').click()
    await expect.poll(() => where(page)).toEqual({ page: 'Workshop 2', selected: ['Frau Müller fragt beim Jugendamt'] })

    // Nothing found says so.
    await field.fill('schuldnerberatung')
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('Keine Treffer')

    // Escape closes it, and the keyboard is back on the search button.
    await field.focus()
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.count()).toBe(0)
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Suchen')
    expect(problems).toEqual([])
  })

  it('fits a phone, with no serious axe violation and nothing cut off', { timeout: hang(150_000) }, async () => {
    const { page, problems } = await onPageOne({ width: 390, height: 844 })
    await page.getByRole('button', { name: 'Suchen' }).click()
    await page.getByRole('searchbox', { name: 'Auf dem Board suchen' }).fill('jugendamt')
    const panel = page.getByRole('search', { name: 'Suche auf dem Board' })
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^\d+ Treffer$/)
    const box = (await panel.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    expect(await axeFindings(page, '.nws-search')).toEqual([])
    expect(await clippedText(page, '.nws-search')).toEqual([])
    await screenshot(page, 'search-390.png')
    expect(problems).toEqual([])
  })
})

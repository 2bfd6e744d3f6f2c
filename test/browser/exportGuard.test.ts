/**
 * The board's export setting holds on every path of the UI, not only in our panel and the API:
 * tldraw's own main menu (export, copy as, print), its context menu and its keyboard shortcuts.
 * A read-only link whose exports are not released gets nothing out; once released, tldraw's PNG
 * export is named after the board, not "Ohne Titel".
 * Files: test/artifacts/export-guard-{closed,open}-menu.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage } from '../helpers/boardPages.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { boardPageUrl, connectClient, createBoard, whenSynced } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

/** Counts what would leave the page: file downloads, clipboard writes, the print dialog. */
async function watchExports(page: Page) {
  const downloads: string[] = []
  page.on('download', (download) => downloads.push(download.suggestedFilename()))
  await page.evaluate(() => {
    const w = window as unknown as { __leaks: string[] }
    w.__leaks = []
    window.print = () => void w.__leaks.push('print')
    const clipboard = navigator.clipboard
    if (clipboard) {
      clipboard.write = async () => void w.__leaks.push('clipboard.write')
      clipboard.writeText = async () => void w.__leaks.push('clipboard.writeText')
    }
    document.addEventListener('copy', (event) => {
      if (event.clipboardData?.types.length) w.__leaks.push('copy event')
    })
  })
  return {
    downloads,
    leaks: () => page.evaluate(() => (window as unknown as { __leaks: string[] }).__leaks),
  }
}

/** Every item text of the open menus, submenus opened one by one. */
async function menuTexts(page: Page): Promise<string[]> {
  const texts = new Set<string>()
  for (let round = 0; round < 3; round++) {
    for (const text of await page.locator('[role="menuitem"], [data-testid$=".button"]').allTextContents()) texts.add(text.trim())
    const triggers = page.locator('[data-testid$="-sub-trigger"], [aria-haspopup="menu"][role="menuitem"]')
    for (let i = 0; i < (await triggers.count()); i++) await triggers.nth(i).hover().catch(() => {})
  }
  return [...texts].filter(Boolean)
}

const exportWords = /SVG|PNG|JSON|Drucken|PDF|Exportieren|exportieren|Kopieren als|Markdown|CSV/

describe.skipIf(skipBrowserTests)('export setting on every path', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  it('lets a read-only link take nothing home until exports are released, then names the PNG after the board', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Nord', { template: 'protokoll', locale: 'de' })
    const facilitator = connectClient(suite.relay, board.id, undefined, { token: board.access.facilitator })
    await whenSynced(facilitator)
    putRecords(facilitator.doc, [noteAt(-600, -600, 'Kita-Randzeiten')])
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'observer'))
    await expect.poll(() => noteTexts(page)).toEqual(['Kita-Randzeiten'])
    const watch = await watchExports(page)

    // The main menu, every submenu opened.
    await page.getByTestId('main-menu.button').click()
    const mainMenu = await menuTexts(page)
    await screenshot(page, 'export-guard-closed-menu.png')
    expect(mainMenu).toContain('Zur Startseite')
    expect(mainMenu.filter((text) => exportWords.test(text))).toEqual([])
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')

    // Everything selected, then the context menu and the shortcuts.
    await page.locator('.tl-canvas').click({ position: { x: 600, y: 400 } })
    await page.keyboard.press('Control+a')
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapeIds().length)).toBeGreaterThan(0)
    await page.locator('.tl-canvas').click({ button: 'right', position: { x: 600, y: 400 } })
    const contextMenu = await menuTexts(page)
    expect(contextMenu.filter((text) => exportWords.test(text))).toEqual([])
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+a')
    for (const keys of ['Control+Shift+c', 'Control+c', 'Control+p']) await page.keyboard.press(keys)
    // A round trip through the page, so that anything the shortcuts started has begun.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    expect(await watch.leaks()).toEqual([])
    expect(watch.downloads).toEqual([])

    // The facilitator releases exports: tldraw's PNG export is there, named after the board.
    facilitationMap(facilitator.doc).set(facilitationKeys.exports, { observers: true })
    await page.keyboard.press('Escape')
    await page.evaluate(() => void window.__netzwerkstatt!.editor.selectNone())
    await page.getByTestId('main-menu.button').click()
    const exportAll = page.getByRole('menuitem', { name: 'Alle exportieren als' })
    await exportAll.waitFor({ timeout: hang(15_000) })
    await exportAll.hover()
    await screenshot(page, 'export-guard-open-menu.png')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: hang(30_000) }), page.getByRole('menuitem', { name: 'PNG' }).click()])
    expect(download.suggestedFilename()).toBe('Steuerungsgruppe Nord.png')
    facilitator.destroy()
    expect(problems).toEqual([])
  })
})

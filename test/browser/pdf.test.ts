/**
 * The board as PDF in Chromium: "PDF (über Drucken)" in the main menu lays out one page per
 * template (with the notes on it), or per frame where the page has frames, and opens the print
 * dialog; Chromium's own PDF printer then makes a file with that many pages.
 * Files: test/artifacts/board-{template,frames}.pdf, test/artifacts/pdf-print-sheet.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { artifacts, skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

/** Chooses the menu item with the print dialog replaced by a flag; returns the sheet's pages. */
async function printFromMenu(page: Page) {
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes')
  })
  await page.getByTestId('main-menu.button').click()
  await page.getByText('Ergebnisse exportieren').hover()
  await page.getByRole('menuitem', { name: 'PDF (über Drucken)' }).click()
  await page.locator('body[data-printed="yes"]').waitFor({ state: 'attached' })
  return page.evaluate(() =>
    [...document.querySelectorAll('#nws-print .nws-print-page')].map((section) => ({
      heading: section.querySelector('h1')!.textContent,
      drawn: (section.querySelector('img') as HTMLImageElement).naturalWidth > 0,
    })),
  )
}

/** Pages in a PDF file, counted from its page objects. */
const pdfPages = (file: string) => (readFileSync(file, 'latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length

describe.skipIf(skipBrowserTests)('PDF of the board', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('one page per template', { timeout: 60_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel Nord', { template: 'planspiel', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    const sheet = await printFromMenu(page)
    expect(sheet).toEqual([{ heading: 'Planspiel Nord · Planspiel – Frau K.: Mietschulden und kein Krippenplatz', drawn: true }])
    await page.emulateMedia({ media: 'print' })
    await page.screenshot({ path: join(artifacts, 'pdf-print-sheet.png') })
    const file = join(artifacts, 'board-template.pdf')
    await page.pdf({ path: file, landscape: true, format: 'A4' })
    expect(pdfPages(file)).toBe(1)
    expect(problems).toEqual([])
  })

  it('one page per frame, in reading order', { timeout: 60_000 }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe')
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createShapes([
        { type: 'frame', x: 1200, y: 0, props: { w: 800, h: 500, name: 'Maßnahmen' } },
        { type: 'frame', x: 0, y: 0, props: { w: 800, h: 500, name: 'Ziele' } },
        { type: 'note', x: 100, y: 100 },
      ])
    })
    const sheet = await printFromMenu(page)
    expect(sheet.map((p) => p.heading)).toEqual(['Steuerungsgruppe · Ziele', 'Steuerungsgruppe · Maßnahmen'])
    expect(sheet.every((p) => p.drawn)).toBe(true)
    await page.emulateMedia({ media: 'print' })
    const file = join(artifacts, 'board-frames.pdf')
    await page.pdf({ path: file, landscape: true, format: 'A4' })
    expect(pdfPages(file)).toBe(2)
    expect(problems).toEqual([])
  })
})

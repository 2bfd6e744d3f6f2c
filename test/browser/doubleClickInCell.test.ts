/**
 * Writing into a template cell the way people try first: in Chromium, a participant double-clicks
 * the Beteiligtenanalyse cell "Jugendamt × Ziele" and types. What she wrote is a note (Zettel)
 * inside that cell, and the report from the relay files it under "Ziele", nowhere else.
 * Screenshot: test/artifacts/double-click-note-in-cell.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Box } from '../../shared/templates/geometry.ts'
import type { WorkshopReport } from '../../shared/results/report.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

interface ShapeOnPage {
  type: string
  text: string
  box: Box
}

const written = (page: Page): Promise<ShapeOnPage[]> =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return editor
      .getCurrentPageShapes()
      .filter((s) => !(s.meta as { netzwerkstatt?: unknown }).netzwerkstatt)
      .map((s) => {
        const b = editor.getShapePageBounds(s)!
        return { type: s.type, text: editor.getShapeUtil(s).getText(s) ?? '', box: { x: b.x, y: b.y, w: b.w, h: b.h } }
      })
  })

/** The page box of the Beteiligtenanalyse cell in this partner's row and this column. */
const cellBox = (page: Page, partner: string, col: string): Promise<Box> =>
  page.evaluate(
    ({ partner, col }) => {
      const editor = window.__netzwerkstatt!.editor
      const cell = editor.getCurrentPageShapes().find((s) => {
        const ref = (s.meta as { netzwerkstatt?: { cell?: { rowLabel?: string; col?: string } } }).netzwerkstatt?.cell
        return ref?.rowLabel === partner && ref.col === col
      })!
      const b = editor.getShapePageBounds(cell)!
      return { x: b.x, y: b.y, w: b.w, h: b.h }
    },
    { partner, col },
  )

const toScreen = (page: Page, point: { x: number; y: number }) =>
  page.evaluate((point) => window.__netzwerkstatt!.editor.pageToScreen(point), point)

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.w <= outer.x + outer.w + 0.5 && inner.y + inner.h <= outer.y + outer.h + 0.5

describe.skipIf(skipBrowserTests)('double-click into a template cell', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })

  it('makes a note in that cell, filed there in the report', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Beteiligte Landkreis', { template: 'beteiligtenanalyse', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await page.evaluate(() => {
      window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } })
    })

    const goals = await cellBox(page, 'Jugendamt', 'ziele')
    const middle = await toScreen(page, { x: goals.x + goals.w / 2, y: goals.y + goals.h / 2 })
    // Typed at once, as people do: no waiting for the text box.
    await page.mouse.dblclick(middle.x, middle.y)
    await page.keyboard.type('Kooperationsvereinbarung')
    await page.keyboard.press('Escape')

    await expect.poll(async () => (await written(page)).map((s) => `${s.type}: ${s.text}`)).toEqual(['note: Kooperationsvereinbarung'])
    const [note] = await written(page)
    expect(inside(note.box, goals), JSON.stringify({ note: note.box, goals })).toBe(true)

    const report = async () => {
      const response = await apiFetch(suite.relay, `/api/boards/${board.id}/report?format=json&locale=de`, {
        headers: { authorization: `Bearer ${board.access.facilitator}` },
      })
      const data = (await response.json()) as WorkshopReport
      // The partners' table by its columns: tables follow the order of the stored records.
      const table = data.templates[0].tables.find((t) => t.columns.includes('Ziele'))!
      const row = table.rows.find((r) => r[0][0] === 'Jugendamt')!
      return Object.fromEntries(table.columns.map((title, i) => [title, row[i]]).filter(([, notes]) => notes.length > 0 && notes[0] !== 'Jugendamt'))
    }
    await expect.poll(report, { timeout: hang(10_000) }).toEqual({ Ziele: ['Kooperationsvereinbarung'] })

    // Outside every cell (below the table) a double-click still starts a free text.
    await page.keyboard.press('Escape')
    const bottom = await page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageBounds()!.maxY)
    const below = await toScreen(page, { x: goals.x + goals.w / 2, y: bottom + 40 })
    await page.mouse.dblclick(below.x, below.y)
    await page.keyboard.type('Parkplatz')
    await page.keyboard.press('Escape')
    await expect.poll(async () => (await written(page)).map((s) => `${s.type}: ${s.text}`).sort()).toEqual(['note: Kooperationsvereinbarung', 'text: Parkplatz'])

    await page.mouse.move(10, 1070)
    await screenshot(page, 'double-click-note-in-cell.png')
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.evaluate(() => {
      window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } })
    })
    await screenshot(page, 'double-click-note-in-cell-1366.png')
    expect(problems).toEqual([])
  })
})

/**
 * The Zusammenschau's count per theme, live on the board: a participant marks cases in the matrix
 * and both she and the facilitator see, beside each theme's row, in how many cases it came up
 * ("1 Fall", "2 Fälle"); two notes in one case's field count once; taking a note out lowers the
 * count. Nothing is written to the board for it.
 * Screenshot: test/artifacts/fallmatrix-counts-1366.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage, writeNoteInCell } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

/** The count shown beside each row, top to bottom. */
const counts = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.nws-case-count')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((el) => el.textContent ?? ''),
  )

describe.skipIf(skipBrowserTests)('Zusammenschau: cases per theme on the board', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })
  const deflatedFrames = async () => Number(/^netzwerkstatt_socket_deflated_frames_total (\S+)$/m.exec(await (await fetch(`${suite.relay.httpUrl}/metrics`)).text())?.[1])

  it('shows beside each theme in how many cases it came up, for everyone, and stores nothing', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Zusammenschau Fälle', { template: 'fallmatrix', locale: 'de' })
    const facilitator = await suite.person()
    const framesBefore = await deflatedFrames()
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    // Chromium offers permessage-deflate: each page was sent the board as the relay's one deflate of it (`sharedDeflate.ts`).
    expect((await deflatedFrames()) - framesBefore).toBeGreaterThanOrEqual(2)
    await page.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))

    // Eleven themes, none marked yet.
    await expect.poll(() => counts(page)).toEqual(Array(11).fill('0 Fälle'))
    await writeNoteInCell(page, 'matrix:cell:th0:f1', 'X')
    await writeNoteInCell(page, 'matrix:cell:th0:f2', 'X')
    await writeNoteInCell(page, 'matrix:cell:th0:f2', 'auch Mietschulden')
    await writeNoteInCell(page, 'matrix:cell:th9:f3', 'X')
    const expected = ['2 Fälle', ...Array(8).fill('0 Fälle'), '1 Fall', '0 Fälle']
    await expect.poll(() => counts(page)).toEqual(expected)
    await expect.poll(() => counts(facilitator.page)).toEqual(expected)
    // Only the four notes someone wrote: the counts are not on the board.
    expect((await noteTexts(facilitator.page)).sort()).toEqual(['X', 'X', 'X', 'auch Mietschulden'].sort())
    expect(
      await page.evaluate(() =>
        window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => /Fälle|Fall\b/.test(window.__netzwerkstatt!.editor.getShapeUtil(s).getText(s) ?? '') && s.type !== 'text' && s.type !== 'geo').length,
      ),
    ).toBe(0)

    // The count sits right of the matrix, level with its row, inside the window.
    const placed = await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const key = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key
      const row = editor.getCurrentPageShapes().find((s) => key(s) === 'matrix:row:th0')!
      const lastCase = editor.getCurrentPageShapes().find((s) => key(s) === 'matrix:cell:th0:f6')!
      const rowBox = editor.getShapePageBounds(row)!
      const top = editor.pageToViewport({ x: 0, y: rowBox.y }).y
      const bottom = editor.pageToViewport({ x: 0, y: rowBox.y + rowBox.h }).y
      const right = editor.pageToViewport({ x: editor.getShapePageBounds(lastCase)!.maxX, y: 0 }).x
      const label = [...document.querySelectorAll<HTMLElement>('.nws-case-count')].find((el) => el.textContent === '2 Fälle')!.getBoundingClientRect()
      const canvas = document.querySelector('.tl-canvas')!.getBoundingClientRect()
      return { top, bottom, right, label: { x: label.x - canvas.x, y: label.y - canvas.y, w: label.width, h: label.height }, canvasW: canvas.width }
    })
    expect(placed.label.x).toBeGreaterThanOrEqual(placed.right - 1)
    expect(placed.label.y + placed.label.h / 2).toBeGreaterThan(placed.top)
    expect(placed.label.y + placed.label.h / 2).toBeLessThan(placed.bottom)
    expect(placed.label.x + placed.label.w).toBeLessThan(placed.canvasW)

    // A note taken out of the matrix: the count follows.
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === 'auch Mietschulden')!
      editor.deleteShapes([note.id])
      const other = editor
        .getCurrentPageShapes()
        .filter((s) => s.type === 'note')
        .sort((a, b) => a.x - b.x)[0]
      editor.deleteShapes([other.id])
    })
    await expect.poll(() => counts(facilitator.page)).toEqual(['1 Fall', ...Array(8).fill('0 Fälle'), '1 Fall', '0 Fälle'])
    await screenshot(page, 'fallmatrix-counts-1366.png')
    expect(problems).toEqual([])
  })
})

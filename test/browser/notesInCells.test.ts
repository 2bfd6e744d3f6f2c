/**
 * Notes written into a template cell, or dragged there, take a place of their own: in Chromium,
 * a participant writes three notes into one Beteiligtenanalyse cell with the note tool and drags
 * one into the next cell; every note lies inside its cell, none covers another, the facilitator's
 * screen shows the same, and the export finds each note in its cell.
 * Screenshot: test/artifacts/notes-in-cells.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { exportBoard } from '../../shared/results/export.ts'
import type { Box } from '../../shared/templates/geometry.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, writeNoteByDoubleClick } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

interface NoteOnPage {
  text: string
  box: Box
}

const notes = (page: Page): Promise<NoteOnPage[]> =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'note')
      .map((s) => {
        const b = editor.getShapePageBounds(s)!
        return { text: editor.getShapeUtil(s).getText(s) ?? '', box: { x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.w), h: Math.round(b.h) } }
      })
      .sort((a, b) => a.text.localeCompare(b.text))
  })

const cellBox = (page: Page, key: string): Promise<Box> =>
  page.evaluate((key) => {
    const editor = window.__netzwerkstatt!.editor
    const cell = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === key)!
    const b = editor.getShapePageBounds(cell)!
    return { x: b.x, y: b.y, w: b.w, h: b.h }
  }, key)

const toScreen = (page: Page, point: { x: number; y: number }) =>
  page.evaluate((point) => window.__netzwerkstatt!.editor.pageToScreen(point), point)

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.w <= outer.x + outer.w + 0.5 && inner.y + inner.h <= outer.y + outer.h + 0.5

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe.skipIf(skipBrowserTests)('notes in template cells', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('each note written or dropped into a cell gets a place of its own there, for everyone and in the export', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Beteiligtenanalyse Landkreis', { template: 'beteiligtenanalyse', locale: 'de' })
    const facilitator = await suite.person()
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await page.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))

    const goals = await cellBox(page, 'cell:p0:ziele')
    const middle = await toScreen(page, { x: goals.x + goals.w / 2, y: goals.y + goals.h / 2 })
    for (const text of ['Arbeit für Eltern', 'Betreuung sichern', 'Weniger Wege']) {
      await page.keyboard.press('n')
      await page.mouse.click(middle.x, middle.y)
      await page.locator('[contenteditable="true"][role="textbox"]').waitFor()
      await page.keyboard.type(text)
      await page.keyboard.press('Escape')
      await expect.poll(async () => (await notes(page)).find((n) => n.text === text)?.box.w ?? 0).toBeLessThan(200)
    }
    let mine = await notes(page)
    expect(mine).toHaveLength(3)
    for (const note of mine) expect(inside(note.box, goals), note.text).toBe(true)
    expect(mine.some((a, i) => mine.some((b, j) => i < j && overlap(a.box, b.box)))).toBe(false)

    // Dragged into the next cell, onto nothing in particular: it lands in a slot there.
    const interests = await cellBox(page, 'cell:p0:interessen')
    const moving = mine.find((n) => n.text === 'Weniger Wege')!
    const from = await toScreen(page, { x: moving.box.x + moving.box.w / 2, y: moving.box.y + moving.box.h / 2 })
    const to = await toScreen(page, { x: interests.x + interests.w - 30, y: interests.y + interests.h - 30 })
    await page.keyboard.press('Escape')
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 10 })
    await page.mouse.up()
    await expect.poll(async () => inside((await notes(page)).find((n) => n.text === 'Weniger Wege')!.box, interests)).toBe(true)

    mine = await notes(page)
    await expect.poll(() => notes(facilitator.page), { timeout: hang(10_000) }).toEqual(mine)
    const records = await page.evaluate(() => window.__netzwerkstatt!.editor.store.allRecords())
    // The partners' table by its columns: tables follow the order of the store's records, which a resync may change.
    const table = exportBoard(board, records).templates[0].tables.find((t) => t.columns.includes('Ziele'))!
    const column = (title: string) => table.columns.indexOf(title)
    expect([...table.rows[0][column('Ziele')]].sort()).toEqual(['Arbeit für Eltern', 'Betreuung sichern'])
    expect(table.rows[0][column('Interessen')]).toEqual(['Weniger Wege'])
    await page.mouse.move(10, 890)
    await screenshot(page, 'notes-in-cells.png')
    expect(problems).toEqual([])
  })

  it('leaves a Zettel where it was nudged though the note tool is picked before the next frame', { timeout: hang(60_000) }, async () => {
    const board = await createBoard(suite.relay, 'Nudge', { template: 'beteiligtenanalyse', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await writeNoteByDoubleClick(page, 'cell:p0:ziele', 'Weniger Wege')
    await expect.poll(() => notes(page)).toHaveLength(1)
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    const [placed] = await notes(page)
    // Nudged with the arrow keys while nothing else happens, then the note tool at once: tldraw
    // tells store listeners only on the next frame, when the editor is no longer idle.
    await page.evaluate(async () => {
      const editor = window.__netzwerkstatt!.editor
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
      editor.setCurrentTool('select')
      editor.selectAll()
      editor.nudgeShapes(editor.getSelectedShapeIds(), { x: 10, y: 0 })
      editor.setCurrentTool('note')
      await frame()
      await frame()
      editor.setCurrentTool('select')
      await frame()
      await frame()
    })
    expect((await notes(page))[0]!.box).toEqual({ ...placed!.box, x: placed!.box.x + 10 })
    expect(problems).toEqual([])
  })
})

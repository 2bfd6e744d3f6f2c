/**
 * Out of the Dienstleistungskette, in real Chromium against the real relay: on page 1 the chain's
 * Soll-Ist-Vergleich says what must change, who sets it going and by when; a Zielsystem on page 2
 * takes it into its Eingang with the who and the date in the same row, each Zettel knowing the
 * change it belongs to. The board's Dokumentation lists the change once, as the Zielsystem's, with
 * its owner and date.
 * Files: test/artifacts/chain-comparison-1366.png (the comparison with Wer? and Bis wann?),
 * chain-eingang-1366.png (the Zielsystem's Eingang after the carry).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { reportPath } from '../../shared/api.ts'
import type { Dokumentation } from '../../shared/results/dokumentation.ts'
import { dienstleistungsketteCells as kette } from '../../shared/templates/dienstleistungskette.ts'
import { zielsystemCells as ziele } from '../../shared/templates/zielsystem.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, cameraAtRest, openBoardPage, openTemplatesPanel, writeNoteInCell, zettelInCell, zielsystemOnNewPage } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'

const change = (col: string) => cellKey(kette.comparison.section, kette.comparison.row(1), col)
const eingang = (col: string) => cellKey(ziele.goals, ziele.eingang, col)

const goToPage = (page: Page, name: string) =>
  page.evaluate((name) => {
    const editor = window.__netzwerkstatt!.editor
    editor.setCurrentPage(editor.getPages().find((p) => p.name === name)!.id)
  }, name)

/** The camera on these cells (by key), close enough to read their Zettel. */
async function showCells(page: Page, keys: string[]) {
  await page.evaluate((keys) => {
    const editor = window.__netzwerkstatt!.editor
    const boxes = editor
      .getCurrentPageShapes()
      .filter((s) => keys.includes((s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key ?? ''))
      .map((s) => editor.getShapePageBounds(s)!)
    const x = Math.min(...boxes.map((b) => b.x))
    const y = Math.min(...boxes.map((b) => b.y))
    const w = Math.max(...boxes.map((b) => b.x + b.w)) - x
    const h = Math.max(...boxes.map((b) => b.y + b.h)) - y
    editor.zoomToBounds({ x: x - 200, y: y - 400, w: w + 400, h: h + 600 }, { immediate: true })
  }, keys)
  await cameraAtRest(page)
}

describe.skipIf(skipBrowserTests)('carrying out of the Dienstleistungskette', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  it('takes what must change, with who and by when, into the Zielsystem’s Eingang, and lists it once', { timeout: 150_000 }, async () => {
    const board = await createBoard(suite.relay, 'Kette Nord', { template: 'dienstleistungskette', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    const firstPage = await page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name)
    await writeNoteInCell(page, change(kette.comparison.col.soll), 'Ein Termin für beide Ämter')
    await writeNoteInCell(page, change(kette.comparison.col.aendert), 'Jobcenter meldet Termine an die Kita')
    await writeNoteInCell(page, change(kette.comparison.col.wer), 'Frau Brandt, Jobcenter')
    await writeNoteInCell(page, change(kette.comparison.col.bisWann), '30.09.2026')
    await expect.poll(async () => (await zettelInCell(page, change(kette.comparison.col.bisWann))).length).toBe(1)
    await showCells(page, [change(kette.comparison.col.soll), change(kette.comparison.col.bisWann)])
    await screenshot(page, 'chain-comparison-1366.png')

    await zielsystemOnNewPage(page)
    await goToPage(page, firstPage)
    const panel = await openTemplatesPanel(page)
    const item = panel.locator('.nws-instance[data-template="dienstleistungskette"]')
    const carry = item.locator('[data-action="carry:chain-changes-goals"]')
    await expect.poll(() => carry.textContent()).toMatch(/^„Was muss sich ändern\?“ übernehmen in: Zielsystem( · [\d.]+)? \(Seite „Workshop 2“\)$/)
    // The gaps have their own button, to the Eingang too.
    expect(await item.locator('[data-action="carry:chain-gaps-goals"]').count()).toBe(1)
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toMatch(/^Zettel übernommen in Zielsystem( · [\d.]+)? \(Seite „Workshop 2“\): 3$/)
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Nichts Neues zu übernehmen.')
    await page.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await panel.waitFor({ state: 'detached' })

    await goToPage(page, 'Workshop 2')
    const inEingang = async (col: string) => (await zettelInCell(page, eingang(col))).map((n) => ({ text: n.text, from: n.meta.carriedFrom as Record<string, unknown> }))
    await expect.poll(async () => (await inEingang(ziele.col.beschreibung)).map((n) => n.text)).toEqual(['Jobcenter meldet Termine an die Kita'])
    const [what] = await inEingang(ziele.col.beschreibung)
    const [who] = await inEingang(ziele.col.akteure)
    const [when] = await inEingang(ziele.col.bisWann)
    expect([who.text, when.text]).toEqual(['Frau Brandt, Jobcenter', '30.09.2026'])
    expect(what.from).toMatchObject({ route: 'chain-changes-goals' })
    expect([who.from.part, who.from.item, when.from.part, when.from.item]).toEqual(['who', what.from.note, 'when', what.from.note])
    await showCells(page, [eingang(ziele.col.beschreibung), eingang(ziele.col.bisWann)])
    await screenshot(page, 'chain-eingang-1366.png')

    // The board's Dokumentation: one item, the Zielsystem's, with its owner and date.
    const readItems = async () => {
      const response = await apiFetch(suite.relay, reportPath(board.id, 'json', 'de', '2026-07-01'), { headers: { authorization: `Bearer ${board.access.facilitator}` } })
      return ((await response.json()) as Dokumentation).openItems.map(({ what, who, when }) => ({ what, who, when }))
    }
    await expect
      .poll(readItems, { timeout: 20_000 })
      .toEqual([{ what: ['Jobcenter meldet Termine an die Kita'], who: ['Frau Brandt, Jobcenter'], when: ['30.09.2026'] }])
    expect(problems).toEqual([])
  })
})

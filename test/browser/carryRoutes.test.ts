/**
 * Carrying results across the pages of one board, in real Chromium against the run's shared
 * relay: on page 1 a Zukunftskonferenz and a Dienstleistungskette, on page 2 a Zielsystem. The
 * conference hands an action to the Teilziel its plan names, beside a note someone wrote there,
 * which stays as it was; the chain's Soll-Ist-Vergleich hands what must change, who sets it going
 * and by when to the Zielsystem's Eingang, the who and the date in the same row, each Zettel
 * knowing the change it belongs to; undo takes the last carry back. With the page duplicated,
 * one button per copy, and the carry goes into the copy it names. And on one page, a Statusbericht
 * carried into a Steuerungsgruppen-Sitzung from the panel's button arrives as one Bericht. What the
 * Dokumentation makes of the carried change: `test/integration/carriedItems.test.ts`.
 * Files (ARTIFACTS=1): test/artifacts/carry-button-1366.png (the panel after carrying), carry-teilziel-1366.png,
 * chain-comparison-1366.png (the comparison with Wer? and Bis wann?), chain-eingang-1366.png (the
 * Zielsystem's Eingang after the carry), carry-duplicate-page-1366.png (one button per copy of a duplicated page),
 * steering-report-1366.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, cameraAtRest, openBoardPage, openTemplatesPanel, writeNoteInCell, zettelInCell, zielsystemOnNewPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { dienstleistungsketteCells as kette } from '../../shared/templates/dienstleistungskette.ts'
import { zielsystemCells as ziele } from '../../shared/templates/zielsystem.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { artifactsAsked } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

/** The notes lying in a template cell on the current page: text, whether carried, and where. */
const notesIn = async (page: Page, key: string) =>
  (await zettelInCell(page, key)).map(({ text, meta, x, y }) => ({ text, carried: 'carriedFrom' in meta, x, y }))

const goToPage = (page: Page, name: string) =>
  page.evaluate((name) => {
    const editor = window.__netzwerkstatt!.editor
    editor.setCurrentPage(editor.getPages().find((p) => p.name === name)!.id)
  }, name)

const change = (col: string) => cellKey(kette.comparison.section, kette.comparison.row(1), col)
const eingang = (col: string) => cellKey(ziele.goals, ziele.eingang, col)

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

describe.skipIf(skipBrowserTests)('carrying results across the pages of a board', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  it('takes a Zukunftskonferenz action and the chain’s change on page 1 into the Zielsystem on page 2, leaving what people wrote there; undo takes the carry back; with the page duplicated, into the copy it names', { timeout: hang(150_000) }, async () => {
    const board = await createBoard(suite.relay, 'Netzwerk Nord', { templates: [{ template: 'zukunftskonferenz' }, { template: 'dienstleistungskette' }], locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    const firstPage = await page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name)

    // Page 2: a Zielsystem with a Teilziel and an activity someone wrote by hand.
    await zielsystemOnNewPage(page)
    await writeNoteInCell(page, 'ziele:cell:t2:beschreibung', 'Kinderbetreuung in Randzeiten ist gesichert')
    await writeNoteInCell(page, 'ziele:cell:a2:beschreibung', 'Tagesmütter ansprechen')
    await expect.poll(() => notesIn(page, 'ziele:cell:a2:beschreibung')).toHaveLength(1)
    const [handWritten] = await notesIn(page, 'ziele:cell:a2:beschreibung')

    // Page 1: the chain's comparison says what must change, who sets it going and by when.
    await goToPage(page, firstPage)
    await writeNoteInCell(page, change(kette.comparison.col.soll), 'Ein Termin für beide Ämter')
    await writeNoteInCell(page, change(kette.comparison.col.aendert), 'Jobcenter meldet Termine an die Kita')
    await writeNoteInCell(page, change(kette.comparison.col.wer), 'Frau Brandt, Jobcenter')
    await writeNoteInCell(page, change(kette.comparison.col.bisWann), '30.09.2026')
    await expect.poll(async () => (await zettelInCell(page, change(kette.comparison.col.bisWann))).length).toBe(1)
    if (artifactsAsked) {
      await showCells(page, [change(kette.comparison.col.soll), change(kette.comparison.col.bisWann)])
      await screenshot(page, 'chain-comparison-1366.png')
    }
    const panel = await openTemplatesPanel(page)
    const chain = panel.locator('.nws-instance[data-template="dienstleistungskette"]')
    const carryChange = chain.locator('[data-action="carry:chain-changes-goals"]')
    await expect.poll(() => carryChange.textContent()).toMatch(/^„Was muss sich ändern\?“ übernehmen in: Zielsystem( · [\d.]+)? \(Seite „Workshop 2“\)$/)
    // The gaps have their own button, to the Eingang too.
    expect(await chain.locator('[data-action="carry:chain-gaps-goals"]').count()).toBe(1)
    await carryChange.click()
    await expect.poll(() => chain.getByRole('status').textContent()).toMatch(/^Zettel übernommen in Zielsystem( · [\d.]+)? \(Seite „Workshop 2“\): 3$/)
    await carryChange.click()
    await expect.poll(() => chain.getByRole('status').textContent()).toBe('Nichts Neues zu übernehmen.')

    // Page 1 too: the action plan names Teilziel 2.
    await writeNoteInCell(page, 'action:a1:massnahme', 'Babysitterpool aufbauen')
    await writeNoteInCell(page, 'action:a1:ziel', 'Teilziel 2')
    const item = panel.locator('.nws-instance[data-template="zukunftskonferenz"]')
    const carry = item.locator('[data-action="carry:zk-actions-teilziel"]')
    // The Zielsystem's title carries its date.
    await expect.poll(() => carry.textContent()).toMatch(/^„Maßnahmen“ übernehmen in: Zielsystem( · [\d.]+)? \(Seite „Workshop 2“\)$/)
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toMatch(/^Zettel übernommen in Zielsystem( · [\d.]+)? \(Seite „Workshop 2“\): 1$/)
    await item.scrollIntoViewIfNeeded()
    await screenshot(page, 'carry-button-1366.png')
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Nichts Neues zu übernehmen.')

    // On page 2: the action is among the activities of Teilziel 2; the note written there has not moved.
    await goToPage(page, 'Workshop 2')
    await expect
      .poll(() => notesIn(page, 'ziele:cell:a2:beschreibung'))
      .toEqual(expect.arrayContaining([handWritten, expect.objectContaining({ text: 'Babysitterpool aufbauen', carried: true })]))
    expect(await notesIn(page, 'ziele:cell:a2:beschreibung')).toHaveLength(2)
    expect(await notesIn(page, 'ziele:cell:a1:beschreibung')).toEqual([])
    // The Zielsystem's Herkunft names the board and the template the action came from.
    const origins = panel.locator('.nws-instance[data-template="zielsystem"]').getByRole('region', { name: 'Herkunft' })
    await expect.poll(() => origins.locator('li', { hasText: 'Babysitterpool' }).allTextContents()).toEqual([expect.stringMatching(/^„Babysitterpool aufbauen“ aus „Netzwerk Nord“ · Zukunftskonferenz/)])
    // The chain's change is in the Eingang, with the who and the date in the same row, each knowing the change it belongs to.
    const inEingang = async (col: string) => (await zettelInCell(page, eingang(col))).map((n) => ({ text: n.text, from: n.meta.carriedFrom as Record<string, unknown> }))
    await expect.poll(async () => (await inEingang(ziele.col.beschreibung)).map((n) => n.text)).toEqual(['Jobcenter meldet Termine an die Kita'])
    const [what] = await inEingang(ziele.col.beschreibung)
    const [who] = await inEingang(ziele.col.akteure)
    const [when] = await inEingang(ziele.col.bisWann)
    expect([who!.text, when!.text]).toEqual(['Frau Brandt, Jobcenter', '30.09.2026'])
    expect(what!.from).toMatchObject({ route: 'chain-changes-goals' })
    expect([who!.from.part, who!.from.item, when!.from.part, when!.from.item]).toEqual(['who', what!.from.note, 'when', what!.from.note])

    await page.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await panel.waitFor({ state: 'detached' })
    if (artifactsAsked) {
      await showCells(page, [eingang(ziele.col.beschreibung), eingang(ziele.col.bisWann)])
      await screenshot(page, 'chain-eingang-1366.png')
      await page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const meta = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { key: string } }).netzwerkstatt
        const keys = ['ziele:row:t2', 'ziele:cell:t2:indikatoren', 'ziele:row:a2', 'ziele:cell:a2:indikatoren']
        const ids = editor.getCurrentPageShapes().filter((s) => keys.includes(meta(s)?.key ?? '')).map((s) => s.id)
        editor.zoomToBounds(editor.getShapesPageBounds(ids)!, { inset: 40 })
      })
      await page.waitForFunction(() => window.__netzwerkstatt!.editor.getCameraState() === 'idle')
      await screenshot(page, 'carry-teilziel-1366.png')
    }

    // One undo takes the last carry back, though it was written on another page; the one before stays.
    await goToPage(page, firstPage)
    await page.evaluate(() => {
      window.__netzwerkstatt!.editor.undo()
    })
    await goToPage(page, 'Workshop 2')
    await expect.poll(() => notesIn(page, 'ziele:cell:a2:beschreibung')).toEqual([handWritten])
    expect((await inEingang(ziele.col.beschreibung)).map((n) => n.text)).toEqual(['Jobcenter meldet Termine an die Kita'])

    // The page is duplicated, its Zielsystem with it (the same instance id), and the copy renamed:
    // one button per copy, and the carry goes into the page it names.
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const before = new Set(editor.getPages().map((p) => p.id))
      editor.duplicatePage(editor.getCurrentPageId())
      const copy = editor.getPages().find((p) => !before.has(p.id))!
      editor.renamePage(copy.id, 'Kopie')
    })
    await goToPage(page, firstPage)
    const again = await openTemplatesPanel(page)
    const buttons = again.locator('.nws-instance[data-template="zukunftskonferenz"]').locator('[data-action="carry:zk-actions-teilziel"]')
    await expect.poll(() => buttons.allTextContents()).toEqual([
      expect.stringMatching(/\(Seite „Workshop 2“\)$/),
      expect.stringMatching(/\(Seite „Kopie“\)$/),
    ])
    await buttons.filter({ hasText: 'Seite „Workshop 2“' }).click()
    await expect.poll(() => again.locator('.nws-instance[data-template="zukunftskonferenz"]').getByRole('status').textContent()).toMatch(/\(Seite „Workshop 2“\): 1$/)
    await again.locator('.nws-instance[data-template="zukunftskonferenz"]').scrollIntoViewIfNeeded()
    await screenshot(page, 'carry-duplicate-page-1366.png')
    await page.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await again.waitFor({ state: 'detached' })
    await goToPage(page, 'Workshop 2')
    await expect.poll(() => notesIn(page, 'ziele:cell:a2:beschreibung')).toEqual(expect.arrayContaining([handWritten, expect.objectContaining({ text: 'Babysitterpool aufbauen', carried: true })]))
    await goToPage(page, 'Kopie')
    expect((await notesIn(page, 'ziele:cell:a2:beschreibung')).map(({ text, carried }) => ({ text, carried }))).toEqual([{ text: 'Tagesmütter ansprechen', carried: false }])
    expect(problems).toEqual([])
  })

  it('carries a Statusbericht into the Sitzung as one Bericht, from the panel’s button', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Nord', { template: 'statusbericht', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await writeNoteInCell(page, 'bericht:cell:bericht:projekt', 'AG Laufzettel')
    await writeNoteInCell(page, 'ergebnis:cell:ergebnis:erreicht', 'Laufzettel in drei Stellen erprobt')
    await writeNoteInCell(page, 'ergebnis:cell:ergebnis:konsequenzen', 'Rückmeldefrist vereinbaren')
    let panel = await openTemplatesPanel(page)
    await panel.getByRole('button', { name: /^Steuerungsgruppen-Sitzung/ }).click()
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await panel.waitFor({ state: 'detached' })

    panel = await openTemplatesPanel(page)
    const item = panel.locator('.nws-instance[data-template="statusbericht"]')
    const carry = item.locator('[data-action="carry:report-steering"]')
    await expect.poll(() => carry.textContent()).toMatch(/übernehmen in: Steuerungsgruppen-Sitzung/)
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toMatch(/: 3$/)
    const texts = async (key: string) => (await zettelInCell(page, key)).map((z) => z.text)
    await expect.poll(() => texts('berichte:cell:b1:fachgruppe')).toEqual(['AG Laufzettel'])
    expect(await texts('berichte:cell:b1:ergebnis')).toEqual(['Laufzettel in drei Stellen erprobt'])
    expect(await texts('berichte:cell:b1:konsequenzen')).toEqual(['Rückmeldefrist vereinbaren'])
    expect(await texts('berichte:cell:b2:ergebnis')).toEqual([])

    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const meta = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { template: string } }).netzwerkstatt
      const ids = editor.getCurrentPageShapes().filter((s) => meta(s)?.template === 'steuerungsgruppe').map((s) => s.id)
      editor.zoomToBounds(editor.getShapesPageBounds(ids)!, { inset: 40, animation: { duration: 0 } })
    })
    await page.mouse.move(5, 768 - 5)
    await screenshot(page, 'steering-report-1366.png')
    expect(problems).toEqual([])
  })
})

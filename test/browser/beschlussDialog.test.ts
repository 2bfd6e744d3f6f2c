/**
 * Marking a Beschluss in Chromium: the facilitator's dialog asks who decided and what it binds,
 * refuses a Fachgruppe without its name, the canvas mark shows both briefly, and the Dokumentation
 * lists the Beschluss with them; the release names its Verteiler and rule. On a phone the dialog
 * fits the screen, and a group's Beschluss starts as „Empfehlung“ (`beschlussLife.ts`). A
 * „vorbehaltlich“ Beschluss names the Häuser asked; once all have agreed, its mark reads „gilt“.
 * Files: test/artifacts/beschluss-dialog-1366.png, beschluss-dialog-390.png, beschluss-mark-1366.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { axeFindings, clippedText } from '../helpers/axe.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel, writeNoteInCell } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'
import { reportPath } from '../../shared/api.ts'
import { localDay } from '../../shared/dates.ts'
import { hang } from '../helpers/hang.ts'

/** Selects the note with this text and brings it into view. */
const selectNote = (page: Page, text: string) =>
  page.evaluate((text) => {
    const editor = window.__netzwerkstatt!.editor
    const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === text)!
    editor.select(note.id)
    editor.zoomToSelection({ animation: { duration: 0 } })
    editor.zoomOut(undefined, { animation: { duration: 0 } })
  }, text)

describe.skipIf(skipBrowserTests)('a Beschluss with its Gremium and Bindewirkung', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  it('the facilitator says who decided and what it binds; the mark and the Dokumentation show it', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Fachgruppe Übergänge Dezember', { template: 'protokoll', options: { date: '2026-12-01', topics: 1 }, locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await writeNoteInCell(page, 'tops:cell:top1:thema', 'Gemeinsamer Aufnahmebogen ab März')
    await selectNote(page, 'Gemeinsamer Aufnahmebogen ab März')
    await page.locator('[data-beschluss-toggle]').getByText('Als Beschluss markieren').click()
    const dialog = page.locator('[data-beschluss-dialog]')
    await dialog.waitFor()
    await dialog.getByRole('radio', { name: 'Eine Fachgruppe oder Arbeitsgruppe' }).check()
    // A group without its name is not a Gremium: said, and nothing is marked.
    await dialog.getByRole('button', { name: 'Als Beschluss festhalten' }).click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('welche Gruppe')
    expect(await page.locator('.nws-beschluss-mark').count()).toBe(0)
    await dialog.getByLabel('Welche Gruppe?').fill('Fachgruppe Übergänge')
    await dialog.getByRole('radio', { name: /vorbehaltlich der Zustimmung der Häuser/ }).check()
    // „vorbehaltlich“ asks the Häuser (H 4.3.9): one already agreed.
    await dialog.getByLabel('Welche Häuser müssen zustimmen?').fill('Jobcenter\nJugendamt')
    await dialog.getByRole('checkbox', { name: 'Jugendamt hat zugestimmt' }).check()
    await screenshot(page, 'beschluss-dialog-1366.png')
    expect(await axeFindings(page, '[data-beschluss-dialog]')).toEqual([])
    await dialog.getByRole('button', { name: 'Als Beschluss festhalten' }).click()
    await dialog.waitFor({ state: 'detached' })
    const mark = page.locator('.nws-beschluss-mark')
    await mark.waitFor()
    expect(await mark.textContent()).toContain('Fachgruppe Übergänge · vorbehaltlich')
    // The last Haus agrees: the Beschluss applies.
    await page.locator('[data-beschluss-edit]').click()
    await dialog.getByRole('checkbox', { name: 'Jobcenter hat zugestimmt' }).check()
    await dialog.getByRole('button', { name: 'Angaben übernehmen' }).click()
    await expect.poll(() => mark.textContent()).toContain('Fachgruppe Übergänge · gilt')

    // Corrected afterwards: the steering group decided, and it applies.
    await page.locator('[data-beschluss-edit]').click()
    await dialog.getByRole('radio', { name: 'Steuerungsgruppe' }).check()
    await dialog.getByRole('radio', { name: /^gilt/ }).check()
    await dialog.getByRole('button', { name: 'Angaben übernehmen' }).click()
    await expect.poll(() => mark.textContent()).toContain('Steuerungsgruppe · gilt')
    await page.evaluate(() => void window.__netzwerkstatt!.editor.selectNone())
    await screenshot(page, 'beschluss-mark-1366.png')

    // Released with its Verteiler and rule; the Dokumentation lists the Beschluss with its terms.
    const panel = await openTemplatesPanel(page)
    await panel.locator('[data-dokumentation-edit]').click()
    const docDialog = page.locator('[data-dokumentation-dialog]')
    await docDialog.getByLabel('Verteiler (eine Stelle je Zeile)').fill('Steuerungsgruppe\nTräger des Netzwerks')
    await docDialog.getByLabel('Grundlage der Freigabe').fill('Netzwerkregeln · Öffentlichkeit: nach Freigabe durch die Steuerungsgruppe')
    await docDialog.getByRole('button', { name: 'Zur Weitergabe freigeben' }).click()
    await expect.poll(() => docDialog.locator('[data-publication-shown]').textContent(), { timeout: hang(15_000) }).toContain('Träger des Netzwerks')
    const md = await (
      await apiFetch(suite.relay, reportPath(board.id, 'md', 'de', localDay(new Date())), { headers: { authorization: `Bearer ${board.access.participant}` } })
    ).text()
    expect(md).toContain('| 1 | Gemeinsamer Aufnahmebogen ab März | Steuerungsgruppe | gilt |')
    expect(md).toContain('**Verteiler:** Steuerungsgruppe, Träger des Netzwerks')
    expect(md).toContain('**Grundlage der Freigabe:** Netzwerkregeln · Öffentlichkeit: nach Freigabe durch die Steuerungsgruppe')
    expect(problems).toEqual([])
  })

  it('the dialog on a phone', { timeout: hang(60_000) }, async () => {
    const board = await createBoard(suite.relay, 'Unterwegs beschlossen', { template: 'protokoll', options: { topics: 1 }, locale: 'de' })
    const { page, problems } = await suite.person({ viewport: { width: 390, height: 844 } })
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await writeNoteInCell(page, 'tops:cell:top1:thema', 'Räume im Rathaus')
    await selectNote(page, 'Räume im Rathaus')
    await page.locator('[data-beschluss-toggle]').click()
    const dialog = page.locator('[data-beschluss-dialog]')
    await dialog.getByRole('radio', { name: 'Eine Fachgruppe oder Arbeitsgruppe' }).check()
    await dialog.getByLabel('Welche Gruppe?').fill('AG Wohnen')
    const box = (await dialog.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    await screenshot(page, 'beschluss-dialog-390.png')
    expect(await clippedText(page, '[data-beschluss-dialog]')).toEqual([])
    await dialog.getByRole('button', { name: 'Als Beschluss festhalten' }).click()
    // A group's decision starts as a recommendation (no Netzwerkregeln say otherwise), never at „gilt“.
    await expect.poll(() => page.locator('.nws-beschluss-mark').textContent()).toContain('AG Wohnen · Empfehlung')
    expect(problems).toEqual([])
  })
})

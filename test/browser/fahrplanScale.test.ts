/**
 * The Fahrplan of a network's two years in Chromium (`test/helpers/networkYears.ts`): with 80
 * boards a coordinator searches a title, filters by body, method, phase and open items, collapses
 * a phase and finds it collapsed after a reload; with 500 boards the page stays a page, and the
 * 501st board is refused in German words, both when added by its link and when made in a phase.
 * Screenshots (ARTIFACTS=1): test/artifacts/fahrplan-80-{1920,1366,390}.png,
 * fahrplan-500-{1920,1366,390}.png, fahrplan-80-filtered.png, fahrplan-500-full.png.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { maxNetworkBoards, networkApiPath, networkLink, NetworkView } from '../../shared/networkApi.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { clippedText } from '../helpers/axe.ts'
import { boardBrowserSuite } from '../helpers/boardPages.ts'
import { apiFetch, createBoard } from '../helpers/clients.ts'
import { makeNetworkYears, planNetworkYears, type MadeNetworkYears } from '../helpers/networkYears.ts'

const sizes = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]

const shownText = (page: Page) => page.locator('.nws-fahrplan-filter__count [role=status]').innerText()
const filterBar = (page: Page) => page.locator('.nws-fahrplan-filter')
const listed = (page: Page) => page.locator('.nws-network-board').count()

describe.skipIf(skipBrowserTests)('the Fahrplan of a network of realistic size', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })
  let eighty: MadeNetworkYears
  let full: MadeNetworkYears

  beforeAll(async () => {
    eighty = await makeNetworkYears(suite.relay, planNetworkYears({ boards: 80 }), 'Netzwerk Frühe Hilfen (80 Boards)')
    full = await makeNetworkYears(suite.relay, planNetworkYears({ boards: maxNetworkBoards }), 'Netzwerk Frühe Hilfen (500 Boards)')
  }, 300_000)

  const open = async (page: Page, made: MadeNetworkYears) => {
    await page.goto(`${suite.relay.httpUrl}${networkLink(made.network.id, made.network.token)}`)
    await page.locator('.nws-fahrplan-filter').waitFor()
  }

  it('80 boards: search, filters by body, method, phase and open items, a phase collapsed and still collapsed after a reload', { timeout: 180_000 }, async () => {
    const { page } = await suite.person()
    await open(page, eighty)
    expect(await shownText(page)).toBe('80 von 80 Boards passen')
    for (const { width, height } of sizes) {
      await page.setViewportSize({ width, height })
      await screenshot(page, `fahrplan-80-${width}.png`, { fullPage: true })
      expect(await clippedText(page, '.nws-fahrplan'), `${width} px`).toEqual([])
    }
    await page.setViewportSize({ width: 1366, height: 768 })

    // A title, in other spelling: „zukunftskonferenz“ finds the Zukunftskonferenz and only it.
    await filterBar(page).getByLabel('Titel suchen').fill('zukunftskonferenz')
    expect(await shownText(page)).toBe('1 von 80 Boards passt')
    expect(await page.locator('.nws-network-board__title').allInnerTexts()).toEqual(['Zukunftskonferenz'])
    await filterBar(page).getByRole('button', { name: 'Filter zurücksetzen' }).click()

    // The steering group's boards: as many as the plan gave it, each showing its body.
    const steering = eighty.boards.filter((b) => b.plan.body === 'steuerungsgruppe').length
    await filterBar(page).getByLabel('Gremium').selectOption({ label: 'Steuerungsgruppe' })
    expect(await shownText(page)).toBe(`${steering} von 80 Boards passen`)
    // Then of those only the ones with a Statusbericht.
    const reports = eighty.boards.filter((b) => b.plan.body === 'steuerungsgruppe' && b.plan.templates.includes('statusbericht')).length
    await filterBar(page).getByLabel('Methode').selectOption({ label: 'Statusbericht' })
    expect(await shownText(page)).toBe(`${reports} von 80 Boards passen`)
    expect(await page.locator('.nws-network-board__body').allInnerTexts()).toEqual(Array(Math.min(reports, 12)).fill('Steuerungsgruppe'))
    await filterBar(page).getByRole('button', { name: 'Filter zurücksetzen' }).click()

    // Open items: only boards whose Protokoll has TOPs with a task and a name; each shows how many.
    // (Protokolle with TOPs, and the founding boards' actions: the relay counts them, `networkScale.test.ts`.)
    const view = NetworkView.parse(await (await apiFetch(suite.relay, networkApiPath(eighty.network.id), { headers: { authorization: `Bearer ${eighty.network.token}` } })).json())
    const withOpen = view.boards.filter((b) => b.templates.some((t) => (t.openItems ?? 0) > 0)).length
    expect(withOpen).toBeGreaterThan(60)
    await filterBar(page).getByLabel('nur Boards mit offenen Punkten').check()
    expect(await shownText(page)).toBe(`${withOpen} von 80 Boards passen`)
    expect(await page.locator('.nws-network-board__open').first().innerText()).toMatch(/^\d+ offene Punkte$/)
    // And one phase: the other four are not shown.
    await filterBar(page).getByLabel('Phase').selectOption('gruendung')
    expect(await page.locator('.nws-phase').evaluateAll((phases) => phases.map((p) => p.getAttribute('data-phase')))).toEqual(['gruendung'])
    await screenshot(page, 'fahrplan-80-filtered.png', { fullPage: true })
    await filterBar(page).getByRole('button', { name: 'Filter zurücksetzen' }).click()

    // A phase collapsed shows its heading and counts only, and stays so on the next visit.
    const first = page.locator('.nws-phase[data-phase="vorStart"]')
    const before = await listed(page)
    await first.getByRole('button', { name: /^Phase zuklappen/ }).click()
    expect(await first.locator('.nws-network-board').count()).toBe(0)
    expect(await first.locator('.nws-phase__counts').innerText()).toMatch(/^\d+ Boards · \d\/3 bearbeitet$/)
    expect(await listed(page)).toBeLessThan(before)
    await page.reload()
    await page.locator('.nws-fahrplan-filter').waitFor()
    expect(await first.getByRole('button', { name: /^Phase aufklappen/ }).getAttribute('aria-expanded')).toBe('false')
    await first.getByRole('button', { name: /^Phase aufklappen/ }).click()
    expect(await first.locator('.nws-network-board').count()).toBeGreaterThan(0)
  })

  it('500 boards: each phase lists its latest with the rest a click away; the 501st is refused in German words', { timeout: 180_000 }, async () => {
    const { page } = await suite.person()
    await open(page, full)
    expect(await shownText(page)).toBe('500 von 500 Boards passen')
    // A few per phase until asked for all: eight on a laptop, four on a phone.
    expect(await listed(page)).toBe(5 * 8)
    for (const { width, height } of sizes) {
      await page.setViewportSize({ width, height })
      await screenshot(page, `fahrplan-500-${width}.png`, { fullPage: true })
      expect(await clippedText(page, '.nws-fahrplan'), `${width} px`).toEqual([])
      if (width === 390) expect(await listed(page)).toBe(5 * 4)
    }
    await page.setViewportSize({ width: 1366, height: 768 })
    const phase = page.locator('.nws-phase[data-phase="dienstleistungskette"]')
    const inPhase = full.boards.filter((b) => b.plan.phase === 'dienstleistungskette').length
    await phase.getByRole('button', { name: `Alle ${inPhase} Boards dieser Phase zeigen` }).click()
    expect(await phase.locator('.nws-network-board').count()).toBe(inPhase)

    // An existing board by its link: refused with the reason and what to do that works.
    const extra = await createBoard(suite.relay, 'Eins zu viel')
    await page.getByRole('button', { name: 'Vorhandenes Board aufnehmen' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Moderationslink des Boards').fill(`${suite.relay.httpUrl}${extra.links.facilitator}`)
    await dialog.getByRole('button', { name: 'Aufnehmen' }).click()
    const refusal = dialog.getByText('Dieses Netzwerk hat schon 500 Boards, mehr nimmt es nicht auf.', { exact: false })
    await refusal.waitFor()
    expect(await dialog.innerText()).not.toContain('Der Server hat die Anfrage abgelehnt')
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()

    // A new board in a phase: refused the same way, and made nowhere.
    await page.locator('.nws-phase[data-phase="verstetigung"]').getByRole('button', { name: 'Neues Board in dieser Phase' }).click()
    const create = page.getByRole('dialog')
    await create.getByLabel('Titel').fill('Steuerungsgruppe September')
    await create.getByLabel('Gremium').selectOption({ label: 'Steuerungsgruppe' })
    await create.getByRole('button', { name: 'Board anlegen' }).click()
    await create.getByText('Es wurde kein Board angelegt: Dieses Netzwerk hat schon 500 Boards', { exact: false }).waitFor()
    await screenshot(page, 'fahrplan-500-full.png')
    expect(await create.innerText()).not.toContain('Der Server hat die Anfrage abgelehnt')
    // Nothing of it in this browser's boards either.
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('Steuerungsgruppe September')
  })
})

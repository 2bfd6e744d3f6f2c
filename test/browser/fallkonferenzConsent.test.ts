/**
 * The Fallkonferenz in the browser: the banner says the case is locked and what is missing; a
 * Zettel put into the case goes again at once with a notice (the page stays connected: the relay
 * would refuse it); the facilitator records the confirmations in the dialog, which names what is
 * still missing while it is filled in; once recorded, the case opens for the participant too,
 * who sees the state but has no button to record it; the consent withdrawn, „Fall vom Board
 * entfernen“ lists the case's copies and removes them. Screenshots at 1366×768 and on a 390-px phone.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage, openTemplatesPanel, writeNoteInCell } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'
import { toastAfter } from '../helpers/toasts.ts'

const suite = boardBrowserSuite({ width: 1366, height: 768 })
const banner = (page: Page) => page.locator('.nws-case-banner')

describe.skipIf(skipBrowserTests)('the Fallkonferenz’s confirmations', () => {
  it('stays locked until the facilitator records every confirmation in the dialog; then the participant writes the case', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Fallkonferenz Süd', { template: 'fallkonferenz', options: { date: '2026-11-25' } })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await expect.poll(() => banner(page).getAttribute('data-locked')).toBe('true')
    expect(await banner(page).textContent()).toMatch(/Fall gesperrt.*noch keine Bestätigungen festgehalten/)

    // The facilitator too: the Zettel goes again, a notice says why, the page stays on the board.
    await toastAfter(page, 'Fall noch gesperrt', () => writeNoteInCell(page, 'fall:cell:problem:inhalt', 'Mietschulden'))
    expect(await noteTexts(page)).not.toContain('Mietschulden')

    const panel = await openTemplatesPanel(page)
    await panel.locator('.nws-instance[data-template="fallkonferenz"]').getByRole('button', { name: 'Bestätigungen festhalten' }).click()
    const dialog = page.getByRole('dialog', { name: 'Bestätigungen vor der Fallkonferenz' })
    await dialog.waitFor()
    const verdict = dialog.locator('.nws-consent__verdict')
    expect(await verdict.textContent()).toMatch(/Einverständnis steht aus/)
    // „mündlich zugesagt“ is a choice of its own, and holds.
    await dialog.getByLabel('Einverständnis der Person').selectOption('liegt-vor')
    await dialog.getByLabel('Schweigepflichtsentbindung (schriftlich)').selectOption('muendlich')
    await dialog.getByLabel('Entbunden sind (eine Stelle je Zeile)').fill('JC\nJugendamt')
    await dialog.getByLabel('Heute am Tisch (eine Stelle je Zeile)').fill('Jobcenter\nJugendamt\nSchuldnerberatung')
    await dialog.getByLabel('Auf dem Board steht nur das Pseudonym, nichts Erkennbares.').check()
    await dialog.getByLabel('Moderation (Name)').fill('B. Sommer')
    await dialog.getByLabel('Die Moderation gehört nicht zur Stelle, die den Fall einbringt.').check()
    await dialog.getByLabel('Geprüft am').fill('2026-11-25')
    await dialog.getByLabel('Bestätigt von (Name oder Kürzel)').fill('BS')
    expect(await verdict.textContent()).toMatch(/nur mündlich/)
    expect(await verdict.textContent()).toMatch(/Schuldnerberatung ist nicht von der Schweigepflicht entbunden/)
    expect(await verdict.textContent()).not.toMatch(/Jobcenter ist nicht/)
    await screenshot(page, 'fallkonferenz-consent-1366.png')

    await dialog.getByLabel('Schweigepflichtsentbindung (schriftlich)').selectOption('liegt-vor')
    await dialog.getByLabel('Entbunden sind (eine Stelle je Zeile)').fill('JC\nJugendamt\nSchuldnerberatung')
    // The person herself at the table is no Stelle: recorded as taking part, not held as one not released.
    await dialog.getByLabel('Heute am Tisch (eine Stelle je Zeile)').fill('Jobcenter\nJugendamt\nSchuldnerberatung\nMutter selbst (mit Dolmetscherin)')
    expect(await dialog.getByLabel('Die Person nimmt selbst teil').isChecked()).toBe(true)
    expect(await verdict.textContent()).toMatch(/Alle Bestätigungen liegen vor/)
    await dialog.getByRole('button', { name: 'Festhalten' }).click()
    await expect.poll(() => banner(page).getAttribute('data-locked')).toBe('false')

    // The participant: sees the case open, has no button to record, writes the case.
    const participant = await suite.person()
    await openBoardPage(participant.page, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => banner(participant.page).getAttribute('data-locked')).toBe('false')
    await writeNoteInCell(participant.page, 'fall:cell:problem:inhalt', 'Mietschulden, Kita-Platz fehlt')
    await expect.poll(() => noteTexts(page)).toContain('Mietschulden, Kita-Platz fehlt')
    const participantPanel = await openTemplatesPanel(participant.page)
    await participantPanel.locator('.nws-instance[data-template="fallkonferenz"]').waitFor()
    expect(await participantPanel.getByRole('button', { name: 'Bestätigungen festhalten' }).count()).toBe(0)

    // The consent withdrawn, „Fall vom Board entfernen“ lists what goes, counted, and removes it after a confirmation.
    await panel.locator('.nws-instance[data-template="fallkonferenz"]').getByRole('button', { name: 'Bestätigungen festhalten' }).click()
    await dialog.getByLabel('Einverständnis der Person').selectOption('abgelehnt')
    await dialog.getByRole('button', { name: 'Fall vom Board entfernen …' }).click()
    const copies = dialog.locator('[data-case-copies]')
    await copies.waitFor()
    expect(await copies.textContent()).toBe('1 Zettel im Fall auf 1 Seite')
    expect(await dialog.textContent()).not.toMatch(/Mietschulden/)
    await screenshot(page, 'fallkonferenz-remove-1366.png')
    await dialog.getByRole('button', { name: 'Ja, endgültig entfernen' }).click()
    await expect.poll(() => noteTexts(participant.page)).not.toContain('Mietschulden, Kita-Platz fehlt')
    expect(await noteTexts(page)).not.toContain('Mietschulden, Kita-Platz fehlt')
    expect(problems).toEqual([])
    expect(participant.problems).toEqual([])
  })

  it('fits a phone: the banner in one line with „Mehr“, the dialog scrolls within the screen', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Fallkonferenz Nord', { template: 'fallkonferenz' })
    const { page, problems } = await suite.person({ viewport: { width: 390, height: 844 }, device: { hasTouch: true, isMobile: true } })
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await expect.poll(() => banner(page).getAttribute('data-locked')).toBe('true')
    await banner(page).getByRole('button', { name: 'Mehr' }).click()
    expect(await banner(page).textContent()).toMatch(/Wer dieses Board sehen kann: Moderation, Teilnehmende.*Nur-Lesen-Link.*Netzwerks.*Ohne Anmeldung/)
    const box = (await banner(page).boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    await screenshot(page, 'fallkonferenz-banner-390.png')
    const panel = await openTemplatesPanel(page)
    await panel.locator('.nws-instance[data-template="fallkonferenz"]').getByRole('button', { name: 'Bestätigungen festhalten' }).click()
    const dialog = page.getByRole('dialog', { name: 'Bestätigungen vor der Fallkonferenz' })
    await dialog.waitFor()
    const dialogBox = (await dialog.boundingBox())!
    expect(dialogBox.x).toBeGreaterThanOrEqual(0)
    expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(390)
    await screenshot(page, 'fallkonferenz-consent-390.png')
    // Nothing of the case yet: „Fall vom Board entfernen“ says so, within the screen.
    await dialog.getByRole('button', { name: 'Fall vom Board entfernen …' }).click()
    await dialog.getByText('Vom Fall ist nichts mehr da').waitFor()
    await screenshot(page, 'fallkonferenz-remove-390.png')
    expect(problems).toEqual([])
  })
})

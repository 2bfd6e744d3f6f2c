/**
 * A Fallkonferenz walked from an empty board to an open case, as a facilitator and a participant
 * on a phone do it in Chromium against the run's shared relay: the template is inserted with its
 * generated pseudonym; the case cannot be written before the confirmations (the Zettel goes again
 * with a notice); the facilitator records them in the dialog; the participant, on a touch phone,
 * finds the case open and writes into it. What the released board's export and the network's
 * pack then hold (the case, never a name; nothing of the board in the pack):
 * `test/integration/fallkonferenzPaths.test.ts`; the relay keeping the case shut before:
 * `test/integration/fallkonferenzLock.test.ts`.
 * Files (ARTIFACTS=1): test/artifacts/fallkonferenz-walk-1366.png, fallkonferenz-walk-390.png.
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

describe.skipIf(skipBrowserTests)('a Fallkonferenz from an empty board to an open case', () => {
  it('inserts the case with its generated pseudonym, keeps it shut until the confirmations are recorded, then a participant on a phone writes into it', { timeout: hang(180_000) }, async () => {
    const board = await createBoard(suite.relay, 'Fallarbeit Nord')

    // The facilitator inserts the template; the pseudonym is generated, not typed.
    const facilitator = await suite.person()
    const f = facilitator.page
    await openBoardPage(f, boardPageUrl(suite.relay, board))
    let panel = await openTemplatesPanel(f)
    await panel.getByRole('button', { name: /^Fallkonferenz/ }).click()
    await panel.getByLabel('Datum').fill('2026-11-25')
    expect(await panel.getByLabel('Pseudonym des Falls').inputValue()).toBe('FK-2026-11-25-1')
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await panel.waitFor({ state: 'detached' })
    await expect.poll(() => banner(f).getAttribute('data-locked')).toBe('true')

    // Before the confirmations: the case cannot be written, a notice says why.
    await toastAfter(f, 'Fall noch gesperrt', () => writeNoteInCell(f, 'fall:cell:problem:inhalt', 'Mietschulden'))
    expect(await noteTexts(f)).not.toContain('Mietschulden')

    // The facilitator records every confirmation in the dialog.
    panel = await openTemplatesPanel(f)
    await panel.locator('.nws-instance[data-template="fallkonferenz"]').getByRole('button', { name: 'Bestätigungen festhalten' }).click()
    const dialog = f.getByRole('dialog', { name: 'Bestätigungen vor der Fallkonferenz' })
    await dialog.waitFor()
    await dialog.getByLabel('Einverständnis der Person').selectOption('liegt-vor')
    await dialog.getByLabel('Schweigepflichtsentbindung (schriftlich)').selectOption('liegt-vor')
    await dialog.getByLabel('Entbunden sind (eine Stelle je Zeile)').fill('Jobcenter\nSchuldnerberatung\nJugendamt')
    await dialog.getByLabel('Heute am Tisch (eine Stelle je Zeile)').fill('JC\nSchuldnerberatung\nJugendamt')
    await dialog.getByLabel('Auf dem Board steht nur das Pseudonym, nichts Erkennbares.').check()
    await dialog.getByLabel('Moderation (Name)').fill('B. Sommer')
    await dialog.getByLabel('Die Moderation gehört nicht zur Stelle, die den Fall einbringt.').check()
    await dialog.getByLabel('Geprüft am').fill('2026-11-25')
    await dialog.getByLabel('Bestätigt von (Name oder Kürzel)').fill('BS')
    expect(await dialog.locator('.nws-consent__verdict').textContent()).toMatch(/Alle Bestätigungen liegen vor/)
    await dialog.getByRole('button', { name: 'Festhalten' }).click()
    await expect.poll(() => banner(f).getAttribute('data-locked')).toBe('false')
    await screenshot(f, 'fallkonferenz-walk-1366.png')

    // The participant, on a touch phone: the case is open, and what they write into it reaches the facilitator.
    const phone = await suite.person({ viewport: { width: 390, height: 844 }, device: { hasTouch: true, isMobile: true } })
    await openBoardPage(phone.page, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => banner(phone.page).getAttribute('data-locked')).toBe('false')
    await screenshot(phone.page, 'fallkonferenz-walk-390.png')
    await writeNoteInCell(phone.page, 'fall:cell:problem:inhalt', 'Mietschulden, Kita-Platz fehlt')
    await expect.poll(() => noteTexts(f)).toContain('Mietschulden, Kita-Platz fehlt')
    expect(facilitator.problems).toEqual([])
    expect(phone.problems).toEqual([])
  })
})

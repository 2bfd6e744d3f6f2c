/**
 * The facilitator's own agenda in Chromium, for a meeting without a template: written in the
 * Ablauf popover, one item made the current step, which a participant sees named in the top
 * bar and listed in theirs. Screenshot: test/artifacts/agenda-own-de-1440.png.
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('own agenda', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('the facilitator writes it; the current item shows for everyone', { timeout: hang(60_000) }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Mai')
    const facilitator = await suite.person()
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    const participant = await suite.person()
    await openBoardPage(participant.page, boardPageUrl(suite.relay, board, 'participant'))
    // Nothing to show the participant yet.
    expect(await participant.page.locator('.nws-agenda-chip').count()).toBe(0)

    const page = facilitator.page
    await page.locator('.nws-agenda-chip').click()
    const agenda = page.locator('.nws-agenda')
    for (const [text, minutes] of [['Begrüßung', '10'], ['Berichte aus den Ämtern', '30'], ['Beschlüsse', '']]) {
      await agenda.getByPlaceholder('Neuer Punkt').fill(text)
      await agenda.getByPlaceholder('Min.').fill(minutes)
      await agenda.getByPlaceholder('Neuer Punkt').press('Enter')
    }
    await agenda.getByRole('button', { name: '„Beschlüsse“ nach oben' }).click()
    const steps = agenda.locator('[data-instance="agenda"] .nws-agenda__name')
    await expect.poll(() => steps.allInnerTexts()).toEqual(['Begrüßung (10 Min.)', 'Beschlüsse', 'Berichte aus den Ämtern (30 Min.)'])
    await agenda.locator('[data-instance="agenda"] li').nth(2).getByRole('button', { name: 'Als aktuellen Schritt setzen' }).click()
    await screenshot(page, 'agenda-own-de-1440.png')

    const chip = participant.page.locator('.nws-agenda-chip')
    await chip.getByText('Schritt: Berichte aus den Ämtern (30 Min.)').waitFor()
    await chip.click()
    await expect
      .poll(() => participant.page.locator('.nws-agenda [data-instance="agenda"] .nws-agenda__name').allInnerTexts())
      .toEqual(['Begrüßung (10 Min.)', 'Beschlüsse', expect.stringMatching(/^Berichte aus den Ämtern \(30 Min\.\)\s*aktuell$/)])
    // A participant reads it, and cannot change it.
    expect(await participant.page.getByPlaceholder('Neuer Punkt').count()).toBe(0)
    expect([...facilitator.problems, ...participant.problems]).toEqual([])
  })
})

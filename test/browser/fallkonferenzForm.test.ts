/**
 * The Fallkonferenz's options form in Chromium: the pseudonym is offered, not typed (the day and
 * the next running number among the board's Fallkonferenzen), a typed one that reads as a name
 * is warned about, and the second Fallkonferenz of the day gets the next number.
 * Screenshot: test/artifacts/fallkonferenz-form-name.png.
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('the Fallkonferenz’s options form', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  it('offers a generated pseudonym, warns about a name, and numbers the day’s second conference on', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Fallarbeit')
    const { page } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    const form = async () => {
      const panel = await openTemplatesPanel(page)
      await panel.getByRole('button', { name: /^Fallkonferenz/ }).click()
      await panel.getByLabel('Datum').fill('2026-11-25')
      return panel
    }
    let panel = await form()
    const pseudonym = panel.getByLabel('Pseudonym des Falls')
    expect(await pseudonym.inputValue()).toBe('FK-2026-11-25-1')
    expect(await panel.getByRole('alert').count()).toBe(0)
    await pseudonym.fill('Frau Yilmaz')
    await panel.getByRole('alert').filter({ hasText: 'Das sieht wie ein Name aus' }).waitFor()
    expect(await pseudonym.getAttribute('aria-invalid')).toBe('true')
    await screenshot(panel, 'fallkonferenz-form-name.png')
    await pseudonym.fill('FK-2026-11-25-1')
    expect(await panel.getByRole('alert').count()).toBe(0)
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await panel.waitFor({ state: 'detached' })

    panel = await form()
    await expect.poll(() => panel.getByLabel('Pseudonym des Falls').inputValue()).toBe('FK-2026-11-25-2')
  })
})

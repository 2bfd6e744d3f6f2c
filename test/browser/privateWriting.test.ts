/**
 * Private writing in Chromium: the facilitator opens a round; a participant writes a note with
 * the note tool, which another participant's page does not have (nor any trace of its text) and
 * which survives the writer's reload; the facilitator's reveal puts it on everyone's board.
 * Screenshots: test/artifacts/private-writing-{writer,revealed}.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

/** The facilitator opens a round; the writer puts a note on the board and is typing into it. */
async function startWritingPrivately(facilitator: Page, writer: Page): Promise<void> {
  await facilitator.getByRole('button', { name: 'Verdeckt schreiben' }).click()
  await writer.getByText('Verdeckt schreiben: Ihre neuen Zettel sieht niemand').waitFor()
  await writer.keyboard.press('n')
  await writer.mouse.click(700, 600)
  await writer.locator('[contenteditable="true"][role="textbox"]').waitFor()
}

describe.skipIf(skipBrowserTests)('private writing', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('nobody else has a private note until the reveal; the writer keeps it across a reload', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Gründungsworkshop', { template: 'beteiligtenanalyse', locale: 'de' })
    const facilitator = await suite.person()
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    const writer = await suite.person()
    await openBoardPage(writer.page, boardPageUrl(suite.relay, board, 'participant'))
    const reader = await suite.person()
    await openBoardPage(reader.page, boardPageUrl(suite.relay, board, 'participant'))

    await startWritingPrivately(facilitator.page, writer.page)
    await writer.page.keyboard.type('Geheime Idee: Lotsin im Jobcenter')
    await writer.page.keyboard.press('Escape')
    await facilitator.page.getByRole('button', { name: 'Aufdecken · 1 Zettel' }).waitFor()
    await screenshot(writer.page, 'private-writing-writer.png')

    // The other participant and the facilitator have nothing of it, not even its text somewhere in the page.
    for (const page of [reader.page, facilitator.page]) {
      expect(await noteTexts(page)).toEqual([])
      expect(await page.content()).not.toContain('Lotsin im Jobcenter')
    }
    await writer.page.reload()
    await openBoardPage(writer.page, writer.page.url())
    await expect.poll(() => noteTexts(writer.page), { timeout: 10_000 }).toEqual(['Geheime Idee: Lotsin im Jobcenter'])

    await facilitator.page.getByRole('button', { name: 'Aufdecken · 1 Zettel' }).click()
    for (const page of [reader.page, facilitator.page, writer.page]) {
      await expect.poll(() => noteTexts(page), { timeout: 10_000 }).toEqual(['Geheime Idee: Lotsin im Jobcenter'])
    }
    await writer.page.getByText('Verdeckt schreiben: Ihre neuen Zettel sieht niemand').waitFor({ state: 'detached' })
    await facilitator.page.getByRole('button', { name: 'Verdeckt schreiben' }).waitFor()
    await screenshot(reader.page, 'private-writing-revealed.png')
    expect([...facilitator.problems, ...writer.problems, ...reader.problems]).toEqual([])
  })

  it('keeps the last words of a private note when the writer leaves the page right after typing them', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel', { locale: 'de' })
    const facilitator = await suite.person()
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    const writer = await suite.person()
    await openBoardPage(writer.page, boardPageUrl(suite.relay, board, 'participant'))
    await startWritingPrivately(facilitator.page, writer.page)
    await writer.page.keyboard.type('Anfang')
    // The first words have reached the relay; the last ones are typed and the page is left at once.
    await facilitator.page.getByRole('button', { name: 'Aufdecken · 1 Zettel' }).waitFor()
    await writer.page.keyboard.type(' und Ende')
    await writer.page.keyboard.press('Escape')
    await writer.page.reload()
    await openBoardPage(writer.page, writer.page.url())
    await expect.poll(() => noteTexts(writer.page), { timeout: 10_000 }).toEqual(['Anfang und Ende'])
  })
})

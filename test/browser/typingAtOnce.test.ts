/**
 * Typing at once after placing a note: in Chromium, a participant places a note with the note
 * tool and types without pausing (no wait for the text box); the note says exactly what was typed,
 * first letters in order ("Kooperationsvereinbarung", not "oKoperationsvereinbarung").
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, noteTexts, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('typing right after placing a note', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  it('keeps every letter in order', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Schnell getippt')
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    const words = ['Kooperationsvereinbarung', 'Öffnungszeiten abstimmen', 'Jugendhilfeplanung']
    for (const [i, text] of words.entries()) {
      await page.keyboard.press('n')
      await page.mouse.click(300 + i * 260, 400)
      await page.keyboard.type(text)
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')
      await expect.poll(() => noteTexts(page)).toHaveLength(i + 1)
    }
    expect(await noteTexts(page)).toEqual([...words].sort())
    expect(problems).toEqual([])
  })
})

/**
 * The board inside a video tool on another site (docs/embedding.md): a page at http://localhost
 * frames the relay at http://127.0.0.1, two sites, with the relay's FRAME_ANCESTORS naming the
 * page. Chromium blocks third-party cookies here (its default for a Playwright context; the test
 * checks it) and with them refuses the frame localStorage, sessionStorage and IndexedDB: the board
 * still opens, in memory, and says so; the widget's display name (Element's
 * `$matrix_display_name` in `?name=`) is offered as the person's name; a Zettel typed in the frame
 * reaches someone on an ordinary page.
 * Page loads: 3 (the embedding page, the board in its frame, the ordinary board page).
 * Screenshot: test/artifacts/embedded-board-1366.png.
 */
import { createServer, type Server } from 'node:http'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { noteTexts, openBoardPage, privateBoardBrowserSuite } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { freePort } from '../helpers/freePort.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

const laptop = { width: 1366, height: 768 }
// Bound before the relay starts, whose FRAME_ANCESTORS names it.
const embedderPort = await freePort()
const embedder = `http://localhost:${embedderPort}`

/** The video tool's page: a heading and the board's frame, its address from `?frame=`. */
const embeddingPage = `<!doctype html><meta charset="utf-8"><title>Videokonferenz</title>
<style>body { margin: 0 } h1 { font: 16px sans-serif; margin: 0; height: 28px } iframe { border: 0; width: 1366px; height: 740px; display: block }</style>
<h1>Steuerungsgruppe – Videokonferenz</h1><iframe title="Netzwerkstatt"></iframe>
<script>document.querySelector('iframe').src = new URLSearchParams(location.search).get('frame')</script>`

describe.skipIf(skipBrowserTests)('a board in a frame on another site', () => {
  const suite = privateBoardBrowserSuite(laptop, { FRAME_ANCESTORS: embedder })
  let server: Server

  it('opens without stored data, says so, takes the widget name, and a Zettel typed there reaches the others', { timeout: hang(120_000) }, async () => {
    server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(embeddingPage))
    await new Promise<void>((resolve) => server.listen(embedderPort, '127.0.0.1', resolve))
    try {
      const board = await createBoard(suite.relay, 'Steuerungsgruppe online', { locale: 'de' })
      const link = boardPageUrl(suite.relay, board, 'participant')
      expect(new URL(link).hostname).toBe('127.0.0.1')
      // As Element makes it from the widget's template `…?name=$matrix_display_name#…`.
      const widgetUrl = link.replace('#', `?name=${encodeURIComponent('Ronja Berger (Jugendamt)')}#`)
      const head = await suite.person({ askName: true })
      await head.page.goto(`${embedder}/?frame=${encodeURIComponent(widgetUrl)}`)
      const frame = head.page.frameLocator('iframe')
      const inFrame = () => head.page.frames().find((f) => f.url().startsWith(suite.relay.httpUrl))!
      await expect.poll(() => inFrame()?.url(), { timeout: hang(20_000) }).toContain('/b/')

      // Third party indeed: the frame may not set an unpartitioned cookie (only a CHIPS one).
      expect(await inFrame().evaluate(() => {
        document.cookie = 'probe=1; SameSite=None; Secure'
        return document.cookie.includes('probe=1')
      })).toBe(false)

      // The widget's display name is offered, the key and the name are not left in the frame's address.
      const nameField = frame.getByLabel('Ihr Name')
      await nameField.waitFor({ timeout: hang(20_000) })
      expect(await nameField.inputValue()).toBe('Ronja Berger (Jugendamt)')
      await frame.getByRole('button', { name: 'Weiter' }).click()
      await frame.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
      const address = new URL(await inFrame().evaluate(() => location.href))
      expect(address.hash).toBe('')
      expect(address.search).toBe('')
      await frame.getByText('Dieser Browser erlaubt diesem eingebetteten Fenster keinen Speicher').waitFor()

      // A Zettel typed in the frame, as anyone types one.
      await head.page.mouse.click(700, 420)
      await head.page.keyboard.press('n')
      await head.page.mouse.click(600, 380)
      await head.page.keyboard.type('Vorschlag: Fallkonferenz monatlich')
      await head.page.keyboard.press('Escape')
      await head.page.keyboard.press('Escape')
      await screenshot(head.page, 'embedded-board-1366.png')

      const other = await suite.person()
      await openBoardPage(other.page, boardPageUrl(suite.relay, board, 'participant'))
      await expect.poll(() => noteTexts(other.page), { timeout: hang(20_000) }).toEqual(['Vorschlag: Fallkonferenz monatlich'])
      await expect
        .poll(() => other.page.evaluate(() => window.__netzwerkstatt!.editor.getCollaborators().map((c) => c.userName)), { timeout: hang(20_000) })
        .toContain('Ronja Berger (Jugendamt)')
      expect([...head.problems, ...other.problems]).toEqual([])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

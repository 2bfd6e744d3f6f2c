/**
 * A release is a version, in Chromium: the facilitator releases the Dokumentation, a Zettel is
 * written after; the panel says „Geändert seit der Freigabe am …“ and offers to release again
 * (a new version, the notice goes) or keep the old release (the notice rests, saying the old
 * release is still what goes out). Files: test/artifacts/release-changed-1366.png,
 * release-changed-390.png.
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel, writeNoteInCell } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('a board changed since its release', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  for (const width of [1366, 390]) {
    it(`shows the change to the facilitator with release again and keep, at ${width} px`, { timeout: hang(120_000) }, async () => {
      const board = await createBoard(suite.relay, 'Netzwerktreffen März', { template: 'protokoll', options: { date: '2026-03-12', topics: 1 }, locale: 'de' })
      const facilitator = await suite.person({ viewport: { width, height: width === 390 ? 844 : 768 } })
      const page = facilitator.page
      await openBoardPage(page, boardPageUrl(suite.relay, board))
      await writeNoteInCell(page, 'tops:cell:top1:thema', 'Gemeinsamer Aufnahmebogen')

      const panel = await openTemplatesPanel(page)
      await panel.locator('[data-dokumentation-edit]').click()
      const dialog = page.locator('[data-dokumentation-dialog]')
      await dialog.getByRole('button', { name: 'Zur Weitergabe freigeben' }).click()
      await expect.poll(() => dialog.locator('.nws-release-state').textContent(), { timeout: hang(15_000) }).toMatch(/Zur Weitergabe freigegeben am \d\d\.\d\d\.\d{4}/)
      await dialog.getByRole('button', { name: 'Schließen' }).click()
      await dialog.waitFor({ state: 'detached' })
      // Just released: nothing has changed.
      expect(await panel.locator('[data-release-changed]').count()).toBe(0)

      await writeNoteInCell(page, 'tops:cell:top1:aufgabe', 'Nach der Freigabe ergänzt')
      const notice = panel.locator('[data-release-changed]')
      await notice.waitFor()
      expect(await notice.textContent()).toMatch(/Geändert seit der Freigabe am \d\d\.\d\d\.\d{4}/)
      await notice.scrollIntoViewIfNeeded()
      await screenshot(page, `release-changed-${width}.png`)

      if (width === 1366) {
        // Keep: the notice rests, and says the old release still goes out.
        await notice.getByRole('button', { name: 'Alte Freigabe behalten' }).click()
        await panel.locator('[data-release-kept]').waitFor()
        expect(await panel.locator('[data-release-kept]').textContent()).toMatch(/Weitergegeben wird weiter die Freigabe vom/)
        expect(await panel.locator('[data-release-changed]').count()).toBe(0)
      } else {
        // Release again: a new version, and the board is as released.
        await notice.getByRole('button', { name: 'Erneut freigeben' }).click()
        await notice.waitFor({ state: 'detached' })
        expect(await panel.locator('[data-release-kept]').count()).toBe(0)
        await expect.poll(() => panel.locator('[data-release-state]').textContent(), { timeout: hang(15_000) }).toMatch(/Zur Weitergabe freigegeben am/)
      }
    })
  }
})

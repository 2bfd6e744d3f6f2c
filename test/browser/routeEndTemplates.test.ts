/**
 * The goals-and-chain templates as a facilitator sees them after inserting them, whole in view
 * at 1366×768: the Zielsystem with its Eingang and the actors' column only beside activities, the
 * Zukunftskonferenz with its mandate above step 1, the Arbeitsauftrag with its architecture, the
 * Dienstleistungskette with the fields for what is carried in and who takes on each change, the
 * Statusbericht with who reports, the Planspiel with the single parent's role.
 * Screenshots: test/artifacts/inserted-<name>-1366.png (thirdWave writes template-<name>-…).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

/** The scaffold's texts by block key, as the page shows them. */
const texts = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const out: Record<string, string> = {}
    for (const s of editor.getCurrentPageShapes()) {
      const key = (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key
      if (key) out[key] = editor.getShapeUtil(s).getText(s) ?? ''
    }
    return out
  })

describe.skipIf(skipBrowserTests)('route-end templates on the board', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  for (const [template, check] of [
    ['zielsystem', (t: Record<string, string>) => {
      expect(t['ziele:row:projektziel:prompt']).toMatch(/Nutzen/)
      expect(t['ziele:row:eingang']).toBe('Eingang')
      expect('ziele:cell:a1:akteure' in t && !('ziele:cell:t1:akteure' in t)).toBe(true)
      expect(t['problemsicht:row:lage']).toBe('Ausgangslage')
    }],
    ['zukunftskonferenz', (t: Record<string, string>) => expect(t['head:auftrag']).toMatch(/Vor Schritt 1/)],
    ['arbeitsauftrag', (t: Record<string, string>) => expect(t['architektur:row:steuerung']).toBe('Steuerungsgruppe')],
    ['dienstleistungskette', (t: Record<string, string>) => {
      expect(t['handover:open']).toMatch(/Noch zuzuordnen/)
      expect([t['vergleich:head:wer'], t['vergleich:head:bisWann']]).toEqual(['Wer?', 'Bis wann?'])
    }],
    ['statusbericht', (t: Record<string, string>) => expect(t['bericht:head:berichtet']).toBe('Wer berichtet?')],
    ['planspiel', (t: Record<string, string>) => {
      expect(Object.values(t).some((text) => text.includes('Alleinerziehende(r)'))).toBe(true)
      expect(t.title).toMatch(/Frau Wiesental/)
    }],
  ] as const)
    it(`${template}: inserted and shown whole`, { timeout: 90_000 }, async () => {
      const board = await createBoard(suite.relay, `Vorlage ${template}`, { template, locale: 'de' })
      const { page, problems } = await suite.person()
      await openBoardPage(page, boardPageUrl(suite.relay, board))
      await expect.poll(async () => Object.keys(await texts(page)).length).toBeGreaterThan(10)
      check(await texts(page))
      await page.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))
      await screenshot(page, `inserted-${template}-1366.png`)
      expect(problems).toEqual([])
    })
})

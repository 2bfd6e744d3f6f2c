/**
 * The Netzwerkkarte and the Netzwerkregeln as a facilitator first sees them on a 1366×768
 * laptop, a board made from each: the whole template in view, with its guiding question, both
 * policy fields and the symbol for existing bodies, or with its rule areas, who watches over them
 * and what each organisation brings in. Screenshots: test/artifacts/partner-<template>-1366.png.
 * And a name someone noted under "Genannt, noch zu prüfen" in a Beteiligtenanalyse is offered
 * first when a partner organisation is added.
 * Needs `npm run build` first (the relay serves dist/client) and Chromium.
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel, writeNoteInCell } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

const viewport = { width: 1366, height: 768 }

describe.skipIf(skipBrowserTests)('partner-side templates on a laptop', () => {
  const suite = boardBrowserSuite(viewport)

  const cases = [
    {
      template: 'netzwerkkarte',
      options: { question: 'Wer begleitet Alleinerziehende in Arbeit?' },
      shown: ['Leitfrage: Wer begleitet Alleinerziehende in Arbeit?', 'Arbeitsmarktpolitisches Feld', 'Familienpolitisches Feld', 'Bestehendes Gremium, Bündnis', 'Häufungen', 'Wer fehlt?'],
    },
    {
      template: 'netzwerkregeln',
      options: { form: 'vereinbarung' },
      shown: ['Netzwerkregeln und Kooperationsvereinbarung', 'Teilhabe', 'Bindewirkung', 'Wer achtet darauf?', 'Je Organisation', 'Jugendamt', 'Nächste Überprüfung'],
    },
  ] as const

  for (const { template, options, shown } of cases)
    it(`${template}: the whole template in view, its new parts drawn`, { timeout: 60_000 }, async () => {
      const board = await createBoard(suite.relay, template, { template, locale: 'de', options })
      const { page, problems } = await suite.person({ viewport, locale: 'de-DE' })
      await openBoardPage(page, boardPageUrl(suite.relay, board))
      await page.waitForFunction(() => {
        const editor = window.__netzwerkstatt!.editor
        const content = editor.getCurrentPageBounds()
        return !!content && editor.getCameraState() === 'idle' && editor.getViewportPageBounds().contains(content)
      })
      for (const words of shown) await expect.poll(() => page.getByText(words, { exact: true }).first().isVisible(), { message: words }).toBe(true)
      await screenshot(page, `partner-${template}-1366.png`)
      expect(problems).toEqual([])
    })

  it('offers the names noted under "Genannt, noch zu prüfen" first when a partner organisation is added', { timeout: 60_000 }, async () => {
    const board = await createBoard(suite.relay, 'Beteiligte', { template: 'beteiligtenanalyse', locale: 'de', options: { partners: ['Jobcenter'] } })
    const { page, problems } = await suite.person({ viewport, locale: 'de-DE' })
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await writeNoteInCell(page, 'cell:kandidaten', 'Wohnungsamt')
    const panel = await openTemplatesPanel(page)
    const listed = panel.locator('.nws-instance[data-template="beteiligtenanalyse"]')
    await listed.getByRole('button', { name: 'Partnerorganisation hinzufügen' }).click()
    const offered = () => listed.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    await expect.poll(offered).toEqual(['Wohnungsamt'])
    expect(problems).toEqual([])
  })
})

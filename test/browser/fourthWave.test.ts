/**
 * The fourth wave's instruments in real browsers against the real relay: the Steuerungsgruppen-
 * Sitzung, the chapter-3 checklist (Gründung und Koordination) and Öffentlichkeitsarbeit und
 * Spruchreife. For each, a facilitator inserts it through the Vorlagen panel; the facilitator and a
 * participant each double-click a cell and write a Zettel; both see both Zettel; the JSON from the
 * panel's export link has both in the table of that cell. Screenshots of each, fitted at 1920×1080
 * and 1366×768: test/artifacts/template-<name>-1920.png, -1366.png, and the options form, -form.png.
 * Then a Statusbericht carried into a Sitzung on the same page arrives as one Bericht:
 * test/artifacts/steering-report-1366.png.
 * Needs `npm run build` first (the relay serves dist/client) and Chromium at /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest'
import type { BoardExport } from '../../shared/results/export.ts'
import { templates, type TemplateName } from '../../shared/templates/registry.ts'
import { skipBrowserTests, downloaded } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage, openTemplatesPanel, writeNoteByDoubleClick, writeNoteInCell, zettelInCell } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { fitBesideButtons, hasCell } from '../helpers/templateView.ts'

/** A template, the cells the facilitator and the participant write into, and the export table holding both. */
interface Case {
  name: TemplateName
  facilitatorCell: string
  participantCell: string
  table: string
}

// One line per template; the export table is the section's title as the template writes it (de).
const cases: Case[] = [
  { name: 'steuerungsgruppe', facilitatorCell: 'entscheidungsbedarf:cell:e1:frage', participantCell: 'entscheidungsbedarf:cell:e2:herkunft', table: 'Entscheidungsbedarf' },
  { name: 'koordination', facilitatorCell: 'koordination:cell:rotation:antwort', participantCell: 'koordination:cell:rotation:wer', table: 'Netzwerkkoordination' },
  { name: 'oeffentlichkeitsarbeit', facilitatorCell: 'anlaesse:cell:n1:was', participantCell: 'anlaesse:cell:n1:spruchreif', table: 'Was geht wann nach außen?' },
]

const screens = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
]

describe.skipIf(skipBrowserTests)('fourth-wave instruments in the browser', () => {
  const suite = boardBrowserSuite(screens[0])

  it.each(cases)('$name: inserted from the panel, a Zettel each from facilitator and participant, both in the export', { timeout: 120_000 }, async ({ name, facilitatorCell, participantCell, table }) => {
    const board = await createBoard(suite.relay, `Vorlage ${name}`)
    const facilitator = await suite.person()
    const participant = await suite.person()
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    await openBoardPage(participant.page, boardPageUrl(suite.relay, board, 'participant'))

    const { page } = facilitator
    let panel = await openTemplatesPanel(page)
    await panel.getByRole('button', { name: new RegExp(`^${templates[name].title.de}`) }).click()
    await panel.getByRole('button', { name: 'Einfügen' }).scrollIntoViewIfNeeded()
    await screenshot(panel, `template-${name}-form.png`)
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await panel.waitFor({ state: 'detached' })
    await expect.poll(() => hasCell(participant.page, name, participantCell), { timeout: 15_000 }).toBe(true)

    const ours = `Moderation schreibt in ${name}`
    const theirs = `Teilnehmerin schreibt in ${name}`
    await writeNoteByDoubleClick(page, facilitatorCell, ours)
    await writeNoteByDoubleClick(participant.page, participantCell, theirs)
    // The participant looks elsewhere, so that their cursor does not cover the screenshots.
    await participant.page.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: 50_000, y: 50_000, z: 1 }))
    await participant.page.mouse.move(100, 300)
    await participant.page.mouse.move(700, 500)
    for (const p of [facilitator, participant]) await expect.poll(() => noteTexts(p.page), { timeout: 15_000 }).toEqual([ours, theirs].sort())

    // The export link of the panel, as the facilitator downloads it.
    panel = await openTemplatesPanel(page)
    const [download] = await Promise.all([page.waitForEvent('download'), panel.locator('.nws-export-links button[data-format="json"]').click()])
    const data = JSON.parse((await downloaded(download)).toString('utf8')) as BoardExport
    const exported = data.templates.find((t) => t.template === name)!
    const notesOf = exported.tables.find((t) => t.title === table)?.rows.flatMap((row) => row.slice(1).flat())
    expect(notesOf, exported.tables.map((t) => t.title).join(', ')).toEqual(expect.arrayContaining([ours, theirs]))
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })

    for (const screen of screens) {
      await page.setViewportSize(screen)
      // The editor learns the new size a frame later.
      await page.waitForFunction((width) => window.__netzwerkstatt!.editor.getViewportScreenBounds().w === width, screen.width)
      await fitBesideButtons(page)
      await page.mouse.move(5, screen.height - 5)
      await screenshot(page, `template-${name}-${screen.width}.png`)
    }
    await page.setViewportSize(screens[0])
    expect([...facilitator.problems, ...participant.problems]).toEqual([])
    await facilitator.context.close()
    await participant.context.close()
  })

  it('carries a Statusbericht into the Sitzung as one Bericht, from the panel’s button', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Nord', { template: 'statusbericht', locale: 'de' })
    const { page, problems } = await suite.person()
    await page.setViewportSize(screens[1])
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await writeNoteInCell(page, 'bericht:cell:bericht:projekt', 'AG Laufzettel')
    await writeNoteInCell(page, 'ergebnis:cell:ergebnis:erreicht', 'Laufzettel in drei Stellen erprobt')
    await writeNoteInCell(page, 'ergebnis:cell:ergebnis:konsequenzen', 'Rückmeldefrist vereinbaren')
    let panel = await openTemplatesPanel(page)
    await panel.getByRole('button', { name: /^Steuerungsgruppen-Sitzung/ }).click()
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await panel.waitFor({ state: 'detached' })

    panel = await openTemplatesPanel(page)
    const item = panel.locator('.nws-instance[data-template="statusbericht"]')
    const carry = item.locator('[data-action="carry:report-steering"]')
    await expect.poll(() => carry.textContent()).toMatch(/übernehmen in: Steuerungsgruppen-Sitzung/)
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toMatch(/: 3$/)
    const texts = async (key: string) => (await zettelInCell(page, key)).map((z) => z.text)
    await expect.poll(() => texts('berichte:cell:b1:fachgruppe')).toEqual(['AG Laufzettel'])
    expect(await texts('berichte:cell:b1:ergebnis')).toEqual(['Laufzettel in drei Stellen erprobt'])
    expect(await texts('berichte:cell:b1:konsequenzen')).toEqual(['Rückmeldefrist vereinbaren'])
    expect(await texts('berichte:cell:b2:ergebnis')).toEqual([])

    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const meta = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { template: string } }).netzwerkstatt
      const ids = editor.getCurrentPageShapes().filter((s) => meta(s)?.template === 'steuerungsgruppe').map((s) => s.id)
      editor.zoomToBounds(editor.getShapesPageBounds(ids)!, { inset: 40, animation: { duration: 0 } })
    })
    await page.mouse.move(5, screens[1].height - 5)
    await screenshot(page, 'steering-report-1366.png')
    expect(problems).toEqual([])
  })
})

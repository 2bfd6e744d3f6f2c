/**
 * The third wave of templates in real browsers against the real relay: for each, a facilitator
 * inserts it through the Vorlagen panel; the facilitator and a participant each double-click a
 * cell and write a Zettel; both see both Zettel; the JSON from the panel's export link has both
 * in the table of that cell. Screenshots of each template, fitted at 1920×1080 and 1366×768:
 * test/artifacts/template-<name>-1920.png, -1366.png, and the options form, -form.png.
 * Needs `npm run build` first (the relay serves dist/client) and Chromium at /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest'
import type { BoardExport } from '../../shared/results/export.ts'
import { templates, type TemplateName } from '../../shared/templates/registry.ts'
import { skipBrowserTests, downloaded } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage, openTemplatesPanel, writeNoteByDoubleClick } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { fitBesideButtons, hasCell } from '../helpers/templateView.ts'

/** A template, the cells the facilitator and the participant write into, and the export table holding both. */
interface Case {
  name: TemplateName
  facilitatorCell: string
  participantCell: string
  table: string
  /** The export holds both back (a Fallkonferenz's confirmations until all four are there). */
  held?: true
}

// One line per template; the export table is the section's title as the template writes it (de).
const cases: Case[] = [
  { name: 'arbeitsauftrag', facilitatorCell: 'phasen:cell:ph1:phase', participantCell: 'phasen:cell:ph2:wer', table: '2 · Phasen und Meilensteine' },
  { name: 'fallkonferenz', facilitatorCell: 'einverstaendnis:cell:einverstaendnis:bestaetigt', participantCell: 'einverstaendnis:cell:moderation:bestaetigt', table: 'Vor dem Gespräch', held: true },
  { name: 'erfolg', facilitatorCell: 'checkliste:cell:strukturen:gruen', participantCell: 'checkliste:cell:ressourcen:rot', table: 'Checkliste Nachhaltigkeit' },
  { name: 'angebotsuebersicht', facilitatorCell: 'angebote:cell:k0:o0', participantCell: 'angebote:cell:k2:o1', table: 'Angebote' },
  { name: 'laufzettel', facilitatorCell: 'auswertung:cell:z1:weg', participantCell: 'auswertung:cell:z2:doppelt', table: 'Zurückgekommene Laufzettel auswerten' },
  { name: 'netzwerkregeln', facilitatorCell: 'regeln:cell:treffen:regel', participantCell: 'regeln:cell:treffen:wer', table: 'Regeln für die Zusammenarbeit' },
]

const screens = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
]

describe.skipIf(skipBrowserTests)('third-wave templates in the browser', () => {
  const suite = boardBrowserSuite(screens[0])

  it.each(cases)('$name: inserted from the panel, a Zettel each from facilitator and participant, both in the export', { timeout: 120_000 }, async ({ name, facilitatorCell, participantCell, table, held }) => {
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
    if (held) {
      // Two of four confirmations: they are held back with the case, and the export says so.
      expect(notesOf).toBeUndefined()
      expect(JSON.stringify(data)).not.toContain(ours)
      expect(JSON.stringify(data)).not.toContain(theirs)
      expect(exported.facts.map((f) => f.value).join(' ')).toMatch(/fehlen noch Bestätigungen/)
    } else expect(notesOf, exported.tables.map((t) => t.title).join(', ')).toEqual(expect.arrayContaining([ours, theirs]))
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
})

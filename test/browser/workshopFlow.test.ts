/**
 * A network's workshop from the second wave of templates, in real Chromium against the real
 * relay: one partner list for the board (a new template starts with it, growing offers what is
 * missing, and names noted under "Genannt, noch zu prüfen" come first), the people present taken
 * into a Protokoll, what was missing in a Planspiel carried over into a service chain, and the
 * Dokumentation to take home as Markdown and printed. (Every template inserted and drawn:
 * templatesOnScreen.test.ts.)
 * Files: test/artifacts/report-print-sheet.png, report.pdf.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { templates, type TemplateName } from '../../shared/templates/registry.ts'
import { artifacts, skipBrowserTests, downloaded } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel, writeNoteInCell } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'


const openPanel = openTemplatesPanel

async function insert(page: Page, name: TemplateName) {
  const panel = await openPanel(page)
  await panel.getByRole('button', { name: new RegExp(`^${templates[name].title.de}`) }).click()
  await panel.getByRole('button', { name: 'Einfügen' }).click()
  await panel.waitFor({ state: 'detached' })
}

/** A template's cell on the page: its page box. */
const cellBox = (page: Page, name: TemplateName, key: string) =>
  page.evaluate(
    ({ name, key }) => {
      const editor = window.__netzwerkstatt!.editor
      const cell = editor.getCurrentPageShapes().find((s) => {
        const meta = (s.meta as { netzwerkstatt?: { template: string; key: string } }).netzwerkstatt
        return meta?.template === name && meta.key === key
      })!
      const { x, y, w, h } = editor.getShapePageBounds(cell)!
      return { x, y, w, h }
    },
    { name, key },
  )

/** Centre of a template's cell on the page. */
const cellCentre = async (page: Page, name: TemplateName, key: string) => {
  const box = await cellBox(page, name, key)
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 }
}

/** The notes lying in a template cell, by text. */
const notesIn = async (page: Page, name: TemplateName, key: string) =>
  page.evaluate(
    (box) => {
      const editor = window.__netzwerkstatt!.editor
      const inside = ({ x, y }: { x: number; y: number }) => x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h
      return editor
        .getCurrentPageShapes()
        .filter((s) => s.type === 'note' && inside(editor.getShapePageBounds(s)!.center))
        .map((s) => ({ text: editor.getShapeUtil(s).getText(s) ?? '', carried: 'carriedFrom' in (s.meta as object) }))
    },
    await cellBox(page, name, key),
  )

describe.skipIf(skipBrowserTests)('a workshop with the second wave of templates', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('keeps one partner list for the board: a new template starts with it, growing offers what is missing', { timeout: 60_000 }, async () => {
    const board = await createBoard(suite.relay, 'Gründung', {
      template: 'beteiligtenanalyse',
      options: { partners: ['Jobcenter', 'Mehrgenerationenhaus'] },
    })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    let panel = await openPanel(page)
    await panel.getByRole('button', { name: /^Gründungsveranstaltung/ }).click()
    // The board's partners come first and are chosen already.
    const checked = await panel.getByRole('checkbox', { checked: true }).evaluateAll((boxes) => boxes.map((b) => b.parentElement!.textContent!.trim()))
    expect(checked).toEqual(['Jobcenter', 'Mehrgenerationenhaus'])
    await panel.getByRole('checkbox', { name: 'Mehrgenerationenhaus' }).uncheck()
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await panel.waitFor({ state: 'detached' })
    panel = await openPanel(page)
    const item = panel.locator('.nws-instance[data-template="gruendungsveranstaltung"]')
    await item.getByRole('button', { name: 'Organisation hinzufügen' }).click()
    const offered = await item.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    expect(offered).toEqual(['Mehrgenerationenhaus'])
    expect(problems).toEqual([])
  })

  it('offers the names noted under "Genannt, noch zu prüfen" first when a partner organisation is added', { timeout: 60_000 }, async () => {
    const board = await createBoard(suite.relay, 'Beteiligte', { template: 'beteiligtenanalyse', locale: 'de', options: { partners: ['Jobcenter'] } })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await writeNoteInCell(page, 'cell:kandidaten', 'Wohnungsamt')
    const panel = await openPanel(page)
    const listed = panel.locator('.nws-instance[data-template="beteiligtenanalyse"]')
    await listed.getByRole('button', { name: 'Partnerorganisation hinzufügen' }).click()
    const offered = () => listed.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    await expect.poll(offered).toEqual(['Wohnungsamt'])
    expect(problems).toEqual([])
  })

  it('takes the people present into the minutes with one click', { timeout: 60_000 }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe', { template: 'protokoll', options: { date: '2026-11-23' } })
    const facilitator = await suite.person()
    const participant = await suite.person()
    for (const [person, name] of [
      [facilitator, 'Frau Adler'],
      [participant, 'Herr Berg'],
    ] as const) {
      await openBoardPage(person.page, boardPageUrl(suite.relay, board, person === facilitator ? 'facilitator' : 'participant'))
      await person.page.evaluate((name) => window.__netzwerkstatt!.editor.user.updateUserPreferences({ name }), name)
    }
    const { page } = facilitator
    await page.waitForFunction(() => window.__netzwerkstatt!.editor.getCollaborators().some((p) => p.userName === 'Herr Berg'))
    const panel = await openPanel(page)
    const item = panel.locator('.nws-instance[data-template="protokoll"]')
    await item.getByRole('button', { name: 'Anwesende übernehmen' }).click()
    await expect.poll(() => notesIn(page, 'protokoll', 'sitzung:cell:sitzung:anwesende')).toEqual(
      expect.arrayContaining([
        { text: 'Frau Adler', carried: false },
        { text: 'Herr Berg', carried: false },
      ]),
    )
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Anwesende ins Protokoll übernommen: 2')
    // A second click adds nobody twice.
    await item.getByRole('button', { name: 'Anwesende übernehmen' }).click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Alle Anwesenden stehen schon im Protokoll.')
    expect(await notesIn(page, 'protokoll', 'sitzung:cell:sitzung:anwesende')).toHaveLength(2)
    // The participant sees the same two once the relay has passed them on.
    await expect.poll(() => notesIn(participant.page, 'protokoll', 'sitzung:cell:sitzung:anwesende')).toHaveLength(2)
    expect([...facilitator.problems, ...participant.problems]).toEqual([])
  })

  it('carries what was missing in the Planspiel into the service chain, and takes home one report', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel Nord', { template: 'planspiel', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await insert(page, 'dienstleistungskette')
    const at = await cellCentre(page, 'planspiel', 'scene:s1:fehlt')
    await page.evaluate(
      ({ x, y }) => {
        const editor = window.__netzwerkstatt!.editor
        editor.createShape({ type: 'note', x: x - 100, y: y - 100, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Betreuung am Abend' }] }] } } })
      },
      at,
    )
    const panel = await openPanel(page)
    const item = panel.locator('.nws-instance[data-template="planspiel"]')
    const carry = item.locator('[data-action="carry:planspiel-gaps"]')
    await expect.poll(() => carry.textContent()).toMatch(/^„Was fehlt\?“ übernehmen in: Dienstleistungskette/)
    await carry.click()
    await expect.poll(() => notesIn(page, 'dienstleistungskette', 'gaps')).toEqual([{ text: 'Betreuung am Abend', carried: true }])
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Nichts Neues zu übernehmen.')
    expect(await notesIn(page, 'dienstleistungskette', 'gaps')).toHaveLength(1)

    // Small groups for the evaluation are drawn from the participants (attendance.test.ts): the
    // facilitator alone is nobody to draw.
    await item.getByRole('button', { name: 'Zufällige Kleingruppen bilden' }).click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Fügen Sie zuerst Kleingruppen für die Auswertung hinzu.')
    for (let i = 0; i < 2; i++) await item.getByRole('button', { name: 'Kleingruppe für die Auswertung hinzufügen' }).click()
    await item.getByRole('button', { name: 'Zufällige Kleingruppen bilden' }).click()
    await expect.poll(() => item.getByRole('status').textContent()).toMatch(/^Noch keine Teilnehmenden auf dem Board/)
    const drawn = async () => [...(await notesIn(page, 'planspiel', 'smallgroup:g1')), ...(await notesIn(page, 'planspiel', 'smallgroup:g2'))]
    expect(await drawn()).toEqual([])

    // The Dokumentation as Markdown…
    const [download] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-report="md"]').click()])
    expect(download.suggestedFilename()).toMatch(/^Dokumentation-Planspiel-Nord-\d{4}-\d\d-\d\d\.md$/)
    const markdown = (await downloaded(download)).toString('utf8')
    expect(markdown).toContain('# Dokumentation: Planspiel Nord')
    expect(markdown).toMatch(/## Inhalt\n\n1\. Planspiel.*\n2\. Dienstleistungskette/)
    expect(markdown).toContain('**Zielgruppe:**')
    expect(markdown.match(/Betreuung am Abend/g)).toHaveLength(2)

    // …and printed.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes')
    })
    await panel.locator('[data-report="print"]').click()
    await page.locator('body[data-printed="yes"]').waitFor({ state: 'attached' })
    const headings = await page.locator('#nws-print .nws-report h2').allTextContents()
    expect(headings).toEqual(['Beschlüsse', 'Inhalt', expect.stringMatching(/^Planspiel/), expect.stringMatching(/^Dienstleistungskette/), 'Offene Punkte'])
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, 'report-print-sheet.png', { fullPage: true })
    await page.pdf({ path: join(artifacts, 'report.pdf'), landscape: true, format: 'A4' })
    expect(problems).toEqual([])
  })
})

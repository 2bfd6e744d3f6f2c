/**
 * A network's workshop from the second wave of templates, in real Chromium against the real
 * relay: one partner list for the board (a new template starts with it, growing offers what is
 * missing, and names noted under "Genannt, noch zu prüfen" come first), the people present taken
 * into a Protokoll, what was missing in a Planspiel carried over into a service chain, and the
 * Dokumentation to take home as Markdown and printed. (Every template inserted and drawn:
 * templatesOnScreen.test.ts.) The first three tests share a board and its facilitator; the
 * second person present is a y-websocket client with a presence, as a page publishes it.
 * Files: test/artifacts/report-print-sheet.png, report.pdf.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { describe, expect, it, onTestFinished } from 'vitest'
import { templates, type TemplateName } from '../../shared/templates/registry.ts'
import { artifacts, skipBrowserTests, downloaded } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel, writeNoteInCell, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard } from '../helpers/clients.ts'
import { presenceJson, type FakePerson } from '../helpers/presence.ts'
import { recordsIn } from '../helpers/records.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { plainText } from '../../shared/templates/richText.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { hang } from '../helpers/hang.ts'


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

/** The texts of the notes whose centre lies in a template's cell, as a client's doc holds them, sorted. */
function notesInStoredCell(doc: Y.Doc, name: TemplateName, key: string): string[] {
  const shapes = recordsIn(doc)
  const cell = shapes.find((s) => scaffoldMeta(s)?.template === name && scaffoldMeta(s)?.key === key)
  if (!cell) return []
  const { w, h } = cell.props as { w: number; h: number }
  return shapes
    .filter((s) => s.type === 'note')
    .filter((s) => {
      const { scale, growY } = s.props as { scale: number; growY: number }
      const [x, y] = [s.x + 100 * scale, s.y + (200 + growY) * scale / 2]
      return x >= cell.x && x <= cell.x + w && y >= cell.y && y <= cell.y + h
    })
    .map((s) => plainText((s.props as { richText: unknown }).richText))
    .sort()
}

describe.skipIf(skipBrowserTests)('a workshop with the second wave of templates', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  // One board and its facilitator for the first three tests: a Beteiligtenanalyse with two partners.
  let board: CreatedBoard | undefined
  let person: Promise<Person> | undefined
  const facilitator = async () => {
    const p = await (person ??= (async () => {
      board = await createBoard(suite.relay, 'Gründung', {
        template: 'beteiligtenanalyse',
        options: { partners: ['Jobcenter', 'Mehrgenerationenhaus'] },
      })
      const made = await suite.person({ keep: true })
      await openBoardPage(made.page, boardPageUrl(suite.relay, board))
      return made
    })())
    p.problems.splice(0)
    return p
  }

  it('keeps one partner list for the board: a new template starts with it, growing offers what is missing', { timeout: hang(60_000) }, async () => {
    const { page, problems } = await facilitator()
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

  it('offers the names noted under "Genannt, noch zu prüfen" first when a partner organisation is added', { timeout: hang(60_000) }, async () => {
    // The board's partners are both in its analysis already: what is offered first is the name noted.
    const { page, problems } = await facilitator()
    await writeNoteInCell(page, 'cell:kandidaten', 'Wohnungsamt', 'beteiligtenanalyse')
    const panel = await openPanel(page)
    const listed = panel.locator('.nws-instance[data-template="beteiligtenanalyse"]')
    await listed.getByRole('button', { name: 'Partnerorganisation hinzufügen' }).click()
    const offered = () => listed.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    await expect.poll(offered).toEqual(['Wohnungsamt'])
    expect(problems).toEqual([])
  })

  it('takes the people present into the minutes with one click', { timeout: hang(60_000) }, async () => {
    // A Protokoll on the board of the tests before; the participant, Herr Berg, a y-websocket
    // client with the participant link and a presence like a page's (its awareness renews itself).
    const { page, problems } = await facilitator()
    await insert(page, 'protokoll')
    const participant = connectClient(suite.relay, board!.id, new Y.Doc(), { token: board!.access.participant })
    onTestFinished(() => participant.destroy())
    const herrBerg: FakePerson = { clientId: participant.doc.clientID, clock: 0, name: 'Herr Berg', cursor: { x: 0, y: 0 }, view: { x: 0, y: 0, w: 1440, h: 900 } }
    participant.provider.awareness.setLocalState(JSON.parse(presenceJson(herrBerg)))
    await page.evaluate((name) => window.__netzwerkstatt!.editor.user.updateUserPreferences({ name }), 'Frau Adler')
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
    // The participant has the same two once the relay has passed them on.
    await expect.poll(() => notesInStoredCell(participant.doc, 'protokoll', 'sitzung:cell:sitzung:anwesende'), { timeout: hang(10_000) }).toEqual(['Frau Adler', 'Herr Berg'])
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('carries what was missing in the Planspiel into the service chain, and takes home one report', { timeout: hang(90_000) }, async () => {
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

    // A second Zettel where the first was: a cell of two in the Dokumentation.
    await page.evaluate(
      ({ x, y }) => {
        const editor = window.__netzwerkstatt!.editor
        editor.createShape({ type: 'note', x: x - 100, y: y - 60, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Betreuung am Wochenende' }] }] } } })
      },
      at,
    )
    await expect.poll(async () => (await notesIn(page, 'planspiel', 'scene:s1:fehlt')).map((n) => n.text).sort()).toEqual(['Betreuung am Abend', 'Betreuung am Wochenende'])
    // The relay makes the Dokumentation: once it holds both (a Zettel made in a script goes out a moment
    // later than the page shows it, which a busy machine stretches).
    const reader = connectClient(suite.relay, board.id, new Y.Doc())
    onTestFinished(() => reader.destroy())
    await expect.poll(() => notesInStoredCell(reader.doc, 'planspiel', 'scene:s1:fehlt'), { timeout: hang(10_000) }).toEqual(['Betreuung am Abend', 'Betreuung am Wochenende'])

    // The Dokumentation as Markdown…
    const [download] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-report="md"]').click()])
    expect(download.suggestedFilename()).toMatch(/^Dokumentation-Planspiel-Nord-\d{4}-\d\d-\d\d\.md$/)
    const markdown = (await downloaded(download)).toString('utf8')
    expect(markdown).toContain('# Dokumentation: Planspiel Nord')
    expect(markdown).toMatch(/## Inhalt\n\n1\. Planspiel.*\n2\. Dienstleistungskette/)
    expect(markdown).toContain('**Zielgruppe:**')
    expect(markdown.match(/Betreuung am Abend/g)).toHaveLength(2)
    // A table row is one line, the cell's two Zettel each after a bullet on a line of its own.
    expect(markdown).toMatch(/\| • Betreuung am (Abend|Wochenende)<br>• Betreuung am (Abend|Wochenende) \|/)

    // …and printed.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes')
    })
    await panel.locator('[data-report="print"]').click()
    await page.locator('body[data-printed="yes"]').waitFor({ state: 'attached' })
    const headings = await page.locator('#nws-print .nws-report h2').allTextContents()
    expect(headings).toEqual(['Beschlüsse', 'Inhalt', expect.stringMatching(/^Planspiel/), expect.stringMatching(/^Dienstleistungskette/), 'Offene Punkte'])
    // In the print sheet too: the two Zettel as a list in their cell, and no cell runs notes together.
    const listed = await page.locator('#nws-print .nws-report td ul').evaluateAll((lists) => lists.map((list) => [...list.children].map((item) => item.textContent).sort()))
    expect(listed).toContainEqual(['Betreuung am Abend', 'Betreuung am Wochenende'])
    expect(await page.locator('#nws-print .nws-report td br').count()).toBe(0)
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, 'report-print-sheet.png', { fullPage: true })
    await page.pdf({ path: join(artifacts, 'report.pdf'), landscape: true, format: 'A4' })
    expect(problems).toEqual([])
  })
})

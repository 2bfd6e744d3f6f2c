/**
 * Workshop templates in real browsers against the real relay: a facilitator inserts each
 * template through the Vorlagen panel, a second person sees the same scaffold, one undo takes
 * it away for both; growing, the Dienstleistungskette's hand-overs, the export links and a
 * board created from the start page with a template.
 * Needs `npm run build` first (the relay serves dist/client) and Chromium at /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { planspielCases } from '../../shared/templates/planspiel.ts'
import { templates, type TemplateName } from '../../shared/templates/registry.ts'
import { scaffoldOnPage, type ScaffoldShape } from '../helpers/scaffoldOnPage.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { openTemplatesPanel, skipNamePrompt } from '../helpers/boardPages.ts'
import { launchBrowser, skipBrowserTests, downloaded } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { sharedRelay, type FileRelay } from '../helpers/sharedRelay.ts'
import { hang } from '../helpers/hang.ts'

const viewport = { width: 1280, height: 800 }

/** What the test reads of a scaffold shape. */
// Locally a missing browser skips these tests; in CI it must fail them instead.
describe.skipIf(skipBrowserTests)('workshop templates in the browser', () => {
  let relay: FileRelay
  let browser: Browser
  let facilitator: Person
  let participant: Person

  interface Person {
    context: BrowserContext
    page: Page
    problems: string[]
  }

  async function person(): Promise<Person> {
    const context = await browser.newContext({ locale: 'de-DE', viewport, acceptDownloads: true })
    await context.addInitScript(() => {
      window.__netzwerkstattTestHooks = true
    })
    await skipNamePrompt(context)
    const problems: string[] = []
    context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
    const page = await context.newPage()
    return { context, page, problems }
  }

  async function openBoard(page: Page, url: string) {
    await page.goto(url)
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
  }

  beforeAll(async () => {
    relay = await sharedRelay()
    browser = await launchBrowser()
    const board = await createBoard(relay, 'Netzwerktreffen')
    facilitator = await person()
    participant = await person()
    await openBoard(facilitator.page, boardPageUrl(relay, board))
    await openBoard(participant.page, boardPageUrl(relay, board, 'participant'))
    // The participant looks (and points) somewhere far away, so that their cursor does not
    // cover the facilitator's screenshots.
    await participant.page.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: 50_000, y: 50_000, z: 1 }))
    await participant.page.mouse.move(600, 400)
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
  })


  const optionsOf = (shapes: ScaffoldShape[]) => shapes.find((s) => s.kind === 'title')?.options

  /** Polls the other page until it shows exactly these scaffold shapes. */
  const expectSameScaffold = (page: Page, template: TemplateName, shapes: ScaffoldShape[]) =>
    expect.poll(() => scaffoldOnPage(page, template), { timeout: hang(15_000) }).toEqual(shapes)

  const openPanel = openTemplatesPanel

  /** Waits until the camera has stopped with the shapes in view, then photographs the page. */
  async function screenshotFitted(page: Page, ids: string[], name: string, minFill = 0.75) {
    await page.waitForFunction((ids) => {
      const editor = window.__netzwerkstatt!.editor
      const bounds = editor.getShapesPageBounds(ids as never[])
      const view = editor.getViewportPageBounds()
      return !!bounds && editor.getCameraState() === 'idle' && view.contains(bounds)
    }, ids)
    // The template fills the view (by default at least three quarters of its width or height).
    const fill = await page.evaluate((ids) => {
      const editor = window.__netzwerkstatt!.editor
      const bounds = editor.getShapesPageBounds(ids as never[])!
      const view = editor.getViewportPageBounds()
      return Math.max(bounds.w / view.w, bounds.h / view.h)
    }, ids)
    expect(fill).toBeGreaterThan(minFill)
    await screenshot(page, `template-${name}.png`)
  }

  const insertions: { name: TemplateName; fill(panel: Locator): Promise<void>; expected: Record<string, unknown> }[] = [
    {
      name: 'beteiligtenanalyse',
      async fill(panel) {
        await panel.getByRole('checkbox', { name: 'Schuldnerberatung' }).check()
        await panel.getByRole('checkbox', { name: 'Jugendamt' }).uncheck()
        await panel.getByLabel('Weitere Organisation').fill('Mehrgenerationenhaus')
        await panel.getByLabel('Weitere Organisation').press('Enter')
      },
      expected: { partners: ['Jobcenter', 'Beratungsstellen', 'Schuldnerberatung', 'Mehrgenerationenhaus'] },
    },
    {
      name: 'planspiel',
      async fill(panel) {
        await panel.getByLabel('Fall').selectOption({ label: planspielCases[1].title.de })
        await panel.getByLabel('Anzahl der Szenen').fill('3')
      },
      expected: { case: planspielCases[1].id, scenes: 3 },
    },
    {
      name: 'zukunftskonferenz',
      async fill(panel) {
        await panel.getByLabel('Leitfrage').fill('Wie erreichen Alleinerziehende 2030 gute Arbeit?')
        await panel.getByLabel('Anzahl der Kleingruppen').fill('3')
      },
      expected: { question: 'Wie erreichen Alleinerziehende 2030 gute Arbeit?', groups: 3 },
    },
    {
      name: 'dienstleistungskette',
      async fill(panel) {
        await panel.getByLabel('Zielgruppe').fill('Alleinerziehende im Landkreis')
        await panel.getByRole('radio', { name: 'Beide' }).check()
      },
      expected: { targetGroup: 'Alleinerziehende im Landkreis', variant: 'both' },
    },
  ]

  it.each(insertions)('inserts $name for everyone, and one undo removes it for everyone', { timeout: hang(30_000) }, async ({ name, fill, expected }) => {
    const { page } = facilitator
    const panel = await openPanel(page)
    await panel.getByRole('button', { name: new RegExp(`^${templates[name].title.de}`) }).click()
    await fill(panel)
    if (name === 'dienstleistungskette') await screenshot(page, 'templates-panel.png')
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await panel.waitFor({ state: 'detached' })

    const inserted = await scaffoldOnPage(page, name)
    expect(inserted.length).toBeGreaterThan(5)
    expect(new Set(inserted.map((s) => s.instance)).size).toBe(1)
    expect(optionsOf(inserted)).toMatchObject(expected)
    await expectSameScaffold(participant.page, name, inserted)
    await screenshotFitted(page, inserted.map((s) => s.id), name)

    // Focus is back on the canvas, so the shortcut undoes the insertion as a whole.
    await page.keyboard.press('ControlOrMeta+z')
    await expect.poll(() => scaffoldOnPage(page, name)).toEqual([])
    await expectSameScaffold(participant.page, name, [])
  })

  it('grows a template through the panel, for everyone', { timeout: hang(30_000) }, async () => {
    const { page } = facilitator
    let panel = await openPanel(page)
    await panel.getByRole('button', { name: /^Beteiligtenanalyse/ }).click()
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    const before = await scaffoldOnPage(page, 'beteiligtenanalyse')
    const partners = (optionsOf(before)?.partners as string[]) ?? []
    expect(partners).toHaveLength(3)

    panel = await openPanel(page)
    const listed = panel.locator('.nws-instance[data-template="beteiligtenanalyse"]')
    await listed.getByRole('button', { name: 'Partnerorganisation hinzufügen' }).click()
    await listed.getByLabel('Name der Organisation').fill('Familienzentrum Nord')
    await listed.scrollIntoViewIfNeeded()
    await screenshot(page, 'templates-panel-grow.png')
    await listed.getByRole('button', { name: 'Hinzufügen', exact: true }).click()

    const after = await scaffoldOnPage(page, 'beteiligtenanalyse')
    expect(optionsOf(after)?.partners).toEqual([...partners, 'Familienzentrum Nord'])
    expect(after.find((s) => s.key === 'row:p3')?.text).toBe('Familienzentrum Nord')
    expect(after.length).toBeGreaterThan(before.length)
    await expectSameScaffold(participant.page, 'beteiligtenanalyse', after)

    // "Zeigen" brings the grown template into view, beside the open panel.
    await page.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: 5000, y: 5000, z: 1 }))
    await listed.getByRole('button', { name: /zeigen$/ }).click()
    await screenshotFitted(page, after.map((s) => s.id), 'beteiligtenanalyse-grown', 0.6)
    await page.keyboard.press('Escape')

    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.run(() => editor.deleteShapes([...editor.getCurrentPageShapeIds()]), { ignoreShapeLock: true })
    })
    await expectSameScaffold(participant.page, 'beteiligtenanalyse', [])
  })

  it('adds service cards and the hand-overs drawn between lanes of a Dienstleistungskette', { timeout: hang(30_000) }, async () => {
    const { page } = facilitator
    let panel = await openPanel(page)
    await panel.getByRole('button', { name: /^Dienstleistungskette/ }).click()
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    const chain = await scaffoldOnPage(page, 'dienstleistungskette')
    const lanes = chain.filter((s) => s.section === 'lanes-soll')
    expect(lanes.length).toBeGreaterThanOrEqual(2)

    panel = await openPanel(page)
    const listed = panel.locator('.nws-instance[data-template="dienstleistungskette"]')
    await listed.getByRole('button', { name: 'Leistungszettel hinzufügen' }).click()
    const card = await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getOnlySelectedShape()
      return note && { type: note.type, text: editor.getShapeUtil(note).getText(note), editing: editor.getEditingShapeId() === note.id }
    })
    expect(card).toMatchObject({ type: 'note', editing: true })
    expect(card!.text).toMatch(/^Leistung:/)
    await page.keyboard.press('Escape')

    // Two service cards in the first two lanes, joined by an arrow: a hand-over.
    await page.evaluate((laneIds) => {
      const editor = window.__netzwerkstatt!.editor
      const [a, b] = laneIds.map((id) => editor.getShapePageBounds(id as never)!)
      const ids = ['shape:card-a', 'shape:card-b', 'shape:arrow'] as never[]
      editor.createShapes([
        { id: ids[0], type: 'note', x: a.x + 40, y: a.y + 20 },
        { id: ids[1], type: 'note', x: b.x + 400, y: b.y + 20 },
        { id: ids[2], type: 'arrow', x: 0, y: 0 },
      ])
      editor.createBindings([
        { type: 'arrow', fromId: ids[2], toId: ids[0], props: { terminal: 'start', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' } },
        { type: 'arrow', fromId: ids[2], toId: ids[1], props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' } },
      ])
    }, lanes.slice(0, 2).map((s) => s.id))

    panel = await openPanel(page)
    await listed.getByRole('button', { name: 'Schnittstellen ergänzen' }).click()
    await listed.getByText('Schnittstellen ergänzt: 1').waitFor()
    const handovers = (optionsOf(await scaffoldOnPage(page, 'dienstleistungskette'))?.handovers as string[]) ?? []
    expect(handovers).toHaveLength(1)
    expect(handovers[0]).toMatch(/→/)
    await listed.getByRole('button', { name: 'Schnittstellen ergänzen' }).click()
    await listed.getByText('Es fehlt keine Schnittstelle.').waitFor()
    // The same hand-over typed in by hand: the template refuses it, and says so.
    await listed.getByRole('button', { name: 'Schnittstelle hinzufügen' }).click()
    await listed.getByRole('textbox').fill(handovers[0])
    await listed.getByRole('button', { name: 'Hinzufügen', exact: true }).click()
    await listed.getByText(/^Nicht möglich/).waitFor()
    await expectSameScaffold(participant.page, 'dienstleistungskette', await scaffoldOnPage(page, 'dienstleistungskette'))

    // One undo takes the hand-over's cell away again, all of it.
    await page.keyboard.press('Escape')
    await page.evaluate(() => void window.__netzwerkstatt!.editor.focus())
    await page.keyboard.press('ControlOrMeta+z')
    await expect.poll(async () => optionsOf(await scaffoldOnPage(page, 'dienstleistungskette'))?.handovers).toEqual([])
  })

  it('fits the panel on a narrow screen, and Escape closes it', { timeout: hang(30_000) }, async () => {
    const { page } = facilitator
    await page.setViewportSize({ width: 390, height: 740 })
    try {
      const panel = await openPanel(page)
      await panel.getByRole('button', { name: /^Planspiel/ }).click()
      const box = (await panel.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
      expect(box.y + box.height).toBeLessThanOrEqual(740)
      // The form scrolls inside the panel; its insert button can be reached.
      await panel.getByRole('button', { name: 'Einfügen' }).scrollIntoViewIfNeeded()
      await screenshot(page, 'templates-panel-narrow.png')
      await page.keyboard.press('Escape')
      await panel.waitFor({ state: 'detached' })
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Vorlagen')
    } finally {
      await page.setViewportSize(viewport)
    }
  })

  it('offers the results for download, fetched with the link\'s token in a header', { timeout: hang(30_000) }, async () => {
    const { page } = facilitator
    const panel = await openPanel(page)
    const buttons = panel.locator('.nws-export-links button[data-format]')
    expect(await buttons.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-format')))).toEqual(['md', 'csv', 'json'])
    const [download, request] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForRequest((r) => r.url().includes('/export?format=md')),
      panel.getByRole('button', { name: 'Markdown', exact: true }).click(),
    ])
    expect(request.headers().authorization).toMatch(/^Bearer [A-Za-z0-9_-]{32}$/)
    expect(download.suggestedFilename()).toBe('Netzwerktreffen.md')
    const markdown = (await downloaded(download)).toString('utf8')
    expect(markdown).toContain('Dienstleistungskette')
    await page.keyboard.press('Escape')

    // The main menu offers the same downloads.
    await page.getByTestId('main-menu.button').click()
    await page.getByText('Ergebnisse exportieren').hover()
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV (Tabelle)' }).click()])
    expect(csv.suggestedFilename()).toBe('Netzwerktreffen.csv')
    expect((await downloaded(csv)).toString('utf8')).toContain(';')
  })

  it('creates a board from a template on the start page', { timeout: hang(30_000) }, async () => {
    const { page } = participant
    await page.goto(relay.httpUrl)
    await page.getByLabel('Titel').fill('Planspiel im Familienzentrum')
    await page.getByLabel('Vorlage').selectOption({ label: templates.planspiel.title.de })
    await page.getByRole('button', { name: 'Board anlegen' }).click()
    // The creator arrives with the facilitator link, whose key then leaves the address.
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/)
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    await expect.poll(async () => (await scaffoldOnPage(page, 'planspiel')).length, { timeout: hang(15_000) }).toBeGreaterThan(5)
    const shapes = await scaffoldOnPage(page, 'planspiel')
    expect(optionsOf(shapes)).toMatchObject({ case: expect.any(String) })

    for (const p of [facilitator, participant]) {
      expect(p.problems).toEqual([])
      await p.context.close()
    }
  })
})

/**
 * A coordinator's Fahrplan in Chromium, against the run's shared relay, one browser through the
 * file: she creates a network on the start page, walks it from the Beteiligtenanalyse (an internal
 * board in phase 1) to a Gründungsveranstaltung and a Statusbericht board, writes a Zettel on one,
 * sees when it was last worked on (never „erledigt“), downloads the steering group's pack in each
 * format with one click, at 1920, 1366, 820 and 390 px; a participant of one of those boards never
 * sees the network. Then she takes in an existing board by its facilitator link only, files it
 * elsewhere, marks it internal and takes it out again; a board with the Fallkonferenz is internal;
 * deleting the network waits for a decision about its boards (also one whose facilitator link the
 * operator renewed), and its link is then refused and forgotten.
 * 9 page loads, each a step the coordinator takes: the start page, the new Fahrplan, the board,
 * back by its menu, the start page's list, its link, the start page after deleting, the old link
 * refused; and the participant's own new browser on the board (a fresh browser is the subject).
 * What the relay does with it (the pack's contents and file names, boards kept or left openable):
 * `test/integration/steeringPack.test.ts`, `networks.test.ts`, `test/unit/http/networks.test.ts`.
 * Screenshots (ARTIFACTS=1): test/artifacts/fahrplan-{1920,1366,820,390}.png, fahrplan-pack-{1920,1366,820,390}.png,
 * fahrplan-pack-page1.png, fahrplan-new-board.png, fahrplan-new-board-case.png, fahrplan-delete.png,
 * fahrplan-start.png, fahrplan-templates-panel.png.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { knownNetworksKey } from '../../client/network/knownNetworks.ts'
import { NetworkView, networkApiPath } from '../../shared/networkApi.ts'
import { hashToken, newToken } from '../../server/links/access.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { artifactsAsked, screenshot } from '../helpers/screenshots.ts'
import { artifacts, downloaded, skipBrowserTests } from '../helpers/browser.ts'
import { axeFindings, clippedText } from '../helpers/axe.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel, writeNoteInCell, type Person } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'
import { copiedNetworkLink } from '../helpers/networkCalls.ts'
import { firstPagePng, skipPdfTests } from '../helpers/pdfText.ts'
import { readDocx, readOdt, xmlProblems } from '../helpers/officeText.ts'
import { hang } from '../helpers/hang.ts'

const networkName = 'Netzwerk Alleinerziehende Nord'
const packFile = (extension: string) => new RegExp(`^Unterlagen-für-die-Steuerungsgruppe-Netzwerk-Alleinerziehende-Nord-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`)

/** The cell key of the first cell of a template on the board page's current page. */
const firstCellKey = (page: Page, template: string) =>
  page.evaluate((template) => {
    const editor = window.__netzwerkstatt!.editor
    const meta = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { kind?: string; template?: string; key?: string } }).netzwerkstatt
    return editor.getCurrentPageShapes().map(meta).find((m) => m?.kind === 'cell' && m.template === template)!.key!
  }, template)

const phase = (page: Page, id: string) => page.locator(`.nws-phase[data-phase="${id}"]`)
const method = (page: Page, template: string) => page.locator(`.nws-method[data-template="${template}"]`)
const nextMethod = (page: Page) => page.locator('.nws-method[data-next]').getAttribute('data-template')

/** "Neues Board in dieser Phase", keeping only the given methods ticked. */
async function newBoardInPhase(page: Page, phaseId: string, title: string, keep: string[], expectInternal: boolean) {
  await phase(page, phaseId).getByRole('button', { name: 'Neues Board in dieser Phase' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Titel').fill(title)
  for (const box of await dialog.getByRole('group', { name: 'Methoden auf dem Board' }).getByRole('checkbox').all()) {
    const label = (await box.locator('xpath=..').innerText()).trim()
    // The phase's own methods start out chosen; the recurring ones are offered, not chosen.
    if (label === 'Protokoll') expect(await box.isChecked()).toBe(false)
    if (label === 'Fallkonferenz') expect(await box.isChecked()).toBe(false)
    if (keep.includes(label)) await box.check()
    else await box.uncheck()
  }
  expect(await dialog.getByRole('checkbox', { name: 'intern (nur für die Koordination)' }).isChecked()).toBe(expectInternal)
  if (phaseId === 'vorStart') await screenshot(page, 'fahrplan-new-board.png')
  await dialog.getByRole('button', { name: 'Board anlegen' }).click()
  await dialog.waitFor({ state: 'detached' })
  await phase(page, phaseId).locator('.nws-network-board', { hasText: title }).waitFor()
}

describe.skipIf(skipBrowserTests)('the Fahrplan', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })
  let coordinator: Person
  let page: Page
  /** The network as the Fahrplan made it: its id and link, read from the page. */
  let network: { id: string; token: string; url: string }

  beforeAll(async () => {
    coordinator = await suite.person({ keep: true })
    page = coordinator.page
  })

  it('a coordinator walks from the Beteiligtenanalyse to a Statusbericht and downloads the pack; a participant never sees the network', { timeout: hang(240_000) }, async () => {
    const networkRequests: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/networks')) networkRequests.push(request.url())
    })

    // Start page: "Netzwerk anlegen" opens the new network's Fahrplan.
    await page.goto(suite.relay.httpUrl)
    await page.getByLabel('Name des Netzwerks').fill(networkName)
    await page.getByLabel('Zielgruppe').fill('Alleinerziehende im Landkreis')
    await page.getByRole('button', { name: 'Netzwerk anlegen' }).click()
    await page.waitForURL(/\/n\/[\w-]+$/)
    await page.getByRole('heading', { level: 1, name: networkName }).waitFor()
    await page.getByText('Zielgruppe: Alleinerziehende im Landkreis').waitFor()
    // The token leaves the address, and no request line carries it.
    const url = new URL(await copiedNetworkLink(page))
    const token = url.hash.slice(1)
    network = { id: url.pathname.split('/').at(-1)!, token, url: url.href }
    expect(token).toMatch(/^[\w-]{32}$/)
    expect(page.url()).not.toContain(token)
    expect(networkRequests.some((line) => line.includes(token))).toBe(false)
    expect(await page.locator('.nws-phase h2').allInnerTexts()).toEqual([
      'Der Start vor dem Start',
      'Der Start in die Praxis',
      'Ein Netzwerk schaffen',
      'Gemeinsame Produkte entwickeln',
      'Für Nachhaltigkeit sorgen',
    ])
    // H 2.1: the Beteiligtenanalyse is the first step.
    expect(await nextMethod(page)).toBe('beteiligtenanalyse')
    // Each phase brings H 1.1's guiding questions.
    await phase(page, 'gruendung').getByText('Leitfragen dieser Phase').click()
    await phase(page, 'gruendung').getByText('Wer koordiniert, und was muss die Koordination können?').waitFor()

    // Three boards along the way; the Beteiligtenanalyse starts out internal.
    await newBoardInPhase(page, 'vorStart', 'Beteiligtenanalyse (intern)', ['Beteiligtenanalyse'], true)
    await newBoardInPhase(page, 'gruendung', 'Gründungsveranstaltung', ['Gründungsveranstaltung'], false)
    await newBoardInPhase(page, 'verstetigung', 'Statusbericht Frühjahr', ['Statusbericht'], false)
    await phase(page, 'vorStart').locator('.nws-network-board', { hasText: 'Beteiligtenanalyse (intern)' }).getByText('intern', { exact: true }).waitFor()
    expect(await phase(page, 'gruendung').locator('.nws-badge').count()).toBe(0)
    expect(await method(page, 'beteiligtenanalyse').getAttribute('data-state')).toBe('begun')
    expect(await method(page, 'statusbericht').getAttribute('data-state')).toBe('begun')
    expect(await method(page, 'netzwerkkarte').getAttribute('data-state')).toBe('open')
    // Empty boards made ahead do not move what comes next.
    expect(await nextMethod(page)).toBe('beteiligtenanalyse')

    // The Statusbericht board opens in the same tab with its facilitator link; a Zettel goes in.
    const statusBoard = phase(page, 'verstetigung').locator('.nws-network-board', { hasText: 'Statusbericht Frühjahr' })
    const boardId = (await statusBoard.getAttribute('data-board'))!
    await statusBoard.getByRole('link', { name: 'Statusbericht Frühjahr' }).click()
    await openBoardPage(page, page.url())
    expect(new URL(page.url()).pathname).toBe(`/b/${boardId}`)
    await writeNoteInCell(page, await firstCellKey(page, 'statusbericht'), 'Sprechstunde im Jobcenter läuft')

    // The Vorlagen panel offers the methods along the same phases, the Protokoll for every meeting.
    const panel = await openTemplatesPanel(page)
    expect(await panel.locator('.nws-template-group__title').evaluateAll((els) => els.map((e) => e.textContent))).toEqual([
      '1 · Der Start vor dem Start',
      '2 · Der Start in die Praxis',
      '3 · Ein Netzwerk schaffen',
      '4 · Gemeinsame Produkte entwickeln',
      '5 · Für Nachhaltigkeit sorgen',
      'Für jede Sitzung und regelmäßig',
    ])
    expect((await panel.locator('.nws-template-choice').evaluateAll((els) => els.map((e) => e.getAttribute('data-template')))).slice(0, 4)).toEqual([
      'beteiligtenanalyse',
      'netzwerkkarte',
      'experteninterviews',
      'bedarfsanalyse',
    ])
    // Chapter 4 holds the Planspiel and the chain (H 4.3.4, 4.3.7); the Statusbericht recurs.
    const choicesUnder = (title: string) =>
      panel.locator('.nws-template-group', { has: page.locator('.nws-template-group__title', { hasText: title }) }).locator('.nws-template-choice').evaluateAll((els) => els.map((e) => e.getAttribute('data-template')))
    expect(await choicesUnder('3 · Ein Netzwerk schaffen')).toEqual(expect.arrayContaining(['planspiel', 'dienstleistungskette', 'zukunftskonferenz']))
    expect(await choicesUnder('Für jede Sitzung und regelmäßig')).toEqual(expect.arrayContaining(['protokoll', 'statusbericht', 'fallmatrix']))
    await panel.locator('.nws-template-group', { has: page.locator('.nws-template-group__title', { hasText: '1 · Der Start vor dem Start' }) }).getByText('Leitfragen dieser Phase').click()
    await panel.getByText('Auf welche Akteure kommt es an?').waitFor()
    await screenshot(page, 'fahrplan-templates-panel.png')
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })

    // Back by the board's main menu, once the relay counts the Zettel in the network's view (asked
    // of the relay, not by reloading the page): the Fahrplan shows when the Statusbericht was last
    // worked on; it recurs, so what is next stays.
    await expect
      .poll(async () => {
        const view = NetworkView.parse(await (await apiFetch(suite.relay, networkApiPath(network.id), { headers: { authorization: `Bearer ${network.token}` } })).json())
        return view.boards.find((b) => b.id === boardId)?.templates.find((t) => t.template === 'statusbericht')?.notes
      }, { timeout: hang(60_000) })
      .toBe(1)
    await page.getByTestId('main-menu.button').click()
    await page.getByRole('menuitem', { name: `Fahrplan „${networkName}“` }).click()
    await page.waitForURL(/\/n\//)
    await page.getByRole('heading', { level: 1, name: networkName }).waitFor()
    expect(await method(page, 'statusbericht').getAttribute('data-state')).toBe('worked')
    await method(page, 'statusbericht').getByRole('link', { name: 'Statusbericht Frühjahr' }).waitFor()
    await method(page, 'statusbericht').getByText(/zuletzt bearbeitet am .+ auf/).waitFor()
    expect(await page.locator('.nws-recurring').locator('[data-template="statusbericht"]').count()).toBe(1)
    expect(await nextMethod(page)).toBe('beteiligtenanalyse')
    await method(page, 'beteiligtenanalyse').getByText('Als Nächstes').waitFor()
    expect(await page.locator('main').innerText()).not.toMatch(/erledigt/i)

    // The steering group's pack, one click each, saved under the name the relay gives (what each
    // format holds, the internal board only counted: `test/integration/steeringPack.test.ts`).
    const pack = page.locator('.nws-fahrplan__pack')
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), pack.locator('[data-pack="pdf"]').click()])
    expect(pdfDownload.suggestedFilename()).toMatch(packFile('pdf'))
    const pdf = await downloaded(pdfDownload)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    if (artifactsAsked && !skipPdfTests) await firstPagePng(pdf, join(artifacts, 'fahrplan-pack-page1.png'))
    // The same pack for the E-Akte: one more button, a file named .pdf that says it is PDF/A.
    const [archivalDownload] = await Promise.all([page.waitForEvent('download'), pack.locator('[data-pack="pdfa"]').click()])
    expect(archivalDownload.suggestedFilename()).toBe(pdfDownload.suggestedFilename())
    expect((await downloaded(archivalDownload)).toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>')
    const [mdDownload] = await Promise.all([page.waitForEvent('download'), pack.locator('[data-pack="md"]').click()])
    expect(mdDownload.suggestedFilename()).toMatch(packFile('md'))
    expect((await downloaded(mdDownload)).toString('utf8')).toContain(`# Unterlagen für die Steuerungsgruppe: ${networkName}`)
    // The same pack to edit: ODT and DOCX, their XML as Chromium's parser takes it.
    for (const [format, read] of [['odt', readOdt], ['docx', readDocx]] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), pack.locator(`[data-pack="${format}"]`).click()])
      expect(download.suggestedFilename()).toMatch(packFile(format))
      const file = read(new Uint8Array(await downloaded(download)))
      expect(file.headings[0]).toEqual({ level: 1, text: `Unterlagen für die Steuerungsgruppe: ${networkName}` })
      expect(await xmlProblems(page, file.files), format).toEqual([])
    }

    for (const [width, height] of [[1920, 1080], [1366, 768], [820, 1180], [390, 844]] as const) {
      await page.setViewportSize({ width, height })
      await screenshot(page, `fahrplan-${width}.png`, { fullPage: true })
      await screenshot(pack, `fahrplan-pack-${width}.png`)
      expect(await clippedText(page, '.nws-fahrplan'), `${width} px`).toEqual([])
    }
    expect(await axeFindings(page)).toEqual([])
    // Nothing wider than a phone's screen on a phone: the phases stack.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const boxes = await page.locator('.nws-phase').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x))
    expect(new Set(boxes.map(Math.round)).size).toBe(1)
    await page.setViewportSize({ width: 1366, height: 768 })

    // The network is on the start page's list.
    await page.goto(suite.relay.httpUrl)
    await page.locator('.nws-known-networks').getByRole('link', { name: new RegExp(networkName) }).waitFor()
    await screenshot(page, 'fahrplan-start.png', { fullPage: true })

    // A participant of the Statusbericht board, in their own browser: no Fahrplan, no network.
    const participantToken = await page.evaluate(
      (id) => (JSON.parse(localStorage.getItem('netzwerkstatt:recent-boards') ?? '[]') as Array<{ id: string; tokens: Record<string, string> }>).find((b) => b.id === id)!.tokens.participant,
      boardId,
    )
    const participant = await suite.person()
    const theirRequests: string[] = []
    participant.page.on('request', (request) => theirRequests.push(new URL(request.url()).pathname))
    await openBoardPage(participant.page, `${suite.relay.httpUrl}/b/${boardId}#${participantToken}`)
    await participant.page.getByTestId('main-menu.button').click()
    await participant.page.getByRole('menuitem', { name: 'Zur Startseite' }).waitFor()
    expect(await participant.page.getByRole('menuitem', { name: /Fahrplan/ }).count()).toBe(0)
    await participant.page.keyboard.press('Escape')
    expect(await participant.page.locator('body').innerText()).not.toContain(networkName)
    expect(theirRequests.filter((p) => p.startsWith('/api/networks'))).toEqual([])
    // Their browser knows no network (what its start page would list).
    expect(await participant.page.evaluate((key) => localStorage.getItem(key), knownNetworksKey)).toBeNull()
    expect(coordinator.problems).toEqual([])
    expect(participant.problems).toEqual([])
  })

  it('takes in an existing board by its facilitator link only, files and leaves it; a Fallkonferenz board is internal; deleting the network waits for a decision, and its link is then refused and forgotten', { timeout: hang(180_000) }, async () => {
    // From the start page's list to the Fahrplan.
    await page.locator('.nws-known-networks').getByRole('link', { name: new RegExp(networkName) }).click()
    await page.getByRole('heading', { level: 1, name: networkName }).waitFor()

    // An existing board joins by its facilitator link only: the participants' link opens it, but files it nowhere.
    const board = await createBoard(suite.relay, 'Netzwerkkarte Landkreis', { template: 'netzwerkkarte', locale: 'de' })
    await page.getByRole('button', { name: 'Vorhandenes Board aufnehmen' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Moderationslink des Boards').fill(boardPageUrl(suite.relay, board, 'participant'))
    await dialog.getByLabel('Phase').selectOption('vorStart')
    await dialog.getByRole('button', { name: 'Aufnehmen' }).click()
    await dialog.getByRole('alert').getByText(/nur mit seinem Moderationslink/).waitFor()
    await dialog.getByLabel('Moderationslink des Boards').fill(boardPageUrl(suite.relay, board))
    await dialog.getByRole('button', { name: 'Aufnehmen' }).click()
    await dialog.waitFor({ state: 'detached' })
    const item = page.locator(`.nws-network-board[data-board="${board.id}"]`)
    await phase(page, 'vorStart').locator(`[data-board="${board.id}"]`).waitFor()
    expect(await method(page, 'netzwerkkarte').getAttribute('data-state')).toBe('begun')
    // Filed under another phase, the method still counts for its own.
    await item.getByText('Ändern').click()
    await item.getByLabel('Phase').selectOption('gruendung')
    await phase(page, 'gruendung').locator(`[data-board="${board.id}"]`).waitFor()
    expect(await method(page, 'netzwerkkarte').getAttribute('data-state')).toBe('begun')
    await item.getByText('Ändern').click()
    await item.getByRole('button', { name: 'Als intern markieren' }).click()
    await item.locator('.nws-badge', { hasText: 'intern' }).waitFor()
    // Taken out after a question; the board itself stays (`test/unit/http/networks.test.ts`).
    page.once('dialog', (question) => {
      expect(question.message()).toContain('bleibt mit seinen Links erhalten')
      void question.accept()
    })
    await item.getByRole('button', { name: 'Aus dem Netzwerk nehmen' }).click()
    await item.waitFor({ state: 'detached' })
    expect(await method(page, 'netzwerkkarte').getAttribute('data-state')).toBe('open')

    // A board with two of the phase's methods: both begun on it.
    await newBoardInPhase(page, 'gruendung', 'Gründungstag', ['Gründungsveranstaltung', 'Zielsystem'], false)
    for (const template of ['gruendungsveranstaltung', 'zielsystem']) {
      expect(await method(page, template).getAttribute('data-state')).toBe('begun')
      await method(page, template).getByRole('link', { name: 'Gründungstag' }).waitFor()
    }

    // A new board of the products phase never starts with the Fallkonferenz ticked; with it ticked, the board is internal.
    await phase(page, 'dienstleistungskette').getByRole('button', { name: 'Neues Board in dieser Phase' }).click()
    const create = page.getByRole('dialog')
    await create.getByLabel('Titel').fill('Fallarbeit März')
    const methods = create.getByRole('group', { name: 'Methoden auf dem Board' })
    expect(await methods.getByRole('checkbox', { name: 'Angebotsübersicht' }).isChecked()).toBe(true)
    const caseBox = methods.getByRole('checkbox', { name: 'Fallkonferenz' })
    expect(await caseBox.isChecked()).toBe(false)
    const internal = create.getByRole('checkbox', { name: 'intern (nur für die Koordination)' })
    expect(await internal.isChecked()).toBe(false)
    await caseBox.check()
    expect(await internal.isChecked()).toBe(true)
    expect(await internal.isDisabled()).toBe(true)
    await create.getByText('Mit einer Fallkonferenz bleibt das Board intern').waitFor()
    await screenshot(page, 'fahrplan-new-board-case.png')
    await create.getByRole('button', { name: 'Board anlegen' }).click()
    await create.waitFor({ state: 'detached' })
    // Listed by the title its export gives, never the typed one (caseBoardHold.ts).
    await phase(page, 'dienstleistungskette').locator('.nws-network-board', { hasText: 'Board mit Fallkonferenz' }).getByText('intern', { exact: true }).waitFor()
    expect(await page.getByText('Fallarbeit März').count()).toBe(0)

    // The operator gave the Gründungsveranstaltung new links: the network still holds it (it opens its boards with its own link), and offers it for deletion.
    const renewed = await page.locator('.nws-network-board', { hasText: 'Gründungsveranstaltung' }).first().getAttribute('data-board')
    const storage = new SqliteStorage(suite.relay.dataDir)
    await storage.replaceTokenHash(renewed!, 'facilitator', hashToken(newToken()))
    await storage.close()

    // Deleting waits for a decision about the boards, every one of them named.
    await page.getByRole('button', { name: 'Netzwerk löschen' }).click()
    const question = page.getByRole('dialog')
    const keep = question.getByRole('radio', { name: /Boards behalten/ })
    const remove = question.getByRole('radio', { name: 'Auch die 5 Boards löschen: „Beteiligtenanalyse (intern)“, „Gründungsveranstaltung“, „Statusbericht Frühjahr“, „Gründungstag“, „Board mit Fallkonferenz“' })
    expect(await keep.isChecked()).toBe(false)
    expect(await remove.isChecked()).toBe(false)
    const confirm = question.getByRole('button', { name: 'Netzwerk löschen' })
    expect(await confirm.isDisabled()).toBe(true)
    await keep.check()
    expect(await confirm.isDisabled()).toBe(false)
    await screenshot(page, 'fahrplan-delete.png')
    await confirm.click()
    await page.waitForURL(`${suite.relay.httpUrl}/`)
    await page.getByText('Dieser Browser kennt noch kein Netzwerk.').waitFor()
    // Kept: the boards are still on the start page's list, by their links.
    await page.locator('.nws-recent li', { hasText: 'Gründungstag' }).getByRole('link').waitFor()

    // The old network link now: refused, and said so.
    await page.goto(network.url)
    await page.getByRole('heading', { name: 'Dieser Netzwerk-Link gilt nicht' }).waitFor()
    await page.getByText(/aus seiner Liste genommen/).waitFor()
    expect(coordinator.problems).toEqual([])
  })
})

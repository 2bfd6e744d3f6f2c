/**
 * A network's two years on its coordinator's screen, in Chromium against the run's shared relay:
 * the Fahrplan of 80 boards (`test/helpers/networkYears.ts`), every board last changed at its
 * meeting (its row as the relay would have noted it), one coordinator's page through the file:
 * - first visit, at 1920, 1366 and 390 px: what is due, nothing ever „erledigt“, when each method
 *   was last worked on and which to take up again, a few boards per phase with the rest a click away;
 * - a title searched, filters by body, method, phase and open items, a refusal in the dialog that
 *   adds a board; a phase collapsed and still collapsed on the next visit;
 * - between meetings others write on two boards: the next visit says what is new, per board; one
 *   search over every board, the internal one marked, and a result opens its board through the
 *   network with the Zettel selected;
 * - the Steuerungsgruppe's pack link made and renewed, its page downloading the pack and then
 *   nothing; the network link renewed after a dialog; a board made with a link renewed behind the
 *   page's back is refused and not kept; no request line ever carries a token.
 * A facilitator renewing her own board link: test/browser/access.test.ts.
 * What the relay does with all this (the pack's contents, since and search answers, links
 * refused, retention, the 501st board): `test/integration/networkYears.test.ts`,
 * `networkBetween.test.ts`, `networkLinks.test.ts`, `networkRetention.test.ts`, `networkScale.test.ts`.
 * Screenshots (ARTIFACTS=1): test/artifacts/network-years-fahrplan-{1920,1366,390}.png,
 * network-years-filtered.png, between-{1366,390}.png, between-search-{1366,390}.png, between-shown.png,
 * links-pack-area-{1366,390}.png, links-pack-page.png, links-network-dialog-{1366,390}.png.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { TLShape } from '@tldraw/tlschema'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { networkApiPath, networkLink, NetworkView } from '../../shared/networkApi.ts'
import { networkLinkRenewPath } from '../../shared/networkCredential.ts'
import { localDay } from '../../shared/dates.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { clippedText } from '../helpers/axe.ts'
import { downloaded, skipBrowserTests, tabOpenedBy } from '../helpers/browser.ts'
import { boardBrowserSuite, type Person } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, connectClient, createBoard, untilHeld, whenSynced } from '../helpers/clients.ts'
import { copiedNetworkLink, networkCalls } from '../helpers/networkCalls.ts'
import { makeNetworkYears, planNetworkYears, writeZettel, type MadeNetworkYears } from '../helpers/networkYears.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { artifactsAsked, screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

const sizes = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]
const laptop = sizes[1]!
const phone = sizes[2]!

const shownText = (page: Page) => page.locator('.nws-fahrplan-filter__count [role=status]').innerText()
const filterBar = (page: Page) => page.locator('.nws-fahrplan-filter')
const listed = (page: Page) => page.locator('.nws-network-board').count()
const since = (page: Page) => page.getByRole('region', { name: 'Seit Ihrem letzten Besuch' })

describe.skipIf(skipBrowserTests)("a network's two years on the Fahrplan", () => {
  const suite = boardBrowserSuite(laptop)
  const { createNetwork, addBoard } = networkCalls(() => suite.relay)
  const status = async (path: string, token: string) => (await apiFetch(suite.relay, path, { headers: { authorization: `Bearer ${token}` } })).status
  let years: MadeNetworkYears
  let coordinator: Person
  let page: Page
  const requests: string[] = []
  const tokens: string[] = []
  const boardTitled = (title: string) => years.boards.find((b) => b.plan.title === title)!
  const treffen = () => years.boards.find((b) => b.plan.title.startsWith('Netzwerktreffen'))!
  const due = localDay(new Date(Date.now() + 4 * 86_400_000)).split('-').reverse().join('.')

  beforeAll(async () => {
    years = await makeNetworkYears(suite.relay, planNetworkYears({ boards: 80 }))
    // Due in four days, on the Gründungsveranstaltung: the Fahrplan shows it at the first visit.
    const storage = new SqliteStorage(suite.relay.dataDir)
    try {
      await writeZettel(storage, boardTitled('Gründungsveranstaltung').board.id, {
        gruendungsveranstaltung: { 'naechste:cell:n2:was': ['Einladung an alle Kitas verschicken'], 'naechste:cell:n2:wer': ['Frau Yilmaz'], 'naechste:cell:n2:bisWann': [due] },
      })
    } finally {
      await storage.close()
    }
    // Two years of meetings: each board last used and changed at its meeting, as the relay would
    // have noted it then (the boards are ours on the shared relay, and open in no room yet).
    const db = new Database(join(suite.relay.dataDir, 'netzwerkstatt.sqlite'))
    try {
      const setUsed = db.prepare('UPDATE boards SET last_used_at = ?, changed_at = ? WHERE id = ?')
      for (const { plan, board } of years.boards) setUsed.run(`${plan.date}T18:00:00.000Z`, `${plan.date}T18:00:00.000Z`, board.id)
    } finally {
      db.close()
    }
    tokens.push(years.network.token, ...years.boards.flatMap((b) => Object.values(b.board.access)))
    coordinator = await suite.person({ keep: true })
    page = coordinator.page
    page.on('request', (request) => requests.push(request.url()))
  }, hang(240_000))

  it('first visit at 1920, 1366 and 390 px: what is due, when each method was last worked on and which to take up again, a few boards per phase', { timeout: hang(120_000) }, async () => {
    await page.goto(`${suite.relay.httpUrl}${networkLink(years.network.id, years.network.token)}`)
    await page.getByRole('heading', { level: 1, name: years.network.name }).waitFor()
    await page.locator('.nws-fahrplan-filter').waitFor()
    expect(await shownText(page)).toBe('80 von 80 Boards passen')
    // The first visit: nothing to compare with yet; what is due shows already.
    await since(page).getByText('Dieses Gerät merkt sich ab jetzt').waitFor()
    await since(page).getByText(/bis \d\d\.\d\d\.\d{4} Einladung an alle Kitas verschicken – Frau Yilmaz · Gründungsveranstaltung/).waitFor()
    // Nothing is ever „erledigt“ (H 1.1: rekursive Schleifen): each method says when it was last worked on,
    // and the Beteiligtenanalyse and the Netzwerkkarte of the first weeks, two years ago, ask to be looked at again.
    expect(await page.locator('main').innerText()).not.toMatch(/erledigt/i)
    const analysis = page.locator('.nws-method[data-template="beteiligtenanalyse"]')
    await analysis.getByText(/zuletzt bearbeitet am \d/).waitFor()
    await analysis.getByText(/^Zuletzt vor 2\d Monaten – jährlich überprüfen$/).waitFor()
    expect(await analysis.getAttribute('data-due')).toBe('true')
    expect(await page.locator('.nws-method[data-template="netzwerkkarte"]').getAttribute('data-due')).toBe('true')
    // The rules hold no review date in this fixture: the Fahrplan says so.
    await page.locator('.nws-method[data-template="netzwerkregeln"]').getByText('Kein Überprüfungstermin eingetragen').waitFor()
    // The Statusbericht recurs: outside the phases, with the day of the latest one.
    await page.locator('.nws-recurring .nws-method[data-template="statusbericht"]').getByText(/zuletzt bearbeitet am/).waitFor()
    // A few per phase until asked for all: eight on a laptop, four on a phone; nothing cut off at any width.
    expect(await listed(page)).toBe(5 * 8)
    for (const { width, height } of sizes) {
      await page.setViewportSize({ width, height })
      await screenshot(page, `network-years-fahrplan-${width}.png`, { fullPage: true })
      expect(await clippedText(page, '.nws-fahrplan'), `${width} px`).toEqual([])
      // The page follows its width (a media query) once it has drawn again: awaited, not read at once.
      if (width === 390) await expect.poll(() => listed(page)).toBe(5 * 4)
    }
    await page.setViewportSize(laptop)
    await expect.poll(() => listed(page)).toBe(5 * 8)
    const phase = page.locator('.nws-phase[data-phase="dienstleistungskette"]')
    const inPhase = years.boards.filter((b) => b.plan.phase === 'dienstleistungskette').length
    await phase.getByRole('button', { name: `Alle ${inPhase} Boards dieser Phase zeigen` }).click()
    expect(await phase.locator('.nws-network-board').count()).toBe(inPhase)
  })

  it('a title searched, filters by body, method, phase and open items, a refused board in the dialog; a phase collapsed', { timeout: hang(120_000) }, async () => {
    // A title, in other spelling: „zukunftskonferenz“ finds the Zukunftskonferenz and only it.
    await filterBar(page).getByLabel('Titel suchen').fill('zukunftskonferenz')
    expect(await shownText(page)).toBe('1 von 80 Boards passt')
    expect(await page.locator('.nws-network-board__title').allInnerTexts()).toEqual(['Zukunftskonferenz'])
    await filterBar(page).getByRole('button', { name: 'Filter zurücksetzen' }).click()

    // The steering group's boards: as many as the plan gave it, each showing its body.
    const steering = years.boards.filter((b) => b.plan.body === 'steuerungsgruppe').length
    await filterBar(page).getByLabel('Gremium').selectOption({ label: 'Steuerungsgruppe' })
    expect(await shownText(page)).toBe(`${steering} von 80 Boards passen`)
    // Then of those only the ones with a Statusbericht.
    const reports = years.boards.filter((b) => b.plan.body === 'steuerungsgruppe' && b.plan.templates.includes('statusbericht')).length
    await filterBar(page).getByLabel('Methode').selectOption({ label: 'Statusbericht' })
    expect(await shownText(page)).toBe(`${reports} von 80 Boards passen`)
    expect(await page.locator('.nws-network-board__body').allInnerTexts()).toEqual(Array(Math.min(reports, 12)).fill('Steuerungsgruppe'))
    await filterBar(page).getByRole('button', { name: 'Filter zurücksetzen' }).click()

    // Open items: only boards whose tables hold a task with a name; each shows how many.
    // (Which boards the relay counts so: `test/integration/networkScale.test.ts`.)
    const view = NetworkView.parse(await (await apiFetch(suite.relay, networkApiPath(years.network.id), { headers: { authorization: `Bearer ${years.network.token}` } })).json())
    const withOpen = view.boards.filter((b) => b.templates.some((t) => (t.openItems ?? 0) > 0)).length
    expect(withOpen).toBeGreaterThan(60)
    await filterBar(page).getByLabel('nur Boards mit offenen Punkten').check()
    expect(await shownText(page)).toBe(`${withOpen} von 80 Boards passen`)
    expect(await page.locator('.nws-network-board__open').first().innerText()).toMatch(/^\d+ offene Punkte$/)
    // And one phase: the other four are not shown.
    await filterBar(page).getByLabel('Phase').selectOption('gruendung')
    expect(await page.locator('.nws-phase').evaluateAll((phases) => phases.map((p) => p.getAttribute('data-phase')))).toEqual(['gruendung'])
    await screenshot(page, 'network-years-filtered.png', { fullPage: true })
    await filterBar(page).getByRole('button', { name: 'Filter zurücksetzen' }).click()

    // A board of another network, added by its link: refused with the relay's reason in German words, not the server's.
    // (Every refusal's words, the 501st board's too: `test/unit/network/fahrplanRefusals.test.ts`.)
    const elsewhere = await createBoard(suite.relay, 'Schon woanders')
    expect((await addBoard(await createNetwork('Anderes Netzwerk'), elsewhere, 'gruendung')).status).toBe(201)
    await page.getByRole('button', { name: 'Vorhandenes Board aufnehmen' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Moderationslink des Boards').fill(boardPageUrl(suite.relay, elsewhere))
    await dialog.getByRole('button', { name: 'Aufnehmen' }).click()
    await dialog.getByText('Das hat nicht geklappt: Dieses Board gehört schon zu einem anderen Netzwerk.', { exact: false }).waitFor()
    expect(await dialog.innerText()).not.toContain('Der Server hat die Anfrage abgelehnt')
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()
    await dialog.waitFor({ state: 'detached' })

    // A phase collapsed shows its heading and counts only (the next test finds it so after a reload).
    const first = page.locator('.nws-phase[data-phase="vorStart"]')
    const before = await listed(page)
    await first.getByRole('button', { name: /^Phase zuklappen/ }).click()
    expect(await first.locator('.nws-network-board').count()).toBe(0)
    expect(await first.locator('.nws-phase__counts').innerText()).toMatch(/^\d+ Boards · \d\/3 bearbeitet$/)
    expect(await listed(page)).toBeLessThan(before)
  })

  it('between meetings others write: the next visit says what is new, per board; one search over every board opens the Zettel found through the network', { timeout: hang(120_000) }, async () => {
    /** Writes with a real client and waits until a second one has it: the relay has it. */
    const write = async (boardId: string, notes: TLShape[]) => {
      const writer = connectClient(suite.relay, boardId, new Y.Doc())
      const reader = connectClient(suite.relay, boardId, new Y.Doc())
      try {
        await whenSynced(writer)
        putRecords(writer.doc, notes)
        await whenSynced(reader)
        await untilHeld(reader.doc, notes)
      } finally {
        writer.destroy()
        reader.destroy()
      }
    }
    const analyse = boardTitled('Beteiligtenanalyse')
    const meeting = treffen()
    // Two Zettel on a Netzwerktreffen, one on the internal Beteiligtenanalyse.
    const written = [noteAt(0, 0, 'Hebammenpraxis kommt zum nächsten Treffen'), noteAt(300, 0, 'Raum im Familienzentrum reserviert')]
    await write(meeting.board.id, written)
    await write(analyse.board.id, [noteAt(4000, 4000, 'Hebammenpraxis: wichtig, aber überlastet')])

    // The next visit: the phase collapsed before is still collapsed, and opens again.
    await page.reload()
    await page.locator('.nws-fahrplan-filter').waitFor()
    const first = page.locator('.nws-phase[data-phase="vorStart"]')
    expect(await first.getByRole('button', { name: /^Phase aufklappen/ }).getAttribute('aria-expanded')).toBe('false')
    await first.getByRole('button', { name: /^Phase aufklappen/ }).click()
    expect(await first.locator('.nws-network-board').count()).toBeGreaterThan(0)
    // What is new, per board, with links to them.
    const summary = since(page).locator('.nws-since__summary')
    await expect.poll(() => summary.innerText()).toMatch(/^3 neue Zettel auf 2 Boards seit \d\d\.\d\d\.\d{4}, \d\d:\d\d\.$/)
    expect(await since(page).locator('.nws-since__boards li').allInnerTexts()).toEqual(['Beteiligtenanalyse 1 neuer Zettel', `${meeting.plan.title} 2 neue Zettel`])
    expect(await since(page).getByRole('link', { name: meeting.plan.title }).getAttribute('href')).toBeTruthy()
    for (const viewport of [laptop, phone]) {
      await page.setViewportSize(viewport)
      await since(page).evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await screenshot(page, `between-${viewport.width}.png`)
    }
    await page.setViewportSize(laptop)

    // One search over the network: both boards, the internal one marked, the words found marked.
    const search = page.getByRole('search', { name: 'Im ganzen Netzwerk suchen' })
    await search.getByRole('searchbox', { name: 'Im ganzen Netzwerk suchen' }).fill('hebammenpraxis')
    await search.getByRole('searchbox').press('Enter')
    await expect.poll(() => search.getByRole('status').innerText(), { timeout: hang(30_000) }).toBe('2 Treffer auf 2 Boards.')
    const boards = search.locator('.nws-network-search__board')
    expect(await boards.evaluateAll((els) => els.map((el) => el.getAttribute('data-board')))).toEqual([analyse.board.id, meeting.board.id])
    await boards.first().getByText('intern', { exact: true }).waitFor()
    expect(await search.locator('mark').allInnerTexts()).toEqual(['Hebammenpraxis', 'Hebammenpraxis'])
    if (artifactsAsked) {
      for (const viewport of [laptop, phone]) {
        await page.setViewportSize(viewport)
        await search.evaluate((el) => el.scrollIntoView({ block: 'start' }))
        await screenshot(page, `between-search-${viewport.width}.png`)
      }
      await page.setViewportSize(laptop)
    }

    // A result opens its board (here in a tab of its own, the Fahrplan stays) with the Zettel selected,
    // through the network: its address holds no board token, and the board says how it was opened.
    const shown = await tabOpenedBy(page, () => boards.nth(1).getByRole('link', { name: /Hebammenpraxis kommt zum nächsten Treffen/ }).click({ button: 'middle' }))
    // Looked at, as a person switches to it (a tab in the background gets no animation frames).
    await shown.bringToFront()
    await shown.waitForURL(new RegExp(`/b/${meeting.board.id}`))
    expect(new URL(shown.url()).hash).toBe(`#n.${years.network.id}`)
    await shown.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    await expect.poll(() => shown.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapeIds()), { timeout: hang(20_000) }).toEqual([written[0]!.id])
    await screenshot(shown, 'between-shown.png')
    await shown.getByRole('button', { name: 'Links' }).first().click()
    await shown.getByText('Sie haben das Board über den Netzwerk-Link geöffnet').waitFor()
    // The links to pass on are there (kept for facilitators); the board's facilitator token is not.
    await shown.locator('.nws-link-row[data-role="participant"] input').waitFor()
    expect(await shown.content()).not.toContain(meeting.board.access.facilitator)
    await shown.close()
    await page.bringToFront()
  })

  it('the pack link: made in the pack area, its page downloads the pack; renewed after a confirmation, the old one downloads nothing', { timeout: hang(120_000) }, async () => {
    const area = page.locator('[data-pack-link]')
    await area.getByText('Noch kein Link für die Steuerungsgruppe.').waitFor()
    await area.getByRole('button', { name: 'Link erzeugen' }).click()
    const input = area.getByLabel('Link für die Steuerungsgruppe')
    await input.waitFor()
    const packUrl = await input.inputValue()
    expect(packUrl).toMatch(new RegExp(`/n/${years.network.id}/pack#[\\w-]{32}$`))
    tokens.push(new URL(packUrl).hash.slice(1))
    await screenshot(area, 'links-pack-area-1366.png')
    if (artifactsAsked) {
      await page.setViewportSize(phone)
      await area.scrollIntoViewIfNeeded()
      await screenshot(area, 'links-pack-area-390.png')
      await page.setViewportSize(laptop)
    }

    // The Steuerungsgruppe's page: the pack and nothing else.
    const group = await suite.person()
    await group.page.goto(packUrl)
    await group.page.getByRole('heading', { level: 1, name: 'Unterlagen für die Steuerungsgruppe' }).waitFor()
    await screenshot(group.page, 'links-pack-page.png')
    const [download] = await Promise.all([group.page.waitForEvent('download'), group.page.locator('[data-pack="md"]').click()])
    expect((await downloaded(download)).toString('utf8')).toContain(years.network.name)

    // Renewing the pack link: a confirmation, then the old one downloads nothing, and says so.
    await area.getByRole('button', { name: 'Neuen Link erzeugen' }).click()
    await area.getByText('Der bisherige Link der Steuerungsgruppe lädt danach nichts mehr herunter.').waitFor()
    await area.getByRole('button', { name: 'Ja, neuen Link erzeugen' }).click()
    await area.getByText('Neuer Link erzeugt – der alte gilt nicht mehr.').waitFor()
    expect(await input.inputValue()).not.toBe(packUrl)
    tokens.push(new URL(await input.inputValue()).hash.slice(1))
    const [refused] = await Promise.all([group.page.waitForResponse((r) => r.url().includes('/pack?')), group.page.locator('[data-pack="md"]').click()])
    expect(refused.status()).toBe(401)
    await group.page.getByRole('alert').getByText('Dieser Netzwerk-Link gilt nicht (mehr).', { exact: false }).waitFor()
  })

  it('the network link renewed after a dialog opens the page anew with the new one; a board made with a link renewed behind its back is refused and not kept', { timeout: hang(120_000) }, async () => {
    await page.getByRole('button', { name: 'Netzwerk-Link erneuern' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Der bisherige Netzwerk-Link funktioniert dann sofort nicht mehr').waitFor()
    await screenshot(page, 'links-network-dialog-1366.png')
    if (artifactsAsked) {
      await page.setViewportSize(phone)
      await screenshot(page, 'links-network-dialog-390.png')
      await page.setViewportSize(laptop)
    }
    await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Ja, Netzwerk-Link erneuern' }).click()])
    await page.getByRole('heading', { level: 1, name: years.network.name }).waitFor()
    expect(new URL(page.url()).hash).toBe('')
    const renewed = new URL(await copiedNetworkLink(page)).hash.slice(1)
    tokens.push(renewed)
    expect(renewed).not.toBe(years.network.token)
    expect(await status(networkApiPath(years.network.id), years.network.token)).toBe(401)
    expect(await status(networkApiPath(years.network.id), renewed)).toBe(200)

    // Renewed again elsewhere (another device of the coordination): the page's link is refused for a new board, which is then made nowhere.
    const again = await apiFetch(suite.relay, networkLinkRenewPath(years.network.id), { method: 'POST', headers: { authorization: `Bearer ${renewed}` } })
    expect(again.status).toBe(200)
    tokens.push(((await again.json()) as { token: string }).token)
    await page.locator('.nws-phase[data-phase="verstetigung"]').getByRole('button', { name: 'Neues Board in dieser Phase' }).click()
    const create = page.getByRole('dialog')
    await create.getByLabel('Titel').fill('Steuerungsgruppe September')
    await create.getByRole('button', { name: 'Board anlegen' }).click()
    await create.getByText('Es wurde kein Board angelegt:', { exact: false }).waitFor()
    expect(await create.innerText()).not.toContain('Der Server hat die Anfrage abgelehnt')
    // Nothing of it in this browser's boards either.
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('Steuerungsgruppe September')
    // No request line of the coordinator's page, in all the file did on it, ever carried a token.
    for (const token of tokens) expect(requests.some((url) => url.includes(token)), token).toBe(false)
    expect(coordinator.problems).toEqual([])
  })
})

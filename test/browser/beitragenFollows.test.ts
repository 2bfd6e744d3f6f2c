/**
 * The contribution view („Beitragen“) following the room, in real Chromium against the real relay:
 * a phone's list (390 × 844) shows the part the facilitator's canvas (1366 × 768) works on — the
 * current step's cells, what „Alle zu mir“ and a presented slide show, the part „Alle zu …“ names —
 * says so politely and keeps „Alle Teile zeigen“ a tap away; a latecomer's phone lands on that part
 * and jumps through the long list by „Springen zu …“; that same list, once it loses the network, keeps its Zettel in the local
 * copy it shares with the canvas, shows them after an offline reload, and sends them when the
 * network is back (to the relay: its copy there is a y-websocket client's). That phone has the
 * app's service worker (test/helpers/browser.ts blocks it elsewhere): an offline reload needs the
 * page and its files from its cache. Last, on the same Planspiel, a member of a small group sees
 * and writes into their group's copy (a phone in the list when the round starts is put into a group
 * by hand and follows it, said politely; one joining by the group's code starts there, nothing
 * said); after „Zurückholen“ both groups' results are parts of the
 * plenum, named after their groups, in the list and, presented, on the wall (`?beamer=1`).
 * 7 page loads: the facilitator's canvas (kept through the file), the list phone (and its offline
 * reload), a latecomer, the groups' phone in the list and the one by code, the wall.
 * Screenshots (ARTIFACTS=1): test/artifacts/beitragen-follows-*.png (the collected plenum: -collected-{390,wall-1920,presenter-1366}).
 */
import type { Page } from 'playwright-core'
import type * as Y from 'yjs'
import { describe, expect, it, onTestFinished } from 'vitest'
import { readRecords } from '../../shared/board/records.ts'
import { recordBounds } from '../../shared/board/shapeBounds.ts'
import { center, contains } from '../../shared/templates/geometry.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { axeFindings } from '../helpers/axe.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { listDevices } from '../helpers/listPages.ts'
import { boardBrowserSuite, chooseFromMainMenu, openBoardPage, shellCached } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

const laptop = { width: 1366, height: 768 }

describe.skipIf(skipBrowserTests)('Beitragen follows the room', () => {
  const suite = boardBrowserSuite(laptop)
  // One Planspiel, its facilitator's canvas and the list phone loaded once: the tests act on them in turn.
  const { device, openView: openList } = listDevices(suite, { keep: true })
  /** A phone that has never seen the app: a board link opens the list. */
  const phone = () => device('phone', 'de-DE', true)
  /** The facilitator's canvas on a laptop, kept for the file: the groups' test goes on with it on the same board. */
  async function facilitatorCanvas(url: string): Promise<Page> {
    const person = await suite.person({ keep: true })
    await openBoardPage(person.page, url)
    return person.page
  }

  let board: CreatedBoard
  /** The facilitator's canvas on that board. */
  let facilitator: Page
  /** The list on the participant's link; with the app's service worker, for the offline test. */
  let list: Page

  const cellHeadings = (page: Page) => page.locator('.nws-contribute__main h3').allInnerTexts()
  const live = (page: Page) => page.locator('.nws-contribute [aria-live="polite"]')
  const cellNamed = (page: Page, heading: string) =>
    page.locator('.nws-contribute__cell').filter({ has: page.getByRole('heading', { name: heading, exact: true }) })

  /** Where the note with this text lies on the canvas, on whichever page: in the cell, or why not. */
  const noteInCell = (page: Page, text: string, cellId: string) =>
    page.evaluate(
      ({ text, cellId }) => {
        const editor = window.__netzwerkstatt!.editor
        const cell = editor.getShape(cellId as never)
        if (!cell) return 'no cell'
        const pageId = editor.getAncestorPageId(cell)!
        const note = [...editor.getPageShapeIds(pageId)].map((id) => editor.getShape(id)!).find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === text)
        if (!note) return 'no note'
        const where = editor.getPage(pageId)!.name
        return editor.getShapePageBounds(cellId as never)!.containsPoint(editor.getShapePageBounds(note)!.center) ? `in cell on ${where}` : `outside the cell on ${where}`
      },
      { text, cellId },
    )

  /** Where the relay's copy holds the note with this text: in the cell, or why not. */
  const storedNoteInCell = (doc: Y.Doc, text: string, cellId: string) => {
    const shapes = new Map(readRecords(doc).records.filter((r) => r.typeName === 'shape').map((r) => [r.id, r] as const))
    const note = [...shapes.values()].find((r) => r.type === 'note' && plainText((r.props as { richText: unknown }).richText) === text)
    const cell = shapes.get(cellId)
    if (!note) return 'no note'
    if (!cell) return 'no cell'
    return contains(recordBounds(cell as never, shapes as never)!, center(recordBounds(note as never, shapes as never)!)) ? 'in cell' : 'outside the cell'
  }

  async function setStep(page: Page, key: string) {
    await page.locator('.nws-agenda-chip').click()
    await page.locator(`.nws-agenda__step[data-step="${key}"] [data-action="set-step"]`).click()
    await page.keyboard.press('Escape')
  }

  it('shows the step’s part, then what „Alle zu mir“ shows, each said politely; all parts stay a tap away and begun words are kept', { timeout: hang(120_000) }, async () => {
    board = await createBoard(suite.relay, 'Planspiel im Landkreis', { template: 'planspiel', locale: 'de' })
    facilitator = await facilitatorCanvas(boardPageUrl(suite.relay, board))
    list = await device('phone', 'de-DE', true, true)
    await openList(list, boardPageUrl(suite.relay, board, 'participant'))

    // No step yet: the whole template, and nothing to lift.
    expect(await cellHeadings(list)).toEqual(expect.arrayContaining(['Rollen: Jobcenter', 'Spielszenen: Szene 1 · Was war gut?', 'Auswertung auf drei Ebenen: Der Transfer']))
    expect(await list.getByRole('button', { name: 'Alle Teile zeigen' }).count()).toBe(0)

    // „Spiel“ becomes the current step: its scenes, not the roles; said once, politely.
    await setStep(facilitator, 'step:play')
    await live(list).getByText('Jetzt dran: 2 · Spiel (≈ 90 Min.).').waitFor({ timeout: hang(15_000) })
    const play = await cellHeadings(list)
    expect(play).toContain('Spielszenen: Szene 1 · Was war gut?')
    expect(play).not.toContain('Rollen: Jobcenter')
    expect(play).not.toContain('Auswertung auf drei Ebenen: Der Transfer')
    await list.getByText('Aktueller Schritt: 2 · Spiel (≈ 90 Min.)').waitFor()
    await list.getByText('Gezeigt wird, was zu diesem Schritt gehört.').waitFor()
    // Nothing had the focus: it is not moved.
    expect(await list.evaluate(() => document.activeElement?.tagName)).toBe('BODY')
    await screenshot(list, 'beitragen-follows-step-390.png', { fullPage: false })
    expect(await axeFindings(list)).toEqual([])

    // Words begun in a scene's field, then the room moves on to the evaluation.
    await cellNamed(list, 'Spielszenen: Szene 1 · Was war gut?').getByRole('textbox').fill('Angefangen, noch nicht angeheftet')
    await setStep(facilitator, 'step:evaluation')
    await live(list).getByText('Jetzt dran: 3 · Auswertung', { exact: false }).waitFor({ timeout: hang(15_000) })
    const evaluation = await cellHeadings(list)
    expect(evaluation).toContain('Auswertung auf drei Ebenen: Der Transfer')
    expect(evaluation).not.toContain('Spielszenen: Szene 1 · Was war gut?')
    // The field went with its part: the focus is on the new part's heading, not lost.
    expect(await list.evaluate(() => document.activeElement?.tagName)).toBe('H2')

    // „Alle Teile zeigen“: everything again, the begun words still in their field.
    const showAll = list.getByRole('button', { name: 'Alle Teile zeigen' })
    await showAll.click()
    expect(await showAll.getAttribute('aria-pressed')).toBe('true')
    expect(await cellHeadings(list)).toEqual(expect.arrayContaining(['Rollen: Jobcenter', 'Spielszenen: Szene 1 · Was war gut?', 'Auswertung auf drei Ebenen: Der Transfer']))
    expect(await cellNamed(list, 'Spielszenen: Szene 1 · Was war gut?').getByRole('textbox').inputValue()).toBe('Angefangen, noch nicht angeheftet')
    await showAll.click()
    expect(await cellHeadings(list)).not.toContain('Rollen: Jobcenter')

    // A Zettel written in the part in play lands in its cell on the facilitator's canvas.
    const transfer = cellNamed(list, 'Auswertung auf drei Ebenen: Der Transfer')
    const transferId = (await transfer.getAttribute('data-cell'))!
    await transfer.getByRole('textbox').fill('Lotsin im Stadtteil')
    await transfer.getByRole('button', { name: 'Zettel anheften' }).click()
    await expect.poll(() => noteInCell(facilitator, 'Lotsin im Stadtteil', transferId), { timeout: hang(10_000) }).toBe('in cell on Seite 1')

    // „Alle zu mir“ on the roles: the list shows the cells in the facilitator's view and takes the focus there.
    await facilitator.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const roles = editor
        .getCurrentPageShapes()
        .filter((s) => /^role:/.test((s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key ?? ''))
        .map((s) => editor.getShapePageBounds(s)!)
      const x = Math.min(...roles.map((b) => b.x))
      const y = Math.min(...roles.map((b) => b.y))
      const w = Math.max(...roles.map((b) => b.maxX)) - x
      const h = Math.max(...roles.map((b) => b.maxY)) - y
      editor.zoomToBounds({ x, y, w, h }, { inset: 0, animation: { duration: 0 } })
    })
    await facilitator.locator('[data-action="summon"]').click()
    // Named with the sections in that view (the scenes beside the roles show in a laptop's window too).
    await live(list).getByText(/^Die Moderation holt alle zu „Planspiel – Frau Wiesental: .*: Rollen(, [^“]+)?“\.$/).waitFor({ timeout: hang(15_000) })
    const summoned = await cellHeadings(list)
    expect(summoned).toContain('Rollen: Jobcenter')
    expect(summoned).not.toContain('Auswertung auf drei Ebenen: Der Transfer')
    expect(await list.evaluate(() => document.activeElement?.tagName)).toBe('H2')
    await screenshot(list, 'beitragen-follows-summon-390.png', { fullPage: false })

    // Presenting: each slide brings everyone along, the list too; on to the play's slide.
    await facilitator.locator('[data-action="present"]').click()
    const next = facilitator.getByRole('button', { name: 'Weiter' })
    // Only the Auswertung holds a Zettel: the empty slides, skipped while presenting, asked for, and back to the first.
    await facilitator.getByRole('button', { name: 'Leere Folien zeigen' }).click()
    const back = facilitator.getByRole('button', { name: 'Zurück' })
    while (await back.isEnabled()) await back.click()
    await list.getByText(/^Aktueller Schritt: 1 · /).waitFor({ timeout: hang(15_000) })
    await next.click()
    // (The „Alle zu mir“ before named the roles and scenes: this names the scenes first.)
    await expect.poll(() => live(list).innerText(), { timeout: hang(15_000) }).toMatch(/^Die Moderation holt alle zu „[^“]*: Spielszenen/)
    await expect.poll(() => cellHeadings(list)).toContain('Spielszenen: Szene 1 · Was war gut?')
    expect(await cellHeadings(list)).not.toContain('Rollen: Jobcenter')
    await list.getByText('Aktueller Schritt: 2 · Spiel (≈ 90 Min.)').waitFor()

    // Presenting ends on the play's slide; then „Alle zu …“ brings everyone to the whole Planspiel by name.
    await screenshot(facilitator, 'beitragen-follows-presenting-1366.png', { fullPage: false })
    await facilitator.getByRole('button', { name: 'Präsentation beenden' }).click()
    await facilitator.locator('[data-action="bring"]').click()
    const bringing = facilitator.locator('.nws-bring')
    await bringing.waitFor()
    await screenshot(facilitator, 'beitragen-follows-bring-1366.png', { fullPage: false })
    await bringing.locator('[data-action="bring-part"]').first().click()
    await expect.poll(() => cellHeadings(list), { timeout: hang(15_000) }).toContain('Rollen: Jobcenter')
    expect(await live(list).innerText()).toMatch(/^Die Moderation holt alle zu „Planspiel/)

    // A latecomer's phone: lands on that part (all of the Planspiel), not on the step presenting left behind, and hears nothing.
    const latecomer = await phone()
    await openList(latecomer, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => cellHeadings(latecomer), { timeout: hang(15_000) }).toEqual(expect.arrayContaining(['Rollen: Jobcenter', 'Spielszenen: Szene 1 · Was war gut?', 'Auswertung auf drei Ebenen: Der Transfer']))
    await latecomer.getByText('Aktueller Schritt: 2 · Spiel (≈ 90 Min.)').waitFor()
    expect(await live(latecomer).innerText()).toBe('')

    // The long list's „Springen zu …“, by keyboard: to a cell far down, its heading focused and in view below the bar.
    const jump = latecomer.locator('.nws-contribute__jump')
    await jump.locator('summary').focus()
    await latecomer.keyboard.press('Enter')
    const transferLink = jump.getByRole('link', { name: 'Auswertung auf drei Ebenen: Der Transfer', exact: true })
    await transferLink.waitFor()
    await screenshot(latecomer, 'beitragen-follows-jump-390.png', { fullPage: false })
    expect(await axeFindings(latecomer)).toEqual([])
    await transferLink.focus()
    await latecomer.keyboard.press('Enter')
    expect(await latecomer.evaluate(() => document.activeElement?.textContent)).toBe('Auswertung auf drei Ebenen: Der Transfer')
    expect(await jump.getAttribute('open'), 'the menu closes after the jump').toBeNull()
    const landed = await latecomer.evaluate(() => {
      const heading = document.activeElement!.getBoundingClientRect()
      const bar = document.querySelector('.nws-contribute__jump')!.getBoundingClientRect()
      return { top: Math.round(heading.top), bar: Math.round(bar.bottom), height: window.innerHeight, scrolled: window.scrollY > 0 }
    })
    expect(landed.scrolled).toBe(true)
    expect(landed.top).toBeGreaterThanOrEqual(landed.bar)
    expect(landed.top).toBeLessThan(landed.height / 2)
    await screenshot(latecomer, 'beitragen-follows-jumped-390.png', { fullPage: false })
    await latecomer.context().close()
  })

  it('offline, the list keeps a Zettel in this browser’s local copy, shows it after a reload, and sends it when the network is back', { timeout: hang(120_000) }, async () => {
    // The same list, on the presented play's scenes. The relay's copy of the board, over
    // y-websocket: what the relay has (a canvas drawing a Zettel from the list in its cell is the
    // test's above and beitragen.test.ts's).
    const relayCopy = connectClient(suite.relay, board.id)
    onTestFinished(() => relayCopy.destroy())
    await whenSynced(relayCopy)
    const status = list.locator('.nws-contribute__connection')
    await expect.poll(() => status.getAttribute('data-state'), { timeout: hang(15_000) }).toBe('connected')
    expect(await status.innerText()).toBe('Verbunden – alles gespeichert.')
    // The page and its files in the service worker's cache before the network goes, as on the canvas.
    await expect.poll(() => shellCached(list), { timeout: hang(15_000) }).toBe(true)

    await list.context().setOffline(true)
    await expect.poll(() => status.getAttribute('data-state')).toBe('offline')
    expect(await status.innerText()).toBe('Offline: Ihre Zettel bleiben in diesem Browser gespeichert und werden gesendet, sobald die Verbindung zurück ist.')
    expect(await status.getAttribute('role')).toBe('status')
    const cell = list.locator('.nws-contribute__cell').first()
    const cellId = (await cell.getAttribute('data-cell'))!
    await cell.getByRole('textbox').fill('Im Funkloch geschrieben')
    await cell.getByRole('button', { name: 'Zettel anheften' }).click()
    await cell.getByRole('listitem').filter({ hasText: 'Im Funkloch geschrieben' }).waitFor()
    await screenshot(list, 'beitragen-follows-offline-390.png', { fullPage: false })
    expect(storedNoteInCell(relayCopy.doc, 'Im Funkloch geschrieben', cellId)).toBe('no note')

    // Still offline, a reload: the list comes from the local copy, the Zettel in it.
    await list.reload()
    await list.locator(`.nws-contribute__cell[data-cell="${cellId}"]`).getByRole('listitem').filter({ hasText: 'Im Funkloch geschrieben' }).waitFor({ timeout: hang(20_000) })
    await expect.poll(() => status.getAttribute('data-state')).toBe('offline')

    await list.context().setOffline(false)
    await expect.poll(() => status.getAttribute('data-state'), { timeout: hang(20_000) }).toBe('connected')
    await until(relayCopy.doc, () => storedNoteInCell(relayCopy.doc, 'Im Funkloch geschrieben', cellId) !== 'no note')
    expect(storedNoteInCell(relayCopy.doc, 'Im Funkloch geschrieben', cellId)).toBe('in cell')
  })

  it('a member of a small group sees their group’s copy and writes into its cells, not the plenary’s', { timeout: hang(180_000) }, async () => {
    // The same Planspiel and facilitator's canvas (its Zettel and pointers from the tests above stay);
    // the list phone is done, so the groups' phones are the only people in the room.
    await list.context().close()
    // One phone is in the list before the round: the facilitator sees it among the people and puts it into „Schule“ by hand.
    const byHand = await phone()
    await openList(byHand, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => facilitator.evaluate(() => window.__netzwerkstatt!.editor.getCollaborators().length), { timeout: hang(20_000) }).toBe(1)

    await chooseFromMainMenu(facilitator, 'Kleingruppen …')
    await facilitator.getByLabel('Anzahl der Gruppen').selectOption('2')
    await facilitator.getByLabel('Name von Gruppe 1').fill('Jugendamt')
    await facilitator.getByLabel('Name von Gruppe 2').fill('Schule')
    await facilitator.getByLabel('Vorlage für jede Gruppe').selectOption('planspiel')
    await facilitator.locator('.nws-groups-person select').selectOption({ label: 'Schule' })
    await facilitator.getByRole('button', { name: 'Gruppen starten' }).click()
    const codes = facilitator.locator('[data-group-code]')
    await expect.poll(() => codes.count(), { timeout: hang(20_000) }).toBeGreaterThanOrEqual(2)
    const firstCode = (await codes.first().textContent())!

    // Its list moves to the group's copy, named for the group, and nothing of the plenary; said politely.
    const titles = byHand.locator('.nws-contribute__main h2')
    await expect.poll(() => titles.allInnerTexts(), { timeout: hang(15_000) }).toEqual([expect.stringMatching(/^Planspiel.* · Schule$/)])
    await byHand.getByText('Gezeigt wird, was gerade dran ist: Ihre Gruppe „Schule“').waitFor()
    await expect.poll(() => live(byHand).innerText(), { message: 'the round’s start is said' }).toBe('Jetzt dran: Ihre Gruppe „Schule“.')
    const cell = byHand.locator('.nws-contribute__cell').first()
    const cellId = (await cell.getAttribute('data-cell'))!
    await cell.getByRole('textbox').fill('Ergebnis der Schule')
    await cell.getByRole('button', { name: 'Zettel anheften' }).click()
    await expect.poll(() => noteInCell(facilitator, 'Ergebnis der Schule', cellId), { timeout: hang(10_000) }).toBe('in cell on Schule')
    await screenshot(byHand, 'beitragen-follows-group-390.png', { fullPage: false })

    // Another phone joins by the first group's code and lands in the list on „Jugendamt“'s copy.
    const byCode = await phone()
    await byCode.goto(`${suite.relay.httpUrl}/j#${firstCode.replace(/\s/g, '')}`)
    await byCode.locator('.nws-contribute h2').first().waitFor({ timeout: hang(20_000) })
    await expect.poll(() => byCode.locator('.nws-contribute__main h2').allInnerTexts()).toEqual([expect.stringMatching(/^Planspiel.* · Jugendamt$/)])
    // Where the list starts is no news: nothing said, the focus left alone.
    expect(await live(byCode).innerText(), 'nothing said where the list starts').toBe('')
    expect(await byCode.evaluate(() => document.activeElement?.tagName), 'the focus left alone').toBe('BODY')
    const theirs = byCode.locator('.nws-contribute__cell').first()
    const theirCellId = (await theirs.getAttribute('data-cell'))!
    expect(theirCellId).not.toBe(cellId)
    await theirs.getByRole('textbox').fill('Ergebnis des Jugendamts')
    await theirs.getByRole('button', { name: 'Zettel anheften' }).click()
    await expect.poll(() => noteInCell(facilitator, 'Ergebnis des Jugendamts', theirCellId), { timeout: hang(10_000) }).toBe('in cell on Jugendamt')
    // Nothing of either group's in the plenary's cells.
    await theirs.getByRole('listitem').filter({ hasText: 'Ergebnis des Jugendamts' }).waitFor()
    const plenaryNotes = await facilitator.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const plenary = editor.getPages()[0]!.id
      return [...editor.getPageShapeIds(plenary)].map((id) => editor.getShape(id)!).filter((s) => s.type === 'note').map((s) => editor.getShapeUtil(s).getText(s) ?? '')
    })
    expect(plenaryNotes.filter((text) => text.startsWith('Ergebnis')), 'the groups’ Zettel stay on their pages').toEqual([])

    // All parts: the plenary and both copies, each copy named for its group.
    await byCode.getByRole('button', { name: 'Alle Teile zeigen' }).click()
    const all = await byCode.locator('.nws-contribute__main h2').allInnerTexts()
    expect(all).toHaveLength(3)
    expect(all.filter((title) => title.endsWith(' · Schule'))).toHaveLength(1)

    // „Zurückholen“: each group's result is a part of the plenum with its cells, named after its
    // group, once (the original on the group's page is not listed again), in every phone's list…
    // A frame someone drew below the plenum's template is a part too.
    await facilitator.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const below = editor.getCurrentPageBounds()!
      editor.createShape({ type: 'frame', x: below.x, y: below.maxY + 2000, props: { w: 1600, h: 900, name: 'Ideen' } })
    })
    const plenum = all[0]!
    const results = [plenum, `${plenum} · Jugendamt`, `${plenum} · Schule`]
    await facilitator.getByRole('button', { name: 'Zurückholen' }).click()
    await expect.poll(() => facilitator.locator('[data-group-round]').count(), { timeout: hang(20_000) }).toBe(0)
    const zettelOf = (page: Page, title: string) =>
      page.locator('.nws-contribute__template').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) }).locator('.nws-contribute__text').allInnerTexts()
    // The room points at the Planspiel again, where „Alle zu …“ brought everyone in the first test:
    // the list follows it, and all parts are a tap away.
    const titlesOfByCode = () => byCode.locator('.nws-contribute__main h2').allInnerTexts()
    await expect.poll(titlesOfByCode, { timeout: hang(15_000), message: 'after the round, the list follows the room' }).toEqual([plenum])
    await byCode.getByRole('button', { name: 'Alle Teile zeigen' }).click()
    await expect.poll(titlesOfByCode, { timeout: hang(15_000) }).toEqual([...results, 'Ideen'])
    await byCode.getByRole('textbox', { name: 'Neuer Zettel für „Ideen“' }).waitFor()
    expect(await zettelOf(byCode, results[1]!), 'the Jugendamt’s result in the list').toEqual([expect.stringContaining('Ergebnis des Jugendamts')])
    expect(await zettelOf(byCode, results[2]!), 'the Schule’s result in the list').toEqual([expect.stringContaining('Ergebnis der Schule')])
    await byCode.getByRole('heading', { level: 2, name: results[2]!, exact: true }).scrollIntoViewIfNeeded()
    await screenshot(byCode, 'beitragen-follows-collected-390.png', { fullPage: false })

    // …and presented: the wall reads every template's slides and both results as tables, each
    // titled as the list names it, with the group's Zettel.
    const wall = await device({ width: 1920, height: 1080 })
    await wall.goto(boardPageUrl(suite.relay, board).replace('#', '?beamer=1#'))
    await wall.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: hang(20_000) })
    await facilitator.getByRole('button', { name: 'Präsentieren' }).click()
    // The plenum's own template holds no Zettel yet: shown too, as a facilitator asks for it.
    await facilitator.getByRole('button', { name: 'Leere Folien zeigen' }).click()
    const toFirst = facilitator.getByRole('button', { name: 'Zurück' })
    while (await toFirst.isEnabled()) await toFirst.click()
    const where = facilitator.locator('.nws-presenter__where')
    const shown = new Map<string, string[]>()
    for (let n = 1; ; n++) {
      await expect.poll(() => where.innerText()).toMatch(new RegExp(`^${n} von `))
      const [, total, label] = /^\d+ von (\d+): (.*)$/.exec(await where.innerText())!
      // The presenter's own screen shows the slide's table as the wall does; a slide without one is a picture of the canvas.
      const key = (await facilitator.locator('.nws-wall-table').count()) ? await facilitator.locator('.nws-wall-table').getAttribute('data-slide') : null
      if (key === null) shown.set(`picture: ${label}`, [])
      else {
        const table = wall.locator(`.nws-wall-table[data-slide="${key}"]`)
        await table.waitFor({ timeout: hang(15_000) })
        const title = await table.locator('.nws-wall-table__title').evaluate((h) => h.firstChild?.textContent ?? '')
        const zettel = await table.locator('.nws-wall-table__item--zettel').allInnerTexts()
        shown.set(title, [...(shown.get(title) ?? []), ...zettel])
        if (title === results[2] && zettel.length > 0) {
          await screenshot(wall, 'beitragen-follows-collected-wall-1920.png')
          await screenshot(facilitator, 'beitragen-follows-collected-presenter-1366.png')
        }
      }
      if (n === Number(total)) break
      await facilitator.getByRole('button', { name: 'Weiter' }).click()
    }
    expect([...shown.keys()], 'every template and both results on the wall, as tables').toEqual([...results, 'picture: Ideen'])
    expect(shown.get(results[1]!)).toEqual(['Ergebnis des Jugendamts'])
    expect(shown.get(results[2]!)).toEqual(['Ergebnis der Schule'])
    await facilitator.getByRole('button', { name: 'Präsentation beenden' }).click()
  })

})

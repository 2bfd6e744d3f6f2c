/**
 * Dot voting and the scaffold lock in real browsers against the real relay: the facilitator
 * starts a vote on a template, a participant places dots by clicking notes, the facilitator's page
 * shows none of them before the reveal (and says when there are more ballots than people on the
 * board), both pages show the counts after it; the CSV; an observer
 * is not offered voting. Two votes one after the other are both kept: the first, shown on the
 * wall (a fourth page, the Beamer at 1920×1080), stands there as a ranked table in large type,
 * and the Dokumentation lists both. An „Einverstanden?“ round on one of the Zettel: each page
 * answers for its organisation, all see the answers, the facilitator closes it and the Zettel is
 * marked as Beschluss. A participant cannot move (or unlock) a template header; the
 * facilitator can, after unlocking the scaffold; the participant may still grow the template.
 * Needs `npm run build` first (the relay serves dist/client) and Chromium at /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { ballotPath, reportPath, writerHeader, type CreatedBoard } from '../../shared/api.ts'
import { readVote } from '../../shared/board/entries/vote.ts'
import { wallRankingSizes } from '../../client/facilitation/wallRanking.ts'
import { apiFetch, boardPageUrl, connectClient, createBoard, whenSynced } from '../helpers/clients.ts'
import { launchBrowser, skipBrowserTests, downloaded } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { sharedRelay, type FileRelay } from '../helpers/sharedRelay.ts'
import { skipNamePrompt } from '../helpers/boardPages.ts'
import { hang } from '../helpers/hang.ts'

const viewport = { width: 1280, height: 800 }

// Locally a missing browser skips these tests; in CI it must fail them instead.
describe.skipIf(skipBrowserTests)('dot voting and the scaffold lock in the browser', () => {
  let relay: FileRelay
  let browser: Browser
  let facilitator: Page
  let participant: Page
  let observer: Page
  const problems: string[] = []
  /** The three notes of the vote, left to right. */
  let notes: string[] = []
  let header = ''
  let board: CreatedBoard

  async function person(url: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'de-DE', viewport, acceptDownloads: true })
    await context.addInitScript(() => {
      window.__netzwerkstattTestHooks = true
    })
    await skipNamePrompt(context)
    context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
    const page = await context.newPage()
    await openBoard(page, url)
    return page
  }

  async function openBoard(page: Page, url?: string) {
    if (url) await page.goto(url)
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
  }

  /** Shows the template whole, at once, and waits until the camera rests. */
  async function showTemplate(page: Page) {
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const ids = editor.getCurrentPageShapeIds()
      const bounds = editor.getShapesPageBounds([...ids])!
      editor.zoomToBounds(bounds, { inset: 80 })
    })
    await page.waitForFunction(() => window.__netzwerkstatt!.editor.getCameraState() === 'idle')
  }

  /** Where a shape's centre is on the screen. */
  /** A point of a shape on screen: its centre, or `fromTop` of the way down its middle. */
  const screenCentre = (page: Page, id: string, fromTop = 0.5) =>
    page.evaluate(
      ({ id, fromTop }) => {
        const editor = window.__netzwerkstatt!.editor
        const bounds = editor.getShapePageBounds(id as never)!
        const { x, y } = editor.pageToScreen({ x: bounds.center.x, y: bounds.y + bounds.h * fromTop })
        return { x, y }
      },
      { id, fromTop },
    )

  const shapeState = (page: Page, id: string) =>
    page.evaluate((id) => {
      const shape = window.__netzwerkstatt!.editor.getShape(id as never)
      return shape && { x: Math.round(shape.x), y: Math.round(shape.y), isLocked: shape.isLocked }
    }, id)

  /** Drags from a shape's centre by (dx, dy) screen pixels, the way a person would. */
  /** Drags a header by its title: its prompt lies on the rest of it. */
  async function drag(page: Page, id: string, dx: number, dy: number) {
    const { x, y } = await screenCentre(page, id, 0.2)
    // The pointer must land on the canvas, not on a panel above it, or the test proves nothing.
    const hit = await page.evaluate(({ x, y }) => {
      const element = document.elementFromPoint(x, y)
      return element?.closest('.tl-canvas') ? 'canvas' : (element?.className ?? 'nothing')
    }, { x, y })
    expect(hit).toBe('canvas')
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x + dx, y + dy, { steps: 10 })
    await page.mouse.up()
  }

  /** What the canvas layer shows per note: `data-count` after the reveal, my dots before. */
  const spots = (page: Page, attribute: 'data-count' | 'data-my-dots') =>
    page.evaluate(
      (attribute) =>
        Object.fromEntries(
          [...document.querySelectorAll(`.nws-vote-spot[${attribute}]`)].map((el) => [
            el.getAttribute('data-note'),
            Number(el.getAttribute(attribute)),
          ]),
        ),
      attribute,
    )

  const votePanel = (page: Page) => page.getByRole('region', { name: 'Punktabfrage' })

  beforeAll(async () => {
    relay = await sharedRelay()
    browser = await launchBrowser()
    board = await createBoard(relay, 'Netzwerktreffen', { template: 'beteiligtenanalyse' })
    facilitator = await person(boardPageUrl(relay, board))
    participant = await person(boardPageUrl(relay, board, 'participant'))
    observer = await person(boardPageUrl(relay, board, 'observer'))
    // A read-only link holds no ballot: it does not ask the relay for one (a 403 in its console).
    observer.on('response', (response) => {
      if (response.url().includes('/vote/ballot')) problems.push(`the observer asked for a ballot: ${response.status()}`)
    })

    // Three notes in cells of the template's middle row, near its middle: clear of the panels
    // at the left and right edges, far enough apart not to overlap.
    notes = await facilitator.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const mid = editor.getShapesPageBounds([...editor.getCurrentPageShapeIds()])!.center
      const cells = editor
        .getCurrentPageShapes()
        .filter((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'cell')
        .map((s) => editor.getShapePageBounds(s)!.center)
        .sort((a, b) => Math.abs(a.y - mid.y) - Math.abs(b.y - mid.y) || Math.abs(a.x - mid.x) - Math.abs(b.x - mid.x))
      const picked: { x: number; y: number }[] = []
      for (const c of cells) if (picked.length < 3 && picked.every((p) => Math.abs(p.x - c.x) > 260)) picked.push(c)
      const texts = ['Gemeinsame Fallkonferenz', 'Lotsin im Stadtteil', 'Fonds für Notfälle']
      return picked.map((c, i) => {
        const id = `shape:note${i}` as never
        const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: texts[i] }] }] }
        editor.createShape({ id, type: 'note', x: c.x - 100, y: c.y - 100, props: { richText } })
        return id as string
      })
    })
    expect(notes).toHaveLength(3)
    header = await facilitator.evaluate(
      () =>
        window.__netzwerkstatt!.editor
          .getCurrentPageShapes()
          .filter((s) => (s.meta as { netzwerkstatt?: { kind?: string; key?: string } }).netzwerkstatt?.key === 'head:widerstaende')[0]
          .id as string,
    )
    for (const page of [participant, observer]) {
      await page.waitForFunction((id) => !!window.__netzwerkstatt!.editor.getShape(id as never), notes[2])
    }
    for (const page of [facilitator, participant, observer]) await showTemplate(page)
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
  })

  it('a vote: own dots only until the reveal, then counts for everyone, and a CSV', { timeout: hang(90_000) }, async () => {
    // Only the facilitator is offered a vote.
    await expect.poll(() => participant.getByRole('button', { name: 'Punktabfrage …' }).count()).toBe(0)
    await facilitator.getByRole('button', { name: 'Punktabfrage …' }).click()
    await facilitator.getByLabel('Bereich').selectOption({ label: 'Vorlage: Beteiligtenanalyse' })
    await expect.poll(() => facilitator.getByLabel('Punkte pro Person').inputValue()).toBe('3')
    await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click()

    const panel = votePanel(participant)
    await panel.getByText('Noch 3 Punkte').waitFor()
    await panel.getByText('Mehrere Punkte auf denselben Zettel sind erlaubt', { exact: false }).waitFor()
    // The observer sees the vote but is not offered voting.
    await votePanel(observer).getByText('Mit dem Link „Nur ansehen“ nehmen Sie an der Punktabfrage nicht teil.', { exact: false }).waitFor()
    expect(await observer.locator('.nws-vote-target').count()).toBe(0)

    // The participant clicks notes: two dots on the first, then one on the second.
    const click = async (id: string) => {
      const { x, y } = await screenCentre(participant, id)
      await participant.mouse.click(x, y)
    }
    await click(notes[0])
    await click(notes[0])
    await panel.getByText('Noch 1 Punkt', { exact: true }).waitFor()
    await click(notes[1])
    await panel.getByText('Alle Punkte vergeben').waitFor()
    // A fourth dot is refused; − takes one back, and it can go elsewhere.
    await click(notes[2])
    await panel.getByText('Nehmen Sie erst einen zurück', { exact: false }).waitFor()
    await expect.poll(() => spots(participant, 'data-my-dots')).toEqual({ [notes[0]]: 2, [notes[1]]: 1, [notes[2]]: 0 })
    await participant.getByRole('button', { name: 'Einen Punkt von „Lotsin im Stadtteil“ zurücknehmen' }).click()
    await panel.getByText('Noch 1 Punkt', { exact: true }).waitFor()
    await click(notes[0])
    await expect.poll(() => spots(participant, 'data-my-dots')).toEqual({ [notes[0]]: 3, [notes[1]]: 0, [notes[2]]: 0 })
    // Clicking notes placed dots and selected or moved nothing.
    expect(await participant.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapeIds())).toEqual([])

    // A reload keeps the participant's dots (the voter key lives in this browser).
    await participant.reload()
    await openBoard(participant)
    await votePanel(participant).getByText('Alle Punkte vergeben').waitFor()
    await expect.poll(() => spots(participant, 'data-my-dots')).toEqual({ [notes[0]]: 3, [notes[1]]: 0, [notes[2]]: 0 })

    // The facilitator learns that someone voted, but not where.
    await votePanel(facilitator).getByText('1 Person hat 3 Punkte gesetzt.').waitFor()
    expect(await spots(facilitator, 'data-my-dots')).toEqual({ [notes[0]]: 0, [notes[1]]: 0, [notes[2]]: 0 })
    expect(await facilitator.locator('.nws-vote-badge, .nws-vote-dot, .nws-vote-ranking').count()).toBe(0)
    expect(await observer.locator('.nws-vote-badge, .nws-vote-dot, .nws-vote-ranking').count()).toBe(0)

    // Two more ballots from the participant link with fresh writer secrets: more ballots than the
    // two browsers on the board, and the facilitator's panel says so until they are withdrawn.
    const watcher = connectClient(relay, board.id, new Y.Doc(), { token: board.access.observer })
    await whenSynced(watcher)
    const voteId = readVote(watcher.doc)!.id
    watcher.destroy()
    const extra = [randomBytes(24).toString('base64url'), randomBytes(24).toString('base64url')]
    const ballot = (writer: string, dots: Record<string, number>) =>
      apiFetch(relay, ballotPath(board.id), {
        method: 'PUT',
        headers: { authorization: `Bearer ${board.access.participant}`, [writerHeader]: writer, 'content-type': 'application/json' },
        body: JSON.stringify({ voteId, dots }),
      })
    for (const writer of extra) expect((await ballot(writer, { [notes[2]]: 1 })).status).toBe(204)
    const warning = votePanel(facilitator).getByText('Mehr Stimmzettel (3) als Anwesende (2): jemand hat mehrfach abgestimmt.')
    await warning.waitFor()
    expect(await votePanel(participant).getByText('Mehr Stimmzettel', { exact: false }).count()).toBe(0)
    for (const writer of extra) expect((await ballot(writer, {})).status).toBe(204)
    await warning.waitFor({ state: 'detached' })

    // The facilitator adds one dot of their own, then reveals.
    const { x, y } = await screenCentre(facilitator, notes[1])
    await facilitator.mouse.click(x, y)
    await votePanel(facilitator).getByText('Noch 2 Punkte').waitFor()
    await votePanel(facilitator).getByRole('button', { name: 'Ergebnis aufdecken' }).click()

    const expected = { [notes[0]]: 3, [notes[1]]: 1, [notes[2]]: 0 }
    for (const page of [facilitator, participant, observer]) {
      await expect.poll(() => spots(page, 'data-count'), { timeout: hang(15_000) }).toEqual(expected)
      await expect
        .poll(() => votePanel(page).locator('.nws-vote-ranking li').allInnerTexts())
        .toEqual([expect.stringMatching(/^1\.\s*Gemeinsame Fallkonferenz\s*3$/), expect.stringMatching(/^2\.\s*Lotsin im Stadtteil\s*1$/)])
      // No more dots after the reveal; a Zettel nobody chose carries no „0“ over its first line.
      expect(await page.locator('.nws-vote-target').count()).toBe(0)
      expect(await page.locator('.nws-vote-spot[data-count="0"] .nws-vote-badge').count()).toBe(0)
    }
    await facilitator.mouse.move(10, 790)
    await screenshot(facilitator, 'voting-revealed.png')

    const [download] = await Promise.all([
      facilitator.waitForEvent('download'),
      votePanel(facilitator).getByRole('button', { name: 'Ergebnis als CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^punktabfrage-\d{4}-\d\d-\d\d\.csv$/)
    const csv = (await downloaded(download)).toString('utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain('Bereich;Vorlage: Beteiligtenanalyse\r\nPunkte pro Person;3\r\nTeilgenommen haben;2\r\n')
    // When it started, as people read it (no ISO timestamp).
    expect(csv).toMatch(/\r\nGestartet;\d\d\.\d\d\.\d{4}, \d\d:\d\d\r\n/)
    expect(csv).toContain('Rang;Zettel;Punkte\r\n1;Gemeinsame Fallkonferenz;3\r\n2;Lotsin im Stadtteil;1\r\n3;Fonds für Notfälle;0\r\n')

    // Ending the vote takes the badges off the board; the result stays in the panel.
    await votePanel(facilitator).getByRole('button', { name: 'Punktabfrage beenden' }).click()
    for (const page of [facilitator, participant]) {
      await expect.poll(() => page.locator('.nws-vote-badge').count()).toBe(0)
      await votePanel(page).getByText('Ergebnis (beendet)').waitFor()
    }
    expect(problems).toEqual([])
  })

  it('the scaffold: participants cannot move or unlock it; once the facilitator unlocks it, everyone restructures', { timeout: hang(90_000) }, async () => {
    // The participant reloaded in the last test: everyone looks at the template again.
    for (const page of [facilitator, participant]) await showTemplate(page)
    const before = await shapeState(participant, header)
    expect(before?.isLocked).toBe(true)
    await expect.poll(() => participant.getByRole('button', { name: 'Vorlagen entsperren' }).count()).toBe(0)

    // Dragging the locked header does nothing; neither does unlocking it the way tldraw's menu
    // does, nor moving or deleting it from the console past tldraw's lock.
    await drag(participant, header, 150, 90)
    expect(await shapeState(participant, header)).toEqual(before)
    await participant.evaluate((id) => {
      const editor = window.__netzwerkstatt!.editor
      editor.toggleLock([id as never])
      editor.run(() => editor.updateShape({ id: id as never, type: 'geo', x: 0, y: 0 }), { ignoreShapeLock: true })
      editor.run(() => editor.deleteShapes([id as never]), { ignoreShapeLock: true })
    }, header)
    expect(await shapeState(participant, header)).toEqual(before)

    // The facilitator unlocks the scaffold for restructuring.
    await facilitator.getByRole('button', { name: 'Vorlagen entsperren' }).click()
    await facilitator.getByRole('button', { name: 'Vorlagen sperren' }).waitFor()
    for (const page of [facilitator, participant]) {
      await expect.poll(() => shapeState(page, header)).toEqual({ ...before, isLocked: false })
    }
    // Unlocked: participants restructure too, and everyone sees it.
    await drag(participant, header, 150, 90)
    const movedByParticipant = await shapeState(participant, header)
    expect(movedByParticipant!.x).toBeGreaterThan(before!.x + 50)
    await expect.poll(() => shapeState(facilitator, header)).toEqual(movedByParticipant)

    // The facilitator puts it back (by the editor: it now lies under the cells it was moved onto).
    await facilitator.evaluate(
      ({ id, x, y }) => void window.__netzwerkstatt!.editor.updateShape({ id: id as never, type: 'geo', x, y }),
      { id: header, x: before!.x, y: before!.y },
    )
    const moved = await shapeState(facilitator, header)
    expect(moved).toEqual({ ...before, isLocked: false })
    await expect.poll(() => shapeState(participant, header)).toEqual(moved)

    await facilitator.getByRole('button', { name: 'Vorlagen sperren' }).click()
    for (const page of [facilitator, participant]) {
      await expect.poll(() => shapeState(page, header)).toEqual({ ...moved, isLocked: true })
    }

    // Locked again: growing templates is the facilitator's; the participant's panel says so.
    const scaffoldCount = (page: Page) =>
      page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => 'netzwerkstatt' in s.meta).length)
    const count = await scaffoldCount(participant)
    await participant.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    const theirs = participant.locator('.nws-instance[data-template="beteiligtenanalyse"]')
    await theirs.waitFor()
    expect(await theirs.getByRole('button', { name: 'Partnerorganisation hinzufügen' }).count()).toBe(0)
    await participant.getByText(/Vorlagen fügt die Moderation ein/).waitFor()
    await participant.keyboard.press('Escape')
    await facilitator.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    const listed = facilitator.locator('.nws-instance[data-template="beteiligtenanalyse"]')
    await listed.getByRole('button', { name: 'Partnerorganisation hinzufügen' }).click()
    await listed.getByLabel('Name der Organisation').fill('Familienzentrum Nord')
    await listed.getByRole('button', { name: 'Hinzufügen', exact: true }).click()
    for (const page of [participant, facilitator]) await expect.poll(() => scaffoldCount(page)).toBeGreaterThan(count)
    expect(problems).toEqual([])
  })

  it('a result is hidden from every screen and stays in the report; deleting it is asked first, in words that say so', { timeout: hang(90_000) }, async () => {
    const report = async () =>
      (await apiFetch(relay, reportPath(board.id, 'md', 'de', '2026-11-23'), { headers: { authorization: `Bearer ${board.access.facilitator}` } })).text()
    // The vote's own section (its notes are in the report anyway, in their template). The relay
    // makes the report from what it holds: a click a moment earlier may not be in it yet (polled).
    const inReport = async () => (await report()).includes('## Punktabfrage')
    // The vote of the first test, ended: everyone sees its result.
    for (const page of [facilitator, participant, observer]) await votePanel(page).getByText('Ergebnis (beendet)').waitFor()
    await expect.poll(inReport).toBe(true)

    // Hidden: off everyone's screen, still in the report.
    await votePanel(facilitator).getByRole('button', { name: 'Ergebnis ausblenden' }).click()
    for (const page of [facilitator, participant, observer]) await expect.poll(() => votePanel(page).count()).toBe(0)
    await expect.poll(inReport).toBe(true)
    await screenshot(facilitator, 'vote-hidden.png')
    // The facilitator alone may look at it again, and show it to everyone.
    await facilitator.getByRole('button', { name: 'Ausgeblendetes Ergebnis' }).click()
    await votePanel(facilitator).getByText('Für alle anderen ausgeblendet', { exact: false }).waitFor()
    expect(await votePanel(participant).count()).toBe(0)
    await votePanel(facilitator).getByRole('button', { name: 'Allen wieder zeigen' }).click()
    await votePanel(participant).getByText('Ergebnis (beendet)').waitFor()

    // Deleting asks first and says what goes; cancelled, nothing goes.
    await votePanel(facilitator).getByRole('button', { name: 'Ergebnis löschen …' }).click()
    const question = votePanel(facilitator).getByRole('alertdialog', { name: 'Ergebnis löschen?' })
    await question.getByText('auch aus der Dokumentation', { exact: false }).waitFor()
    await screenshot(facilitator, 'vote-delete-question.png')
    await question.getByRole('button', { name: 'Abbrechen' }).click()
    await question.waitFor({ state: 'detached' })
    await votePanel(participant).getByText('Ergebnis (beendet)').waitFor()
    await expect.poll(inReport).toBe(true)
    await votePanel(facilitator).getByRole('button', { name: 'Ergebnis löschen …' }).click()
    await question.getByRole('button', { name: 'Endgültig löschen' }).click()
    for (const page of [facilitator, participant, observer]) await expect.poll(() => votePanel(page).count()).toBe(0)
    await expect.poll(inReport).toBe(false)
    await facilitator.getByRole('button', { name: 'Punktabfrage …' }).waitFor()
    expect(problems).toEqual([])
  })

  it('two votes, both kept: the first as a ranked table on the wall, readable at 1920×1080; both in the Dokumentation', { timeout: hang(90_000) }, async () => {
    // The wall: the facilitator's link on the projector laptop.
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1920, height: 1080 } })
    await context.addInitScript(() => {
      window.__netzwerkstattTestHooks = true
    })
    context.on('weberror', (error) => problems.push(`wall page error: ${error.error().message}`))
    const wall = await context.newPage()
    await wall.goto(boardPageUrl(relay, board).replace('#', '?beamer=1#'))
    await wall.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: hang(20_000) })

    const watcher = connectClient(relay, board.id, new Y.Doc(), { token: board.access.observer })
    await whenSynced(watcher)
    /** Ballots from people who voted on phones (fresh writer secrets), once the relay has the new vote. */
    const ballots = async (...all: Array<Record<string, number>>) => {
      await expect.poll(() => readVote(watcher.doc)?.state).toBe('open')
      const voteId = readVote(watcher.doc)!.id
      for (const dots of all) {
        const sent = await apiFetch(relay, ballotPath(board.id), {
          method: 'PUT',
          headers: { authorization: `Bearer ${board.access.participant}`, [writerHeader]: randomBytes(24).toString('base64url'), 'content-type': 'application/json' },
          body: JSON.stringify({ voteId, dots }),
        })
        expect(sent.status).toBe(204)
      }
      await votePanel(facilitator).getByText(`${all.length} Personen haben`, { exact: false }).waitFor()
    }
    const panel = votePanel(facilitator)

    // The first vote, with a question.
    await facilitator.getByRole('button', { name: 'Punktabfrage …' }).click()
    await facilitator.getByLabel('Frage (freiwillig)').fill('Was packen wir zuerst an?')
    await facilitator.getByLabel('Bereich').selectOption({ label: 'Vorlage: Beteiligtenanalyse' })
    await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click()
    await ballots({ [notes[0]]: 2, [notes[1]]: 1 }, { [notes[1]]: 3 })
    await panel.getByRole('button', { name: 'Ergebnis aufdecken' }).click()
    await panel.getByText('Was packen wir zuerst an?').waitFor()
    await facilitator.mouse.move(10, 790)
    await screenshot(facilitator, 'vote-question-revealed.png')
    // Not on the wall until the facilitator shows it there.
    expect(await wall.locator('.nws-vote-wall').count()).toBe(0)
    await panel.getByRole('button', { name: 'Auf der Wand zeigen' }).click()
    const table = wall.locator('.nws-vote-wall')
    await table.waitFor()
    expect(await table.locator('.nws-vote-wall__title').innerText()).toBe('Punktabfrage: Was packen wir zuerst an?')
    expect(await table.locator('.nws-vote-wall__facts').innerText()).toBe('Bereich: Vorlage: Beteiligtenanalyse · Punkte pro Person: 3 · 6 Punkte von 2 Personen')
    await expect.poll(() => table.locator('tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^1\.\s*Lotsin im Stadtteil\s*4$/),
      expect.stringMatching(/^2\.\s*Gemeinsame Fallkonferenz\s*2$/),
    ])
    // Readable from the back: large type, every row whole inside the picture.
    const sizes = await table.evaluate((el) => ({
      text: parseFloat(getComputedStyle(el.querySelector('.nws-vote-wall__text')!).fontSize),
      rows: [...el.querySelectorAll('tr')].map((row) => row.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right })),
    }))
    expect(sizes.text).toBeGreaterThanOrEqual(wallRankingSizes.maxPx)
    for (const row of sizes.rows) expect(row.top >= 0 && row.left >= 0 && row.bottom <= 1080 && row.right <= 1920, JSON.stringify(row)).toBe(true)
    await screenshot(wall, 'vote-on-wall-1920.png')
    await panel.getByRole('button', { name: 'Von der Wand nehmen' }).click()
    await table.waitFor({ state: 'detached' })

    // The second vote replaces the first on the screens, not in the record.
    await panel.getByRole('button', { name: 'Punktabfrage beenden' }).click()
    await panel.getByRole('button', { name: 'Neue Punktabfrage' }).click()
    await facilitator.getByText('in der Dokumentation bleibt es', { exact: false }).waitFor()
    await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click()
    await ballots({ [notes[2]]: 1 }, { [notes[2]]: 2 })
    await panel.getByRole('button', { name: 'Ergebnis aufdecken' }).click()
    await panel.locator('.nws-vote-ranking li').first().waitFor()
    watcher.destroy()
    const report = await (await apiFetch(relay, reportPath(board.id, 'md', 'de', '2026-11-26'), { headers: { authorization: `Bearer ${board.access.facilitator}` } })).text()
    expect(report.match(/^## Punktabfrage.*$/gm)).toEqual(['## Punktabfrage 1: Was packen wir zuerst an?', '## Punktabfrage 2'])
    expect(report).toContain('Punkte pro Person: 3 · 3 Punkte von 2 Personen')
    expect(await wall.locator('.nws-vote-wall').count()).toBe(0)
    await context.close()
    expect(problems).toEqual([])
  })
  it('„Einverstanden?“ on a Zettel: each page answers for its organisation, everyone sees it, the facilitator closes, the Zettel is a Beschluss', { timeout: hang(90_000) }, async () => {
    const roundPanel = (page: Page) => page.getByRole('region', { name: 'Einverstanden?' })
    await facilitator.evaluate((id) => {
      window.__netzwerkstatt!.editor.select(id as never)
    }, notes[1])
    await facilitator.locator('[data-round-ask]').click()
    const dialog = facilitator.getByRole('dialog', { name: 'Einverstanden? – die Häuser fragen' })
    await dialog.getByRole('button', { name: 'Einverstanden? fragen' }).click()
    for (const page of [facilitator, participant, observer]) await roundPanel(page).getByText('Lotsin im Stadtteil').waitFor()

    // Nobody's name carries an organisation here: each is asked once, then answers.
    const answer = async (page: Page, haus: string, antwort: string) => {
      await roundPanel(page).getByLabel('Für welche Organisation antworten Sie?').fill(haus)
      await roundPanel(page).getByRole('button', { name: antwort, exact: true }).click()
    }
    await answer(participant, 'Jugendamt', 'Ja')
    await answer(facilitator, 'Jobcenter', 'Rücksprache im Haus')
    // Not secret: the observer sees both, and is offered no answer.
    await roundPanel(observer).locator('[data-round-haus="Jugendamt"]').getByText('Ja', { exact: false }).waitFor()
    await roundPanel(observer).locator('[data-round-haus="Jobcenter"]').getByText('Rücksprache im Haus', { exact: false }).waitFor()
    expect(await observer.locator('[data-round-answer]').count()).toBe(0)
    // Asked once: the participant's name now carries the organisation.
    await roundPanel(participant).getByText('Sie antworten für: Jugendamt').waitFor()
    expect(await participant.locator('[data-round-close]').count()).toBe(0)

    await roundPanel(facilitator).getByRole('button', { name: 'Runde schließen' }).click()
    for (const page of [facilitator, participant, observer]) {
      await roundPanel(page).getByText('Beschlossen vorbehaltlich der Zustimmung der Häuser, die im Haus Rücksprache halten: Jobcenter.').waitFor()
      await page.locator(`[data-beschluss="${notes[1]}"]`).waitFor()
    }
    await screenshot(participant, 'einverstanden-closed.png')
    expect(problems).toEqual([])
  })
})

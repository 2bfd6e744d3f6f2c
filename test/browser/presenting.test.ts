/**
 * Presenting to a room in Chromium: the laser pointer is in the toolbar; the facilitator's
 * "Präsentieren" walks through a Planspiel's steps (the current step for everyone) or through the
 * board's frames, with Page Down and the arrow keys, and a participant's view follows each step.
 * And the Beamer mode: the projector laptop shows the board on the wall and is nobody on it. A
 * facilitator and a participant (a y-websocket client with a presence) are on a
 * Gründungsveranstaltung; a browser opens the facilitator's link with `?beamer=1` at 1920×1080:
 * - it asks no name, and nobody's people list, cursors or awareness gain a person;
 * - while the facilitator presents and a vote is open, the wall shows the slide alone: no toolbar,
 *   no vote panel, no toasts, no dot targets; the template's title lies whole in the 16:9 safe area;
 * - not presenting, „Alle zu …“ a template or one of its steps shows that part on the wall as the
 *   table presenting shows, every Zettel at 14 px or more of the 1920-px picture, with the clock;
 * - it leaves the mode by its small button, and is then someone again.
 * The participant, in a half-screen window (683×768) beside a video call, is brought to the whole
 * Planspiel by „Alle zu mir“: the window shows the part as the wall's table, each Zettel at 14 px
 * or more, with the current step and „To the board“ back to the canvas; the next „Alle zu mir“
 * brings the table along, and the cell under the facilitator's laser is marked in it. The step reads
 * „Step 1 of 4“; a long German compound in a narrow cell stays whole on one line; an
 * „Einverstanden?“ round's panel lies beside or above the table, never over it, its words at 14 px,
 * folded by the participant to a bar. „Zoom to fit“ at 1366×768 leaves the template's title free of
 * the facilitator's dock.
 * The facilitator's presenter bar leaves the „Vorlagen“ button free at 1440 and 1366 px (the same
 * page, resized); a device made the wall at its name prompt presents the Planspiel itself.
 * The tests share one board, a Planspiel, and its facilitator (a page load is the dear part):
 * presenting walks the current page, so the frames, the Beamer's Gründungsveranstaltung, the
 * Beteiligtenanalyse and the templates tests each take a page of their own on it; the page is
 * resized to each test's size. The participant who follows frames and the Planspiel leaves before
 * the Beamer tests, which need the facilitator alone; one who only writes or is present is a
 * y-websocket client.
 * Screenshots: test/artifacts/presenting-{facilitator-de-1440,participant-en-1920,netzwerkregeln-1920-<n>}.png,
 * presenting-follower-{table-683,round-683,960,moved-on-683}.png, presenting-zoom-to-fit-1366.png,
 * beamer-wall-presenting-1920.png, beamer-wall-presenting-itself-1920.png, beamer-wall-brought-1920.png, beamer-presenter-{1366,1440}.png.
 */
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { describe, expect, it, onTestFinished } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, cameraAtRest, noteTexts, openBoardPage, restsInView, openTemplatesPanel, templateOnNewPage, templateTitles, writeNoteByDoubleClick, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, untilHeld, whenSynced, type TestClient } from '../helpers/clients.ts'
import { presenceJson, type FakePerson } from '../helpers/presence.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { wallParam } from '../../shared/wall.ts'
import { hang } from '../helpers/hang.ts'
import { removeRound, startRound } from '../../shared/board/entries/zustimmung.ts'

const where = (page: Page) => page.locator('.nws-presenter__where').innerText()

type Box = { x: number; y: number; width: number; height: number }

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The board link with the Beamer flag, before the fragment that holds the token. */
const beamerUrl = (url: string) => url.replace('#', '?beamer=1#')

/** Opens the wall and waits until it is connected and its editor is there. */
async function openWall(page: Page, url: string) {
  await page.goto(url)
  await page.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: hang(20_000) })
  await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
}

const peopleCount = (page: Page) => page.locator('[data-people-count]').getAttribute('data-people-count')
/** The people this page knows through awareness: others' presences. */
const collaborators = (page: Page) => page.evaluate(() => window.__netzwerkstatt!.editor.getCollaborators().length)
/** The same for a y-websocket client: the others' awareness states that carry a presence. */
const othersPresent = (client: TestClient) =>
  [...client.provider.awareness.getStates()].filter(([id, state]) => id !== client.doc.clientID && 'presence' in state).length

/**
 * People made on first use and kept for the file's tests that share them; `problems` then holds
 * only what came after the call. `leave()` after the last of those tests: an open board page keeps
 * drawing frames, which the tests after it pay for.
 */
function shared<T extends Record<string, Person>>(make: () => Promise<T>): (() => Promise<T>) & { leave(): Promise<void> } {
  let made: Promise<T> | undefined
  const get = async () => {
    const people = await (made ??= make())
    for (const p of Object.values(people)) p.problems.splice(0)
    return people
  }
  return Object.assign(get, {
    async leave() {
      if (made) for (const p of Object.values(await made)) await p.context.close()
    },
  })
}

/** A Zettel written as a stored update into a template's cell (by key), on the page the cell lies on. */
function noteInTemplateCell(doc: Y.Doc, template: string, key: string, text: string) {
  const cell = recordsIn(doc).find((shape) => scaffoldMeta(shape)?.template === template && scaffoldMeta(shape)?.key === key)
  if (!cell) throw new Error(`no cell ${key} of ${template}`)
  const { w, h } = cell.props as { w: number; h: number }
  const note = { ...noteAt(cell.x + w / 2, cell.y + Math.min(h / 2, 110), text), parentId: cell.parentId }
  putRecords(doc, [note])
  return note
}

describe.skipIf(skipBrowserTests)('presenting', () => {
  const suite = boardBrowserSuite()

  // A Planspiel and its facilitator at 1440×900: the laser pointer, presenting the Planspiel, frames
  // on a page of their own, and the Beamer tests (the second on a page of its own).
  let planspielBoard: Awaited<ReturnType<typeof createBoard>> | undefined
  const planspielFacilitator = shared(async () => {
    planspielBoard = await createBoard(suite.relay, 'Planspiel im Landkreis', { template: 'planspiel', locale: 'de' })
    const facilitator = await suite.person({ keep: true, viewport: { width: 1440, height: 900 } })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, planspielBoard))
    return { facilitator }
  })
  // Its participant, whose browser speaks English, at 1920×1080: following the Planspiel and the frames.
  const planspielParticipant = shared(async () => {
    await planspielFacilitator()
    const participant = await suite.person({ keep: true, viewport: { width: 1920, height: 1080 }, locale: 'en-GB' })
    await openBoardPage(participant.page, boardPageUrl(suite.relay, planspielBoard!, 'participant'))
    return { participant }
  })

  it('the laser pointer is in the toolbar, not behind its overflow', { timeout: hang(60_000) }, async () => {
    const { facilitator: { page, problems } } = await planspielFacilitator()
    // At 1280×800, the page resized.
    await page.setViewportSize({ width: 1280, height: 800 })
    await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(1280)
    const laser = page.locator('.tlui-main-toolbar [data-testid="tools.laser"]')
    await laser.click()
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentToolId())).toBe('laser')
    // Back to selecting and to 1440×900, for the tests after it on this board.
    await page.evaluate(() => void window.__netzwerkstatt!.editor.setCurrentTool('select'))
    await page.setViewportSize({ width: 1440, height: 900 })
    expect(problems).toEqual([])
  })

  it('walks through the board\'s frames in reading order', { timeout: hang(90_000) }, async () => {
    const { facilitator } = await planspielFacilitator()
    const { participant } = await planspielParticipant()
    // A page of their own on the Planspiel's board (presenting walks the current page).
    const [goals, ideas] = await facilitator.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createPage({ name: 'Rahmen' })
      editor.setCurrentPage(editor.getPages().find((p) => p.name === 'Rahmen')!.id)
      editor.createShapes([
        { type: 'frame', x: 3000, y: 0, props: { w: 800, h: 600, name: 'Ideen' } },
        { type: 'frame', x: 0, y: 0, props: { w: 800, h: 600, name: 'Ziele' } },
      ])
      const frames = editor.getCurrentPageShapes().filter((s) => s.type === 'frame')
      return ['Ziele', 'Ideen'].map((name) => frames.find((f) => (f.props as { name: string }).name === name)!.id as string)
    })
    await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
    await expect.poll(() => where(facilitator.page)).toBe('1 von 2: Ziele')
    await expect.poll(() => restsInView(participant.page, goals), { timeout: hang(10_000) }).toBe(true)
    await facilitator.page.keyboard.press('ArrowRight')
    await expect.poll(() => where(facilitator.page)).toBe('2 von 2: Ideen')
    await expect.poll(() => restsInView(participant.page, ideas), { timeout: hang(10_000) }).toBe(true)
    expect(await restsInView(participant.page, goals)).toBe(false)
    expect([...facilitator.problems, ...participant.problems]).toEqual([])
    // Ended, and back on the Planspiel's page for the next test.
    await facilitator.page.getByRole('button', { name: 'Präsentation beenden' }).click()
    await facilitator.page.evaluate(() => void window.__netzwerkstatt!.editor.setCurrentPage(window.__netzwerkstatt!.editor.getPages()[0]!.id))
  })

  it('walks through a Planspiel step by step; the participant sees each step, and it is the current step', { timeout: hang(90_000) }, async () => {
    const { facilitator } = await planspielFacilitator()
    const { participant } = await planspielParticipant()
    // The participant looks somewhere else first.
    await participant.page.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: 5000, y: 5000, z: 1 }))

    await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
    await expect.poll(() => where(facilitator.page)).toBe('1 von 4: 1 · Einführung und Rollen')
    await expect.poll(() => restsInView(participant.page, 'head:case'), { timeout: hang(10_000) }).toBe(true)
    await participant.page.locator('.nws-agenda-chip').getByText('1 · Einführung und Rollen').waitFor()

    await facilitator.page.keyboard.press('PageDown')
    await expect.poll(() => where(facilitator.page)).toBe('2 von 4: 2 · Spiel (≈ 90 Min.)')
    await expect.poll(() => restsInView(participant.page, 'head:scenes'), { timeout: hang(10_000) }).toBe(true)
    await participant.page.locator('.nws-agenda-chip').getByText('2 · Spiel').waitFor()
    await facilitator.page.mouse.move(10, 890)
    await participant.page.mouse.move(10, 1070)
    await screenshot(facilitator.page, 'presenting-facilitator-de-1440.png')
    await screenshot(participant.page, 'presenting-participant-en-1920.png')

    // Back with Page Up; the first step has no way further back.
    await facilitator.page.keyboard.press('PageUp')
    await expect.poll(() => where(facilitator.page)).toBe('1 von 4: 1 · Einführung und Rollen')
    expect(await facilitator.page.getByRole('button', { name: 'Zurück' }).isDisabled()).toBe(true)
    await facilitator.page.getByRole('button', { name: 'Präsentation beenden' }).click()
    await facilitator.page.getByRole('button', { name: 'Präsentieren' }).waitFor()

    // The participant now in a half-screen window beside a video call (683×768). „Alle zu mir“ on
    // the whole Planspiel would draw its Zettel a few pixels tall there: the window shows the
    // part as the wall's table, its Zettel at 14 px or more, with the current step.
    await participant.page.setViewportSize({ width: 683, height: 768 })
    await expect.poll(() => participant.page.evaluate(() => window.innerWidth)).toBe(683)
    await cameraAtRest(facilitator.page)
    const written = await facilitator.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const keyOf = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key ?? ''
      const cell = editor.getCurrentPageShapes().find((s) => keyOf(s).startsWith('role:'))!
      const box = editor.getShapePageBounds(cell)!
      const text = 'Lotsin im Stadtteil'
      editor.createShape({ type: 'note', x: box.x + 20, y: box.y + 20, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } })
      editor.zoomToBounds(editor.getCurrentPageBounds()!, { inset: 0, animation: { duration: 0 } })
      return { text, cell: keyOf(cell) }
    })
    // A head of a department on the facilitator's link (a y-websocket client): a Zettel with a long
    // German compound in a scene's narrow cell, and later the „Einverstanden?“ round on it.
    const asking = connectClient(suite.relay, planspielBoard!.id, new Y.Doc(), { token: planspielBoard!.access.facilitator })
    onTestFinished(() => asking.destroy())
    await whenSynced(asking)
    const compound = 'Randzeitenbetreuung'
    const proposal = noteInTemplateCell(asking.doc, 'planspiel', 'scene:s1:was', compound)
    await untilHeld(asking.doc, [proposal])
    await facilitator.page.locator('[data-action="summon"]').click()
    const table = participant.page.locator('.nws-wall-table--reader')
    const cellsShown = () => table.locator('.nws-wall-table__cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-cell') ?? ''))
    // The whole Planspiel: its roles and its scenes.
    await expect.poll(cellsShown, { timeout: hang(15_000) }).toEqual(expect.arrayContaining([written.cell, 'scene:s1:was']))
    const zettel = table.locator('.nws-wall-table__item--zettel').filter({ hasText: written.text })
    await zettel.waitFor({ timeout: hang(10_000) })
    const read = await zettel.evaluate((el) => ({ font: parseFloat(getComputedStyle(el).fontSize), height: el.getBoundingClientRect().height, right: el.getBoundingClientRect().right }))
    expect(read.font, 'the Zettel’s type in the table').toBeGreaterThanOrEqual(14)
    // Drawn at that size, not a wall's picture scaled down, and inside the window.
    expect(read.height).toBeGreaterThanOrEqual(14)
    expect(read.right).toBeLessThanOrEqual(683)
    // Where the room is, in the presenter's words.
    expect(await table.locator('.nws-followed__step').innerText()).toBe('Step 1 of 4: 1 · Einführung und Rollen')
    // The compound in a cell narrower than the word at 14 px: whole on one line (no hyphenation
    // in this Chromium, so any break would be mid-word), its column grown to it rather than cut.
    const long = table.locator('.nws-wall-table__item--zettel').filter({ hasText: compound })
    await long.waitFor({ timeout: hang(10_000) })
    const word = await long.evaluate((el, w) => {
      const node = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes(w))!
      const range = document.createRange()
      range.setStart(node, node.textContent!.indexOf(w))
      range.setEnd(node, node.textContent!.indexOf(w) + w.length)
      return { lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size, overflows: el.scrollWidth > el.clientWidth + 1, font: parseFloat(getComputedStyle(el).fontSize), lang: el.closest('[lang]')?.getAttribute('lang') }
    }, compound)
    expect(word, `„${compound}“ in the table`).toEqual({ lines: 1, overflows: false, font: expect.any(Number), lang: 'de' })
    expect(word.font).toBeGreaterThanOrEqual(14)
    await screenshot(participant.page, 'presenting-follower-table-683.png')

    // „Einverstanden?“ asked on that Zettel: the participant answers in the round's panel while
    // following. The table leaves it room (no cell or header of the table under it), its words are
    // 14 px or more, and she can fold it to a bar herself; the table then takes the room back.
    startRound(asking.doc, { id: 'follower683', note: proposal.id, question: 'Gemeinsame Randzeitenbetreuung ab März', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', startedAt: Date.now() })
    const round = participant.page.getByRole('region', { name: 'Agreed?' })
    await round.getByText('Gemeinsame Randzeitenbetreuung ab März').waitFor({ timeout: hang(10_000) })
    /** The table's title, headers and cells in the window that lie under `box`. */
    const tableUnder = async (box: { x: number; y: number; width: number; height: number }) =>
      table.locator('.nws-wall-table__title, .nws-wall-table__head, .nws-wall-table__cell').evaluateAll(
        (els, r) =>
          els
            .filter((el) => {
              const b = el.getBoundingClientRect()
              return b.width > 0 && b.top < innerHeight && b.left < r.x + r.width && r.x < b.right && b.top < r.y + r.height && r.y < b.bottom
            })
            .map((el) => (el.getAttribute('data-cell') ?? el.textContent ?? '').slice(0, 30)),
        box,
      )
    await expect.poll(async () => tableUnder((await round.boundingBox())!), { timeout: hang(10_000), message: 'the table under the round\'s panel' }).toEqual([])
    const small = await round.evaluate((panel) =>
      [panel, ...panel.querySelectorAll('*')]
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
        .map((el) => ({ text: el.textContent!.trim().slice(0, 30), px: parseFloat(getComputedStyle(el).fontSize) }))
        .filter((t) => t.px < 14),
    )
    expect(small, 'the round\'s words below 14 px').toEqual([])
    await screenshot(participant.page, 'presenting-follower-round-683.png')
    const titleTop = async () => (await table.locator('.nws-wall-table__title').boundingBox())!.y
    const withPanel = await titleTop()
    await round.locator('[data-round-fold]').click()
    const bar = participant.page.locator('[data-round-unfold]')
    await bar.waitFor()
    await expect.poll(titleTop, { message: 'the table takes the folded panel\'s room back' }).toBeLessThan(withPanel)
    expect(await tableUnder((await bar.boundingBox())!), 'the table under the folded bar').toEqual([])
    await bar.click()
    await round.waitFor()
    // At 960 px (the other window), as the rules decide for that width.
    await participant.page.setViewportSize({ width: 960, height: 768 })
    await expect.poll(() => participant.page.evaluate(() => window.innerWidth)).toBe(960)
    await screenshot(participant.page, 'presenting-follower-960.png')
    // The round over (taken off the board), for what follows.
    removeRound(asking.doc, 'follower683')
    await round.waitFor({ state: 'detached', timeout: hang(10_000) })
    await participant.page.setViewportSize({ width: 683, height: 768 })

    // „To the board“: the canvas again, as the facilitator's view scaled to this window.
    await table.getByRole('button', { name: 'To the board' }).click()
    await expect.poll(() => table.count()).toBe(0)
    expect(await participant.page.locator('.tlui-main-toolbar').isVisible()).toBe(true)
    // The facilitator moves on to the scenes: the table follows, to the scenes' cells alone.
    await facilitator.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const keyOf = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key ?? ''
      const scenes = editor.getCurrentPageShapes().filter((s) => keyOf(s).startsWith('scene')).map((s) => editor.getShapePageBounds(s)!)
      const x = Math.min(...scenes.map((b) => b.x))
      const y = Math.min(...scenes.map((b) => b.y))
      editor.zoomToBounds({ x, y, w: Math.max(...scenes.map((b) => b.maxX)) - x, h: Math.max(...scenes.map((b) => b.maxY)) - y }, { inset: 0, animation: { duration: 0 } })
    })
    await facilitator.page.locator('[data-action="summon"]').click()
    await expect.poll(cellsShown, { timeout: hang(15_000) }).toContain('scene:s1:was')
    expect(await cellsShown()).not.toContain(written.cell)
    // The facilitator's laser over the first scene: that cell is marked in the table.
    const aim = await facilitator.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const cell = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === 'scene:s1:was')!
      editor.setCurrentTool('laser')
      return editor.pageToScreen(editor.getShapePageBounds(cell)!.center)
    })
    await facilitator.page.mouse.move(aim.x - 20, aim.y)
    await facilitator.page.mouse.down()
    const pointed = table.locator('.nws-wall-table__cell[data-pointed]')
    // The laser draws while it moves: a little to and fro over the cell.
    let sway = 0
    await expect
      .poll(
        async () => {
          await facilitator.page.mouse.move(aim.x + (sway++ % 2 ? 10 : -10), aim.y)
          return pointed.getAttribute('data-cell', { timeout: hang(1_000) }).catch(() => null)
        },
        { timeout: hang(10_000) },
      )
      .toBe('scene:s1:was')
    await screenshot(participant.page, 'presenting-follower-moved-on-683.png')
    await facilitator.page.mouse.up()
    await facilitator.page.evaluate(() => void window.__netzwerkstatt!.editor.setCurrentTool('select'))
    await table.getByRole('button', { name: 'To the board' }).click()
    // The board as the Beamer tests expect it: nothing written, so a presentation walks all four steps.
    await facilitator.page.evaluate((texts) => {
      const editor = window.__netzwerkstatt!.editor
      editor.deleteShapes(editor.getCurrentPageShapes().filter((s) => s.type === 'note' && texts.some((text) => JSON.stringify(s.props).includes(text))))
    }, [written.text, compound])
    expect([...facilitator.problems, ...participant.problems]).toEqual([])
    // The participant gone: the Beamer tests find the facilitator alone.
    await planspielParticipant.leave()
  })

  describe('the Beamer mode', () => {
    it('a facilitator makes this device the wall at its name prompt, and presents from it', { timeout: hang(90_000) }, async () => {
      // The Planspiel test's board and facilitator, its participant gone (it left after that test).
      const { facilitator } = await planspielFacilitator()
      const board = planspielBoard!
      await expect.poll(() => peopleCount(facilitator.page), { timeout: hang(15_000) }).toBe('1')
      const wall = await suite.person({ viewport: { width: 1920, height: 1080 }, askName: true })
      await wall.page.goto(boardPageUrl(suite.relay, board))
      await wall.page.getByRole('button', { name: 'Dieses Gerät ist der Beamer' }).click()
      await wall.page.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: hang(20_000) })
      await expect.poll(() => collaborators(wall.page), { timeout: hang(15_000) }).toBe(1)
      // Remembered for this board: a reload is the wall again, without a question.
      const sockets: string[] = []
      wall.page.on('websocket', (socket) => sockets.push(socket.url()))
      await wall.page.reload()
      await wall.page.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: hang(20_000) })
      expect(await wall.page.locator('.nws-name-prompt').count()).toBe(0)
      // It tells the relay it is the wall, which then counts it among nobody present in a vote,
      // also while it presents (test/integration/voting.test.ts).
      expect(sockets.filter((url) => url.includes('/ws/')).map((url) => new URL(url).searchParams.get(wallParam.name))).toContain(wallParam.value)

      // The wall presents itself, with a presenter's clicker (arrows, Escape); the facilitator's
      // laptop follows each step, as everyone's does, and it is the current step.
      await wall.page.getByRole('button', { name: 'Präsentieren' }).click()
      const where = wall.page.locator('.nws-beamer .nws-presenter__where')
      await expect.poll(() => where.innerText()).toBe('1 von 4: 1 · Einführung und Rollen')
      await wall.page.keyboard.press('ArrowRight')
      await expect.poll(() => where.innerText()).toBe('2 von 4: 2 · Spiel (≈ 90 Min.)')
      await facilitator.page.locator('.nws-agenda-chip').getByText('2 · Spiel').waitFor()
      await expect.poll(() => restsInView(facilitator.page, 'head:scenes'), { timeout: hang(10_000) }).toBe(true)
      await cameraAtRest(wall.page)
      // The pointer away from the corner, as on the wall: the corner fades.
      await wall.page.mouse.move(960, 540)
      await wall.page.waitForFunction(() => getComputedStyle(document.querySelector('.nws-beamer-bar')!).opacity === '0.3')
      await screenshot(wall.page, 'beamer-wall-presenting-itself-1920.png')
      await wall.page.keyboard.press('Escape')
      await wall.page.getByRole('button', { name: 'Präsentieren' }).waitFor()
      expect(await peopleCount(facilitator.page)).toBe('1')
      expect(await collaborators(facilitator.page)).toBe(0)
      expect([...facilitator.problems, ...wall.problems]).toEqual([])
    })

    it('the wall is nobody on the board and shows a slide alone while a vote is open; the presenter bar leaves „Vorlagen“ free at 1440 and 1366 px', { timeout: hang(120_000) }, async () => {
      // The Planspiel's board and facilitator (alone again), a Gründungsveranstaltung on a page of its own.
      const { facilitator } = await planspielFacilitator()
      const board = planspielBoard!
      await templateOnNewPage(facilitator.page, 'Gründung', /^Gründungsveranstaltung/)
      // The participant only is there, writes and hears: a y-websocket client with the participant
      // link and a presence like a page's (its awareness renews itself).
      const participant = connectClient(suite.relay, board.id, new Y.Doc(), { token: board.access.participant })
      onTestFinished(() => participant.destroy())
      const herName: FakePerson = { clientId: participant.doc.clientID, clock: 0, name: 'Frau Yilmaz', cursor: { x: 0, y: 0 }, view: { x: 0, y: 0, w: 1440, h: 900 } }
      participant.provider.awareness.setLocalState(JSON.parse(presenceJson(herName)))
      await whenSynced(participant)
      await expect.poll(() => peopleCount(facilitator.page), { timeout: hang(15_000) }).toBe('2')
      await expect.poll(() => othersPresent(participant), { timeout: hang(15_000) }).toBe(1)

      // A browser new to the app, which would be asked for a name.
      const wall = await suite.person({ viewport: { width: 1920, height: 1080 }, askName: true })
      await openWall(wall.page, beamerUrl(boardPageUrl(suite.relay, board)))
      // It hears both of them, so its own awareness would have reached them before this.
      await expect.poll(() => collaborators(wall.page), { timeout: hang(15_000) }).toBe(2)
      expect(await wall.page.locator('.nws-name-prompt').count()).toBe(0)
      expect(await wall.page.locator('.tlui-main-toolbar, .nws-facilitation-dock, .nws-share-zone').count()).toBe(0)
      // The flag is remembered, not kept in the address: a reload stays the wall, the link stays clean.
      expect(new URL(wall.page.url()).search).toBe('')

      await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
      // The wall follows the presentation to its first slide: the template drawn as a table.
      await expect.poll(() => wall.page.locator('.nws-wall-table__title').textContent(), { timeout: hang(15_000) }).toMatch(/^Gründungsveranstaltung/)

      // A Zettel to vote on, the participant's (writing moves nobody's view): a page on the board gets a target for dots on it, the wall must not.
      // Written into a cell the wall's slide shows: it appears there while the slide is shown.
      const cell = (await wall.page.locator('.nws-wall-table__cell').first().getAttribute('data-cell'))!
      noteInTemplateCell(participant.doc, 'gruendungsveranstaltung', cell, 'Kinderbetreuung bei Terminen')
      await facilitator.page.getByRole('button', { name: 'Punktabfrage …' }).click()
      await facilitator.page.getByRole('button', { name: 'Punktabfrage starten' }).click()
      // A page on the board (the facilitator's) shows the vote and has a target for dots on the
      // Zettel: there under the slide's table that covers a presenter's canvas (the participant's
      // visible targets: votingScopes.test.ts).
      await facilitator.page.getByRole('region', { name: 'Punktabfrage' }).getByText('Noch 3 Punkte').waitFor()
      await facilitator.page.locator('.nws-vote-target').first().waitFor({ state: 'attached' })
      await expect.poll(() => noteTexts(wall.page)).toEqual(['Kinderbetreuung bei Terminen'])

      await cameraAtRest(wall.page)
      await wall.page.mouse.move(960, 540)
      await screenshot(wall.page, 'beamer-wall-presenting-1920.png')

      // Nothing but the slide: no tools, no vote panel or its facilitator's buttons, no toasts, no dot targets.
      for (const hidden of ['.tlui-main-toolbar', '.tlui-menu-zone', '.nws-facilitation', '.nws-vote-panel', '.tlui-toast__container', '.nws-vote-target', '.nws-name-prompt']) {
        expect(await wall.page.locator(hidden).count(), hidden).toBe(0)
      }
      expect(await wall.page.getByText('Ergebnis löschen', { exact: false }).count()).toBe(0)
      expect(await wall.page.getByText('Punktabfrage', { exact: false }).count()).toBe(0)

      // The slide is the template's table: its title whole within the 16:9 safe area (a tenth of the
      // picture left free around it), the Zettel on it.
      const onScreen = await wall.page.locator('.nws-wall-table__title').boundingBox()
      expect(await wall.page.locator('.nws-wall-table__title').innerText()).toContain('Gründungsveranstaltung')
      expect(onScreen!.x).toBeGreaterThanOrEqual(1920 * 0.05 - 1)
      expect(onScreen!.y).toBeGreaterThanOrEqual(1080 * 0.05 - 1)
      expect(onScreen!.x + onScreen!.width).toBeLessThanOrEqual(1920 * 0.95 + 1)
      expect(onScreen!.y + onScreen!.height).toBeLessThanOrEqual(1080 * 0.95 + 1)
      await expect.poll(() => wall.page.locator('.nws-wall-table__item--zettel').allInnerTexts()).toEqual(['Kinderbetreuung bei Terminen'])

      // Nobody gained a person: not in the lists, not as a cursor, not in awareness.
      expect(await peopleCount(facilitator.page)).toBe('2')
      expect(await collaborators(facilitator.page)).toBe(1)
      expect(othersPresent(participant)).toBe(1)
      await facilitator.page.locator('.tlui-people-menu__avatars-button').click()
      await facilitator.page.getByText('2 Personen auf dem Board').waitFor()

      // A Zukunftskonferenz on a page of its own, a Zettel in each step's cells: steps 1–3 share one
      // table (and the view the room is brought to), each is still its own slide on the wall, named
      // by what it is (its id), never by the view it shows.
      await facilitator.page.getByRole('button', { name: 'Präsentation beenden' }).click()
      await templateOnNewPage(facilitator.page, 'Zukunft', /^Zukunftskonferenz/)
      const stepTitles = ['1 · Vergangenheit', '2 · Gegenwart und Trends', '3 · Vision', '4 · Gemeinsamkeiten', '5 · Maßnahmenplanung']
      const stepCells = ['cell:g1:vergangenheit', 'cell:g2:gegenwart', 'cell:g1:vision', 'cell:gemeinsamkeiten', 'action:a1:massnahme']
      await expect.poll(() => recordsIn(participant.doc).filter((shape) => scaffoldMeta(shape)?.template === 'zukunftskonferenz' && stepCells.includes(scaffoldMeta(shape)?.key ?? '')).length, { timeout: hang(10_000) }).toBe(stepCells.length)
      for (const [i, key] of stepCells.entries()) noteInTemplateCell(participant.doc, 'zukunftskonferenz', key, `Zettel zu Schritt ${i + 1}`)
      await expect.poll(() => noteTexts(facilitator.page), { timeout: hang(10_000) }).toHaveLength(stepCells.length)
      // The room's clock: five minutes running.
      await facilitator.page.locator('button.nws-timer').click()
      await facilitator.page.locator('[data-minutes="5"]').click()
      await facilitator.page.keyboard.press('Escape')
      await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
      const wallTitle = wall.page.locator('.nws-wall-table__title')
      for (const [i, title] of stepTitles.entries()) {
        if (i > 0) await facilitator.page.keyboard.press('PageDown')
        await expect.poll(() => where(facilitator.page), { message: `the presenter on step ${i + 1}` }).toBe(`${i + 1} von 5: ${title}`)
        await expect.poll(() => wallTitle.innerText(), { timeout: hang(10_000), message: `the wall on step ${i + 1}` }).toBe(`Zukunftskonferenz · ${title}`)
        await expect.poll(() => wall.page.locator('.nws-wall-table__item--zettel').allInnerTexts(), { message: `the wall's Zettel on step ${i + 1}` }).toEqual([`Zettel zu Schritt ${i + 1}`])
        // The wall's clock beside the title: the time left (the step is the slide's title).
        await expect.poll(() => wall.page.locator('.nws-wall-table .nws-wall-clock__time').innerText(), { message: `the wall's timer on step ${i + 1}` }).toMatch(/^0[45]:\d\d$/)
        expect(await wall.page.locator('.nws-wall-clock__step').count(), `the step named once on step ${i + 1}`).toBe(0)
      }
      const clockPx = await wall.page.locator('.nws-wall-clock__time').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
      expect(clockPx, 'the timer on the wall, in px of a 1080-px picture').toBeGreaterThanOrEqual(40)
      const [clockBox, titleBox] = [(await wall.page.locator('.nws-wall-clock').boundingBox())!, (await wallTitle.boundingBox())!]
      expect(overlap(clockBox, titleBox), 'the clock beside the slide\'s title').toBe(false)
      expect(clockBox.x + clockBox.width, 'the clock in the safe area').toBeLessThanOrEqual(1920 * 0.95 + 1)
      await cameraAtRest(wall.page)
      await screenshot(wall.page, 'beamer-wall-zukunftskonferenz-1920.png')

      // The facilitator's presenter bar, at 1440 px and at 1366 px, beside the timer and the step:
      // its place and slide whole, „Vorlagen“ free and reachable.
      const bar = facilitator.page.locator('.nws-presenter')
      const templates = facilitator.page.getByRole('button', { name: 'Vorlagen', exact: true })
      for (const viewport of [{ width: 1440, height: 900 }, { width: 1366, height: 768 }]) {
        await facilitator.page.setViewportSize(viewport)
        await expect.poll(() => facilitator.page.evaluate(() => window.innerWidth)).toBe(viewport.width)
        await bar.waitFor()
        const [barBox, templatesBox] = [(await bar.boundingBox())!, (await templates.boundingBox())!]
        await screenshot(facilitator.page, `beamer-presenter-${viewport.width}.png`)
        expect(overlap(barBox, templatesBox), `at ${viewport.width} px: presenter bar ${JSON.stringify(barBox)} and Vorlagen ${JSON.stringify(templatesBox)}`).toBe(false)
        const cut = await facilitator.page.locator('.nws-presenter__where').evaluate((el) => el.scrollWidth > el.clientWidth + 1)
        expect(cut, `at ${viewport.width} px: „${await where(facilitator.page)}“ cut`).toBe(false)
        expect(barBox.x + barBox.width, `at ${viewport.width} px: the bar within the window`).toBeLessThanOrEqual(viewport.width)
      }
      await templates.click()
      await facilitator.page.getByRole('dialog', { name: 'Vorlagen' }).waitFor()
      await templates.click()
      await facilitator.page.getByRole('dialog', { name: 'Vorlagen' }).waitFor({ state: 'detached' })
      // Ended: the wall shows the board again, its clock in the corner with the step the room is on.
      await facilitator.page.getByRole('button', { name: 'Präsentation beenden' }).click()
      await wall.page.locator('.nws-wall-table').waitFor({ state: 'detached' })
      await expect.poll(() => wall.page.locator('.nws-wall-clock-corner .nws-wall-clock__step').innerText()).toBe(stepTitles[4])
      expect(await wall.page.locator('.nws-wall-clock-corner .nws-wall-clock__time').innerText()).toMatch(/^0[45]:\d\d$/)
      // Above the safe area, where the canvas's views leave room: no column header under it.
      const corner = (await wall.page.locator('.nws-wall-clock-corner').boundingBox())!
      expect(corner.y + corner.height, 'the corner clock above the safe area').toBeLessThanOrEqual(1080 * 0.05 + 1)
      expect(corner.x + corner.width, 'the corner clock within the safe area\'s width').toBeLessThanOrEqual(1920 * 0.95 + 1)
      await cameraAtRest(wall.page)
      await screenshot(wall.page, 'beamer-wall-clock-1920.png')

      // Not presenting, „Alle zu …“ the template, then its third step: the wall shows each as the
      // table presenting would (not the canvas at 22 %), with the clock, every Zettel readable.
      const bringing = facilitator.page.locator('.nws-bring')
      const bring = async (action: string, step?: string) => {
        if (!(await bringing.isVisible())) await facilitator.page.locator('[data-action="bring"]').click()
        await bringing.locator(step ? `[data-step="${step}"] [data-action="${action}"]` : `[data-action="${action}"]`).first().click()
      }
      /** Each Zettel's type on the 1920-px picture (the table is scaled into the safe area). */
      const zettelPx = () =>
        wall.page.locator('.nws-wall-table__item--zettel').evaluateAll((items) => items.map((el) => (parseFloat(getComputedStyle(el).fontSize) * el.getBoundingClientRect().width) / (el as HTMLElement).offsetWidth))
      const broughtTo = [
        { action: 'bring-part', title: `Zukunftskonferenz · ${stepTitles[0]}`, zettel: ['Zettel zu Schritt 1'] },
        { action: 'bring-step', step: 'step:3', title: `Zukunftskonferenz · ${stepTitles[2]}`, zettel: ['Zettel zu Schritt 3'] },
      ]
      for (const { action, step, title, zettel } of broughtTo) {
        await bring(action, step)
        await expect.poll(() => wallTitle.innerText(), { timeout: hang(10_000), message: `the wall brought to ${title}` }).toBe(title)
        await expect.poll(() => wall.page.locator('.nws-wall-table__item--zettel').allInnerTexts(), { message: `the Zettel of ${title}` }).toEqual(zettel)
        for (const px of await zettelPx()) expect(px, `a Zettel of ${title}, in px of the 1920-px picture`).toBeGreaterThanOrEqual(14)
        expect(await wall.page.locator('.nws-wall-table .nws-wall-clock__time').innerText(), `the clock beside ${title}`).toMatch(/^\d\d:\d\d$/)
      }
      await cameraAtRest(wall.page)
      await screenshot(wall.page, 'beamer-wall-brought-1920.png')
      // Presenting again takes over; ended, its slide's focus leaves the wall the canvas.
      if (await bringing.isVisible()) await facilitator.page.keyboard.press('Escape')
      await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
      await expect.poll(() => wallTitle.innerText(), { timeout: hang(10_000), message: 'presenting takes the wall over' }).toBe(`Zukunftskonferenz · ${stepTitles[0]}`)
      await facilitator.page.getByRole('button', { name: 'Präsentation beenden' }).click()
      await wall.page.locator('.nws-wall-table').waitFor({ state: 'detached' })

      // Leaving the mode: the wall's small button; then it is someone (and asked for a name).
      await wall.page.getByRole('button', { name: 'Beamer-Modus beenden' }).click()
      await wall.page.locator('.nws-name-prompt').waitFor()
      await wall.page.getByRole('button', { name: 'Später' }).click()
      await expect.poll(() => peopleCount(facilitator.page), { timeout: hang(15_000) }).toBe('3')

      // „Zoom to fit“ (Shift+1) on the facilitator's 1366×768 laptop: the Zukunftskonferenz in the
      // part of the canvas the dock leaves free, its title not under the dock's buttons.
      await facilitator.page.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: 0, y: 0, z: 1 }))
      await facilitator.page.keyboard.press('Shift+Digit1')
      await expect.poll(() => facilitator.page.evaluate(() => window.__netzwerkstatt!.editor.getZoomLevel()), { message: 'zoomed to fit' }).toBeLessThan(1)
      await cameraAtRest(facilitator.page)
      const underDock = await facilitator.page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const dock = [...document.querySelectorAll('.nws-facilitation-dock > :not(.nws-facilitation-dock__row), .nws-facilitation-dock__row > *')]
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0 && r.height > 0)
        return editor
          .getCurrentPageShapes()
          .filter((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'title')
          .flatMap((s) => {
            const b = editor.getShapePageBounds(s)!
            const [a, z] = [editor.pageToScreen({ x: b.x, y: b.y }), editor.pageToScreen({ x: b.maxX, y: b.maxY })]
            return dock.filter((r) => a.x < r.right && r.left < z.x && a.y < r.bottom && r.top < z.y).map((r) => ({ title: [a.x, a.y, z.x, z.y].map(Math.round), dock: [r.left, r.top, r.right, r.bottom].map(Math.round) }))
          })
      })
      await screenshot(facilitator.page, 'presenting-zoom-to-fit-1366.png')
      expect(underDock, 'the template title under the dock after „Zoom to fit“').toEqual([])

      expect([...facilitator.problems, ...wall.problems]).toEqual([])
    })
  })

  it('keeps the view where the presenter put it while a participant writes, and the note stays in view', { timeout: hang(90_000) }, async () => {
    const { facilitator } = await planspielFacilitator()
    const board = planspielBoard!
    // A Beteiligtenanalyse on a page of its own, at 1920×1080.
    await facilitator.page.setViewportSize({ width: 1920, height: 1080 })
    await templateOnNewPage(facilitator.page, 'Beteiligte', /^Beteiligtenanalyse/)
    // The participant only writes: a y-websocket client with the participant's link.
    const participant = connectClient(suite.relay, board.id, new Y.Doc(), { token: board.access.participant })
    try {
      await whenSynced(participant)
      await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
      // One slide, the analysis (its title from the Vorlagen panel carries the day it was inserted).
      await expect.poll(() => where(facilitator.page)).toMatch(/^1 von 1: Beteiligtenanalyse( · |$)/)
      await cameraAtRest(facilitator.page)
      const camera = () => facilitator.page.evaluate(() => window.__netzwerkstatt!.editor.getCamera())
      const before = await camera()

      // A note written meanwhile (it may cut the analysis into other slides).
      const written = noteInTemplateCell(participant.doc, 'beteiligtenanalyse', 'cell:p2:strategien', 'Gemeinsame Sprechstunde')
      await untilHeld(participant.doc, [written])
      await expect.poll(() => noteTexts(facilitator.page), { timeout: hang(10_000) }).toEqual(['Gemeinsame Sprechstunde'])
      // A view pulled along would start moving within the next frames.
      await cameraAtRest(facilitator.page)
      expect(await camera()).toEqual(before)

      // Moving on shows the part with the note.
      await facilitator.page.keyboard.press('PageUp')
      await cameraAtRest(facilitator.page)
      expect(await restsInView(facilitator.page, 'cell:p2:strategien')).toBe(true)
      // Ended, for the templates tests that go on with this facilitator.
      await facilitator.page.getByRole('button', { name: 'Präsentation beenden' }).click()
      await facilitator.page.getByRole('button', { name: 'Präsentieren' }).waitFor()
      expect(facilitator.problems).toEqual([])
    } finally {
      participant.destroy()
    }
  })

  describe('templates', () => {
    it('starts with the template on the left when a second one was put beside it', { timeout: hang(90_000) }, async () => {
      const { facilitator: { page, problems } } = await planspielFacilitator()
      await page.setViewportSize({ width: 1440, height: 900 })
      // A page of its own: a Beteiligtenanalyse from the Vorlagen panel.
      await templateOnNewPage(page, 'Auftakt', /^Beteiligtenanalyse/)
      // The facilitator looks to the right of the analysis, a little above its middle, and puts a Protokoll there.
      await page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const analysis = editor.getCurrentPageBounds()!
        editor.centerOnPoint({ x: analysis.maxX + 1500, y: analysis.y + analysis.h / 3 }, { animation: { duration: 0 } })
      })
      const panel = await openTemplatesPanel(page)
      await panel.getByRole('button', { name: /^Protokoll/ }).click()
      await panel.getByRole('button', { name: 'Einfügen' }).click()
      await panel.waitFor({ state: 'detached' })
      const titles = await templateTitles(page)
      const analysis = titles.find((t) => t.template === 'beteiligtenanalyse')!.box
      const minutes = titles.find((t) => t.template === 'protokoll')!.box
      // Where the Vorlagen panel put it: beside the first one, on the right.
      expect(minutes.x).toBeGreaterThan(analysis.x + analysis.w)

      await page.getByRole('button', { name: 'Präsentieren' }).click()
      await expect.poll(() => where(page)).toMatch(/^1 von 2: Beteiligtenanalyse/)
      await page.keyboard.press('PageDown')
      await expect.poll(() => where(page)).toMatch(/^2 von 2: Protokoll/)
      await page.getByRole('button', { name: 'Präsentation beenden' }).click()
      await page.getByRole('button', { name: 'Präsentieren' }).waitFor()
      expect(problems).toEqual([])
    })

    it('shows a rule of the Netzwerkregeln written out with its whole row on one slide, not a slide per cell', { timeout: hang(120_000) }, async () => {
      const { facilitator: { page, problems } } = await planspielFacilitator()
      await page.setViewportSize({ width: 1920, height: 1080 })
      await templateOnNewPage(page, 'Regeln', /^Netzwerkregeln/)
      const row = ['regel', 'vereinbartAm', 'verbindlichkeit', 'wer', 'ueberpruefung'].map((column) => `regeln:cell:treffen:${column}`)
      for (const [i, key] of row.entries()) await writeNoteByDoubleClick(page, key, `Treffen ${i + 1}`)
      await expect.poll(() => noteTexts(page)).toHaveLength(row.length)

      await page.getByRole('button', { name: 'Präsentieren' }).click()
      await expect.poll(() => where(page)).toMatch(/^1 von \d+/)
      const slides = Number((await where(page)).match(/^1 von (\d+)/)![1])
      // On each slide, the text size on screen of each Zettel in view (tldraw's 22 px at scale 1).
      const readable = new Map<string, number>()
      const perSlide: string[][] = []
      for (let n = 1; n <= slides; n++) {
        if (n > 1) await page.keyboard.press('PageDown')
        await expect.poll(() => where(page)).toMatch(new RegExp(`^${n} von ${slides}`))
        await cameraAtRest(page)
        const sizes = await page.evaluate(() => {
          const editor = window.__netzwerkstatt!.editor
          const view = editor.getViewportPageBounds()
          return editor
            .getCurrentPageShapes()
            .filter((s) => s.type === 'note' && view.containsPoint(editor.getShapePageBounds(s)!.center))
            .map((s) => {
              const text = (s.props as { richText: { content: { content?: { text: string }[] }[] } }).richText.content[0]!.content![0]!.text
              return [text, 22 * 0.9 * (s.props as { scale: number }).scale * editor.getZoomLevel()] as const
            })
        })
        for (const [text, px] of sizes) readable.set(text, Math.max(readable.get(text) ?? 0, px))
        perSlide.push(sizes.map(([text]) => text))
        await screenshot(page, `presenting-netzwerkregeln-1920-${n}.png`)
      }
      // The rules' table on few slides, the row's Zettel together on one (read on the wall: templatesOnScreen.test.ts, test/unit/templates/wallSlides.test.ts).
      expect(slides).toBeLessThanOrEqual(3)
      expect([...readable.keys()].sort()).toEqual(row.map((_, i) => `Treffen ${i + 1}`))
      expect(perSlide.some((texts) => row.every((_, i) => texts.includes(`Treffen ${i + 1}`)))).toBe(true)
      expect(problems).toEqual([])
      await planspielFacilitator.leave()
    })
  })
})

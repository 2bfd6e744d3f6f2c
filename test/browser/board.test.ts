/**
 * Two real browsers on one board, against the real relay serving the production build.
 * Needs `npm run build` first (the relay serves dist/client) and Chromium at /usr/bin/chromium.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedBoard } from '../../shared/api.ts'
import * as Y from 'yjs'
import Database from 'better-sqlite3'
import { formatVersion } from '../../shared/board/ydoc.ts'
import { boardPageUrl, connectClient, createBoard, whenSynced } from '../helpers/clients.ts'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { makeDataDir, removeDataDir, startRelay } from '../helpers/relay.ts'
import { sharedRelay, type FileRelay } from '../helpers/sharedRelay.ts'
import { shellCached, skipNamePrompt } from '../helpers/boardPages.ts'


// Locally a missing browser skips these tests; in CI it must fail them instead.
describe.skipIf(skipBrowserTests)('board in the browser', () => {
  // The run's shared relay; the board stored in format 1 gets a relay of its own, on its own data directory.
  let relay: FileRelay
  let browser: Browser

  beforeAll(async () => {
    relay = await sharedRelay()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
  })

  /** A separate browser profile: own localStorage, IndexedDB and user, like another person. */
  async function person(locale = 'de-DE') {
    const context = await browser.newContext({ locale, viewport: { width: 1200, height: 800 } })
    await context.addInitScript(() => {
      window.__netzwerkstattTestHooks = true
    })
    await skipNamePrompt(context)
    const requests: string[] = []
    const problems: string[] = []
    context.on('request', (request) => requests.push(request.url()))
    context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
    const page = await context.newPage()
    page.on('websocket', (socket) => requests.push(socket.url()))
    page.on('console', (message) => {
      // A CSP refusal means something tried to leave the origin (or use a data: URL).
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text())
    })
    return { context, page, requests, problems }
  }

  /** A new board and its page URLs: the facilitator's and the participants' link. */
  async function newBoard(title: string): Promise<{ board: CreatedBoard; facilitator: string; participant: string }> {
    const board = await createBoard(relay, title)
    return { board, facilitator: boardPageUrl(relay, board), participant: boardPageUrl(relay, board, 'participant') }
  }

  async function openBoard(page: Page, url: string, state: 'connected' | 'offline' = 'connected') {
    await page.goto(url)
    await page.locator(`.nws-status[data-state="${state}"]`).waitFor({ timeout: 20_000 })
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
  }

  const shapeTexts = (page: Page) =>
    page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      return editor
        .getCurrentPageShapes()
        .map((shape) => editor.getShapeUtil(shape).getText(shape) ?? '')
        .sort()
    })

  const waitForShapeCount = (page: Page, count: number) =>
    page.waitForFunction((n) => window.__netzwerkstatt?.editor.getCurrentPageShapes().length === n, count, {
      timeout: 15_000,
    })

  async function addNote(page: Page, text: string, x: number) {
    await page.evaluate(
      ({ text, x }) => {
        const editor = window.__netzwerkstatt!.editor
        editor.createShape({ type: 'note', x, y: 200, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } })
      },
      { text, x },
    )
  }

  function expectSameOrigin(requests: string[]) {
    const origin = new URL(relay.httpUrl)
    const foreign = requests.filter((url) => {
      const u = new URL(url)
      if (u.protocol === 'blob:' || u.protocol === 'data:') return false
      return u.host !== origin.host || !['http:', 'ws:'].includes(u.protocol)
    })
    expect(foreign).toEqual([])
  }

  /** A board's tokens travel only as the websocket's `token` parameter (and in headers). */
  function expectTokensOnlyInSocketUrls(requests: string[], board: CreatedBoard) {
    const tokens = Object.values(board.access)
    const leaks = requests.filter((url) => {
      const u = new URL(url)
      const withoutSocketToken = u.protocol === 'ws:' ? `${u.origin}${u.pathname}` : u.href.replace(u.hash, '')
      return tokens.some((token) => withoutSocketToken.includes(token))
    })
    expect(leaks).toEqual([])
  }

  it('shows a shape drawn by one person to the other, keeps it across reloads, and talks only to its own origin', { timeout: 90_000 }, async () => {
    const { board, facilitator: url, participant } = await newBoard('Zwei Leute')
    const anna = await person('de-DE')
    const ben = await person('en-US')
    await openBoard(anna.page, url)
    await openBoard(ben.page, participant)

    // Anna draws a rectangle with the mouse, the way a person would.
    await anna.page.keyboard.press('r')
    await anna.page.mouse.move(400, 300)
    await anna.page.mouse.down()
    await anna.page.mouse.move(520, 380, { steps: 8 })
    await anna.page.mouse.up()

    const drawn = await anna.page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes())
    expect(drawn).toHaveLength(1)
    expect(drawn[0]).toMatchObject({ type: 'geo', x: 400, y: 300, props: { geo: 'rectangle', w: 120, h: 80 } })
    // Ben may first see the rectangle mid-drag; it has to end up exactly like Anna's.
    await expect
      .poll(() => ben.page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes()), { timeout: 15_000 })
      .toEqual(drawn)

    // Presence: Ben sees Anna's cursor under her generated name.
    const annaName = await anna.page.evaluate(() => window.__netzwerkstatt!.editor.user.getName())
    expect(annaName.length).toBeGreaterThan(0)
    await anna.page.mouse.move(700, 500, { steps: 4 })
    await ben.page.waitForFunction(
      (name) => window.__netzwerkstatt!.editor.getCollaborators().some((c) => c.userName === name && c.cursor !== null),
      annaName,
    )

    // Anna renames herself in the people menu; Ben's view follows.
    await anna.page.locator('.tlui-people-menu__avatars-button').click()
    await anna.page.locator('[data-testid="people-menu.change-name"]').click()
    await anna.page.keyboard.press('ControlOrMeta+a')
    await anna.page.keyboard.type('Anna')
    await anna.page.keyboard.press('Enter')
    await ben.page.waitForFunction(() =>
      window.__netzwerkstatt!.editor.getCollaborators().some((c) => c.userName === 'Anna'),
    )
    await anna.page.keyboard.press('Escape')
    await screenshot(ben.page, 'board-two-people.png')

    // Ben reloads; and someone new, without any local copy, gets it from the server.
    await ben.page.reload()
    await ben.page.locator('.nws-status[data-state="connected"]').waitFor()
    await ben.page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    await waitForShapeCount(ben.page, 1)
    const carla = await person('de-DE')
    await openBoard(carla.page, participant)
    await waitForShapeCount(carla.page, 1)
    expect(await carla.page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes()[0].id)).toBe(drawn[0].id)

    expect(await anna.page.title()).toBe('Zwei Leute · Netzwerkstatt')
    for (const p of [anna, ben, carla]) {
      expectSameOrigin(p.requests)
      expectTokensOnlyInSocketUrls(p.requests, board)
      expect(p.problems).toEqual([])
      await p.context.close()
    }
  })

  it('keeps edits made offline, shows them after an offline reload, and merges them on reconnect', { timeout: 90_000 }, async () => {
    const { board, participant: url, facilitator } = await newBoard('Unterwegs')
    const anna = await person()
    const ben = await person()
    await openBoard(anna.page, url)
    await openBoard(ben.page, facilitator)
    await addNote(anna.page, 'vorher', 0)
    await waitForShapeCount(ben.page, 1)

    // The app shell must be in the service worker's cache before the network goes away.
    await expect.poll(() => shellCached(anna.page), { timeout: 15_000 }).toBe(true)

    await anna.context.setOffline(true)
    await anna.page.locator('.nws-status[data-state="offline"]').waitFor()

    // Ben keeps working; once a third person has his note, Anna would have it too if she were connected.
    await addNote(ben.page, 'von Ben', 300)
    const carla = await person()
    await openBoard(carla.page, facilitator)
    await waitForShapeCount(carla.page, 2)
    expect(await shapeTexts(anna.page)).toEqual(['vorher'])

    // Anna edits offline, and the edit reaches her IndexedDB.
    const storedUpdates = () =>
      anna.page.evaluate(
        (name) =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open(name)
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const count = open.result.transaction('updates').objectStore('updates').count()
              count.onsuccess = () => {
                open.result.close()
                resolve(count.result)
              }
            }
          }),
        `netzwerkstatt:${new URL(url).pathname.split('/').pop()}`,
      )
    const before = await storedUpdates()
    await addNote(anna.page, 'offline notiert', 600)
    await expect.poll(storedUpdates).toBeGreaterThan(before)

    // Reload without network: the service worker serves the page, IndexedDB the board.
    await anna.page.reload()
    await anna.page.locator('.nws-status[data-state="offline"]').waitFor({ timeout: 20_000 })
    await anna.page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    await waitForShapeCount(anna.page, 2)
    expect(await shapeTexts(anna.page)).toEqual(['offline notiert', 'vorher'])
    await screenshot(anna.page, 'board-offline-reload.png')

    await anna.context.setOffline(false)
    await anna.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    for (const p of [anna, ben, carla]) await waitForShapeCount(p.page, 3)
    for (const p of [anna, ben, carla]) {
      expect(await shapeTexts(p.page)).toEqual(['offline notiert', 'von Ben', 'vorher'])
      expectSameOrigin(p.requests)
      expectTokensOnlyInSocketUrls(p.requests, board)
      expect(p.problems).toEqual([])
      await p.context.close()
    }
  })
  /** The only note on the page: its text and position. */
  const theNote = (page: Page) =>
    page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const [shape] = editor.getCurrentPageShapes()
      return { text: editor.getShapeUtil(shape).getText(shape), x: shape.x, y: shape.y }
    })

  it('keeps both an offline text edit and a concurrent move of the same note, on both screens', { timeout: 90_000 }, async () => {
    const { facilitator, participant } = await newBoard('Gleichzeitig')
    const anna = await person()
    const ben = await person()
    await openBoard(anna.page, participant)
    await openBoard(ben.page, facilitator)
    await addNote(anna.page, 'Entwurf', 100)
    await waitForShapeCount(ben.page, 1)

    await anna.context.setOffline(true)
    await anna.page.locator('.nws-status[data-state="offline"]').waitFor()
    // Anna fixes her text offline while Ben, the facilitator, drags the note elsewhere.
    await anna.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const [note] = editor.getCurrentPageShapes()
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Entwurf, korrigiert' }] }] }
      editor.updateShape({ id: note.id, type: 'note', props: { richText } })
    })
    await ben.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const [note] = editor.getCurrentPageShapes()
      editor.updateShape({ id: note.id, type: note.type, x: 500, y: 420 })
    })
    await anna.context.setOffline(false)
    await anna.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })

    const merged = { text: 'Entwurf, korrigiert', x: 500, y: 420 }
    for (const p of [anna, ben]) await expect.poll(() => theNote(p.page), { timeout: 15_000 }).toEqual(merged)
    // And the board holds it: a fresh visitor sees the same.
    const carla = await person()
    await openBoard(carla.page, participant)
    await expect.poll(() => theNote(carla.page), { timeout: 15_000 }).toEqual(merged)
    for (const p of [anna, ben, carla]) {
      expect(p.problems).toEqual([])
      await p.context.close()
    }
  })

  it('opens a board stored in format 1 and upgrades it for everyone', { timeout: 90_000 }, async () => {
    // A board as a relay before format 2 stored it, in its own data directory.
    const dataDir = makeDataDir()
    const seeding = await startRelay({ process: true, dataDir })
    const board = await createBoard(seeding, 'Altes Board')
    await seeding.kill()
    // Its whole stored document is the old one (boards then started empty, without a page).
    const db = new Database(join(dataDir, 'netzwerkstatt.sqlite'))
    db.prepare('UPDATE snapshots SET data = ? WHERE board_id = ?').run(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'old-board.ydoc')), board.id)
    db.close()
    const old = await startRelay({ process: true, dataDir })
    try {
      const visitor = await person()
      await openBoard(visitor.page, boardPageUrl(old, board, 'participant'))
      await waitForShapeCount(visitor.page, 3)
      expect(await shapeTexts(visitor.page)).toEqual(['Erste Idee', 'Hallo Welt', 'führt zu'])
      await screenshot(visitor.page, 'board-format1-upgraded.png')

      // What any client now reads: format 2, every record a map.
      const client = connectClient(old, board.id)
      await whenSynced(client)
      expect(client.doc.getMap('meta').get('formatVersion')).toBe(formatVersion)
      const entries = [...client.doc.getMap('tldraw').values()]
      expect(entries.length).toBeGreaterThan(3)
      expect(entries.every((entry) => entry instanceof Y.Map)).toBe(true)
      client.destroy()
      expect(visitor.problems).toEqual([])
      await visitor.context.close()
    } finally {
      await old.kill()
      removeDataDir(dataDir)
    }
  })

  it('explains the missing licence key on public https instead of mounting tldraw', { timeout: 60_000 }, async () => {
    const url = new URL((await newBoard('Öffentlich')).facilitator)
    // Pretend to be served at a public https address by answering its requests from the relay.
    const context = await browser.newContext({ locale: 'de-DE', serviceWorkers: 'block' })
    const requests: string[] = []
    await context.route('**/*', async (route) => {
      const target = new URL(route.request().url())
      requests.push(target.href)
      if (target.host !== 'board.example.org') return route.abort()
      await route.fulfill({ response: await route.fetch({ url: `${relay.httpUrl}${target.pathname}${target.search}` }) })
    })
    const page = await context.newPage()
    const sockets: string[] = []
    page.on('websocket', (socket) => sockets.push(socket.url()))
    await page.goto(`https://board.example.org${url.pathname}${url.hash}`)
    await page.getByRole('heading', { name: 'Die Zeichenfläche ist gerade nicht verfügbar' }).waitFor()
    await page.getByText(/TLDRAW_LICENSE_KEY/).waitFor()
    // What the board holds is there to read, fetched from the same address.
    expect(await page.locator('.nws-licence__export').textContent()).toContain('# Öffentlich')
    expect(await page.locator('.tl-canvas').count()).toBe(0)
    expect(sockets).toEqual([])
    expect(requests.every((r) => new URL(r).host === 'board.example.org')).toBe(true)
    await context.close()
  })
})

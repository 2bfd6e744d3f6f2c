/**
 * Access by role in real browsers against the real relay: observers cannot change the board,
 * made-up and incomplete links open nothing, a replaced link stops working on the open page,
 * the share panel shows links by role, and a facilitator deletes a board.
 * Needs `npm run build` first (the relay serves dist/client) and Chromium at /usr/bin/chromium.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { CreatedBoard } from '../../shared/api.ts'
import { authHeader, boardPageUrl, createBoard } from '../helpers/clients.ts'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { removeDataDir, startRelay } from '../helpers/relay.ts'
import { sharedRelay, type FileRelay } from '../helpers/sharedRelay.ts'
import { skipNamePrompt } from '../helpers/boardPages.ts'


// Locally a missing browser skips these tests; in CI it must fail them instead.
describe.skipIf(skipBrowserTests)('access by role in the browser', () => {
  // The run's shared relay; the test of the relay's limits starts one of its own.
  let relay: FileRelay
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    relay = await sharedRelay()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await relay?.stop()
  })

  interface Person {
    context: BrowserContext
    page: Page
    /** Every URL requested, websockets included. */
    requests: string[]
    sockets: string[]
    problems: string[]
  }

  /** A separate browser profile: own localStorage, IndexedDB and user, like another person. */
  async function person(): Promise<Person> {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    contexts.push(context)
    await context.addInitScript(() => {
      window.__netzwerkstattTestHooks = true
    })
    await skipNamePrompt(context)
    const requests: string[] = []
    const sockets: string[] = []
    const problems: string[] = []
    context.on('request', (request) => requests.push(request.url()))
    context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
    const page = await context.newPage()
    page.on('websocket', (socket) => {
      requests.push(socket.url())
      sockets.push(socket.url())
    })
    return { context, page, requests, sockets, problems }
  }

  async function openBoard(page: Page, url: string) {
    await page.goto(url)
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
  }

  const shapeCount = (page: Page) => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().length)

  async function drawRectangle(page: Page, x: number, y: number) {
    await page.mouse.click(640, 780) // somewhere on the canvas, so that keys reach the editor
    await page.keyboard.press('r')
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x + 120, y + 80, { steps: 8 })
    await page.mouse.up()
  }

  async function openLinks(page: Page) {
    await page.getByRole('button', { name: 'Links zu diesem Board' }).click()
    const panel = page.locator('.nws-links')
    await panel.waitFor()
    return panel
  }

  /**
   * The tokens and the writer secret travel only in headers (the websocket's among its
   * subprotocols), never in a request line, where a proxy's access log would keep them.
   */
  async function expectNoTokenInUrls(requests: string[], board: CreatedBoard, page?: Page) {
    const writer = page ? await page.evaluate(() => localStorage.getItem('netzwerkstatt:writer')) : null
    const secrets = [...Object.values(board.access), ...(writer ? [writer] : [])]
    const leaks = requests.filter((url) => secrets.some((secret) => url.includes(secret)))
    expect(leaks).toEqual([])
  }

  it('lets an observer watch live but not draw, and says so', { timeout: 60_000 }, async () => {
    const board = await createBoard(relay, 'Beobachtet')
    const moderator = await person()
    const observer = await person()
    await openBoard(moderator.page, boardPageUrl(relay, board))
    await openBoard(observer.page, boardPageUrl(relay, board, 'observer'))

    await observer.page.getByText('Nur ansehen – mit diesem Link lässt sich nichts ändern').waitFor()
    expect(await observer.page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(true)
    expect(await moderator.page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(false)
    expect(await moderator.page.getByText('Nur ansehen – mit diesem Link lässt sich nichts ändern').count()).toBe(0)

    // The observer tries to draw, with the keyboard shortcut and the mouse, and through the API.
    await drawRectangle(observer.page, 400, 300)
    await observer.page.keyboard.press('n')
    await observer.page.mouse.click(700, 400)
    await observer.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createShape({ type: 'geo', x: 0, y: 0 })
    })
    expect(await shapeCount(observer.page)).toBe(0)

    // The facilitator draws; the observer sees it live. Had the observer drawn anything, it
    // would be here by now too.
    await drawRectangle(moderator.page, 300, 200)
    await expect.poll(() => shapeCount(observer.page), { timeout: 15_000 }).toBe(1)
    expect(await shapeCount(moderator.page)).toBe(1)

    // No templates to insert or grow; no export until the facilitator allows it.
    await observer.page.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    const panel = observer.page.getByRole('dialog', { name: 'Vorlagen' })
    await panel.getByText(/Mit dem Link „Nur ansehen“ lassen sich Vorlagen ansehen/).waitFor()
    expect(await panel.locator('.nws-template-choice').count()).toBe(0)
    await panel.getByText(/das Exportieren nicht freigegeben/).waitFor()
    expect(await panel.getByRole('button', { name: 'Markdown', exact: true }).count()).toBe(0)
    const facilitatorLinks = await openLinks(moderator.page)
    const exportSwitch = facilitatorLinks.getByRole('checkbox', { name: /darf Ergebnisse exportieren/ })
    expect(await exportSwitch.isChecked()).toBe(false)
    await exportSwitch.check()
    await screenshot(moderator.page, 'access-observer-export-switch.png')
    await moderator.page.keyboard.press('Escape')
    await panel.getByRole('button', { name: 'Markdown', exact: true }).waitFor()
    await screenshot(observer.page, 'access-observer.png')
    await observer.page.keyboard.press('Escape')

    // Only their own link, nothing to replace; no deleting in the menu.
    const links = await openLinks(observer.page)
    expect(await links.locator('.nws-link-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-role')))).toEqual(['observer'])
    expect(await links.getByRole('button', { name: /Neuen Link erzeugen/ }).count()).toBe(0)
    await observer.page.keyboard.press('Escape')
    await observer.page.getByTestId('main-menu.button').click()
    await observer.page.getByRole('menuitem', { name: 'Zur Startseite' }).waitFor()
    expect(await observer.page.getByRole('menuitem', { name: 'Board löschen' }).count()).toBe(0)
    await observer.page.keyboard.press('Escape')

    // The connected websocket carried the token in its handshake's headers, not in its URL.
    expect(observer.sockets.length).toBeGreaterThan(0)
    for (const p of [moderator, observer]) {
      await expectNoTokenInUrls(p.requests, board, p.page)
      expect(p.problems).toEqual([])
    }
  })

  it('opens nothing with a made-up token or without one', { timeout: 30_000 }, async () => {
    const board = await createBoard(relay, 'Geheim')
    const stranger = await person()
    await stranger.page.goto(`${relay.httpUrl}/b/${board.id}#${randomBytes(24).toString('base64url')}`)
    await stranger.page.getByRole('heading', { name: 'Link ungültig oder ersetzt' }).waitFor()
    await screenshot(stranger.page, 'access-invalid-link.png')

    // Without a key: a tab that never had one (the first keeps the made-up key for its reloads, client/linkKey.ts).
    const bare = await stranger.context.newPage()
    bare.on('websocket', (socket) => stranger.sockets.push(socket.url()))
    await bare.goto(`${relay.httpUrl}/b/${board.id}`)
    await bare.getByRole('heading', { name: 'Diesem Link fehlt der Schlüssel' }).waitFor()
    await bare.getByText('Öffnen Sie bitte den ursprünglichen Link aus Ihrer Einladung', { exact: false }).waitFor()
    expect(await bare.locator('.tl-canvas').count()).toBe(0)
    expect(stranger.sockets).toEqual([])
    // The stranger's browser lists no board.
    await bare.goto(relay.httpUrl)
    await bare.getByText('Hier erscheinen die Boards').waitFor()
  })

  it('stops an open participant page at once when the facilitator replaces its link', { timeout: 120_000 }, async () => {
    const board = await createBoard(relay, 'Neuer Link')
    const moderator = await person()
    const participant = await person()
    await openBoard(moderator.page, boardPageUrl(relay, board))
    await openBoard(participant.page, boardPageUrl(relay, board, 'participant'))

    // Participants see only their own link and cannot replace it.
    let links = await openLinks(participant.page)
    expect(await links.locator('.nws-link-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-role')))).toEqual(['participant'])
    expect(await links.getByRole('textbox').inputValue()).toBe(boardPageUrl(relay, board, 'participant'))
    expect(await links.getByRole('button', { name: /Neuen Link erzeugen/ }).count()).toBe(0)
    await participant.page.keyboard.press('Escape')

    // The board was created elsewhere: the facilitator's browser learns the other links from the relay.
    links = await openLinks(moderator.page)
    const row = links.locator('.nws-link-row[data-role="participant"]')
    await expect.poll(() => row.getByRole('textbox').inputValue()).toBe(boardPageUrl(relay, board, 'participant'))
    await row.getByRole('button', { name: 'Link „Teilnehmende“: Neuen Link erzeugen' }).click()
    await row.getByText(/funktioniert dann sofort nicht mehr/).waitFor()
    await screenshot(moderator.page, 'access-rotate.png')
    await row.getByRole('button', { name: 'Ja, neuen Link erzeugen' }).click()
    await row.getByText(/Neuer Link erzeugt/).waitFor()
    const newLink = await row.getByRole('textbox').inputValue()
    expect(newLink).toMatch(new RegExp(`^${relay.httpUrl}/b/${board.id}#[A-Za-z0-9_-]{32}$`))
    expect(newLink).not.toBe(boardPageUrl(relay, board, 'participant'))

    // The open page learns it from the relay (4401) and stops.
    await participant.page.getByRole('heading', { name: 'Link ungültig oder ersetzt' }).waitFor({ timeout: 15_000 })
    await screenshot(participant.page, 'access-link-replaced.png')
    const socketsAfterRefusal = participant.sockets.length
    // A fixed wait that proves an absence: no new socket in three seconds (the retry pause is about two).
    await participant.page.waitForTimeout(3_000)
    expect(participant.sockets.length).toBe(socketsAfterRefusal)

    // A reload with the old link stays refused; the new link works.
    await participant.page.reload()
    await participant.page.getByRole('heading', { name: 'Link ungültig oder ersetzt' }).waitFor()
    await openBoard(participant.page, newLink)
    expect(await participant.page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(false)

    // The facilitator's browser remembers the new link for next time.
    await moderator.page.reload()
    await moderator.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    links = await openLinks(moderator.page)
    expect(await links.locator('.nws-link-row[data-role="participant"]').getByRole('textbox').inputValue()).toBe(newLink)
    for (const p of [moderator, participant]) {
      await expectNoTokenInUrls(p.requests, board, p.page)
      expect(p.problems).toEqual([])
    }
  })

  it('says why the relay turns a page away for now (4429, 4420), and comes back on its own', { timeout: 90_000 }, async () => {
    const crowded = await startRelay({ process: true, env: { MAX_CONNECTIONS_PER_BOARD: '1', MAX_MESSAGES_PER_SECOND: '8' } })
    try {
      const board = await createBoard(crowded, 'Voll')
      const first = await person()
      const second = await person()
      await openBoard(first.page, boardPageUrl(crowded, board))

      // The board is full: the second page says so while it waits, instead of spinning silently.
      await second.page.goto(boardPageUrl(crowded, board, 'participant'))
      // (A busy notice: aria-busy keeps its heading out of Playwright's role queries.)
      await second.page.locator('h1', { hasText: 'Zu viele Verbindungen – neuer Versuch gleich' }).waitFor({ timeout: 20_000 })
      // It keeps trying: a second socket comes (awaited) ...
      await expect.poll(() => second.sockets.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2)
      // ... with pauses of about two seconds, not in a tight loop: a fixed wait, because what it
      // proves is an absence (no burst of sockets in the next three seconds).
      const socketsThen = second.sockets.length
      await second.page.waitForTimeout(3_000)
      expect(second.sockets.length - socketsThen).toBeLessThanOrEqual(2)

      // Room again: it gets in without anybody reloading.
      await first.context.close()
      await second.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 30_000 })
      await second.page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)

      // Far too many changes, one message each: cut off with 4420, told so, and back by itself,
      // with every change kept and delivered.
      await second.page.evaluate(async () => {
        const editor = window.__netzwerkstatt!.editor
        for (let i = 0; i < 100; i++) {
          editor.createShape({ type: 'geo', x: (i % 10) * 120, y: Math.floor(i / 10) * 120 })
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
      })
      await second.page.locator('.nws-status[data-state="rate-limited"]').waitFor({ timeout: 15_000 })
      await second.page.getByText('Zu viele Nachrichten – neuer Versuch gleich').waitFor()
      await screenshot(second.page, 'access-rate-limited.png')
      await second.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 30_000 })
      await second.context.close()
      const third = await person()
      await openBoard(third.page, boardPageUrl(crowded, board, 'participant'))
      await expect.poll(() => shapeCount(third.page), { timeout: 15_000 }).toBe(100)
      expect(second.problems).toEqual([])
    } finally {
      await crowded.kill()
      removeDataDir(crowded.dataDir)
    }
  })

  it('creates a board with all three links, shares them, and deletes it for everyone', { timeout: 90_000 }, async () => {
    const moderator = await person()
    const { page } = moderator
    await page.goto(relay.httpUrl)
    await page.getByLabel('Titel').fill('Steuerungsgruppe')
    await page.getByRole('button', { name: 'Board anlegen' }).click()
    // The facilitator's link opened the board; its key then left the address (client/linkKey.ts).
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/)
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    const boardId = new URL(page.url()).pathname.split('/').pop()!

    // All three links, as full URLs, under their role names; the ones to pass on first.
    const links = await openLinks(page)
    const rows = links.locator('.nws-link-row')
    expect(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-role')))).toEqual(['participant', 'observer', 'facilitator'])
    for (const name of ['Moderation', 'Teilnehmende', 'Nur ansehen']) await links.getByText(name, { exact: true }).waitFor()
    const urls = await links.getByRole('textbox').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))
    expect(urls[2].replace(/#.*$/, '')).toBe(page.url())
    for (const url of urls) expect(url).toMatch(new RegExp(`^${relay.httpUrl}/b/${boardId}#[A-Za-z0-9_-]{32}$`))
    expect(new Set(urls).size).toBe(3)
    // Every link can be replaced, the facilitator's own too (after a confirmation, networkYears.test.ts).
    expect(await links.getByRole('button', { name: /Neuen Link erzeugen/ }).count()).toBe(3)
    await screenshot(page, 'access-links.png')
    await page.keyboard.press('Escape')

    // A participant opens their link pasted into "Board öffnen" on the start page.
    const participant = await person()
    await participant.page.goto(relay.httpUrl)
    await participant.page.getByLabel('Link oder Beitrittscode').fill(urls[0])
    await participant.page.getByRole('button', { name: 'Öffnen', exact: true }).click()
    await participant.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    expect(participant.page.url()).toBe(urls[0].replace(/#.*$/, ''))
    // Back on the start page, the recent list opens the board with the remembered link.
    await participant.page.goto(relay.httpUrl)
    const recent = participant.page.locator(`.nws-recent li[data-board="${boardId}"] a`)
    expect(await recent.getAttribute('href')).toBe(new URL(urls[0]).pathname + new URL(urls[0]).hash)
    await recent.click()
    await participant.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    // The bare board address works too, with the remembered link.
    await participant.page.goto(`${relay.httpUrl}/b/${boardId}`)
    await participant.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await participant.page.getByTestId('main-menu.button').click()
    await participant.page.getByRole('menuitem', { name: 'Zur Startseite' }).waitFor()
    expect(await participant.page.getByRole('menuitem', { name: 'Board löschen' }).count()).toBe(0)
    await participant.page.keyboard.press('Escape')

    const hasLocalCopy = () =>
      participant.page.evaluate(async (name) => (await indexedDB.databases()).some((db) => db.name === name), `netzwerkstatt:${boardId}`)
    expect(await hasLocalCopy()).toBe(true)

    // The facilitator deletes the board, after a question that names it.
    await page.getByTestId('main-menu.button').click()
    await page.getByRole('menuitem', { name: 'Board löschen' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText(/„Steuerungsgruppe“ wird für alle gelöscht/).waitFor()
    await screenshot(page, 'access-delete.png')
    await dialog.getByRole('button', { name: 'Endgültig löschen' }).click()
    await page.waitForURL(`${relay.httpUrl}/`)
    await page.getByText('Hier erscheinen die Boards').waitFor()

    // The participant's open page says so, and stops.
    await participant.page.getByRole('heading', { name: 'Dieses Board wurde gelöscht' }).waitFor({ timeout: 15_000 })
    // Its local copy goes too: nothing of a deleted board stays in the browser.
    await expect.poll(hasLocalCopy, { timeout: 10_000 }).toBe(false)
    await participant.page.goto(relay.httpUrl)
    expect(await participant.page.locator(`.nws-recent li[data-board="${boardId}"]`).count()).toBe(0)
    for (const p of [moderator, participant]) expect(p.problems).toEqual([])
  })

  it('removes the local copy of a board taken off the list, and of one deleted while away', { timeout: 90_000 }, async () => {
    const kept = await createBoard(relay, 'Von der Liste genommen')
    const gone = await createBoard(relay, 'Inzwischen gelöscht')
    const { page, problems } = await person()
    for (const board of [kept, gone]) {
      await page.goto(boardPageUrl(relay, board, 'participant'))
      await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    }
    const copyOf = (boardId: string) => assets.get(boardId)!
    const assets = new Map<string, string>()
    for (const board of [kept, gone]) {
      const upload = await fetch(`${relay.httpUrl}/api/boards/${board.id}/assets`, {
        method: 'POST',
        headers: { ...authHeader(board.id), 'content-type': 'image/png' },
        body: new Uint8Array(100).fill(9),
      })
      assets.set(board.id, new URL((await upload.json()).url, relay.httpUrl).href)
      // Fetched through the service worker, which keeps a copy for offline use.
      await page.evaluate(async (url) => {
        await navigator.serviceWorker.ready
        await fetch(url)
      }, copyOf(board.id))
    }
    const hasLocalCopy = (boardId: string) =>
      page.evaluate(
        async ({ name, asset }) => {
          const document = (await indexedDB.databases()).some((db) => db.name === name)
          let image = false
          for (const key of await caches.keys()) if (await (await caches.open(key)).match(asset)) image = true
          return { document, image }
        },
        { name: `netzwerkstatt:${boardId}`, asset: copyOf(boardId) },
      )
    expect(await hasLocalCopy(kept.id)).toEqual({ document: true, image: true })
    expect(await hasLocalCopy(gone.id)).toEqual({ document: true, image: true })

    // Deleted while this browser had it closed: the start page notices and cleans up.
    await page.goto(relay.httpUrl)
    const deleted = await fetch(`${relay.httpUrl}/api/boards/${gone.id}`, { method: 'DELETE', headers: authHeader(gone.id) })
    expect(deleted.status).toBe(204)
    await page.reload()
    await expect.poll(() => hasLocalCopy(gone.id), { timeout: 10_000 }).toEqual({ document: false, image: false })
    await expect.poll(() => page.locator(`.nws-recent li[data-board="${gone.id}"]`).count()).toBe(0)

    // "Aus der Liste entfernen" takes the copy with it.
    await page.locator(`.nws-recent li[data-board="${kept.id}"] button`).click()
    await expect.poll(() => hasLocalCopy(kept.id), { timeout: 10_000 }).toEqual({ document: false, image: false })
    expect(problems).toEqual([])
  })
})

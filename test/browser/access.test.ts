/**
 * Access by role as people meet it in Chromium, against the real relay: a made-up link opens
 * nothing and says why; a page
 * the relay turns away for now (full board, too many messages) says so and comes back on its own;
 * a pasted link opens the board, which a facilitator deletes for everyone; a browser keeps no copy
 * of a board deleted or taken off its list.
 * What the relay enforces (observer edits dropped, tokens refused, 4401/4404/4420/4429) is
 * test/integration/access.test.ts; the links panel, an observer's page and a replaced link's open
 * page, test/browser/join.test.ts; a link without its key, test/browser/linkKey.test.ts.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { recentBoardsKey } from '../../client/recentBoards.ts'
import { authHeader, boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { removeDataDir, startRelay } from '../helpers/relay.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { recordsIn } from '../helpers/records.ts'
import { CloseCode } from '../../shared/protocol.ts'

describe.skipIf(skipBrowserTests)('access by role in the browser', () => {
  // The run's shared relay; the test of the relay's limits starts one of its own.
  const suite = boardBrowserSuite({ width: 1280, height: 800 })

  /** Whether this browser still lists the board among its recent ones (what its start page shows). */
  const listed = (page: Page, boardId: string) =>
    page.evaluate(({ key, id }) => (JSON.parse(localStorage.getItem(key) ?? '[]') as Array<{ id: string }>).some((b) => b.id === id), { key: recentBoardsKey, id: boardId })

  it('opens nothing with a made-up token, says why, and lists no board', { timeout: 30_000 }, async () => {
    const board = await createBoard(suite.relay, 'Geheim')
    const stranger = await suite.person()
    await stranger.page.goto(`${suite.relay.httpUrl}/b/${board.id}#${randomBytes(24).toString('base64url')}`)
    await stranger.page.getByRole('heading', { name: 'Link ungültig oder ersetzt' }).waitFor()
    expect(await stranger.page.locator('.tl-canvas').count()).toBe(0)
    await screenshot(stranger.page, 'access-invalid-link.png')
    // The stranger's browser lists no board.
    await stranger.page.goto(suite.relay.httpUrl)
    await stranger.page.getByText('Hier erscheinen die Boards').waitFor()
    expect(stranger.problems).toEqual([])
  })

  it('says why the relay turns a page away for now (4429, 4420), and comes back on its own', { timeout: 90_000 }, async () => {
    // A relay of its own: the limits are its settings.
    const crowded = await startRelay({ env: { MAX_CONNECTIONS_PER_BOARD: '1', MAX_MESSAGES_PER_SECOND: '8' } })
    try {
      const board = await createBoard(crowded, 'Voll')
      // Someone else takes the board's one connection.
      const first = connectClient(crowded, board.id)
      await whenSynced(first)
      const second = await suite.person()
      const { page } = second
      // The page pauses before each new try (2 s, doubling up to a minute: reconnectPolicy.ts).
      // Its clock, stopped from the start, moves only as the test moves it: the pauses are moved
      // on instead of waited out, and the page notes on that clock when it opened each websocket
      // and when the relay closed it (with which code).
      await page.addInitScript(() => {
        const Socket = window.WebSocket
        const tries: Array<{ url: string; at: number; closed?: number; code?: number }> = []
        ;(window as unknown as { tries: typeof tries }).tries = tries
        window.WebSocket = class extends Socket {
          constructor(...args: ConstructorParameters<typeof WebSocket>) {
            super(...args)
            const entry: (typeof tries)[number] = { url: String(args[0]), at: Date.now() }
            tries.push(entry)
            this.addEventListener('close', (event) => Object.assign(entry, { closed: Date.now(), code: event.code }))
          }
        }
      })
      /** The board's sockets, the first first. */
      const tries = () =>
        page.evaluate((id) => (window as unknown as { tries: Array<{ url: string; at: number; closed?: number; code?: number }> }).tries.filter((t) => t.url.includes(id)), board.id)
      // (Stopped a minute on from where it starts: the blank page's clock runs meanwhile.)
      const start = Date.now()
      await page.clock.install({ time: start })
      await page.clock.pauseAt(start + 60_000)
      /** Moves the page's clock on a tenth of a second at a time (its timers fire at their own times) until `done`. */
      const runUntil = (done: () => Promise<boolean>) =>
        expect.poll(async () => (await done()) || (await page.clock.runFor(100), false), { timeout: 20_000, interval: 20 }).toBe(true)

      // The board is full: the page says so while it waits, instead of spinning silently.
      await page.goto(boardPageUrl(crowded, board, 'participant'))
      // (A busy notice: aria-busy keeps its heading out of Playwright's role queries.)
      const fullNotice = page.locator('h1', { hasText: 'Zu viele Verbindungen – neuer Versuch gleich' })
      await runUntil(() => fullNotice.isVisible())
      // It keeps trying: a second try comes ...
      await runUntil(async () => (await tries()).length >= 2)
      const [refused, next] = await tries()
      expect(refused.code).toBe(CloseCode.tooManyConnections)
      // ... after a pause of about two seconds (2 s ± 25 %) on the page's own clock, not in a tight
      // loop (y-websocket's own retry would come after 0.1 s).
      expect(next.at - refused.closed!, 'the pause before the next try').toBeGreaterThanOrEqual(1_500)
      expect(next.at - refused.closed!, 'the pause before the next try').toBeLessThanOrEqual(2_500)
      await fullNotice.waitFor()

      // From here the page's time runs again, and the test moves it past each pause it takes.
      await page.clock.resume()
      /** What the page's status shows now (none while a notice stands in the board's place). */
      const state = () => page.evaluate(() => document.querySelector('.nws-status')?.getAttribute('data-state') ?? 'no status')
      /** Until the page is back, its clock moved on past each pause before a new try (the relay may refuse a try or two more first). */
      const backAgain = () =>
        expect
          .poll(
            async () => {
              const now = await state()
              // Moved only while it waits: a connected page left 30 s of its time without a message closes its socket.
              if (now !== 'connected') await page.clock.fastForward(5_000)
              return now
            },
            { timeout: 30_000 },
          )
          .toBe('connected')

      // Room again: it gets in without anybody reloading.
      first.destroy()
      await backAgain()
      await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)

      // Far too many changes, one message each: cut off with 4420, told so, and back by itself,
      // with every change kept and delivered.
      await page.evaluate(async () => {
        const editor = window.__netzwerkstatt!.editor
        for (let i = 0; i < 100; i++) {
          editor.createShape({ type: 'geo', x: (i % 10) * 120, y: Math.floor(i / 10) * 120 })
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
      })
      await page.locator('.nws-status[data-state="rate-limited"]').waitFor({ timeout: 15_000 })
      await page.getByText('Zu viele Nachrichten – neuer Versuch gleich').waitFor()
      await screenshot(page, 'access-rate-limited.png')
      await backAgain()
      expect(second.problems).toEqual([])
      await second.context.close()
      // What the relay now holds, read by a client once the page has left the board's one connection.
      const third = connectClient(crowded, board.id, undefined, { token: board.access.participant })
      // Until the relay has counted the page out, the board is still full (4429): try again, as the page's client does.
      third.provider.on('closed', ({ code }: { code: number }) => code === CloseCode.tooManyConnections && third.provider.connect())
      try {
        await whenSynced(third)
        await until(third.doc, () => recordsIn(third.doc).filter((r) => r.typeName === 'shape').length === 100)
      } finally {
        third.destroy()
      }
    } finally {
      await crowded.kill()
      removeDataDir(crowded.dataDir)
    }
  })

  it('opens a link pasted on the start page, then the bare board address, and a board the facilitator deletes goes for everyone', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe')
    const moderator = await suite.person()
    const { page } = moderator
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    const participantLink = boardPageUrl(suite.relay, board, 'participant')

    // A participant opens their link pasted into "Board öffnen" on the start page.
    const participant = await suite.person()
    await participant.page.goto(suite.relay.httpUrl)
    await participant.page.getByLabel('Link oder Beitrittscode').fill(participantLink)
    await participant.page.getByRole('button', { name: 'Öffnen', exact: true }).click()
    await participant.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    expect(participant.page.url()).toBe(participantLink.replace(/#.*$/, ''))
    // Back on the start page, the recent list opens the board with the remembered link.
    await participant.page.goto(suite.relay.httpUrl)
    const recent = participant.page.locator(`.nws-recent li[data-board="${board.id}"] a`)
    expect(await recent.getAttribute('href')).toBe(board.links.participant)
    // The bare board address works too, with the remembered link.
    await participant.page.goto(`${suite.relay.httpUrl}/b/${board.id}`)
    await participant.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await participant.page.getByTestId('main-menu.button').click()
    await participant.page.getByRole('menuitem', { name: 'Zur Startseite' }).waitFor()
    expect(await participant.page.getByRole('menuitem', { name: 'Board löschen' }).count()).toBe(0)
    await participant.page.keyboard.press('Escape')

    const hasLocalCopy = () =>
      participant.page.evaluate(async (name) => (await indexedDB.databases()).some((db) => db.name === name), `netzwerkstatt:${board.id}`)
    expect(await hasLocalCopy()).toBe(true)

    // The facilitator deletes the board, after a question that names it.
    await page.getByTestId('main-menu.button').click()
    await page.getByRole('menuitem', { name: 'Board löschen' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText(/„Steuerungsgruppe“ wird für alle gelöscht/).waitFor()
    await screenshot(page, 'access-delete.png')
    await dialog.getByRole('button', { name: 'Endgültig löschen' }).click()
    await page.waitForURL(`${suite.relay.httpUrl}/`)
    await page.getByText('Hier erscheinen die Boards').waitFor()

    // The participant's open page says so, and stops.
    await participant.page.getByRole('heading', { name: 'Dieses Board wurde gelöscht' }).waitFor({ timeout: 15_000 })
    // Its local copy goes too, and the start page's list no longer holds it: nothing of a deleted board stays in the browser.
    await expect.poll(hasLocalCopy, { timeout: 10_000 }).toBe(false)
    await expect.poll(() => listed(participant.page, board.id)).toBe(false)
    for (const p of [moderator, participant]) expect(p.problems).toEqual([])
  })

  it('removes the local copy of a board taken off the list, and of one deleted while away', { timeout: 90_000 }, async () => {
    const kept = await createBoard(suite.relay, 'Von der Liste genommen')
    const gone = await createBoard(suite.relay, 'Inzwischen gelöscht')
    const { page, problems } = await suite.person({ serviceWorker: true })
    for (const board of [kept, gone]) {
      await page.goto(boardPageUrl(suite.relay, board, 'participant'))
      await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    }
    const copyOf = (boardId: string) => assets.get(boardId)!
    const assets = new Map<string, string>()
    for (const board of [kept, gone]) {
      const upload = await fetch(`${suite.relay.httpUrl}/api/boards/${board.id}/assets`, {
        method: 'POST',
        headers: { ...authHeader(board.id), 'content-type': 'image/png' },
        body: new Uint8Array(100).fill(9),
      })
      assets.set(board.id, new URL((await upload.json()).url, suite.relay.httpUrl).href)
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
    await page.goto(suite.relay.httpUrl)
    const deleted = await fetch(`${suite.relay.httpUrl}/api/boards/${gone.id}`, { method: 'DELETE', headers: authHeader(gone.id) })
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

/**
 * Access by role as people meet it in Chromium, against the real relay: a page the relay turns
 * away for now (full board, too many messages) says so and comes back on its own; and, on one
 * board with one facilitator and one browser (with the app's service worker, which keeps images
 * for offline use): a made-up link opens nothing and says why, the start page then lists no board;
 * the real link pasted there opens the board, the bare board address too; the facilitator renews
 * her own link after a confirmation (the page moves to the new one, the old one is refused); a
 * board deleted while the browser had it closed, one taken off the start page's list and one the
 * facilitator deletes while it is open leave no copy in the browser.
 * Page loads: 11, each the subject of a check: the turned-away page (its relay's limits); the
 * facilitator's board and its reload with the renewed link, and the start page a deletion leads to;
 * the participant's made-up link, start page (nothing listed, the real link pasted) and the board it
 * opens, the other board opened and left, the bare address, the start page that cleans up, and the
 * board opened again to be deleted while open (each cleanup needs its board's copy made by a visit).
 * What the relay enforces (observer edits dropped, tokens refused, 4401/4404/4420/4429) is
 * test/integration/access.test.ts; the links panel, an observer's page and a replaced link's open
 * page, test/browser/join.test.ts; a link without its key, test/browser/linkKey.test.ts.
 * Screenshots: test/artifacts/access-{invalid-link,rate-limited,delete}.png,
 * links-facilitator-confirm-{1366,390}.png.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { recentBoardsKey } from '../../client/recentBoards.ts'
import { apiFetch, authHeader, boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { removeDataDir, startRelay } from '../helpers/relay.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { recordsIn } from '../helpers/records.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('access by role in the browser', () => {
  // The run's shared relay; the test of the relay's limits starts one of its own.
  const suite = boardBrowserSuite({ width: 1280, height: 800 })
  const laptop = { width: 1366, height: 768 }
  const phone = { width: 390, height: 844 }
  /** What the relay answers a board's API with this token. */
  const status = async (path: string, token: string) => (await apiFetch(suite.relay, path, { headers: { authorization: `Bearer ${token}` } })).status

  /** Whether this browser still lists the board among its recent ones (what its start page shows). */
  const listed = (page: Page, boardId: string) =>
    page.evaluate(({ key, id }) => (JSON.parse(localStorage.getItem(key) ?? '[]') as Array<{ id: string }>).some((b) => b.id === id), { key: recentBoardsKey, id: boardId })

  it('says why the relay turns a page away for now (4429, 4420), and comes back on its own', { timeout: hang(90_000) }, async () => {
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
        expect.poll(async () => (await done()) || (await page.clock.runFor(100), false), { timeout: hang(20_000), interval: 20 }).toBe(true)

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
            { timeout: hang(30_000) },
          )
          .toBe('connected')

      // Room again: it gets in without anybody reloading.
      first.destroy()
      await backAgain()
      await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)

      // Far too many changes, one message each: cut off with 4420, told so, and back by itself,
      // with every change kept and delivered. Watched from before the burst: the cut comes early
      // in it and the page is back after its pause, on a slow machine before the burst has ended.
      await Promise.all([
        page.locator('.nws-status[data-state="rate-limited"]').waitFor({ timeout: hang(15_000) }),
        page.getByText('Zu viele Nachrichten – neuer Versuch gleich').waitFor(),
        page.evaluate(async () => {
          const editor = window.__netzwerkstatt!.editor
          for (let i = 0; i < 100; i++) {
            editor.createShape({ type: 'geo', x: (i % 10) * 120, y: Math.floor(i / 10) * 120 })
            await new Promise((resolve) => setTimeout(resolve, 5))
          }
        }),
      ])
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

  it('a made-up link opens nothing; the real one pasted opens the board, the bare address too; a facilitator renews her own link; a board deleted while away, taken off the list or deleted while open leaves nothing in the browser', { timeout: hang(150_000) }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe')
    const gone = await createBoard(suite.relay, 'Inzwischen gelöscht')
    const participantLink = boardPageUrl(suite.relay, board, 'participant')

    // The facilitator's page, at a laptop's width.
    const moderator = await suite.person({ viewport: laptop })
    const { page } = moderator
    await openBoardPage(page, boardPageUrl(suite.relay, board))

    // She renews her own link after a confirmation.
    await page.getByRole('button', { name: 'Links' }).first().click()
    const row = page.locator('.nws-link-row[data-role="facilitator"]')
    await row.getByRole('button', { name: /Neuen Link erzeugen/ }).click()
    await row.getByText('Der bisherige Moderationslink funktioniert dann sofort nicht mehr').waitFor()
    await screenshot(page, 'links-facilitator-confirm-1366.png')
    // On a phone, opened there: the popover placed for that width.
    await page.keyboard.press('Escape')
    await page.setViewportSize(phone)
    await page.getByRole('button', { name: 'Links' }).first().click()
    await row.getByRole('button', { name: /Neuen Link erzeugen/ }).click()
    await row.getByText('Der bisherige Moderationslink funktioniert dann sofort nicht mehr').waitFor()
    await row.scrollIntoViewIfNeeded()
    await screenshot(page, 'links-facilitator-confirm-390.png')
    // The page opens anew with the new link (its key kept for the tab, not in the address).
    await Promise.all([page.waitForEvent('load'), row.getByRole('button', { name: 'Ja, neuen Link erzeugen' }).click()])
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await page.getByRole('button', { name: 'Links' }).first().click()
    const renewed = new URL(await row.locator('input').inputValue()).hash.slice(1)
    expect(renewed).not.toBe(board.access.facilitator)
    expect(new URL(page.url()).hash).toBe('')
    expect(await status(`/api/boards/${board.id}`, board.access.facilitator), 'the old facilitator link').toBe(401)
    expect(await status(`/api/boards/${board.id}`, renewed), 'the renewed facilitator link').toBe(200)
    await page.keyboard.press('Escape')
    await page.setViewportSize(laptop)
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)

    // One browser for the rest, with the app's service worker: what it keeps for offline use goes with a board too.
    const participant = await suite.person({ serviceWorker: true })
    const p = participant.page

    // A made-up token: nothing opens, and the page says why.
    await p.goto(`${suite.relay.httpUrl}/b/${board.id}#${randomBytes(24).toString('base64url')}`)
    await p.getByRole('heading', { name: 'Link ungültig oder ersetzt' }).waitFor()
    expect(await p.locator('.tl-canvas').count()).toBe(0)
    await screenshot(p, 'access-invalid-link.png')
    // The start page lists no board (the made-up link left none) and opens the real link pasted into "Board öffnen".
    await p.goto(suite.relay.httpUrl)
    await p.getByText('Hier erscheinen die Boards').waitFor()
    await p.getByLabel('Link oder Beitrittscode').fill(participantLink)
    await p.getByRole('button', { name: 'Öffnen', exact: true }).click()
    await p.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    expect(p.url()).toBe(participantLink.replace(/#.*$/, ''))

    // Another board, opened and left: its copy and an image on it, fetched through the service worker.
    const assets = new Map<string, string>()
    const keepImageOf = async ({ id: boardId, access }: typeof board) => {
      // Uploaded with the participant's link (the facilitator's was renewed).
      const upload = await fetch(`${suite.relay.httpUrl}/api/boards/${boardId}/assets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access.participant}`, 'content-type': 'image/png' },
        body: new Uint8Array(100).fill(9),
      })
      assets.set(boardId, new URL((await upload.json()).url, suite.relay.httpUrl).href)
      // As the board's canvas reads it, with the link as a header (client/board/assetReader.ts).
      await p.evaluate(async ({ url, token }) => {
        await navigator.serviceWorker.ready
        await fetch(url, { headers: { authorization: `Bearer ${token}` } })
      }, { url: assets.get(boardId)!, token: access.participant })
    }
    const hasLocalCopy = (boardId: string) =>
      p.evaluate(
        async ({ name, asset }) => {
          const document = (await indexedDB.databases()).some((db) => db.name === name)
          let image = false
          for (const key of await caches.keys()) if (await (await caches.open(key)).match(asset)) image = true
          return { document, image }
        },
        { name: `netzwerkstatt:${boardId}`, asset: assets.get(boardId)! },
      )
    await openBoardPage(p, boardPageUrl(suite.relay, gone, 'participant'))
    await keepImageOf(gone)

    // The bare board address works too, with the remembered link; a participant's menu offers no deletion.
    await p.goto(`${suite.relay.httpUrl}/b/${board.id}`)
    await p.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await p.getByTestId('main-menu.button').click()
    await p.getByRole('menuitem', { name: 'Zur Startseite' }).waitFor()
    expect(await p.getByRole('menuitem', { name: 'Board löschen' }).count()).toBe(0)
    await p.keyboard.press('Escape')
    await keepImageOf(board)
    expect(await hasLocalCopy(board.id)).toEqual({ document: true, image: true })
    expect(await hasLocalCopy(gone.id)).toEqual({ document: true, image: true })

    // Deleted while this browser had it closed: the start page notices and cleans up.
    const deleted = await fetch(`${suite.relay.httpUrl}/api/boards/${gone.id}`, { method: 'DELETE', headers: authHeader(gone.id) })
    expect(deleted.status).toBe(204)
    await p.goto(suite.relay.httpUrl)
    await expect.poll(() => hasLocalCopy(gone.id), { timeout: hang(10_000) }).toEqual({ document: false, image: false })
    await expect.poll(() => p.locator(`.nws-recent li[data-board="${gone.id}"]`).count()).toBe(0)
    // The recent list opens the other board with the remembered link ...
    const recent = p.locator(`.nws-recent li[data-board="${board.id}"]`)
    const remembered = await recent.locator('a').getAttribute('href')
    expect(remembered).toBe(board.links.participant)
    // ... and "Aus der Liste entfernen" takes its copy with it.
    await recent.locator('button').click()
    await expect.poll(() => hasLocalCopy(board.id), { timeout: hang(10_000) }).toEqual({ document: false, image: false })

    // Opened again by its link: a copy again, until the facilitator deletes the board, after a question that names it.
    await openBoardPage(p, `${suite.relay.httpUrl}${remembered}`)
    await expect.poll(async () => (await hasLocalCopy(board.id)).document).toBe(true)
    await expect.poll(() => listed(p, board.id), { message: 'listed again once opened' }).toBe(true)
    await page.getByTestId('main-menu.button').click()
    await page.getByRole('menuitem', { name: 'Board löschen' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText(/„Steuerungsgruppe“ wird für alle gelöscht/).waitFor()
    await screenshot(page, 'access-delete.png')
    await dialog.getByRole('button', { name: 'Endgültig löschen' }).click()
    await page.waitForURL(`${suite.relay.httpUrl}/`)
    await page.getByText('Hier erscheinen die Boards').waitFor()

    // The participant's open page says so, and stops.
    await p.getByRole('heading', { name: 'Dieses Board wurde gelöscht' }).waitFor({ timeout: hang(15_000) })
    // Its local copy goes too, and the start page's list no longer holds it: nothing of a deleted board stays in the browser.
    await expect.poll(async () => (await hasLocalCopy(board.id)).document, { timeout: hang(10_000) }).toBe(false)
    await expect.poll(() => listed(p, board.id)).toBe(false)
    for (const person of [moderator, participant]) expect(person.problems).toEqual([])
  })
})

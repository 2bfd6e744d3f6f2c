/**
 * Two real browsers on one board, against the real relay serving the production build: a shape
 * drawn by one shows for the other exactly, with her cursor and name, and stays across a reload;
 * the pages talk only to their own origin; edits made offline are kept, shown after an offline
 * reload and merged on reconnect, also an offline text edit with a concurrent move of the same
 * note. Anna (facilitator) and Ben (participant, in English) on one board serve these tests, each
 * on a page of the board of its own; a third person, who would only read what the relay holds, is
 * a y-websocket client. And the page explains a missing licence key on public https instead of
 * mounting tldraw. (A board stored in format 1: test/integration/persistence.test.ts and
 * test/unit/loadStore.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { CreatedBoard } from '../../shared/api.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, shellCached, type Person } from '../helpers/boardPages.ts'
import { recordsIn } from '../helpers/records.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('board in the browser', () => {
  const suite = boardBrowserSuite({ width: 1200, height: 800 })

  type Tracked = Person & { requests: string[] }
  /** A person whose every request and websocket address is noted. */
  async function person(locale = 'de-DE'): Promise<Tracked> {
    // With the service worker: the file's offline reloads need the app shell it keeps.
    const p = await suite.person({ keep: true, locale, serviceWorker: true })
    const requests: string[] = []
    p.context.on('request', (request) => requests.push(request.url()))
    p.page.on('websocket', (socket) => requests.push(socket.url()))
    return { ...p, requests }
  }

  interface Board {
    board: CreatedBoard
    anna: Tracked
    ben: Tracked
  }
  let opened: Promise<Board> | undefined
  /** The board, Anna on it as facilitator and Ben as participant: opened by the first test, kept for the file. */
  const theBoard = async (): Promise<Board> => {
    opened ??= (async () => {
      const board = await createBoard(suite.relay, 'Zwei Leute')
      const anna = await person('de-DE')
      const ben = await person('en-US')
      await openBoardPage(anna.page, boardPageUrl(suite.relay, board))
      await openBoardPage(ben.page, boardPageUrl(suite.relay, board, 'participant'))
      return { board, anna, ben }
    })()
    const b = await opened
    for (const p of [b.anna, b.ben]) p.problems.splice(0)
    return b
  }

  /** A page of the board of its own for a test: Anna adds it, both look at it. */
  async function onNewPage(b: Board, name: string) {
    await b.anna.page.evaluate((name) => {
      window.__netzwerkstatt!.editor.createPage({ name })
    }, name)
    for (const p of [b.anna, b.ben]) await showPage(p.page, name)
    return b.anna.page.evaluate((name) => window.__netzwerkstatt!.editor.getPages().find((page) => page.name === name)!.id as string, name)
  }
  async function showPage(page: Page, name: string) {
    await page.waitForFunction((name) => window.__netzwerkstatt!.editor.getPages().some((p) => p.name === name), name)
    await page.evaluate((name) => {
      const editor = window.__netzwerkstatt!.editor
      editor.setCurrentPage(editor.getPages().find((p) => p.name === name)!.id)
    }, name)
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
      timeout: hang(15_000),
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

  /** The texts of the notes the relay holds on one page of the board, as a third person would get them. */
  const storedTexts = (doc: import('yjs').Doc, pageId: string) =>
    recordsIn(doc)
      .filter((r) => r.typeName === 'shape' && r.parentId === pageId)
      .map((r) => plainText((r.props as { richText?: unknown }).richText))
      .sort()

  function expectSameOrigin(requests: string[]) {
    const origin = new URL(suite.relay.httpUrl)
    const foreign = requests.filter((url) => {
      const u = new URL(url)
      if (u.protocol === 'blob:' || u.protocol === 'data:') return false
      return u.host !== origin.host || !['http:', 'ws:'].includes(u.protocol)
    })
    expect(foreign, 'a request to another origin').toEqual([])
  }

  /** A board's tokens travel only as the websocket's `token` parameter (and in headers). */
  function expectTokensOnlyInSocketUrls(requests: string[], board: CreatedBoard) {
    const tokens = Object.values(board.access)
    const leaks = requests.filter((url) => {
      const u = new URL(url)
      const withoutSocketToken = u.protocol === 'ws:' ? `${u.origin}${u.pathname}` : u.href.replace(u.hash, '')
      return tokens.some((token) => withoutSocketToken.includes(token))
    })
    expect(leaks, 'a token in a request').toEqual([])
  }

  it('shows a shape drawn by one person to the other, keeps it across reloads, and talks only to its own origin', { timeout: hang(90_000) }, async () => {
    const { board, anna, ben } = await theBoard()

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
      .poll(() => ben.page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes()), { timeout: hang(15_000) })
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
    const carla = connectClient(suite.relay, board.id, undefined, { token: board.access.participant })
    try {
      await whenSynced(carla)
      expect(recordsIn(carla.doc).filter((r) => r.typeName === 'shape').map((r) => r.id)).toEqual([drawn[0].id])
    } finally {
      carla.destroy()
    }

    expect(await anna.page.title()).toBe('Zwei Leute · Netzwerkstatt')
    for (const p of [anna, ben]) {
      expectSameOrigin(p.requests)
      expectTokensOnlyInSocketUrls(p.requests, board)
      expect(p.problems).toEqual([])
    }
  })

  it('keeps edits made offline, shows them after an offline reload, and merges them on reconnect', { timeout: hang(90_000) }, async () => {
    const b = await theBoard()
    const { board, anna, ben } = b
    const pageId = await onNewPage(b, 'Unterwegs')
    await addNote(anna.page, 'vorher', 0)
    await waitForShapeCount(ben.page, 1)

    // The app shell must be in the service worker's cache before the network goes away.
    await expect.poll(() => shellCached(anna.page), { timeout: hang(15_000) }).toBe(true)

    await anna.context.setOffline(true)
    await anna.page.locator('.nws-status[data-state="offline"]').waitFor()

    // Ben keeps working; once a third person has his note, Anna would have it too if she were connected.
    await addNote(ben.page, 'von Ben', 300)
    const carla = connectClient(suite.relay, board.id)
    try {
      await whenSynced(carla)
      await until(carla.doc, () => storedTexts(carla.doc, pageId).length === 2)
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
          `netzwerkstatt:${board.id}`,
        )
      const before = await storedUpdates()
      await addNote(anna.page, 'offline notiert', 600)
      await expect.poll(storedUpdates).toBeGreaterThan(before)

      // Reload without network: the service worker serves the page, IndexedDB the board.
      await anna.page.reload()
      await anna.page.locator('.nws-status[data-state="offline"]').waitFor({ timeout: hang(20_000) })
      await anna.page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
      await showPage(anna.page, 'Unterwegs')
      await waitForShapeCount(anna.page, 2)
      expect(await shapeTexts(anna.page)).toEqual(['offline notiert', 'vorher'])
      await screenshot(anna.page, 'board-offline-reload.png')

      await anna.context.setOffline(false)
      await anna.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
      for (const p of [anna, ben]) await waitForShapeCount(p.page, 3)
      for (const p of [anna, ben]) expect(await shapeTexts(p.page)).toEqual(['offline notiert', 'von Ben', 'vorher'])
      await until(carla.doc, () => storedTexts(carla.doc, pageId).length === 3)
      expect(storedTexts(carla.doc, pageId)).toEqual(['offline notiert', 'von Ben', 'vorher'])
    } finally {
      carla.destroy()
    }
    for (const p of [anna, ben]) {
      expectSameOrigin(p.requests)
      expectTokensOnlyInSocketUrls(p.requests, board)
      expect(p.problems).toEqual([])
    }
  })

  it('keeps both an offline text edit and a concurrent move of the same note, on both screens', { timeout: hang(90_000) }, async () => {
    const b = await theBoard()
    const { board, anna, ben } = b
    await onNewPage(b, 'Gleichzeitig')
    /** The only note on the page: its text and position. */
    const theNote = (page: Page) =>
      page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const [shape] = editor.getCurrentPageShapes()
        return { id: shape.id as string, text: editor.getShapeUtil(shape).getText(shape), x: shape.x, y: shape.y }
      })
    await addNote(anna.page, 'Entwurf', 100)
    await waitForShapeCount(ben.page, 1)

    await anna.context.setOffline(true)
    await anna.page.locator('.nws-status[data-state="offline"]').waitFor()
    // Anna fixes her text offline while Ben drags the note elsewhere.
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
    await anna.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })

    const merged = { text: 'Entwurf, korrigiert', x: 500, y: 420 }
    for (const p of [anna, ben]) await expect.poll(() => theNote(p.page), { timeout: hang(15_000) }).toMatchObject(merged)
    // And the board holds it: a fresh visitor gets the same.
    const { id } = await theNote(anna.page)
    const carla = connectClient(suite.relay, board.id)
    try {
      await whenSynced(carla)
      const stored = () => recordsIn(carla.doc).find((r) => r.id === id)!
      await until(carla.doc, () => stored().x === merged.x)
      expect({ text: plainText((stored().props as { richText?: unknown }).richText), x: stored().x, y: stored().y }).toEqual(merged)
    } finally {
      carla.destroy()
    }
    for (const p of [anna, ben]) expect(p.problems).toEqual([])
  })

  it('explains the missing licence key on public https instead of mounting tldraw', { timeout: hang(60_000) }, async () => {
    const board = await createBoard(suite.relay, 'Öffentlich')
    const url = new URL(boardPageUrl(suite.relay, board))
    // Pretend to be served at a public https address by answering its requests from the relay.
    const context = await suite.browser.newContext({ locale: 'de-DE', serviceWorkers: 'block' })
    try {
      const requests: string[] = []
      await context.route('**/*', async (route) => {
        const target = new URL(route.request().url())
        requests.push(target.href)
        if (target.host !== 'board.example.org') return route.abort()
        await route.fulfill({ response: await route.fetch({ url: `${suite.relay.httpUrl}${target.pathname}${target.search}` }) })
      })
      const page = await context.newPage()
      const sockets: string[] = []
      page.on('websocket', (socket) => sockets.push(socket.url()))
      await page.goto(`https://board.example.org${url.pathname}${url.hash}`)
      await page.getByRole('heading', { name: 'Die Zeichenfläche ist gerade nicht verfügbar' }).waitFor()
      // The list instead of the canvas asks for a name first, as it asks everyone.
      const prompt = page.getByRole('dialog', { name: 'Wie heißen Sie?' })
      await prompt.getByLabel('Ihr Name').fill('Anna')
      await prompt.getByRole('button', { name: 'Weiter' }).click()
      // Folded under the note: what the operator does, and what the board holds, fetched from the same address.
      await page.locator('.nws-licence summary').click()
      await page.getByText(/TLDRAW_LICENSE_KEY/).waitFor()
      await expect.poll(() => page.locator('.nws-licence__export').textContent()).toContain('# Öffentlich')
      expect(await page.locator('.tl-canvas').count()).toBe(0)
      // The list instead of the canvas connects to the same address (which this test does not answer), nowhere else.
      expect(sockets.every((s) => new URL(s).host === 'board.example.org')).toBe(true)
      expect(requests.every((r) => new URL(r).host === 'board.example.org')).toBe(true)
    } finally {
      await context.close()
    }
  })
})

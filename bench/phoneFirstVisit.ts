/**
 * The QR moment: a participant's first visit to a board from a phone. Chromium as a phone
 * (390×844, touch), on a venue Wi-Fi share (375 kB/s down and up, 40 ms), its CPU 4× slower,
 * with an empty cache, opens a board holding a Gründungsveranstaltung and 120 Zettel.
 *
 * Measured per visit: bytes on the wire (files as Chromium counts them, fonts among them; the
 * board's WebSocket as the proxy below passes it, compressed or not, beside what its frames hold
 * inflated) until the page has fetched everything it asks for, and the time from navigation until
 * the 120 Zettel are on screen with their text (the first paint, drawn from the records before
 * tldraw is there) and until the editor holds all 120 and has drawn a frame with them. And a first-time participant's
 * journey: from opening the link to their Zettel in the right cell on the facilitator's canvas,
 * with 40 characters typed at a person's pace (4 a second): on the canvas by a double tap into the
 * cell, against the same journey on an unthrottled laptop with a mouse; and in the contribution
 * view a phone gets by default, by a tap into the cell's field and on „Zettel anheften“. The
 * baseline in the same run is the same visit uncompressed, as the relay served it before it kept
 * brotli and gzip copies and compressed its socket: Chromium will not send another
 * Accept-Encoding, so both visits go through the same small proxy, which for the baseline drops
 * the header and the socket's offer of permessage-deflate and passes everything else on. Each
 * visit checks the encoding it claims.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http'
import { connect } from 'node:net'
import { once } from 'node:events'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../test/helpers/browser.ts'
import { newPerson, openBoardPage } from '../test/helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { median, round } from './stats.ts'

const phone = { width: 390, height: 844 }
const wifi = { latency: 40, downloadThroughput: 375 * 1024, uploadThroughput: 375 * 1024 }
const cpuSlowdown = 4
const zettel = 120

export interface VisitFigures {
  fileBytes: number
  /** Of the files, those received by the time the editor (or the list) was ready: what that moment waited on. */
  readyBytes: number
  /** The board's socket on the wire, both ways (compressed where the relay and Chromium agreed on it). */
  socketBytes: number
  /** What its frames hold, inflated (Chromium's count). */
  socketFrameBytes: number
  /** Of the files, the fonts (woff2). */
  fontBytes: number
  /** Until the editor holds all 120 Zettel and has drawn a frame with them: ready for input. */
  boardMs: number
  /**
   * Until the 120 Zettel are on screen with their text, whoever drew them: the first paint drawn
   * from the records (`client/boardPage/firstPaint/`) on the canvas, the list in the contribution view.
   */
  firstPaintMs: number
  /** Content-Encoding of the largest file, as the run claims it. */
  largestEncoding: string
}

export interface PhoneFirstVisitResult {
  rounds: number
  /** The canvas. */
  compressed: VisitFigures[]
  uncompressed: VisitFigures[]
  /** The contribution view („Beitragen“, no tldraw; goal ≤ 250 kB, issue 64): until its list holds the 120 Zettel. */
  contribution: { compressed: VisitFigures[]; uncompressed: VisitFigures[] }
  /** The canvas's first visit from the unthrottled laptop (1366×768), compressed. */
  laptop: VisitFigures[]
  /**
   * From opening the link to the Zettel in its cell on the facilitator's canvas (goal < 20 s on the
   * phone): on the canvas from the phone and the laptop, and in the contribution view from the phone.
   */
  journey: { phoneMs: number[]; laptopMs: number[]; contributionMs: number[] }
  /**
   * Medians, compressed / uncompressed; the journey phone / laptop; the contribution view / the
   * canvas, both compressed (bytes, ms, and the journey); the socket on the wire / its frames
   * inflated, for the contribution view's visit.
   */
  ratios: {
    bytes: number
    boardMs: number
    journey: number
    contributionBytes: number
    contributionMs: number
    contributionJourney: number
    socketCompression: number
    /** The canvas's first paint / its editor ready, compressed. */
    firstPaint: number
    /** The canvas's first paint / the contribution view's list, compressed. */
    firstPaintToList: number
  }
}

/** 40 characters, typed at 4 a second. */
const typed = 'Elternabende in der Kita, 1x im Quartal!'
const keyDelayMs = 250

/** A board with the Gründungsveranstaltung and 120 Zettel spread over its cells, written by a facilitator's page. */
export async function preparedBoard(relay: RelayProcess, browser: Browser) {
  const board = await createBoard(relay, 'Gründung Netzwerk Alleinerziehende', { template: 'gruendungsveranstaltung', locale: 'de' })
  const writer = await newPerson(browser, { width: 1440, height: 900 })
  await openBoardPage(writer.page, boardPageUrl(relay, board))
  await writer.page.evaluate((count) => {
    const editor = window.__netzwerkstatt!.editor
    const cells = editor.getCurrentPageShapes().filter((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'cell')
    for (let i = 0; i < count; i++) {
      const c = editor.getShapePageBounds(cells[i % cells.length])!.center
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Beitrag ${i + 1}: Erreichbarkeit am Nachmittag` }] }] }
      editor.createShape({ type: 'note', x: c.x - 100, y: c.y - 100, props: { richText } })
    }
  }, zettel)
  // Written once a fresh page sees them all.
  const check = await newPerson(browser)
  await openBoardPage(check.page, boardPageUrl(relay, board, 'participant'))
  await check.page.waitForFunction((n) => window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => s.type === 'note').length >= n, zettel, { timeout: 60_000 })
  await Promise.all([writer.context.close(), check.context.close()])
  return board
}

/** A proxy to the relay on a port of its own; `plain` drops the browser's Accept-Encoding. */
interface Proxy {
  server: Server
  url: (relayUrl: string) => string
  /** Bytes its sockets passed both ways since it was made or last asked (then counted from 0 again). */
  takeSocketBytes(): number
}

async function proxy(relay: RelayProcess, plain: boolean): Promise<Proxy> {
  const forwarded = (headers: IncomingHttpHeaders) => {
    const copy = { ...headers }
    if (plain) {
      delete copy['accept-encoding']
      delete copy['sec-websocket-extensions']
    }
    return copy
  }
  let socketBytes = 0
  const server = createServer((req, res) => {
    const upstream = request({ host: '127.0.0.1', port: relay.port, path: req.url, method: req.method, headers: forwarded(req.headers) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('upgrade', (req, socket, head) => {
    socket.on('data', (chunk: Buffer) => (socketBytes += chunk.length))
    const upstream = connect(relay.port, '127.0.0.1', () => {
      upstream.on('data', (chunk: Buffer) => (socketBytes += chunk.length))
      const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(forwarded(req.headers)).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${k}: ${one}`))]
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`)
      upstream.write(head)
      socket.pipe(upstream).pipe(socket)
    })
    upstream.on('error', () => socket.destroy())
    socket.on('error', () => upstream.destroy())
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  return {
    server,
    url: (relayUrl) => relayUrl.replace(`:${relay.port}/`, `:${port}/`),
    takeSocketBytes: () => {
      const taken = socketBytes
      socketBytes = 0
      return taken
    },
  }
}

/** A fresh browser profile: the phone on the venue's Wi-Fi, or a laptop on the wire as it is. */
export async function device(browser: Browser, kind: 'phone' | 'laptop', view: 'tafel' | 'default' = 'tafel') {
  // No service worker: once it controls the page it fetches what the page asks for (tldraw's fonts,
  // requested after the editor mounts), and those bytes would not show in the page's own count.
  const context = await browser.newContext({
    ...(kind === 'phone' ? { viewport: phone, hasTouch: true, isMobile: true, deviceScaleFactor: 3 } : { viewport: { width: 1366, height: 768 } }),
    locale: 'de-DE',
    serviceWorkers: 'block',
  })
  await context.addInitScript((canvas) => {
    window.__netzwerkstattTestHooks = true
    try {
      localStorage.setItem('netzwerkstatt:name', 'skipped')
      // The canvas on a phone, as someone who chose it: by default a phone gets the list („Beitragen“).
      if (canvas) localStorage.setItem('netzwerkstatt:ansicht', 'tafel')
    } catch {}
  }, view === 'tafel')
  const page: Page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  if (kind === 'phone') {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...wifi })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown })
  }
  return { context, page, cdp }
}

export const allZettelThere = (page: Page) =>
  page.waitForFunction(
    (n) => {
      const editor = window.__netzwerkstatt?.editor
      return editor !== undefined && editor.getCurrentPageShapes().filter((s) => s.type === 'note').length >= n
    },
    zettel,
    { timeout: 120_000, polling: 50 },
  )

/** The cell „Kita-Träger × Unser Angebot“ on a canvas: its shape id and a point in its free lower right. */
const targetCell = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const cell = editor.getCurrentPageShapes().find((s) => {
      const ref = (s.meta as { netzwerkstatt?: { cell?: { rowLabel?: string; col?: string } } }).netzwerkstatt?.cell
      return ref?.rowLabel === 'Kita-Träger' && ref.col === 'angebot'
    })
    if (!cell) throw new Error('no cell „Kita-Träger × Unser Angebot“ on the board')
    const box = editor.getShapePageBounds(cell)!
    return { id: cell.id as string, at: editor.pageToScreen({ x: box.x + box.w * 0.8, y: box.y + box.h * 0.8 }) }
  })

/** How many Zettel with the typed text the facilitator's canvas shows in the cell. */
const typedInCell = ({ cellId, text }: { cellId: string; text: string }): number => {
  const editor = window.__netzwerkstatt!.editor
  const cell = editor.getShapePageBounds(cellId as never)
  return editor
    .getCurrentPageShapes()
    .filter((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === text && cell !== undefined && cell.containsPoint(editor.getShapePageBounds(s)!.center)).length
}

/**
 * Opening the link, 40 characters typed into the cell „Kita-Träger × Unser Angebot“: until the
 * facilitator's canvas shows one Zettel more with them in that cell. On the canvas by a double tap
 * (or click) into the cell; in the contribution view („Beitragen“, a phone's default) by a tap
 * into the cell's field and one on „Zettel anheften“.
 */
async function journey(browser: Browser, url: string, facilitator: Page, kind: 'phone' | 'laptop' | 'contribution'): Promise<number> {
  const { context, page } = await device(browser, kind === 'laptop' ? 'laptop' : 'phone', kind === 'contribution' ? 'default' : 'tafel')
  const arg = { cellId: (await targetCell(facilitator)).id, text: typed }
  const before = await facilitator.evaluate(typedInCell, arg)
  // A page that navigates again (a reload after the relay refused something) shows here, without its link's token.
  page.on('framenavigated', (frame) => frame === page.mainFrame() && console.error(`journey (${kind}): at ${frame.url().split('#')[0]}`))
  try {
    const started = performance.now()
    await page.goto(url)
    if (kind === 'contribution') {
      const cell = page.locator(`.nws-contribute__cell[data-cell="${arg.cellId}"]`)
      await cell.getByRole('textbox').tap({ timeout: 120_000 })
      await page.keyboard.type(typed, { delay: keyDelayMs })
      await cell.getByRole('button', { name: 'Zettel anheften' }).tap()
    } else {
      await allZettelThere(page)
      const target = await targetCell(page)
      if (kind === 'phone') {
        await page.touchscreen.tap(target.at.x, target.at.y)
        await page.touchscreen.tap(target.at.x, target.at.y)
      } else await page.mouse.dblclick(target.at.x, target.at.y)
      await page.keyboard.type(typed, { delay: keyDelayMs })
    }
    // The page's CSP allows no eval: the count is written out here again rather than passed as text.
    await facilitator.waitForFunction(
      ({ arg: { cellId, text }, before }) => {
        const editor = window.__netzwerkstatt!.editor
        const cell = editor.getShapePageBounds(cellId as never)
        const shown = editor
          .getCurrentPageShapes()
          .filter((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === text && cell !== undefined && cell.containsPoint(editor.getShapePageBounds(s)!.center))
        return shown.length > before
      },
      { arg, before },
      { timeout: 120_000, polling: 100 },
    )
    return round(performance.now() - started)
  } finally {
    await context.close()
  }
}

/** The board's address opening the contribution view instead of the canvas. */
const inList = (url: string) => url.replace('#', '?ansicht=beitragen#')

/** How long the page must fetch nothing (its own API calls aside) before a visit's bytes are summed. */
const quietMs = 1_000

async function visit(browser: Browser, via: Proxy, url: string, compressed: boolean, view: 'tafel' | 'beitragen' = 'tafel', kind: 'phone' | 'laptop' = 'phone'): Promise<VisitFigures> {
  const { context, page, cdp } = await device(browser, kind)
  try {
    let fileBytes = 0
    let fontBytes = 0
    const fonts = new Set<string>()
    let largest = { bytes: 0, encoding: '' }
    const encodings = new Map<string, string>()
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const headers = Object.fromEntries(Object.entries(response.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]))
      encodings.set(requestId, headers['content-encoding'] ?? 'none')
      if (/\.woff2$/.test(new URL(response.url as string).pathname)) fonts.add(requestId)
    })
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      fileBytes += encodedDataLength
      if (fonts.has(requestId)) fontBytes += encodedDataLength
      if (encodedDataLength > largest.bytes) largest = { bytes: encodedDataLength, encoding: encodings.get(requestId) ?? 'none' }
    })
    const frameBytes = ({ opcode, payloadData }: { opcode: number; payloadData: string }) =>
      opcode === 2 ? Buffer.from(payloadData, 'base64').byteLength : Buffer.byteLength(payloadData)
    let socketFrameBytes = 0
    cdp.on('Network.webSocketFrameReceived', ({ response }) => (socketFrameBytes += frameBytes(response)))
    cdp.on('Network.webSocketFrameSent', ({ response }) => (socketFrameBytes += frameBytes(response)))
    // Files still coming: tldraw asks for its fonts once the editor is there, after the board shows.
    const pending = new Set<string>()
    let lastActivity = performance.now()
    cdp.on('Network.requestWillBeSent', ({ requestId, request: sent }) => {
      if (/^https?:/.test(sent.url) && !new URL(sent.url).pathname.startsWith('/api/')) pending.add(requestId)
      lastActivity = performance.now()
    })
    const settled = ({ requestId }: { requestId: string }) => {
      pending.delete(requestId)
      lastActivity = performance.now()
    }
    cdp.on('Network.loadingFinished', settled)
    cdp.on('Network.loadingFailed', settled)
    via.takeSocketBytes()

    const started = performance.now()
    await page.goto(view === 'beitragen' ? inList(url) : url)
    let firstPaintMs = 0
    if (view === 'beitragen') {
      await page.waitForFunction((n) => document.querySelectorAll('.nws-contribute__item').length >= n, zettel, { timeout: 120_000, polling: 50 })
      firstPaintMs = performance.now() - started
    } else {
      // Either drawing counts: the first paint's, or the editor's if it came first.
      const drawn = page
        .waitForFunction(
          (n) => {
            const texts = [...document.querySelectorAll('.nws-first-paint [data-zettel]')].filter((z) => (z.textContent ?? '').trim() !== '')
            return texts.length >= n || (window.__netzwerkstatt?.editor.getCurrentPageShapes().filter((s) => s.type === 'note').length ?? 0) >= n
          },
          zettel,
          { timeout: 120_000, polling: 50 },
        )
        .then(() => (firstPaintMs = performance.now() - started))
      await allZettelThere(page)
      await drawn
    }
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    const boardMs = performance.now() - started
    const readyBytes = fileBytes
    const giveUp = performance.now() + 60_000
    while ((pending.size > 0 || performance.now() - lastActivity < quietMs) && performance.now() < giveUp) await new Promise((done) => setTimeout(done, 100))
    const socketBytes = via.takeSocketBytes()
    const figures = { fileBytes, readyBytes, socketBytes, socketFrameBytes, fontBytes, boardMs: round(boardMs), firstPaintMs: round(firstPaintMs), largestEncoding: largest.encoding }
    const expected = compressed ? 'br' : 'none'
    if (figures.largestEncoding !== expected) throw new Error(`the ${compressed ? 'compressed' : 'uncompressed'} visit got ${figures.largestEncoding} for its largest file, not ${expected}`)
    return figures
  } finally {
    await context.close()
  }
}

/** `journeys: false` leaves out the typed journeys (minutes each round): `bench/against.ts` compares the visits alone. */
export async function runPhoneFirstVisit({ rounds = 3, journeys = true } = {}): Promise<PhoneFirstVisitResult> {
  const relay = await startRelay({ process: true, env: { LOG_LEVEL: 'info' } })
  const browser = await launchBrowser()
  try {
    const board = await preparedBoard(relay, browser)
    const url = boardPageUrl(relay, board, 'participant')
    const [plain, encoded] = [await proxy(relay, true), await proxy(relay, false)]
    const compressed: VisitFigures[] = []
    const uncompressed: VisitFigures[] = []
    const contribution = { compressed: [] as VisitFigures[], uncompressed: [] as VisitFigures[] }
    const laptop: VisitFigures[] = []
    try {
      // Alternating, so that a noisy moment on the machine hits both alike.
      for (let i = 0; i < rounds; i++) {
        uncompressed.push(await visit(browser, plain, plain.url(url), false))
        compressed.push(await visit(browser, encoded, encoded.url(url), true))
        contribution.uncompressed.push(await visit(browser, plain, plain.url(url), false, 'beitragen'))
        contribution.compressed.push(await visit(browser, encoded, encoded.url(url), true, 'beitragen'))
        laptop.push(await visit(browser, encoded, encoded.url(url), true, 'tafel', 'laptop'))
      }
    } finally {
      for (const { server } of [plain, encoded]) {
        server.closeAllConnections()
        server.close()
      }
    }
    // The facilitator's laptop, watching the canvas; each journey writes one Zettel more.
    const facilitator = await device(browser, 'laptop')
    await facilitator.page.goto(boardPageUrl(relay, board))
    await allZettelThere(facilitator.page)
    const phoneMs: number[] = []
    const laptopMs: number[] = []
    const contributionMs: number[] = []
    for (let i = 0; i < (journeys ? rounds : 0); i++) {
      laptopMs.push(await journey(browser, url, facilitator.page, 'laptop'))
      phoneMs.push(await journey(browser, url, facilitator.page, 'phone'))
      contributionMs.push(await journey(browser, url, facilitator.page, 'contribution'))
    }
    await facilitator.context.close()
    const total = (f: VisitFigures) => f.fileBytes + f.socketBytes
    return {
      rounds,
      compressed,
      uncompressed,
      contribution,
      laptop,
      journey: { phoneMs, laptopMs, contributionMs },
      ratios: {
        contributionBytes: round(median(contribution.compressed.map(total)) / median(compressed.map(total))),
        contributionMs: round(median(contribution.compressed.map((f) => f.boardMs)) / median(compressed.map((f) => f.boardMs))),
        journey: round(median(phoneMs) / median(laptopMs)),
        contributionJourney: round(median(contributionMs) / median(phoneMs)),
        socketCompression: round(median(contribution.compressed.map((f) => f.socketBytes)) / median(contribution.compressed.map((f) => f.socketFrameBytes))),
        bytes: round(median(compressed.map(total)) / median(uncompressed.map(total))),
        boardMs: round(median(compressed.map((f) => f.boardMs)) / median(uncompressed.map((f) => f.boardMs))),
        firstPaint: round(median(compressed.map((f) => f.firstPaintMs)) / median(compressed.map((f) => f.boardMs))),
        firstPaintToList: round(median(compressed.map((f) => f.firstPaintMs)) / median(contribution.compressed.map((f) => f.firstPaintMs))),
      },
    }
  } finally {
    await browser.close()
    await relay.kill()
    removeDataDir(relay.dataDir)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(await runPhoneFirstVisit(), null, 2))

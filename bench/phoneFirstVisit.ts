/**
 * The QR moment: a participant's first visit to a board from a phone. Chromium as a phone
 * (390×844, touch), on a venue Wi-Fi share (375 kB/s down and up, 40 ms), its CPU 4× slower,
 * with an empty cache, opens a board holding a Gründungsveranstaltung and 120 Zettel.
 *
 * Measured per visit: bytes on the wire (files, and the board's WebSocket frames) and the time
 * from navigation until the editor holds all 120 Zettel and has drawn a frame with them. And a
 * first-time participant's journey: from opening the link to their Zettel in the right cell on the
 * facilitator's canvas, with a double tap into a cell and 40 characters typed at a person's pace
 * (4 a second); its baseline is the same journey on an unthrottled laptop with a mouse. The
 * baseline in the same run is the same visit with the client files uncompressed, as the relay
 * served them before it kept brotli and gzip copies: Chromium will not send another
 * Accept-Encoding, so both visits go through the same small proxy, which drops the header for
 * the baseline and passes everything else (WebSocket included) on. Each visit checks the
 * encoding it claims.
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
  socketBytes: number
  boardMs: number
  /** Content-Encoding of the largest file, as the run claims it. */
  largestEncoding: string
}

export interface PhoneFirstVisitResult {
  rounds: number
  /** The canvas. */
  compressed: VisitFigures[]
  uncompressed: VisitFigures[]
  /** The contribution view („Beitragen“, no tldraw; goal ≤ 300 kB): until its list holds the 120 Zettel. */
  contribution: { compressed: VisitFigures[]; uncompressed: VisitFigures[] }
  /** From opening the link to the Zettel in its cell on the facilitator's canvas (goal < 20 s on the phone). */
  journey: { phoneMs: number[]; laptopMs: number[] }
  /** Medians, compressed / uncompressed; the journey phone / laptop; the contribution view / the canvas, both compressed. */
  ratios: { bytes: number; boardMs: number; journey: number; contributionBytes: number; contributionMs: number }
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
async function proxy(relay: RelayProcess, plain: boolean): Promise<{ server: Server; url: (relayUrl: string) => string }> {
  const forwarded = (headers: IncomingHttpHeaders) => {
    const copy = { ...headers }
    if (plain) delete copy['accept-encoding']
    return copy
  }
  const server = createServer((req, res) => {
    const upstream = request({ host: '127.0.0.1', port: relay.port, path: req.url, method: req.method, headers: forwarded(req.headers) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('upgrade', (req, socket, head) => {
    const upstream = connect(relay.port, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${k}: ${one}`))]
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
  return { server, url: (relayUrl) => relayUrl.replace(`:${relay.port}/`, `:${port}/`) }
}

/** A fresh browser profile: the phone on the venue's Wi-Fi, or a laptop on the wire as it is. */
async function device(browser: Browser, kind: 'phone' | 'laptop') {
  const context = await browser.newContext(
    kind === 'phone' ? { viewport: phone, hasTouch: true, isMobile: true, deviceScaleFactor: 3, locale: 'de-DE' } : { viewport: { width: 1366, height: 768 }, locale: 'de-DE' },
  )
  await context.addInitScript(() => {
    window.__netzwerkstattTestHooks = true
    try {
      localStorage.setItem('netzwerkstatt:name', 'skipped')
      // The canvas on a phone, as someone who chose it: by default a phone gets the list („Beitragen“).
      localStorage.setItem('netzwerkstatt:ansicht', 'tafel')
    } catch {}
  })
  const page: Page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  if (kind === 'phone') {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...wifi })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown })
  }
  return { context, page, cdp }
}

const allZettelThere = (page: Page) =>
  page.waitForFunction(
    (n) => {
      const editor = window.__netzwerkstatt?.editor
      return editor !== undefined && editor.getCurrentPageShapes().filter((s) => s.type === 'note').length >= n
    },
    zettel,
    { timeout: 120_000, polling: 50 },
  )

/** Opening the link, a double tap (or click) into the cell „Kita-Träger × Unser Angebot“, 40 characters typed: until the facilitator's canvas shows them in that cell. */
async function journey(browser: Browser, url: string, facilitator: Page, kind: 'phone' | 'laptop'): Promise<number> {
  const { context, page } = await device(browser, kind)
  try {
    const started = performance.now()
    await page.goto(url)
    await allZettelThere(page)
    const target = await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const cell = editor.getCurrentPageShapes().find((s) => {
        const ref = (s.meta as { netzwerkstatt?: { cell?: { rowLabel?: string; col?: string } } }).netzwerkstatt?.cell
        return ref?.rowLabel === 'Kita-Träger' && ref.col === 'angebot'
      })
      if (!cell) throw new Error('no cell „Kita-Träger × Unser Angebot“ on the board')
      const box = editor.getShapePageBounds(cell)!
      return { id: cell.id, at: editor.pageToScreen({ x: box.x + box.w * 0.8, y: box.y + box.h * 0.8 }) }
    })
    if (kind === 'phone') {
      await page.touchscreen.tap(target.at.x, target.at.y)
      await page.touchscreen.tap(target.at.x, target.at.y)
    } else await page.mouse.dblclick(target.at.x, target.at.y)
    await page.keyboard.type(typed, { delay: keyDelayMs })
    const arrived = ({ cellId, text }: { cellId: string; text: string }): boolean => {
      const editor = window.__netzwerkstatt!.editor
      const cell = editor.getShapePageBounds(cellId as never)
      return editor
        .getCurrentPageShapes()
        .some((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === text && cell !== undefined && cell.containsPoint(editor.getShapePageBounds(s)!.center))
    }
    await facilitator.waitForFunction(arrived as (arg: unknown) => boolean, { cellId: target.id, text: typed } as unknown, { timeout: 120_000, polling: 100 })
    return round(performance.now() - started)
  } finally {
    await context.close()
  }
}

/** The board's address opening the contribution view instead of the canvas. */
const inList = (url: string) => url.replace('#', '?ansicht=beitragen#')

async function visit(browser: Browser, url: string, compressed: boolean, view: 'tafel' | 'beitragen' = 'tafel'): Promise<VisitFigures> {
  const { context, page, cdp } = await device(browser, 'phone')
  try {
    let fileBytes = 0
    let socketBytes = 0
    let largest = { bytes: 0, encoding: '' }
    const encodings = new Map<string, string>()
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const headers = Object.fromEntries(Object.entries(response.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]))
      encodings.set(requestId, headers['content-encoding'] ?? 'none')
    })
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      fileBytes += encodedDataLength
      if (encodedDataLength > largest.bytes) largest = { bytes: encodedDataLength, encoding: encodings.get(requestId) ?? 'none' }
    })
    const frameBytes = ({ opcode, payloadData }: { opcode: number; payloadData: string }) =>
      opcode === 2 ? Buffer.from(payloadData, 'base64').byteLength : Buffer.byteLength(payloadData)
    cdp.on('Network.webSocketFrameReceived', ({ response }) => (socketBytes += frameBytes(response)))
    cdp.on('Network.webSocketFrameSent', ({ response }) => (socketBytes += frameBytes(response)))

    const started = performance.now()
    await page.goto(view === 'beitragen' ? inList(url) : url)
    if (view === 'beitragen') {
      await page.waitForFunction((n) => document.querySelectorAll('.nws-contribute__item').length >= n, zettel, { timeout: 120_000, polling: 50 })
    } else await allZettelThere(page)
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    const boardMs = performance.now() - started
    const figures = { fileBytes, socketBytes, boardMs: round(boardMs), largestEncoding: largest.encoding }
    const expected = compressed ? 'br' : 'none'
    if (figures.largestEncoding !== expected) throw new Error(`the ${compressed ? 'compressed' : 'uncompressed'} visit got ${figures.largestEncoding} for its largest file, not ${expected}`)
    return figures
  } finally {
    await context.close()
  }
}

export async function runPhoneFirstVisit({ rounds = 3 } = {}): Promise<PhoneFirstVisitResult> {
  const relay = await startRelay({ env: { LOG_LEVEL: 'info' } })
  const browser = await launchBrowser()
  try {
    const board = await preparedBoard(relay, browser)
    const url = boardPageUrl(relay, board, 'participant')
    const [plain, encoded] = [await proxy(relay, true), await proxy(relay, false)]
    const compressed: VisitFigures[] = []
    const uncompressed: VisitFigures[] = []
    const contribution = { compressed: [] as VisitFigures[], uncompressed: [] as VisitFigures[] }
    try {
      // Alternating, so that a noisy moment on the machine hits both alike.
      for (let i = 0; i < rounds; i++) {
        uncompressed.push(await visit(browser, plain.url(url), false))
        compressed.push(await visit(browser, encoded.url(url), true))
        contribution.uncompressed.push(await visit(browser, plain.url(url), false, 'beitragen'))
        contribution.compressed.push(await visit(browser, encoded.url(url), true, 'beitragen'))
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
    for (let i = 0; i < rounds; i++) {
      laptopMs.push(await journey(browser, url, facilitator.page, 'laptop'))
      phoneMs.push(await journey(browser, url, facilitator.page, 'phone'))
    }
    await facilitator.context.close()
    const total = (f: VisitFigures) => f.fileBytes + f.socketBytes
    return {
      rounds,
      compressed,
      uncompressed,
      contribution,
      journey: { phoneMs, laptopMs },
      ratios: {
        contributionBytes: round(median(contribution.compressed.map(total)) / median(compressed.map(total))),
        contributionMs: round(median(contribution.compressed.map((f) => f.boardMs)) / median(compressed.map((f) => f.boardMs))),
        journey: round(median(phoneMs) / median(laptopMs)),
        bytes: round(median(compressed.map(total)) / median(uncompressed.map(total))),
        boardMs: round(median(compressed.map((f) => f.boardMs)) / median(uncompressed.map((f) => f.boardMs))),
      },
    }
  } finally {
    await browser.close()
    await relay.kill()
    removeDataDir(relay.dataDir)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(await runPhoneFirstVisit(), null, 2))

/**
 * The plenary on venue Wi-Fi: a real board page in Chromium among 199 other people, spread over
 * 8 group areas, 50 of them moving their cursor at 25 Hz; the page looks at one area. Measured
 * over a window after warm-up:
 * - bytes per second the page receives (websocket payloads, from Chromium's own network events);
 * - baseline in the same run: what a plain y-websocket client on the same board receives, which
 *   is also what our page received before it asked for patches;
 * - how often each cursor in the page's view moved per second, and how many people it knows.
 */
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { WebSocket } from 'ws'
import { tokenQueryParam } from '../shared/access.ts'
import { encodeSyncStep1 } from '../shared/protocol.ts'
import { launchBrowser } from '../test/helpers/browser.ts'
import { newPerson, openBoardPage } from '../test/helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay } from '../test/helpers/relay.ts'
import type { Area, FleetCounts, FleetOrders } from './plenaryFleet.ts'
import { percentile, round } from './stats.ts'

export interface PlenaryResult {
  people: number
  movers: number
  hz: number
  areas: number
  seconds: number
  /** What the page received, per second. */
  pageBytesPerSecond: number
  /** What the page sent, per second: its own presence only (y-websocket alone echoes everyone's). */
  pageSentBytesPerSecond: number
  /** What a plain y-websocket client on the same board received, per second (the baseline). */
  plainBytesPerSecond: number
  ratio: number
  /** Cursor updates per second of each person moving in the page's view. */
  inViewMovers: number
  inViewRateMin: number
  inViewRateMedian: number
  /** People the page knows (tldraw collaborators), and the people count it shows. */
  collaboratorsKnown: number
  peopleCount: number
  relayCpuPercent: number | null
  fleet: FleetCounts | null
}

const screen = { width: 1440, height: 900 }

export async function runPlenary({ people = 200, movers = 50, hz = 25, seconds = 10 } = {}): Promise<PlenaryResult> {
  const relay = await startRelay({ process: true, env: { LOG_LEVEL: 'info', MAX_CONNECTIONS_PER_ADDRESS: '2000', MAX_CONNECTIONS_PER_BOARD: '2000' },
  })
  const browser = await launchBrowser()
  const fleet = fork(new URL('./plenaryFleet.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] })
  let plain: WebSocket | null = null
  try {
    const board = await createBoard(relay, 'Plenum')
    // Eight group areas in two rows, far enough apart that each is out of the others' view.
    const areas: Area[] = Array.from({ length: 8 }, (_, i) => ({ x: (i % 4) * 2600, y: Math.floor(i / 4) * 1800, w: screen.width, h: screen.height }))
    const person = await newPerson(browser, screen)
    const page = person.page
    // Before the page opens: Chromium reports frames only of sockets opened after this.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    let pageBytes = 0
    let pageSentBytes = 0
    // Binary payloads (opcode 2) come base64-encoded.
    const payloadBytes = ({ opcode, payloadData }: { opcode: number; payloadData: string }) =>
      opcode === 2 ? Buffer.from(payloadData, 'base64').byteLength : Buffer.byteLength(payloadData)
    cdp.on('Network.webSocketFrameReceived', ({ response }) => (pageBytes += payloadBytes(response)))
    cdp.on('Network.webSocketFrameSent', ({ response }) => (pageSentBytes += payloadBytes(response)))
    await openBoardPage(page, boardPageUrl(relay, board, 'participant'))
    await page.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: 0, y: 0, z: 1 }))

    const orders: FleetOrders = { wsUrl: relay.wsUrl, boardId: board.id, token: board.access.participant, people: people - 1, movers, hz, areas }
    const ready = new Promise<void>((resolve, reject) => {
      fleet.on('message', (message: { type: string; error?: string }) => {
        if (message.type === 'ready') resolve()
        if (message.type === 'failed') reject(new Error(message.error))
      })
    })
    fleet.send({ type: 'start', orders })
    await ready

    let plainBytes = 0
    plain = new WebSocket(`${relay.wsUrl}/${board.id}?${tokenQueryParam}=${encodeURIComponent(board.access.participant)}`)
    plain.on('message', (data: Buffer) => (plainBytes += data.byteLength))
    await once(plain, 'open')
    plain.send(encodeSyncStep1(new Uint8Array([0])))

    await sleep(3000) // warm-up: everyone's first state has arrived

    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const moves: Record<string, number> = {}
      ;(window as unknown as { __moves: Record<string, number> }).__moves = moves
      editor.store.listen(
        ({ changes }) => {
          for (const [from, to] of Object.values(changes.updated) as Array<[{ typeName: string; cursor?: { x: number; y: number } }, { id: string; cursor?: { x: number; y: number } }]>) {
            if (from.typeName !== 'instance_presence' || !from.cursor || !to.cursor) continue
            if (from.cursor.x !== to.cursor.x || from.cursor.y !== to.cursor.y) moves[to.id] = (moves[to.id] ?? 0) + 1
          }
        },
        { scope: 'presence' },
      )
    })
    pageBytes = 0
    pageSentBytes = 0
    plainBytes = 0
    const cpuBefore = cpuMs(relay.child.pid!)
    const started = performance.now()
    await sleep(seconds * 1000)
    const elapsed = (performance.now() - started) / 1000
    const cpuAfter = cpuMs(relay.child.pid!)
    const [pageBytesNow, pageSentBytesNow, plainBytesNow] = [pageBytes, pageSentBytes, plainBytes]

    const seen = await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const moves = (window as unknown as { __moves: Record<string, number> }).__moves
      const view = editor.getViewportPageBounds()
      const collaborators = editor.getCollaborators()
      const inView = collaborators.filter((c) => c.cursor && view.containsPoint(c.cursor) && (moves[c.id] ?? 0) > 0)
      return {
        moves: inView.map((c) => moves[c.id]),
        collaborators: collaborators.length,
        peopleCount: Number(document.querySelector('[data-people-count]')?.getAttribute('data-people-count') ?? 0),
      }
    })
    const rates = seen.moves.map((n) => n / elapsed)
    fleet.send({ type: 'stop' })
    const [counts] = (await once(fleet, 'message')) as [{ counts: FleetCounts | null }]
    return {
      people,
      movers,
      hz,
      areas: areas.length,
      seconds: round(elapsed),
      pageBytesPerSecond: Math.round(pageBytesNow / elapsed),
      pageSentBytesPerSecond: Math.round(pageSentBytesNow / elapsed),
      plainBytesPerSecond: Math.round(plainBytesNow / elapsed),
      ratio: round(pageBytesNow / plainBytesNow),
      inViewMovers: rates.length,
      inViewRateMin: round(Math.min(...rates)),
      inViewRateMedian: round(percentile(rates, 50)),
      collaboratorsKnown: seen.collaborators,
      peopleCount: seen.peopleCount,
      relayCpuPercent: cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / (elapsed * 1000)) * 100),
      fleet: counts.counts,
    }
  } finally {
    plain?.terminate()
    if (fleet.exitCode === null) fleet.kill()
    await browser.close()
    await relay.kill()
    removeDataDir(relay.dataDir)
  }
}

/** User + system CPU time of a process so far, from /proc (null elsewhere). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return null
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runPlenary(), null, 2))

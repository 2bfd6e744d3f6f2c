/**
 * The relay's longest stall under each request that used to hold its thread (issue 40, finding
 * 8), seen from outside: a quiet client asks `GET /api/time` over and over, one request after
 * the other, and the longest round trip while the attack runs is how long the relay answered
 * nobody. Against the same probe on the quiet relay, in the same run. Goal: under 50 ms.
 *
 * Scenarios, each on a freshly started relay holding the boards as stored (not loaded):
 * - an export refused (403) to the read-only link, of a board of 15,000 notes, three in a row;
 * - a Dokumentation PDF of three Zettel of 280,000 characters;
 * - a steering group pack of a network of four boards of 8,000 notes;
 * - sync requests with an almost complete state vector (one clock short) on a loaded board of
 *   15,000 notes, from four sockets, for three seconds.
 *
 * Alone: `node --import tsx bench/stalls.ts`.
 */
import * as Y from 'yjs'
import { encodeSyncStep1 } from '../shared/protocol.ts'
import { CreatedNetwork, networkBoardsPath, networkPackPath } from '../shared/networkApi.ts'
import type { CreatedBoard } from '../shared/api.ts'
import { apiFetch, createBoard, openRawSocket } from '../test/helpers/clients.ts'
import { storeUnjudged } from '../test/helpers/damagedBoards.ts'
import { noteAt, putRecords } from '../test/helpers/records.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { relayLongestStallMs } from './relayStall.ts'
import { percentile, round } from './stats.ts'

export interface StallFigures {
  scenario: string
  probes: number
  longestMs: number
  p99Ms: number
  /** The relay's own longest event-loop stall meanwhile (`relayStall.ts`). */
  relayLongestMs: number
  /** What the attack's requests were answered (status codes, or sync answers received). */
  answers: string
}

export interface StallsResult {
  quiet: StallFigures
  scenarios: Array<StallFigures & { ratio: number }>
  goalMs: number
}

const manyNotes = (count: number) => Array.from({ length: count }, (_, i) => noteAt((i % 100) * 220, Math.floor(i / 100) * 220, `Zettel ${i}`))

/** Runs `attack` while a quiet client probes the relay; the probe's round trips meanwhile. */
async function probeDuring(relay: RelayProcess, scenario: string, attack: () => Promise<string>): Promise<StallFigures> {
  const samples: number[] = []
  await relayLongestStallMs(relay)
  let running = true
  const probe = (async () => {
    while (running) {
      const started = performance.now()
      await (await fetch(`${relay.httpUrl}/api/time`)).arrayBuffer()
      samples.push(performance.now() - started)
    }
  })()
  const answers = await attack()
  running = false
  await probe
  const relayLongestMs = await relayLongestStallMs(relay)
  return { scenario, probes: samples.length, longestMs: round(Math.max(...samples)), p99Ms: round(percentile(samples, 99)), relayLongestMs: round(relayLongestMs), answers }
}

/** A relay whose boards hold these notes, stored and not loaded (written while it was stopped). */
async function relayWith(boards: Array<{ title: string; notes: () => object[] }>, before?: (relay: RelayProcess, created: CreatedBoard[]) => Promise<void>) {
  const first = await startRelay({ env: { LOG_LEVEL: 'info', MAX_BOARDS_PER_MINUTE: '200' } })
  const created: CreatedBoard[] = []
  for (const board of boards) created.push(await createBoard(first, board.title))
  await before?.(first, created)
  await first.kill('SIGTERM')
  for (const [i, board] of boards.entries()) {
    const doc = new Y.Doc()
    putRecords(doc, board.notes())
    await storeUnjudged(first.dataDir, created[i]!.id, Y.encodeStateAsUpdate(doc))
    doc.destroy()
  }
  const relay = await startRelay({ dataDir: first.dataDir, env: { LOG_LEVEL: 'info' } })
  return { relay, boards: created, done: async () => (await relay.kill(), removeDataDir(first.dataDir)) }
}

const statuses = (codes: number[]) => [...new Set(codes)].map((code) => `${codes.filter((c) => c === code).length}× ${code}`).join(', ')

export async function runStalls(): Promise<StallsResult> {
  const scenarios: StallFigures[] = []

  const quietRelay = await relayWith([{ title: 'Leer', notes: () => manyNotes(10) }])
  const quiet = await probeDuring(quietRelay.relay, 'quiet', async () => {
    await new Promise((resolve) => setTimeout(resolve, 3000))
    return 'none'
  })
  await quietRelay.done()

  {
    const { relay, boards, done } = await relayWith([{ title: 'Großes Board', notes: () => manyNotes(15_000) }])
    const board = boards[0]!
    scenarios.push(
      await probeDuring(relay, '403 export of a board of 15,000 notes (×3)', async () => {
        const codes: number[] = []
        for (let i = 0; i < 3; i++) {
          const response = await apiFetch(relay, `/api/boards/${board.id}/export?format=md`, { headers: { authorization: `Bearer ${board.access.observer}` } })
          await response.arrayBuffer()
          codes.push(response.status)
        }
        return statuses(codes)
      }),
    )
    await done()
  }

  {
    const bigZettel = () => [0, 1, 2].map((i) => noteAt(i * 300, 0, `Wort ${i} `.repeat(40_000)))
    const { relay, boards, done } = await relayWith([{ title: 'Lange Zettel', notes: bigZettel }])
    scenarios.push(
      await probeDuring(relay, 'Dokumentation PDF of 3 Zettel of 280,000 characters', async () => {
        const response = await apiFetch(relay, `/api/boards/${boards[0]!.id}/report?format=pdf`)
        await response.arrayBuffer()
        return statuses([response.status])
      }),
    )
    await done()
  }

  {
    let network: CreatedNetwork | undefined
    const { relay, done } = await relayWith(
      Array.from({ length: 4 }, (_, i) => ({ title: `Board ${i}`, notes: () => manyNotes(8_000) })),
      async (first, created) => {
        const json = (body: unknown, token?: string): RequestInit => ({
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        })
        network = CreatedNetwork.parse(await (await apiFetch(first, '/api/networks', json({ name: 'Netzwerk', targetGroup: 'Familien' }))).json())
        for (const board of created) {
          await apiFetch(first, networkBoardsPath(network.id), json({ boardId: board.id, token: board.access.facilitator, phase: 'gruendung', internal: false }, network.token))
        }
      },
    )
    scenarios.push(
      await probeDuring(relay, 'steering group pack of 4 boards of 8,000 notes', async () => {
        const response = await fetch(`${relay.httpUrl}${networkPackPath(network!.id, 'md', 'de', '2026-11-23')}`, { headers: { authorization: `Bearer ${network!.token}` } })
        await response.arrayBuffer()
        return statuses([response.status])
      }),
    )
    await done()
  }

  {
    const notes = () => manyNotes(15_000)
    // The board's state vector as stored, one clock short for its writer: an answer of a few bytes that walks the whole board.
    const doc = new Y.Doc()
    putRecords(doc, notes())
    const clocks = Y.decodeStateVector(Y.encodeStateVector(doc))
    for (const [client, clock] of clocks) clocks.set(client, clock - 1)
    const almostComplete = new Uint8Array(Y.encodeStateVector(clocks))
    doc.destroy()
    const { relay, boards, done } = await relayWith([{ title: 'Großes Board', notes }])
    const board = boards[0]!
    // The first socket loads the board (on the relay's thread, not measured here); the others join it loaded.
    const loader = await openRawSocket(relay, board.id, board.access.participant)
    await loader.inRoom
    const sockets = [loader, ...(await Promise.all(Array.from({ length: 3 }, () => openRawSocket(relay, board.id, board.access.participant))))]
    await Promise.all(sockets.map((s) => s.inRoom))
    let answered = 0
    for (const { socket } of sockets) socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && answered++)
    scenarios.push(
      await probeDuring(relay, 'sync requests one clock short, 4 sockets for 3 s', async () => {
        const until = performance.now() + 3000
        while (performance.now() < until) {
          for (const { socket } of sockets) if (socket.readyState === socket.OPEN) socket.send(encodeSyncStep1(almostComplete))
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        const closed = sockets.filter(({ socket }) => socket.readyState !== socket.OPEN).length
        return `${answered} answers${closed ? `, ${closed} sockets closed` : ''}`
      }),
    )
    for (const { socket } of sockets) socket.terminate()
    await done()
  }

  for (const s of scenarios) console.error(`${s.scenario}: longest ${s.longestMs} ms (quiet ${quiet.longestMs} ms), relay's own ${s.relayLongestMs} ms (quiet ${quiet.relayLongestMs} ms), ${s.answers}`)
  return {
    quiet,
    scenarios: scenarios.map((s) => ({ ...s, ratio: round(s.longestMs / quiet.longestMs) })),
    goalMs: 50,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runStalls()
  console.log(JSON.stringify(result, null, 2))
}

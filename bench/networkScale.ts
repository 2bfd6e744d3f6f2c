/**
 * A network of 500 boards against one of 50 (`test/helpers/networkYears.ts`: two years of
 * meetings with their Zettel), both on one freshly started relay: the Fahrplan's view
 * (`GET /api/networks/:id`) the first time after the start (every board read), again (nothing
 * changed), and after one board got a Zettel; and the steering group's pack as Markdown and PDF.
 * Medians of several rounds, alternating the two networks; figures as ratios 500 / 50.
 *
 * Alone: `node --import tsx bench/networkScale.ts` (after `npm run build`).
 */
import { performance } from 'node:perf_hooks'
import { networkApiPath, networkPackPath } from '../shared/networkApi.ts'
import { apiFetch } from '../test/helpers/clients.ts'
import { makeNetworkYears, planNetworkYears, writeZettel, type MadeNetworkYears } from '../test/helpers/networkYears.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { SqliteStorage } from '../server/storage/SqliteStorage.ts'
import { median, round } from './stats.ts'

export interface NetworkScaleFigures {
  boards: number
  firstViewMs: number
  viewMs: number
  viewAfterChangeMs: number
  packMdMs: number
  packPdfMs: number
  viewBytes: number
}

export interface NetworkScaleResult {
  small: NetworkScaleFigures
  large: NetworkScaleFigures
  /** large / small for each figure. */
  ratios: Record<Exclude<keyof NetworkScaleFigures, 'boards'>, number>
  makeSeconds: number
}

const rounds = 5
const packRounds = 3

async function timed(relay: RelayProcess, path: string, token: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now()
  const response = await apiFetch(relay, path, { headers: { authorization: `Bearer ${token}` } })
  const body = new Uint8Array(await response.arrayBuffer())
  const ms = performance.now() - started
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${new TextDecoder().decode(body)}`)
  return { ms, bytes: body.byteLength }
}

export async function runNetworkScale(sizes: [number, number] = [50, 500]): Promise<NetworkScaleResult> {
  const made = performance.now()
  // Views and packs are limited per address and minute; the bench asks more often than a coordinator.
  const first = await startRelay({ process: true, env: { LOG_LEVEL: 'info', MAX_BOARDS_PER_MINUTE: '100000' } })
  let relay = first
  try {
    // A network of one board, viewed first after the start: the worker threads' and modules' first use is not counted as the 50's.
    const warmUp = await makeNetworkYears(relay, planNetworkYears({ boards: 1 }), 'Aufwärmen')
    const networks: MadeNetworkYears[] = []
    for (const boards of sizes) networks.push(await makeNetworkYears(relay, planNetworkYears({ boards }), `Netzwerk mit ${boards} Boards`))
    const makeSeconds = round((performance.now() - made) / 1000)
    // A fresh relay: nothing of the boards read yet, as after a restart.
    await relay.kill()
    relay = await startRelay({ process: true, dataDir: first.dataDir, env: { LOG_LEVEL: 'info' } })
    await timed(relay, networkApiPath(warmUp.network.id), warmUp.network.token)
    const figures = sizes.map((boards) => ({ boards, first: 0, views: [] as number[], changed: [] as number[], md: [] as number[], pdf: [] as number[], bytes: 0 }))
    for (const [i, { network }] of networks.entries()) {
      const view = await timed(relay, networkApiPath(network.id), network.token)
      figures[i]!.first = view.ms
      figures[i]!.bytes = view.bytes
    }
    const storage = new SqliteStorage(relay.dataDir)
    try {
      for (let round = 0; round < rounds; round++) {
        for (const [i, { network, boards }] of networks.entries()) {
          figures[i]!.views.push((await timed(relay, networkApiPath(network.id), network.token)).ms)
          // One board of the network gets a Zettel between two views, as between two visits.
          const meetings = boards.filter((b) => b.plan.templates.includes('protokoll'))
          const board = meetings[(round * 7) % meetings.length]!
          await writeZettel(storage, board.board.id, { protokoll: { 'tops:cell:top1:thema': [`Nachtrag ${round + 1}`] } })
          figures[i]!.changed.push((await timed(relay, networkApiPath(network.id), network.token)).ms)
        }
      }
    } finally {
      await storage.close()
    }
    const day = '2026-09-01'
    for (let round = 0; round < packRounds; round++) {
      for (const [i, { network }] of networks.entries()) {
        figures[i]!.md.push((await timed(relay, networkPackPath(network.id, 'md', 'de', day), network.token)).ms)
        // A pack the worker cannot finish within its time (DOCUMENT_JOB_TIMEOUT) answers 503: counted as not made.
        figures[i]!.pdf.push(await timed(relay, networkPackPath(network.id, 'pdf', 'de', day), network.token).then((t) => t.ms, (error: Error) => (console.error(error.message.slice(0, 200)), NaN)))
      }
    }
    const [small, large] = figures.map(
      (f): NetworkScaleFigures => ({
        boards: f.boards,
        firstViewMs: round(f.first),
        viewMs: round(median(f.views)),
        viewAfterChangeMs: round(median(f.changed)),
        packMdMs: round(median(f.md)),
        packPdfMs: round(median(f.pdf)),
        viewBytes: f.bytes,
      }),
    ) as [NetworkScaleFigures, NetworkScaleFigures]
    const ratio = (key: Exclude<keyof NetworkScaleFigures, 'boards'>) => round(large[key] / small[key])
    return {
      small,
      large,
      ratios: {
        firstViewMs: ratio('firstViewMs'),
        viewMs: ratio('viewMs'),
        viewAfterChangeMs: ratio('viewAfterChangeMs'),
        packMdMs: ratio('packMdMs'),
        packPdfMs: ratio('packPdfMs'),
        viewBytes: ratio('viewBytes'),
      },
      makeSeconds,
    }
  } finally {
    await relay.kill()
    removeDataDir(first.dataDir)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runNetworkScale()
  console.log(JSON.stringify(result, null, 2))
}

/**
 * The other boards of the networks this board belongs to, as their coordinator sees them: the
 * networks this browser coordinates (`knownNetworks.ts`) are asked for their boards, and each
 * other board, opened through the network (`shared/networkCredential.ts`), for what it offers to carry
 * (`GET /api/boards/:id/carry-source`). Only asked for a facilitator; a network that no longer
 * answers to its link is skipped, not forgotten (the Fahrplan decides that).
 */
import { NetworkView, networkApiPath } from '../../shared/networkApi.ts'
import { CarrySourceBoard, carrySourcePath } from '../../shared/results/carrySource.ts'
import { networkCredential } from '../../shared/networkCredential.ts'
import { readKnownNetworks } from './knownNetworks.ts'
import { carryRoutes } from '../../shared/results/carryOver.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'

/** Templates whose Zettel a carry route takes, or whose options name the network's partners (`templates/partners.ts`). */
const sourceTemplates = new Set<TemplateName>([
  ...carryRoutes.map((route) => route.from),
  'beteiligtenanalyse',
  'bedarfsanalyse',
  'erfolg',
  'gruendungsveranstaltung',
  'netzwerkkarte',
  'netzwerkregeln',
  'planspiel',
])

export interface NetworkSource extends CarrySourceBoard {
  /** Only for the coordinator: its Zettel become visible on the board they are carried to. */
  internal: boolean
  network: string
}

async function getJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' })
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return response.json()
}

/** What the network's other boards offer to carry into this one; `failed`: boards that could not be read. */
export async function networkSources(boardId: string, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): Promise<{ sources: NetworkSource[]; failed: number }> {
  const sources: NetworkSource[] = []
  let failed = 0
  const seen = new Set<string>([boardId])
  for (const known of readKnownNetworks(storage)) {
    const network = NetworkView.safeParse(await getJson(networkApiPath(known.id), known.token).catch(() => null))
    if (!network.success || !network.data.boards.some((b) => b.id === boardId)) continue
    // Only boards that hold something to carry or partners to name: a network of two years has
    // dozens of meeting boards with nothing for the panel, and each read is a whole board.
    const others = network.data.boards.filter((b) => !seen.has(b.id) && b.templates.some((t) => sourceTemplates.has(t.template)))
    others.forEach((b) => seen.add(b.id))
    // One after the other: the relay makes at most two documents at a time for an address.
    for (const board of others) {
      // Read through the network: its own link opens each of its boards as facilitator.
      const parsed = CarrySourceBoard.safeParse(await getJson(carrySourcePath(board.id), networkCredential(known.id, known.token)).catch(() => null))
      if (parsed.success) sources.push({ ...parsed.data, internal: board.internal, network: network.data.name })
      else failed++
    }
  }
  return { sources, failed }
}

/** The Gremium this board has in the first network this browser coordinates that holds it; '' none said or none known. */
export async function boardBodyInNetworks(boardId: string, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): Promise<string> {
  for (const known of readKnownNetworks(storage)) {
    const network = NetworkView.safeParse(await getJson(networkApiPath(known.id), known.token).catch(() => null))
    const board = network.success ? network.data.boards.find((b) => b.id === boardId) : undefined
    if (board) return board.body ?? ''
  }
  return ''
}

/**
 * The dates retention announces (`shared/retentionApi.ts`), and the network's use noted: for the
 * board's and the network's views, the start page's lookup and „Behalten“ (`http/retentionApi.ts`).
 */
import type { NetworkView } from '../../shared/networkApi.ts'
import type { KeptArchive, NetworkRetention } from '../../shared/retentionApi.ts'
import { describeError, type Logger } from '../base/logger.ts'
import { deletionDate } from './retention.ts'
import type { Storage } from '../storage/Storage.ts'

/** When a board goes unless it is used: from its network's use as a whole where it is in one. */
export async function boardDeleteAfter(storage: Pick<Storage, 'boardLastUse'>, boardId: string, days: number): Promise<string | null> {
  if (days <= 0) return null
  const used = await storage.boardLastUse(boardId)
  return used ? deletionDate(used, days) : null
}

export async function networkDeleteAfter(storage: Pick<Storage, 'networkLastUse'>, networkId: string, days: number): Promise<string | null> {
  if (days <= 0) return null
  const used = await storage.networkLastUse(networkId)
  return used ? deletionDate(used, days) : null
}

/**
 * The network was used (its Fahrplan read, its pack downloaded, „Behalten“): its boards' time
 * starts again. A failure to note it must not keep anyone from reading, so it is only logged.
 */
export async function useNetwork(storage: Pick<Storage, 'touchNetwork'>, logger: Logger, networkId: string): Promise<void> {
  try {
    await storage.touchNetwork(networkId, new Date().toISOString())
  } catch (error) {
    logger.error('noting the network’s use failed', { network: networkId, ...describeError(error) })
  }
}

/** What a network's view says of retention: when its boards go, which went, and which of those are kept as archives still. */
export async function networkRetention(storage: Pick<Storage, 'networkLastUse' | 'networkTombstones' | 'retentionArchives'>, networkId: string, days: number): Promise<NetworkRetention> {
  return {
    deleteAfter: await networkDeleteAfter(storage, networkId, days),
    deleted: await storage.networkTombstones(networkId),
    archives: await keptArchives(storage, networkId),
  }
}

/** The network's archives still kept, as the coordinator sees them (`KeptArchive`). */
export async function keptArchives(storage: Pick<Storage, 'retentionArchives'>, networkId: string, now = Date.now()): Promise<KeptArchive[]> {
  return (await storage.retentionArchives(networkId, new Date(now).toISOString())).map(({ boardId, title, phase, archivedAt, keepUntil, bytes }) => ({ boardId, title, phase, archivedAt, keepUntil, bytes }))
}

/** A view with its retention part added (`GET /api/networks/:id`). */
export const withRetention = (view: NetworkView, retention: NetworkRetention): NetworkView => ({ ...view, retention })

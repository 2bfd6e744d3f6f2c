/**
 * The retention archives' and warnings' contract (`server/storage/RetentionArchives.ts`): a deleted
 * board's archive kept until its day and then gone, gone with its network too; each warning taken
 * once per network and date (the log line again after a day), by one relay process only.
 * Run against every backend by `test/integration/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import type { Storage } from '../../../server/storage/Storage.ts'
import type { StorageContract } from './stores.ts'

export function retentionArchivesContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })
  const network = { id: 'r'.repeat(22), name: 'Netzwerk in Pause', targetGroup: '', createdAt: '2025-10-01T09:00:00.000Z' }
  const entry = {
    networkId: network.id,
    boardId: 'a'.repeat(22),
    title: 'Bedarfsanalyse',
    phase: 'vorStart',
    signInRequired: false,
    archivedAt: '2026-11-01T03:00:00.000Z',
    keepUntil: '2027-01-30T03:00:00.000Z',
  }

  it('keeps an archive until its day, then deletes it; the network takes its archives with it', async () => {
    await storage.createNetwork(network, 'h'.repeat(64))
    await storage.putRetentionArchive(entry, Uint8Array.of(1, 2, 3))
    await storage.putRetentionArchive({ ...entry, boardId: 'b'.repeat(22), title: 'Gründung', signInRequired: true }, Uint8Array.of(4))
    expect(await storage.retentionArchives(network.id, '2026-12-01T00:00:00.000Z')).toEqual([
      { ...entry, bytes: 3 },
      { ...entry, boardId: 'b'.repeat(22), title: 'Gründung', signInRequired: true, bytes: 1 },
    ])
    expect(await storage.retentionArchive(network.id, entry.boardId, '2026-12-01T00:00:00.000Z')).toEqual({ entry: { ...entry, bytes: 3 }, archive: Uint8Array.of(1, 2, 3) })
    // Past its day it is no longer given out, and the sweep deletes it.
    expect(await storage.retentionArchive(network.id, entry.boardId, entry.keepUntil)).toBeUndefined()
    expect(await storage.dropRetentionArchives('2027-01-29T00:00:00.000Z')).toBe(0)
    expect(await storage.dropRetentionArchives(entry.keepUntil)).toBe(2)
    expect(await storage.retentionArchives(network.id, '2026-12-01T00:00:00.000Z')).toEqual([])
    await storage.putRetentionArchive(entry, Uint8Array.of(1))
    expect(await storage.deleteNetwork(network.id)).toBe(true)
    expect(await storage.retentionArchive(network.id, entry.boardId, '2026-12-01T00:00:00.000Z')).toBeUndefined()
  })

  it('takes a warning once per network and date; the log line again a day later; a new date anew; given back, again', async () => {
    await storage.createNetwork(network, 'h'.repeat(64))
    const date = '2026-12-20T03:00:00.000Z'
    const claim = (kind: 'mail' | 'log', at: string, since: string | null, deleteAfter = date) => storage.claimRetentionNotice(network.id, kind, deleteAfter, at, since)
    expect(await claim('mail', '2026-11-22T10:00:00.000Z', null)).toBe(true)
    // A second relay process, or the next hour: not again.
    expect(await claim('mail', '2026-11-22T10:00:00.000Z', null)).toBe(false)
    expect(await claim('mail', '2026-12-10T10:00:00.000Z', null)).toBe(false)
    expect(await claim('log', '2026-11-22T10:00:00.000Z', '2026-11-21T10:00:00.000Z')).toBe(true)
    expect(await claim('log', '2026-11-22T11:00:00.000Z', '2026-11-21T11:00:00.000Z')).toBe(false)
    expect(await claim('log', '2026-11-23T11:00:00.000Z', '2026-11-22T11:00:00.000Z')).toBe(true)
    // Used, then paused again: a new date is warned of anew.
    expect(await claim('mail', '2027-11-01T10:00:00.000Z', null, '2027-11-20T03:00:00.000Z')).toBe(true)
    await storage.releaseRetentionNotice(network.id, 'mail')
    expect(await claim('mail', '2027-11-01T11:00:00.000Z', null, '2027-11-20T03:00:00.000Z')).toBe(true)
  })
}

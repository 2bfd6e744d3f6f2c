/**
 * The retention schedule's contract (`server/storage/RetentionSchedule.ts`): a board outside a
 * network counts from its own last use, a board in one from the network's as a whole; tombstones
 * go with their network. Run against every backend by `test/integration/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { hashToken, issueTokens } from '../../../server/links/access.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function retentionScheduleContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })
  const network = { id: 'n'.repeat(22), name: 'Netzwerk Frühe Hilfen', targetGroup: '', createdAt: '2025-01-01T00:00:00.000Z' }
  const empty = { ...network, id: 'm'.repeat(22), name: 'Leer' }
  const used = { ...board, id: 'x'.repeat(22), title: 'Bedarfsanalyse', createdAt: '2025-01-02T00:00:00.000Z' }
  const unused = { ...board, id: 'y'.repeat(22), title: 'Gründungsveranstaltung', createdAt: '2025-01-03T00:00:00.000Z' }
  const lone = { ...board, id: 'z'.repeat(22), title: 'Allein', createdAt: '2025-01-04T00:00:00.000Z' }
  const setUp = async () => {
    for (const n of [network, empty]) await storage.createNetwork(n, hashToken(n.id.slice(0, 1).repeat(32)))
    for (const b of [used, unused, lone]) await storage.createBoard(b, issueTokens().hashes)
    await storage.touchBoard(used.id, '2025-02-01T00:00:00.000Z')
    for (const [i, b] of [used, unused].entries()) {
      const added = await storage.addNetworkBoard(
        { networkId: network.id, boardId: b.id, phase: i === 0 ? 'vorStart' : 'gruendung', internal: false, addedAt: `2025-01-0${5 + i}T00:00:00.000Z`, sealedToken: Uint8Array.of(1) },
        60,
      )
      expect(added).toBe('added')
    }
  }

  it("counts a network's boards from the network's last use as a whole, a lone board from its own", async () => {
    await setUp()
    // The network's latest: its board's use on 1 February; the lone board's: its creation.
    expect(await storage.boardsDueBefore('2025-03-01T00:00:00.000Z')).toEqual([
      { boardId: lone.id, title: 'Allein', networkId: null, networkName: null, phase: null, lastUsed: lone.createdAt },
      { boardId: used.id, title: 'Bedarfsanalyse', networkId: network.id, networkName: network.name, phase: 'vorStart', lastUsed: '2025-02-01T00:00:00.000Z' },
      { boardId: unused.id, title: 'Gründungsveranstaltung', networkId: network.id, networkName: network.name, phase: 'gruendung', lastUsed: '2025-02-01T00:00:00.000Z' },
    ])
    expect(await storage.boardLastUse(unused.id)).toBe('2025-02-01T00:00:00.000Z')
    expect(await storage.networkLastUse(network.id)).toBe('2025-02-01T00:00:00.000Z')
    // A network without boards has nothing retention could delete.
    expect(await storage.networkLastUse(empty.id)).toBeUndefined()
    expect(await storage.boardLastUse('q'.repeat(22))).toBeUndefined()

    // Its Fahrplan read in June: both boards with it, the lone one still due.
    await storage.touchNetwork(network.id, '2025-06-01T00:00:00.000Z')
    expect((await storage.boardsDueBefore('2025-03-01T00:00:00.000Z')).map((e) => e.boardId)).toEqual([lone.id])
    expect(await storage.boardLastUse(used.id)).toBe('2025-06-01T00:00:00.000Z')
    // The board of today's contract is due only before its creation has passed.
    expect((await storage.boardsDueBefore('2026-12-01T00:00:00.000Z')).map((e) => e.boardId)).toEqual([lone.id, used.id, unused.id, board.id])
  })

  it('keeps tombstones in their network, oldest first, and drops them with it', async () => {
    await setUp()
    await storage.addTombstone(network.id, { title: 'Bedarfsanalyse', phase: 'vorStart', deletedAt: '2026-02-01T00:00:00.000Z' })
    await storage.addTombstone(network.id, { title: 'Gründungsveranstaltung', phase: 'gruendung', deletedAt: '2026-02-01T00:00:00.000Z' })
    expect(await storage.networkTombstones(network.id)).toEqual([
      { title: 'Bedarfsanalyse', phase: 'vorStart', deletedAt: '2026-02-01T00:00:00.000Z' },
      { title: 'Gründungsveranstaltung', phase: 'gruendung', deletedAt: '2026-02-01T00:00:00.000Z' },
    ])
    expect(await storage.networkTombstones(empty.id)).toEqual([])
    await storage.deleteNetwork(network.id)
    expect(await storage.networkTombstones(network.id)).toEqual([])
  })
}

/**
 * The network links' contract (`server/storage/NetworkLinks.ts`): the network link renewed only
 * from its current hash, with its boards' and its pack link's sealed tokens in the same step, and
 * the pack link set, replaced and gone with its network. Run against every backend by
 * `test/integration/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { hashToken } from '../../../server/links/access.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function networkLinksContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })
  const network = { id: 'n'.repeat(22), name: 'Netzwerk Frühe Hilfen', targetGroup: '', createdAt: '2026-11-26T09:00:00.000Z' }
  const place = { networkId: network.id, boardId: board.id, phase: 'gruendung', internal: false, addedAt: '2026-11-26T10:00:00.000Z', sealedToken: Uint8Array.of(1) }

  it('renews the network link only from its current hash, resealing its boards and its pack link at once', async () => {
    const [first, second, third] = ['a', 'b', 'c'].map((c) => hashToken(c.repeat(32)))
    await storage.createNetwork(network, first!)
    await storage.addNetworkBoard(place, 60)
    expect(await storage.setPackLink(network.id, { tokenHash: hashToken('p'.repeat(32)), sealedToken: Uint8Array.of(7) })).toBe(true)

    expect(await storage.renewNetworkToken(network.id, first!, second!, [{ boardId: board.id, sealedToken: Uint8Array.of(2) }], Uint8Array.of(8))).toBe(true)
    expect((await storage.getNetwork(network.id))?.tokenHash).toBe(second)
    expect((await storage.networkBoards(network.id))[0]?.sealedToken).toEqual(Uint8Array.of(2))
    expect(await storage.packLinkOf(network.id)).toEqual({ tokenHash: hashToken('p'.repeat(32)), sealedToken: Uint8Array.of(8) })

    // From a hash that is no longer the network's: nothing changes.
    expect(await storage.renewNetworkToken(network.id, first!, third!, [{ boardId: board.id, sealedToken: Uint8Array.of(3) }], Uint8Array.of(9))).toBe(false)
    expect((await storage.getNetwork(network.id))?.tokenHash).toBe(second)
    expect((await storage.networkBoards(network.id))[0]?.sealedToken).toEqual(Uint8Array.of(2))
    expect((await storage.packLinkOf(network.id))?.sealedToken).toEqual(Uint8Array.of(8))

    await storage.resealNetworkBoard(network.id, board.id, Uint8Array.of(4))
    expect((await storage.networkBoards(network.id))[0]?.sealedToken).toEqual(Uint8Array.of(4))
    // The board's facilitator link replaced, the network's copy of the old one goes with it (`BoardLinks.ts`); another role's leaves it.
    await storage.replaceTokenHash(board.id, 'participant', hashToken('q'.repeat(32)))
    expect((await storage.networkBoards(network.id))[0]?.sealedToken).toEqual(Uint8Array.of(4))
    await storage.replaceTokenHash(board.id, 'facilitator', hashToken('f'.repeat(32)))
    expect((await storage.networkBoards(network.id))[0]?.sealedToken).toEqual(new Uint8Array(0))
  })

  it('sets and replaces the pack link, for a network that exists, and forgets it with the network', async () => {
    expect(await storage.setPackLink(network.id, { tokenHash: hashToken('p'.repeat(32)), sealedToken: Uint8Array.of(1) })).toBe(false)
    await storage.createNetwork(network, hashToken('a'.repeat(32)))
    expect(await storage.packLinkOf(network.id)).toBeUndefined()
    await storage.setPackLink(network.id, { tokenHash: hashToken('p'.repeat(32)), sealedToken: Uint8Array.of(1) })
    await storage.setPackLink(network.id, { tokenHash: hashToken('q'.repeat(32)), sealedToken: Uint8Array.of(2) })
    expect(await storage.packLinkOf(network.id)).toEqual({ tokenHash: hashToken('q'.repeat(32)), sealedToken: Uint8Array.of(2) })
    await storage.deleteNetwork(network.id)
    await storage.createNetwork(network, hashToken('a'.repeat(32)))
    expect(await storage.packLinkOf(network.id)).toBeUndefined()
  })
}

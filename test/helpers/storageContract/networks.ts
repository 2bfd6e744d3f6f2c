/**
 * The networks' contract (`server/storage/Networks.ts`): a network with its token's hash, and
 * its boards with phase, internal flag and sealed facilitator token; a board in at most one
 * network. Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { hashToken, issueTokens } from '../../../server/links/access.ts'
import type { NetworkBoardRecord, Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function networksContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })
  const network = { id: 'n'.repeat(22), name: 'Netzwerk Alleinerziehende', targetGroup: 'Alleinerziehende im Landkreis', createdAt: '2026-11-21T09:00:00.000Z' }
  const other = { ...network, id: 'm'.repeat(22), name: 'Anderes Netzwerk', targetGroup: '' }
  const place = (boardId: string, networkId = network.id, addedAt = '2026-11-21T12:00:00.000Z'): NetworkBoardRecord => ({
    networkId,
    boardId,
    phase: 'gruendung',
    internal: false,
    addedAt,
    sealedToken: Uint8Array.of(1, 2, 3),
  })

  it('keeps a network with only its token hash, and forgets it when deleted', async () => {
    expect(await storage.getNetwork(network.id)).toBeUndefined()
    await storage.createNetwork(network, hashToken('t'.repeat(32)))
    expect(await storage.getNetwork(network.id)).toEqual({ ...network, tokenHash: hashToken('t'.repeat(32)) })
    await expect(storage.createNetwork(network, hashToken('u'.repeat(32)))).rejects.toThrow()
    expect(await storage.deleteNetwork(network.id)).toBe(true)
    expect(await storage.getNetwork(network.id)).toBeUndefined()
    expect(await storage.deleteNetwork(network.id)).toBe(false)
  })

  it('keeps what the last packs listed as open, per network, and nothing before the first pack', async () => {
    await storage.createNetwork(network, hashToken('t'.repeat(32)))
    await storage.createNetwork(other, hashToken('o'.repeat(32)))
    expect(await storage.packMemory(network.id)).toBeUndefined()
    const memory = JSON.stringify({ last: { day: '2026-10-08', open: ['b\u0000i\u0000n'] } })
    await storage.setPackMemory(network.id, memory)
    expect(await storage.packMemory(network.id)).toBe(memory)
    expect(await storage.packMemory(other.id)).toBeUndefined()
    // A network that is gone keeps nothing.
    await storage.setPackMemory('z'.repeat(22), memory)
    expect(await storage.packMemory('z'.repeat(22))).toBeUndefined()
  })

  it('keeps when each template of a board in a network last changed, and forgets it with the board’s place', async () => {
    await storage.createNetwork(network, hashToken('t'.repeat(32)))
    const days = JSON.stringify({ k: { digest: '00a1', at: '2025-10-01T09:00:00.000Z' } })
    // A board in no network keeps nothing.
    await storage.setTemplateDays(board.id, days)
    expect(await storage.templateDays(board.id)).toBeUndefined()
    expect(await storage.addNetworkBoard(place(board.id), 10)).toBe('added')
    expect(await storage.templateDays(board.id)).toBeUndefined()
    await storage.setTemplateDays(board.id, days)
    expect(await storage.templateDays(board.id)).toBe(days)
    expect((await storage.networkBoard(network.id, board.id))?.phase).toBe('gruendung')
    expect(await storage.removeNetworkBoard(network.id, board.id)).toBe(true)
    expect(await storage.templateDays(board.id)).toBeUndefined()
  })

  it('adds boards oldest first, one network per board, and no more than the limit', async () => {
    await storage.createNetwork(network, hashToken('t'.repeat(32)))
    await storage.createNetwork(other, hashToken('o'.repeat(32)))
    const second = { ...board, id: 'c'.repeat(22) }
    const third = { ...board, id: 'd'.repeat(22) }
    for (const b of [second, third]) await storage.createBoard(b, issueTokens().hashes)

    expect(await storage.addNetworkBoard({ ...place(second.id), addedAt: '2026-11-21T13:00:00.000Z' }, 2)).toBe('added')
    expect(await storage.addNetworkBoard({ ...place(board.id), internal: true, phase: 'vorStart' }, 2)).toBe('added')
    expect(await storage.addNetworkBoard(place(board.id), 2)).toBe('in-this-network')
    expect(await storage.addNetworkBoard(place(board.id, other.id), 2)).toBe('in-another-network')
    expect(await storage.addNetworkBoard(place(third.id), 2)).toBe('full')
    expect(await storage.addNetworkBoard(place(third.id, 'z'.repeat(22)), 2)).toBe('no-network')

    const boards = await storage.networkBoards(network.id)
    expect(boards.map((b) => [b.boardId, b.phase, b.internal])).toEqual([
      [board.id, 'vorStart', true],
      [second.id, 'gruendung', false],
    ])
    expect(boards[0]!.sealedToken).toEqual(Uint8Array.of(1, 2, 3))
    expect(await storage.networkOfBoard(board.id)).toBe(network.id)
    expect(await storage.networkOfBoard(third.id)).toBeUndefined()
    // One row by its two keys, as access checks read it on every request.
    expect((await storage.networkBoard(network.id, board.id))?.sealedToken).toEqual(Uint8Array.of(1, 2, 3))
    expect(await storage.networkBoard(other.id, board.id)).toBeUndefined()
    expect(await storage.networkBoard(network.id, third.id)).toBeUndefined()
    expect(await storage.networkBoards(other.id)).toEqual([])
  })

  it('changes a board’s phase and flag, and lets it leave; the board stays', async () => {
    await storage.createNetwork(network, hashToken('t'.repeat(32)))
    await storage.addNetworkBoard(place(board.id), 60)
    expect(await storage.updateNetworkBoard(network.id, board.id, { phase: 'verstetigung' })).toMatchObject({ phase: 'verstetigung', internal: false })
    expect(await storage.updateNetworkBoard(network.id, board.id, { internal: true })).toMatchObject({ phase: 'verstetigung', internal: true })
    expect(await storage.updateNetworkBoard(network.id, board.id, {})).toMatchObject({ phase: 'verstetigung', internal: true })
    expect(await storage.updateNetworkBoard(other.id, board.id, { internal: false })).toBeUndefined()
    // Seen from another instance (another relay process) too.
    expect((await (await contract.openAnother()).networkBoards(network.id))[0]).toMatchObject({ phase: 'verstetigung', internal: true })

    expect(await storage.removeNetworkBoard(other.id, board.id)).toBe(false)
    expect(await storage.removeNetworkBoard(network.id, board.id)).toBe(true)
    expect(await storage.networkBoards(network.id)).toEqual([])
    expect(await storage.getBoard(board.id)).toBeDefined()
    expect(await storage.removeNetworkBoard(network.id, board.id)).toBe(false)
  })

  it('deleting a network drops its board rows and leaves the boards; deleting a board drops its row', async () => {
    await storage.createNetwork(network, hashToken('t'.repeat(32)))
    const second = { ...board, id: 'c'.repeat(22) }
    await storage.createBoard(second, issueTokens().hashes)
    await storage.addNetworkBoard(place(board.id), 60)
    await storage.addNetworkBoard(place(second.id), 60)

    await storage.deleteBoard(second.id)
    expect((await storage.networkBoards(network.id)).map((b) => b.boardId)).toEqual([board.id])

    await storage.deleteNetwork(network.id)
    expect(await storage.networkOfBoard(board.id)).toBeUndefined()
    expect(await storage.getBoard(board.id)).toBeDefined()
    // Free for another network.
    await storage.createNetwork(other, hashToken('o'.repeat(32)))
    expect(await storage.addNetworkBoard(place(board.id, other.id), 60)).toBe('added')
  })

  it('one of two adds of a board at once wins, across instances', async () => {
    await storage.createNetwork(network, hashToken('t'.repeat(32)))
    await storage.createNetwork(other, hashToken('o'.repeat(32)))
    const another = await contract.openAnother()
    const results = await Promise.all([storage.addNetworkBoard(place(board.id), 60), another.addNetworkBoard(place(board.id, other.id), 60)])
    expect(results.filter((r) => r === 'added')).toHaveLength(1)
    expect(results.filter((r) => r === 'in-another-network')).toHaveLength(1)
  })
}

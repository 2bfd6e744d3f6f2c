/**
 * The client ids' contract (`server/storage/ClientIds.ts`): who holds each Yjs client id written
 * on a board, kept across a reopen; the first holder stays. Run against every backend by
 * `test/unit/storage.test.ts`.
 */
import { expect, it } from 'vitest'
import { issueTokens } from '../../../server/links/access.ts'
import { board, type StorageContract } from './stores.ts'

export function clientIdsContract(contract: StorageContract): void {
  it('keeps the first holder of each client id, per board, across a reopen', async () => {
    const storage = contract.storage
    const other = { ...board, id: 'c'.repeat(22) }
    await storage.createBoard(other, issueTokens().hashes)
    expect(await storage.clientIdHolders(board.id)).toEqual(new Map())
    await storage.holdClientIds(board.id, [
      [1, 'author:anna'],
      [0xffffffff, 'role:participant'],
    ])
    await storage.holdClientIds(board.id, [
      [1, 'author:evil'],
      [2, 'author:ben'],
    ])
    await storage.holdClientIds(other.id, [[1, 'author:evil']])
    await storage.holdClientIds(board.id, [])
    const held = new Map([
      [1, 'author:anna'],
      [2, 'author:ben'],
      [0xffffffff, 'role:participant'],
    ])
    expect(await storage.clientIdHolders(board.id)).toEqual(held)
    expect(await storage.clientIdHolders(other.id)).toEqual(new Map([[1, 'author:evil']]))
    expect(await (await contract.reopen()).clientIdHolders(board.id)).toEqual(held)
  })

  it('forgets released client ids of one board only, and keeps the rest across a reopen', async () => {
    const storage = contract.storage
    const other = { ...board, id: 'd'.repeat(22) }
    await storage.createBoard(other, issueTokens().hashes)
    await storage.holdClientIds(board.id, [
      [1, 'author:anna'],
      [2, 'author:anna'],
      [0xffffffff, 'author:ben'],
    ])
    await storage.holdClientIds(other.id, [[1, 'author:anna']])
    await storage.releaseClientIds(board.id, [1, 0xffffffff, 3])
    await storage.releaseClientIds(board.id, [])
    const held = new Map([[2, 'author:anna']])
    expect(await storage.clientIdHolders(board.id)).toEqual(held)
    expect(await storage.clientIdHolders(other.id)).toEqual(new Map([[1, 'author:anna']]))
    // Released, an id may be held again, by whoever comes first.
    await storage.holdClientIds(board.id, [[1, 'author:ben']])
    expect(await (await contract.reopen()).clientIdHolders(board.id)).toEqual(new Map([...held, [1, 'author:ben']]))
  })
}

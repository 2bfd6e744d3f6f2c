/**
 * The ballots' contract (`server/storage/Ballots.ts`): secret ballots of a board's one open vote.
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { issueTokens } from '../../../server/links/access.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function ballotsContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })

  it('keeps secret ballots of the one open vote per board', async () => {
    const other = { ...board, id: 'c'.repeat(22) }
    await storage.createBoard(other, issueTokens().hashes)
    await storage.putBallot(board.id, 'vote1', 'anna', 'A')
    await storage.putBallot(board.id, 'vote1', 'ben', 'B')
    await storage.putBallot(board.id, 'vote1', 'anna', 'A2')
    await storage.putBallot(other.id, 'vote1', 'anna', 'other board')
    expect(await storage.ballot(board.id, 'vote1', 'anna')).toBe('A2')
    expect((await storage.ballots(board.id, 'vote1')).sort()).toEqual(['A2', 'B'])
    expect(await storage.ballot(board.id, 'vote2', 'anna')).toBeUndefined()

    // Withdrawn.
    await storage.putBallot(board.id, 'vote1', 'ben', null)
    expect(await storage.ballots(board.id, 'vote1')).toEqual(['A2'])
    // A ballot in another vote drops the first vote's ballots, of this board only; so does a
    // withdrawal there.
    await storage.putBallot(board.id, 'vote2', 'carla', 'C')
    expect(await storage.ballots(board.id, 'vote1')).toEqual([])
    expect(await storage.ballots(board.id, 'vote2')).toEqual(['C'])
    expect(await storage.ballots(other.id, 'vote1')).toEqual(['other board'])
    await storage.putBallot(board.id, 'vote3', 'dora', null)
    expect(await storage.ballots(board.id, 'vote2')).toEqual([])

    await storage.putBallot(board.id, 'vote4', 'anna', 'D')
    await storage.deleteBallots(board.id, 'vote4')
    expect(await storage.ballots(board.id, 'vote4')).toEqual(['D'])
    await storage.deleteBallots(board.id, 'vote5')
    expect(await storage.ballots(board.id, 'vote4')).toEqual([])
    await storage.putBallot(board.id, 'vote6', 'anna', 'E')
    await storage.deleteBallots(board.id)
    expect(await storage.ballots(board.id, 'vote6')).toEqual([])
    expect(await storage.ballots(other.id, 'vote1')).toEqual(['other board'])
  })
}

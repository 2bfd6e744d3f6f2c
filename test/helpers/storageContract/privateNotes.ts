/**
 * The private notes' contract (`server/storage/PrivateNotes.ts`): notes of a board's one open
 * round, by author.
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { issueTokens } from '../../../server/links/access.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function privateNotesContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })

  it('keeps private notes of the one open round per board, by author', async () => {
    const other = { ...board, id: 'c'.repeat(22) }
    await storage.createBoard(other, issueTokens().hashes)
    await storage.putPrivateNotes(board.id, 'round1', 'Zoe', '["z"]')
    await storage.putPrivateNotes(board.id, 'round1', 'anna', '["a"]')
    await storage.putPrivateNotes(board.id, 'round1', 'ben', '["b"]')
    await storage.putPrivateNotes(board.id, 'round1', 'Zoe', '["z1","z2"]')
    await storage.putPrivateNotes(other.id, 'round1', 'zoe', '["other"]')
    // By author, in byte order (upper case first), as SQLite sorts.
    expect(await storage.privateNotes(board.id, 'round1')).toEqual([
      { author: 'Zoe', notes: '["z1","z2"]' },
      { author: 'anna', notes: '["a"]' },
      { author: 'ben', notes: '["b"]' },
    ])
    // One author's own, read alone.
    expect(await storage.ownPrivateNotes(board.id, 'round1', 'anna')).toBe('["a"]')
    expect(await storage.ownPrivateNotes(board.id, 'round1', 'nobody')).toBeUndefined()
    expect(await storage.ownPrivateNotes(board.id, 'round2', 'anna')).toBeUndefined()
    await storage.putPrivateNotes(board.id, 'round1', 'ben', null)
    expect((await storage.privateNotes(board.id, 'round1')).map((n) => n.author)).toEqual(['Zoe', 'anna'])

    // Writing in another round drops the first round's notes, of this board only.
    await storage.putPrivateNotes(board.id, 'round2', 'ben', '["neu"]')
    expect(await storage.privateNotes(board.id, 'round1')).toEqual([])
    expect(await storage.privateNotes(board.id, 'round2')).toEqual([{ author: 'ben', notes: '["neu"]' }])
    expect(await storage.privateNotes(other.id, 'round1')).toEqual([{ author: 'zoe', notes: '["other"]' }])
    await storage.deletePrivateNotes(board.id)
    expect(await storage.privateNotes(board.id, 'round2')).toEqual([])
    expect(await storage.privateNotes(other.id, 'round1')).toHaveLength(1)
  })
}

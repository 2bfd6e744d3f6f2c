/**
 * The versions' contract (`server/storage/Versions.ts`): saved states of a board.
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { issueTokens } from '../../../server/links/access.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function versionsContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })

  it('lists versions newest first, gives their states and prunes only automatic ones', async () => {
    const at = (minute: number) => `2026-11-21T10:${String(minute).padStart(2, '0')}:00.000Z`
    for (let i = 0; i < 6; i++) await storage.putVersion(board.id, { id: `auto${i}`, createdAt: at(i), name: null }, Uint8Array.of(i))
    await storage.putVersion(board.id, { id: 'named', createdAt: at(1), name: 'Vor der Pause' }, Uint8Array.of(99))
    // Saved in the same instant: the later one is newer.
    await storage.putVersion(board.id, { id: 'auto6', createdAt: at(5), name: null }, Uint8Array.of(6))
    const other = { ...board, id: 'c'.repeat(22) }
    await storage.createBoard(other, issueTokens().hashes)
    await storage.putVersion(other.id, { id: 'auto0', createdAt: at(0), name: null }, Uint8Array.of(50))
    // An id once taken on a board stays taken.
    await expect(storage.putVersion(board.id, { id: 'auto0', createdAt: at(9), name: null }, Uint8Array.of(0))).rejects.toThrow()

    expect((await storage.listVersions(board.id)).map((v) => v.id)).toEqual(['auto6', 'auto5', 'auto4', 'auto3', 'auto2', 'named', 'auto1', 'auto0'])
    expect((await storage.listVersions(board.id)).find((v) => v.id === 'named')).toEqual({ id: 'named', createdAt: at(1), name: 'Vor der Pause' })
    expect(await storage.versionState(board.id, 'named')).toEqual(Uint8Array.of(99))
    expect(await storage.versionState(other.id, 'auto0')).toEqual(Uint8Array.of(50))
    expect(await storage.versionState(other.id, 'named')).toBeUndefined()

    // The newest 4 automatic ones stay, and of those only the ones from minute 3 on.
    await storage.pruneVersions(board.id, 4, at(3))
    expect((await storage.listVersions(board.id)).map((v) => v.id)).toEqual(['auto6', 'auto5', 'auto4', 'auto3', 'named'])
    await storage.pruneVersions(board.id, 1, at(0))
    expect((await storage.listVersions(board.id)).map((v) => v.id)).toEqual(['auto6', 'named'])
    await storage.pruneVersions(board.id, 0, at(59))
    expect((await storage.listVersions(board.id)).map((v) => v.id)).toEqual(['named'])
    expect((await storage.listVersions(other.id)).map((v) => v.id)).toEqual(['auto0'])

    // One version deleted, named or not, of its board only: its state is gone with it.
    await storage.deleteVersion(board.id, 'named')
    await storage.deleteVersion(board.id, 'auto0')
    expect((await storage.listVersions(board.id)).map((v) => v.id)).toEqual([])
    expect(await storage.versionState(board.id, 'named')).toBeUndefined()
    expect((await storage.listVersions(other.id)).map((v) => v.id)).toEqual(['auto0'])
  })
}

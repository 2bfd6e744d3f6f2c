/**
 * The board assets' contract (`server/storage/BoardAssets.ts`): a board's images and files.
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function assetsContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })

  it('returns assets as bytes of their own', async () => {
    const data = new TextEncoder().encode('Bilddaten')
    await storage.putAsset(board.id, 'a'.repeat(22), { mimeType: 'image/png', data })
    const asset = (await storage.getAsset(board.id, 'a'.repeat(22)))!
    expect(asset.data).toBeInstanceOf(Uint8Array)
    expect(asset.data.byteLength).toBe(data.byteLength)
    // Its buffer is its own: nothing else shares the memory.
    expect(asset.data.buffer.byteLength).toBe(data.byteLength)
    expect(new TextDecoder().decode(asset.data)).toBe('Bilddaten')
  })
}

/**
 * The board directory's contract (`server/storage/BoardDirectory.ts`): boards made atomically,
 * with their settings, last use and sizes.
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { hashToken, issueTokens } from '../../../server/links/access.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, docFrom, type StorageContract } from './stores.ts'

export function boardDirectoryContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })

  it('creates a board with its initial state as snapshot, and atomically', async () => {
    const template = new Y.Doc()
    template.getMap<string>('notes').set('title', 'Vorlage')
    const other = { ...board, id: 'e'.repeat(22) }
    const { tokens, hashes } = issueTokens()
    await storage.createBoard(other, hashes, Y.encodeStateAsUpdate(template))
    let loaded = await storage.loadDocument(other.id)
    expect(loaded.updates).toEqual([])
    expect(loaded.lastSeq).toBe(0)
    expect(docFrom(loaded).getMap('notes').toJSON()).toEqual({ title: 'Vorlage' })
    const seq = await storage.appendUpdate(other.id, Uint8Array.of(0, 0))
    loaded = await storage.loadDocument(other.id)
    expect(loaded.updates).toEqual([Uint8Array.of(0, 0)])
    expect(loaded.lastSeq).toBe(seq)

    // A second board with the same id fails as a whole: neither its tokens nor its state land.
    const again = issueTokens()
    await expect(storage.createBoard({ ...other, title: 'Doppelt' }, again.hashes, Uint8Array.of(9))).rejects.toThrow()
    expect((await storage.getBoard(other.id))?.title).toBe(board.title)
    expect(await storage.roleForTokenHash(other.id, hashToken(again.tokens.facilitator))).toBeUndefined()
    expect(await storage.roleForTokenHash(other.id, hashToken(tokens.facilitator))).toBe('facilitator')
    expect(docFrom(await storage.loadDocument(other.id)).getMap('notes').toJSON()).toEqual({ title: 'Vorlage' })
  })

  it("keeps a board's sign-in requirement, off until set", async () => {
    expect((await storage.getBoard(board.id))?.signInRequired).toBeUndefined()
    await storage.setSignInRequired(board.id, true)
    expect((await storage.getBoard(board.id))?.signInRequired).toBe(true)
    await storage.setSignInRequired(board.id, false)
    expect((await storage.getBoard(board.id))?.signInRequired).toBeUndefined()
  })

  it("keeps the read-only link's export setting: unknown until set, given at creation, changed later", async () => {
    // A board stored without it (as before it was kept): not known, the document says.
    expect((await storage.getBoard(board.id))?.observersMayExport).toBeUndefined()
    await storage.setObserversMayExport(board.id, true)
    expect((await storage.getBoard(board.id))?.observersMayExport).toBe(true)
    await storage.setObserversMayExport(board.id, true)
    await storage.setObserversMayExport(board.id, false)
    expect((await storage.getBoard(board.id))?.observersMayExport).toBe(false)
    const closed = { ...board, id: 'c'.repeat(22), observersMayExport: false }
    const open = { ...board, id: 'p'.repeat(22), observersMayExport: true }
    await storage.createBoard(closed, issueTokens().hashes, Uint8Array.of(1))
    await storage.createBoard(open, issueTokens().hashes, Uint8Array.of(1))
    expect(await storage.getBoard(closed.id)).toEqual(closed)
    expect(await storage.getBoard(open.id)).toEqual(open)
  })

  it('notes when a board last changed, apart from its last use, and never moves it back', async () => {
    expect((await storage.getBoard(board.id))?.changedAt).toBeUndefined()
    await storage.noteBoardChanged(board.id, '2026-11-20T09:00:00.000Z')
    await storage.touchBoard(board.id, '2026-11-25T00:00:00.000Z')
    expect(await storage.getBoard(board.id)).toMatchObject({ changedAt: '2026-11-20T09:00:00.000Z', lastUsedAt: '2026-11-25T00:00:00.000Z' })
    // A process that noted an older change late does not undo a newer one.
    await storage.noteBoardChanged(board.id, '2026-11-19T09:00:00.000Z')
    expect((await storage.getBoard(board.id))?.changedAt).toBe('2026-11-20T09:00:00.000Z')
    await storage.noteBoardChanged(board.id, '2026-11-24T09:00:00.000Z')
    expect((await storage.getBoard(board.id))?.changedAt).toBe('2026-11-24T09:00:00.000Z')
  })

  it('notes last use, finds unused boards, lists boards newest first with their sizes', async () => {
    const older = { id: 'o'.repeat(22), title: 'Alt', createdAt: '2026-01-01T00:00:00.000Z' }
    await storage.createBoard(older, issueTokens().hashes)
    expect((await storage.getBoard(board.id))?.lastUsedAt).toBeUndefined()
    expect((await storage.boardsUnusedSince('2026-06-01T00:00:00.000Z')).sort()).toEqual([older.id])
    await storage.touchBoard(older.id, '2026-11-25T00:00:00.000Z')
    expect(await storage.getBoard(older.id)).toEqual({ ...older, lastUsedAt: '2026-11-25T00:00:00.000Z' })
    expect(await storage.boardsUnusedSince('2026-06-01T00:00:00.000Z')).toEqual([])
    expect(await storage.boardsUnusedSince('2026-11-22T00:00:00.000Z')).toEqual([board.id])
    expect((await storage.listBoards()).map((b) => b.id)).toEqual([board.id, older.id])
    expect((await storage.listBoards())[0]).toEqual(board)

    const template = { ...board, id: 't'.repeat(22), createdAt: '2026-11-21T12:00:00.000Z' }
    await storage.createBoard(template, issueTokens().hashes, Uint8Array.of(1, 2))
    await storage.appendUpdate(board.id, new Uint8Array(10))
    await storage.putAsset(board.id, 'a'.repeat(22), { mimeType: 'image/png', data: new Uint8Array(100) })
    await storage.putAsset(board.id, 'b'.repeat(22), { mimeType: 'image/jpeg', data: new Uint8Array(50) })
    // Putting an asset again replaces it.
    await storage.putAsset(board.id, 'b'.repeat(22), { mimeType: 'image/webp', data: new Uint8Array(40) })
    expect((await storage.getAsset(board.id, 'b'.repeat(22)))?.mimeType).toBe('image/webp')
    await storage.putVersion(board.id, { id: 'v1', createdAt: board.createdAt, name: null }, new Uint8Array(1000))
    expect(await storage.assetBytes(board.id)).toBe(140)
    expect(await storage.assetBytes(older.id)).toBe(0)
    expect(await storage.boardStats()).toEqual([
      { id: older.id, createdAt: older.createdAt, lastUsedAt: '2026-11-25T00:00:00.000Z', bytes: 0, assets: 0, versions: 0 },
      { id: board.id, createdAt: board.createdAt, lastUsedAt: null, bytes: 1150, assets: 2, versions: 1 },
      { id: template.id, createdAt: template.createdAt, lastUsedAt: null, bytes: 2, assets: 0, versions: 0 },
    ])
  })
}

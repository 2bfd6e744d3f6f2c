/**
 * What spans the concerns (`Storage.deleteBoard`): a board's rows exist only with the board,
 * and deleting it removes them from every table, also for other instances (deleted means gone).
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { hashToken, issueTokens } from '../../../server/links/access.ts'
import { hashJoinCode, newJoinCode } from '../../../server/links/joinCodes.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, boardTables, type RowCounts, type Store, type StorageContract } from './stores.ts'

export function boardLifetimeContract(contract: StorageContract): void {
  let storage: Storage
  let store: Store
  beforeEach(() => {
    storage = contract.storage
    store = contract.store
  })
  const openAnother = () => contract.openAnother()

  it('refuses updates, assets and versions of a board that does not exist', async () => {
    const missing = 'z'.repeat(22)
    await expect(storage.appendUpdate(missing, Uint8Array.of(1))).rejects.toThrow()
    await expect(storage.putAsset(missing, 'a'.repeat(22), { mimeType: 'image/png', data: Uint8Array.of(1) })).rejects.toThrow()
    await expect(storage.putVersion(missing, { id: 'v1', createdAt: board.createdAt, name: null }, Uint8Array.of(1))).rejects.toThrow()
    expect(await storage.loadDocument(missing)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
  })

  it('keeps boards apart and deletes a board with its document and assets', async () => {
    const other = { ...board, id: 'c'.repeat(22) }
    await storage.createBoard(other, issueTokens().hashes)
    await storage.appendUpdate(board.id, Y.encodeStateAsUpdate(new Y.Doc()))
    await storage.putAsset(board.id, 'a'.repeat(22), { mimeType: 'image/png', data: Uint8Array.of(1, 2, 3) })
    expect((await storage.getAsset(board.id, 'a'.repeat(22)))?.data).toEqual(Uint8Array.of(1, 2, 3))
    expect((await storage.loadDocument(other.id)).updates).toHaveLength(0)

    await storage.deleteBoard(board.id)
    expect(await storage.getBoard(board.id)).toBeUndefined()
    expect((await storage.loadDocument(board.id)).updates).toHaveLength(0)
    expect(await storage.getAsset(board.id, 'a'.repeat(22))).toBeUndefined()
    expect((await storage.listBoards()).map((b) => b.id)).toEqual([other.id])
  })

  it('deleting a board removes its rows from every table and leaves other boards alone', async () => {
    const other = { ...board, id: 'c'.repeat(22), createdAt: '2026-11-21T11:00:00.000Z' }
    const network = { id: 'n'.repeat(22), name: 'Netzwerk', targetGroup: '', createdAt: board.createdAt }
    await storage.createNetwork(network, hashToken('n'.repeat(32)))
    const code = newJoinCode()
    const tokensOf = new Map<string, ReturnType<typeof issueTokens>['tokens']>()
    for (const b of [other]) {
      const issued = issueTokens()
      tokensOf.set(b.id, issued.tokens)
      await storage.createBoard(b, issued.hashes, Uint8Array.of(7))
    }
    for (const id of [board.id, other.id]) {
      const seq = await storage.appendUpdate(id, Uint8Array.of(1))
      await storage.compact(id, Uint8Array.of(2), seq)
      await storage.appendUpdate(id, Uint8Array.of(3))
      await storage.putAsset(id, 'a'.repeat(22), { mimeType: 'image/png', data: Uint8Array.of(1, 2, 3) })
      await storage.putBallot(id, 'vote', 'voter', '{"x":1}')
      await storage.putPrivateNotes(id, 'round', 'author', '[]')
      await storage.holdClientIds(id, [[1, 'author:anna']])
      await storage.putVersion(id, { id: 'v1', createdAt: board.createdAt, name: 'Stand' }, Uint8Array.of(4))
      await storage.putJoinCode({
        boardId: id,
        role: 'participant',
        codeHash: hashJoinCode(`${code}${id}`),
        sealedLink: Uint8Array.of(5),
        expiresAt: '2026-12-01T00:00:00.000Z',
      })
      await storage.touchBoard(id, '2026-11-22T00:00:00.000Z')
      await storage.appendAudit({ at: '2026-11-22T00:00:00.000Z', action: 'link-replaced', board: id, actor: 'admin' })
      const place = { networkId: network.id, boardId: id, phase: 'gruendung', internal: false, addedAt: board.createdAt, sealedToken: Uint8Array.of(6) }
      expect(await storage.addNetworkBoard(place, 60)).toBe('added')
    }
    const full: RowCounts = { boards: 1, snapshots: 1, updates: 1, assets: 1, ballots: 1, private_notes: 1, versions: 1, join_codes: 1, board_tokens: 3, audit: 1, network_boards: 1, client_ids: 1 }
    expect(await store.rowsOf(board.id)).toEqual(full)
    const otherBefore = {
      board: await storage.getBoard(other.id),
      document: await storage.loadDocument(other.id),
      stats: (await storage.boardStats()).find((s) => s.id === other.id),
    }

    await storage.deleteBoard(board.id)
    const none = Object.fromEntries(boardTables.map((table) => [table, 0]))
    expect(await store.rowsOf(board.id)).toEqual(none)
    // Through the interface too, and from another instance (another relay process).
    for (const instance of [storage, await openAnother()]) {
      expect(await instance.getBoard(board.id)).toBeUndefined()
      expect(await instance.loadDocument(board.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
      expect(await instance.getAsset(board.id, 'a'.repeat(22))).toBeUndefined()
      expect(await instance.assetBytes(board.id)).toBe(0)
      expect(await instance.ballots(board.id, 'vote')).toEqual([])
      expect(await instance.privateNotes(board.id, 'round')).toEqual([])
      expect(await instance.clientIdHolders(board.id)).toEqual(new Map())
      expect(await instance.listVersions(board.id)).toEqual([])
      expect(await instance.versionState(board.id, 'v1')).toBeUndefined()
      expect(await instance.findJoinCode(hashJoinCode(`${code}${board.id}`))).toBeUndefined()
      expect((await instance.boardStats()).map((s) => s.id)).toEqual([other.id])
      expect(await instance.boardsUnusedSince('2027-01-01T00:00:00.000Z')).toEqual([other.id])
      expect(await instance.networkOfBoard(board.id)).toBeUndefined()
      expect((await instance.networkBoards(network.id)).map((b) => b.boardId)).toEqual([other.id])
    }

    expect(await store.rowsOf(other.id)).toEqual(full)
    expect(await storage.getBoard(other.id)).toEqual(otherBefore.board)
    expect(await storage.loadDocument(other.id)).toEqual(otherBefore.document)
    expect((await storage.boardStats()).find((s) => s.id === other.id)).toEqual(otherBefore.stats)
    expect(await storage.roleForTokenHash(other.id, hashToken(tokensOf.get(other.id)!.observer))).toBe('observer')
    expect((await storage.findJoinCode(hashJoinCode(`${code}${other.id}`)))?.boardId).toBe(other.id)
    expect(await storage.ballot(other.id, 'vote', 'voter')).toBe('{"x":1}')
    expect(await storage.privateNotes(other.id, 'round')).toEqual([{ author: 'author', notes: '[]' }])
    // Deleting what is not there is no error.
    await storage.deleteBoard(board.id)
  })
}

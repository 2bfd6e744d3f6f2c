import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readFileSync } from 'node:fs'
import { hashToken, issueTokens } from '../../server/access.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { hashJoinCode, newJoinCode, openLink, sealLink } from '../../server/joinCodes.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'

describe('SqliteStorage', () => {
  let dir: string
  let storage: SqliteStorage
  const board = { id: 'b'.repeat(22), title: 'Gründungsworkshop', createdAt: '2026-11-21T10:00:00.000Z' }

  beforeEach(() => {
    dir = makeDataDir()
    storage = new SqliteStorage(dir)
    storage.createBoard(board, issueTokens().hashes)
  })
  afterEach(() => {
    storage.close()
    removeDataDir(dir)
  })

  const docFrom = (stored: ReturnType<SqliteStorage['loadDocument']>) => {
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    return doc
  }

  it('loads appended updates back in order, across a reopen of the file', () => {
    const source = new Y.Doc()
    source.on('update', (update: Uint8Array) => storage.appendUpdate(board.id, update))
    const list = source.getArray<number>('list')
    for (let i = 0; i < 20; i++) list.push([i])

    storage.close()
    storage = new SqliteStorage(dir)
    const stored = storage.loadDocument(board.id)
    expect(stored.snapshot).toBeNull()
    expect(stored.updates).toHaveLength(20)
    expect(docFrom(stored).getArray('list').toArray()).toEqual(list.toArray())
  })

  it('compaction keeps the content, drops covered updates and keeps later ones', () => {
    const source = new Y.Doc()
    let lastSeq = 0
    source.on('update', (update: Uint8Array) => (lastSeq = storage.appendUpdate(board.id, update)))
    const map = source.getMap<string>('notes')
    map.set('a', 'Jobcenter')
    map.set('b', 'Jugendamt')
    storage.compact(board.id, Y.encodeStateAsUpdate(source), lastSeq)
    map.set('c', 'Kita-Träger')

    const stored = storage.loadDocument(board.id)
    expect(stored.snapshot).not.toBeNull()
    expect(stored.updates).toHaveLength(1)
    expect(stored.lastSeq).toBe(lastSeq)
    expect(docFrom(stored).getMap('notes').toJSON()).toEqual({ a: 'Jobcenter', b: 'Jugendamt', c: 'Kita-Träger' })
  })

  it('keeps boards apart and deletes a board with its document and assets', () => {
    const other = { ...board, id: 'c'.repeat(22) }
    storage.createBoard(other, issueTokens().hashes)
    storage.appendUpdate(board.id, Y.encodeStateAsUpdate(new Y.Doc()))
    storage.putAsset(board.id, 'a'.repeat(22), { mimeType: 'image/png', data: Uint8Array.of(1, 2, 3) })
    expect(storage.getAsset(board.id, 'a'.repeat(22))?.data).toEqual(Uint8Array.of(1, 2, 3))
    expect(storage.loadDocument(other.id).updates).toHaveLength(0)

    storage.deleteBoard(board.id)
    expect(storage.getBoard(board.id)).toBeUndefined()
    expect(storage.loadDocument(board.id).updates).toHaveLength(0)
    expect(storage.getAsset(board.id, 'a'.repeat(22))).toBeUndefined()
    expect(storage.listBoards().map((b) => b.id)).toEqual([other.id])
  })

  it('keeps only hashes of access tokens, finds a role by its hash, and forgets a replaced one', () => {
    const other = { ...board, id: 'd'.repeat(22) }
    const { tokens, hashes } = issueTokens()
    storage.createBoard(other, hashes)
    expect(storage.roleForTokenHash(other.id, hashToken(tokens.observer))).toBe('observer')
    expect(storage.roleForTokenHash(other.id, hashToken(tokens.facilitator))).toBe('facilitator')
    // A token of one board opens no other board.
    expect(storage.roleForTokenHash(board.id, hashToken(tokens.facilitator))).toBeUndefined()

    storage.replaceTokenHash(other.id, 'participant', hashToken('x'.repeat(32)))
    expect(storage.roleForTokenHash(other.id, hashToken(tokens.participant))).toBeUndefined()
    expect(storage.roleForTokenHash(other.id, hashToken('x'.repeat(32)))).toBe('participant')

    // Closing checkpoints the write-ahead log into the file.
    storage.close()
    const file = readFileSync(storage.path).toString('latin1')
    for (const token of Object.values(tokens)) expect(file).not.toContain(token)
    expect(file).toContain(hashes.observer)
    storage = new SqliteStorage(dir)
  })

  it('keeps join codes sealed, finds them by hash, and drops the expired ones', () => {
    const { tokens } = issueTokens()
    const code = newJoinCode()
    const sealed = sealLink(code, board.id, tokens.participant)
    storage.putJoinCode({ boardId: board.id, role: 'participant', codeHash: hashJoinCode(code), sealedLink: sealed, expiresAt: '2026-11-30T00:00:00.000Z' })
    const old = newJoinCode()
    storage.putJoinCode({ boardId: board.id, role: 'observer', codeHash: hashJoinCode(old), sealedLink: sealLink(old, board.id, tokens.observer), expiresAt: '2026-11-20T00:00:00.000Z' })
    const found = storage.findJoinCode(hashJoinCode(code))!
    expect(openLink(code, board.id, found.sealedLink)).toBe(tokens.participant)
    // Another code, or the right code on another board, opens nothing.
    expect(() => openLink(newJoinCode(), board.id, found.sealedLink)).toThrow()
    expect(() => openLink(code, 'c'.repeat(22), found.sealedLink)).toThrow()

    expect(storage.dropExpiredJoinCodes('2026-11-22T00:00:00.000Z')).toBe(1)
    expect(storage.findJoinCode(hashJoinCode(old))).toBeUndefined()
    expect(storage.findJoinCode(hashJoinCode(code))).toBeDefined()
    // Replacing the participant link ends its code.
    storage.replaceTokenHash(board.id, 'participant', hashToken(issueTokens().tokens.participant))
    expect(storage.findJoinCode(hashJoinCode(code))).toBeUndefined()
  })
})

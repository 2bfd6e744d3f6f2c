/**
 * The board links' contract (`server/storage/BoardLinks.ts`): who may enter a board (token
 * hashes, links kept sealed for facilitators, join codes).
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { hashToken, issueTokens } from '../../../server/links/access.ts'
import { hashJoinCode, newJoinCode, openLink, sealLink } from '../../../server/links/joinCodes.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function boardLinksContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })

  it('keeps only hashes of access tokens, finds a role by its hash, and forgets a replaced one', async () => {
    const other = { ...board, id: 'd'.repeat(22) }
    const { tokens, hashes } = issueTokens()
    await storage.createBoard(other, hashes)
    expect(await storage.roleForTokenHash(other.id, hashToken(tokens.observer))).toBe('observer')
    expect(await storage.roleForTokenHash(other.id, hashToken(tokens.facilitator))).toBe('facilitator')
    // A token of one board opens no other board.
    expect(await storage.roleForTokenHash(board.id, hashToken(tokens.facilitator))).toBeUndefined()

    await storage.replaceTokenHash(other.id, 'participant', hashToken('x'.repeat(32)))
    expect(await storage.roleForTokenHash(other.id, hashToken(tokens.participant))).toBeUndefined()
    expect(await storage.roleForTokenHash(other.id, hashToken('x'.repeat(32)))).toBe('participant')
    // The other roles keep theirs.
    expect(await storage.roleForTokenHash(other.id, hashToken(tokens.observer))).toBe('observer')
  })

  it('keeps a role’s link sealed for facilitators only while it is the role’s link', async () => {
    const other = { ...board, id: 'k'.repeat(22) }
    const { tokens, hashes } = issueTokens()
    await storage.createBoard(other, hashes)
    expect(await storage.sealedLink(other.id, 'participant')).toBeUndefined()
    const sealed = new Uint8Array([1, 2, 3])
    expect(await storage.keepSealedLink(other.id, 'participant', hashToken(tokens.participant), sealed)).toBe(true)
    expect(await storage.sealedLink(other.id, 'participant')).toEqual(sealed)
    expect(await storage.sealedLink(other.id, 'observer')).toBeUndefined()
    // Not the role's link (any more): nothing is kept.
    expect(await storage.keepSealedLink(other.id, 'observer', hashToken(tokens.participant), sealed)).toBe(false)
    await storage.replaceTokenHash(other.id, 'participant', hashToken('x'.repeat(32)))
    expect(await storage.sealedLink(other.id, 'participant')).toBeUndefined()
    expect(await storage.keepSealedLink(other.id, 'participant', hashToken(tokens.participant), sealed)).toBe(false)
    expect(await storage.keepSealedLink(other.id, 'participant', hashToken('x'.repeat(32)), sealed)).toBe(true)
  })

  it('keeps join codes sealed, finds them by hash, and drops the expired ones', async () => {
    const { tokens } = issueTokens()
    const code = newJoinCode()
    const sealed = sealLink(code, board.id, tokens.participant)
    await storage.putJoinCode({ boardId: board.id, role: 'participant', codeHash: hashJoinCode(code), sealedLink: sealed, expiresAt: '2026-11-30T00:00:00.000Z' })
    const old = newJoinCode()
    await storage.putJoinCode({ boardId: board.id, role: 'observer', codeHash: hashJoinCode(old), sealedLink: sealLink(old, board.id, tokens.observer), expiresAt: '2026-11-20T00:00:00.000Z' })
    const found = (await storage.findJoinCode(hashJoinCode(code)))!
    expect(found).toMatchObject({ boardId: board.id, role: 'participant', codeHash: hashJoinCode(code), expiresAt: '2026-11-30T00:00:00.000Z' })
    expect(openLink(code, board.id, found.sealedLink)).toBe(tokens.participant)
    // Another code, or the right code on another board, opens nothing.
    expect(() => openLink(newJoinCode(), board.id, found.sealedLink)).toThrow()
    expect(() => openLink(code, 'c'.repeat(22), found.sealedLink)).toThrow()

    expect(await storage.dropExpiredJoinCodes('2026-11-22T00:00:00.000Z')).toBe(1)
    expect(await storage.findJoinCode(hashJoinCode(old))).toBeUndefined()
    expect(await storage.findJoinCode(hashJoinCode(code))).toBeDefined()
    // A new code for the role replaces its old one.
    const newer = newJoinCode()
    await storage.putJoinCode({ boardId: board.id, role: 'participant', codeHash: hashJoinCode(newer), sealedLink: sealed, expiresAt: '2026-12-30T00:00:00.000Z' })
    expect(await storage.findJoinCode(hashJoinCode(code))).toBeUndefined()
    expect((await storage.findJoinCode(hashJoinCode(newer)))?.expiresAt).toBe('2026-12-30T00:00:00.000Z')
    // Replacing the participant link ends its code.
    await storage.replaceTokenHash(board.id, 'participant', hashToken(issueTokens().tokens.participant))
    expect(await storage.findJoinCode(hashJoinCode(newer))).toBeUndefined()
  })
}

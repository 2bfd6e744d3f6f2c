/**
 * A board link's capabilities are checked without HTTP (`server/links/access.ts`): the check answers
 * with the role or why not, and the HTTP layer turns that into 401 or 403 (`http/boardRole.ts`).
 */
import { relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkRole, issueTokens } from '../../server/links/access.ts'
import { appRoot } from '../../server/base/appRoot.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { reachedFrom } from '../helpers/importGraph.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'

describe('capability checks', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  const boardId = 'faehigkeiten'
  const { tokens, hashes } = issueTokens()
  beforeAll(() => storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, hashes))
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  it('answer with the role, or why not', async () => {
    expect(await checkRole(storage, boardId, tokens.facilitator, 'facilitator')).toEqual({ ok: true, role: 'facilitator' })
    expect(await checkRole(storage, boardId, tokens.participant, 'participant')).toEqual({ ok: true, role: 'participant' })
    expect(await checkRole(storage, boardId, tokens.participant, 'facilitator')).toEqual({ ok: false, refused: 'role-too-low', needed: 'facilitator' })
    expect(await checkRole(storage, boardId, undefined, 'observer')).toEqual({ ok: false, refused: 'no-link' })
    expect(await checkRole(storage, boardId, 'kein-gueltiger-link', 'observer')).toEqual({ ok: false, refused: 'no-link' })
  })

  it('know nothing of HTTP', () => {
    const { files } = reachedFrom(resolve(appRoot, 'server/links/access.ts'))
    const reached = [...files].map((file) => relative(appRoot, file).split('\\').join('/'))
    expect(reached.filter((file) => file.startsWith('server/http/'))).toEqual([])
  })
})

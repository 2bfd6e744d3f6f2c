import { describe, expect, it } from 'vitest'
import { parseBoardReference, referencePath } from '../../client/boardReference.ts'
import { tokenForPage } from '../../client/boardToken.ts'
import { routeFor } from '../../client/routes.ts'
import {
  bestAccess,
  findRecentBoard,
  forgetBoard,
  forgetToken,
  readRecentBoards,
  recentBoardsKey,
  rememberBoard,
  rememberedRole,
  rememberToken,
} from '../../client/recentBoards.ts'
import { sinceKey } from '../../client/sinceMemory.ts'

const id = 'AbCdEfGhIjKlMnOpQrSt_-'
const otherId = 'zzzzzzzzzzzzzzzzzzzzzz'
const tokenA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'
const tokenB = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2'
const tokenC = 'ccccccccccccccccccccccccccccccc3'

describe('routes', () => {
  it('knows the start page and board pages', () => {
    expect(routeFor('/')).toEqual({ page: 'start' })
    expect(routeFor(`/b/${id}`)).toEqual({ page: 'board', boardId: id })
    expect(routeFor(`/b/${id}/`)).toEqual({ page: 'board', boardId: id })
    expect(routeFor('/b/short')).toEqual({ page: 'unknown' })
    expect(routeFor('/admin')).toEqual({ page: 'unknown' })
  })
})

describe('opening a board from pasted text', () => {
  const base = 'http://whiteboard.lan:8787/'
  it('accepts a full link, a path or a bare id', () => {
    expect(parseBoardReference(`http://whiteboard.lan:8787/b/${id}`, base)).toEqual({ id })
    expect(parseBoardReference(`  https://other.example/b/${id}?x=1#y  `, base)).toEqual({ id })
    expect(parseBoardReference(`/b/${id}`, base)).toEqual({ id })
    expect(parseBoardReference(id, base)).toEqual({ id })
  })

  it('keeps the token of a full invitation link, and goes to that link', () => {
    const reference = parseBoardReference(` http://whiteboard.lan:8787/b/${id}#${tokenA} `, base)
    expect(reference).toEqual({ id, token: tokenA })
    expect(referencePath(reference!)).toBe(`/b/${id}#${tokenA}`)
    expect(parseBoardReference(`/b/${id}#${tokenA}`, base)).toEqual({ id, token: tokenA })
    // A fragment that is no token is ignored: the board page then says the link is incomplete.
    expect(parseBoardReference(`/b/${id}#short`, base)).toEqual({ id })
    expect(referencePath({ id })).toBe(`/b/${id}`)
  })

  it('rejects anything else', () => {
    expect(parseBoardReference('', base)).toBeNull()
    expect(parseBoardReference('hello world', base)).toBeNull()
    expect(parseBoardReference(`http://x/c/${id}`, base)).toBeNull()
    expect(parseBoardReference('http://x/b/tooshort', base)).toBeNull()
  })
})

describe('recent boards', () => {
  const memory = () => {
    const data = new Map<string, string>()
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) }
  }

  it('keeps the last opened first, once per board', () => {
    const storage = memory()
    rememberBoard(storage, { id, title: 'Eins' }, {}, new Date('2025-01-01T10:00:00Z'))
    rememberBoard(storage, { id: otherId, title: 'Zwei' }, {}, new Date('2025-01-02T10:00:00Z'))
    rememberBoard(storage, { id, title: 'Eins (neu)' }, {}, new Date('2025-01-03T10:00:00Z'))
    expect(readRecentBoards(storage).map((b) => [b.id, b.title])).toEqual([
      [id, 'Eins (neu)'],
      [otherId, 'Zwei'],
    ])
    expect(findRecentBoard(storage, otherId)?.lastOpened).toBe('2025-01-02T10:00:00.000Z')
  })

  it('forgets boards and survives garbage in storage', () => {
    const storage = memory()
    rememberBoard(storage, { id, title: 'Eins' })
    expect(forgetBoard(storage, id)).toEqual([])
    storage.setItem(recentBoardsKey, '{not json')
    expect(readRecentBoards(storage)).toEqual([])
    storage.setItem(recentBoardsKey, JSON.stringify([{ id: 'bad', title: 1 }, { id, title: 'ok', lastOpened: 'x' }]))
    expect(readRecentBoards(storage).map((b) => b.id)).toEqual([id])
  })

  it('forgets what it last saw of a board with the board', () => {
    const data = new Map<string, string>()
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) }
    rememberBoard(storage, { id, title: 'Eins' })
    storage.setItem(sinceKey(id), '{"seen":""}')
    storage.setItem(sinceKey(otherId), '{"seen":""}')
    forgetBoard(storage, id)
    expect([...data.keys()].filter((k) => k.startsWith('netzwerkstatt:since:'))).toEqual([sinceKey(otherId)])
  })
})

describe('remembered links', () => {
  const memory = () => {
    const data = new Map<string, string>()
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) }
  }

  it('keeps all three links of a board created here, and opens it with the facilitator link', () => {
    const storage = memory()
    rememberBoard(storage, { id, title: 'Eins' }, { facilitator: tokenA, participant: tokenB, observer: tokenC })
    const entry = findRecentBoard(storage, id)
    expect(entry?.tokens).toEqual({ facilitator: tokenA, participant: tokenB, observer: tokenC })
    expect(bestAccess(entry)).toEqual({ role: 'facilitator', token: tokenA })
    expect(rememberedRole(entry, tokenB)).toBe('participant')
    expect(rememberedRole(entry, 'x'.repeat(32))).toBeUndefined()
  })

  it('adds the link a board was opened with, without losing the better one', () => {
    const storage = memory()
    rememberBoard(storage, { id, title: 'Eins' }, { facilitator: tokenA })
    // The facilitator tries the participant link in the same browser.
    rememberBoard(storage, { id, title: 'Eins' }, { participant: tokenB })
    expect(findRecentBoard(storage, id)?.tokens).toEqual({ facilitator: tokenA, participant: tokenB })
    expect(bestAccess(findRecentBoard(storage, id))?.role).toBe('facilitator')
  })

  it('replaces a rotated link and forgets a refused one', () => {
    const storage = memory()
    rememberBoard(storage, { id, title: 'Eins' }, { facilitator: tokenA, participant: tokenB })
    rememberToken(storage, id, 'participant', tokenC)
    expect(findRecentBoard(storage, id)?.tokens).toEqual({ facilitator: tokenA, participant: tokenC })
    forgetToken(storage, id, tokenA)
    expect(findRecentBoard(storage, id)?.tokens).toEqual({ participant: tokenC })
    expect(bestAccess(findRecentBoard(storage, id))).toEqual({ role: 'participant', token: tokenC })
    // The board stays listed (with its title) even without any link.
    forgetToken(storage, id, tokenC)
    expect(findRecentBoard(storage, id)).toMatchObject({ title: 'Eins', tokens: {} })
    expect(bestAccess(findRecentBoard(storage, id))).toBeUndefined()
  })

  it('lists entries from before access tokens, without a link to open them', () => {
    const storage = memory()
    storage.setItem(
      recentBoardsKey,
      JSON.stringify([
        { id, title: 'Alt', lastOpened: '2025-01-01T10:00:00.000Z' },
        { id: otherId, title: 'Kaputt', lastOpened: '2025-01-02T10:00:00.000Z', tokens: { facilitator: 7, observer: tokenC, admin: tokenA } },
      ]),
    )
    const [broken, old] = readRecentBoards(storage)
    expect(old).toEqual({ id, title: 'Alt', lastOpened: '2025-01-01T10:00:00.000Z', tokens: {} })
    expect(broken.tokens).toEqual({ observer: tokenC })
  })
})

describe('the token a board page uses', () => {
  it('takes the token from the address first, else the best remembered one', () => {
    const remembered = { tokens: { participant: tokenB, facilitator: tokenA } }
    expect(tokenForPage(`#${tokenC}`, remembered)).toEqual({ token: tokenC, fromLink: true })
    expect(tokenForPage('', remembered)).toEqual({ token: tokenA, fromLink: false })
    expect(tokenForPage('#not-a-token', { tokens: { observer: tokenC } })).toEqual({ token: tokenC, fromLink: false })
  })

  it('has none for an address without a token and a board this browser has no link for', () => {
    expect(tokenForPage('', undefined)).toBeUndefined()
    expect(tokenForPage('#', { tokens: {} })).toBeUndefined()
    expect(tokenForPage('#abc', undefined)).toBeUndefined()
  })
})

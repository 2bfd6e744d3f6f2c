import { describe, expect, it } from 'vitest'
import { parseBoardReference } from '../../client/boardReference.ts'
import { routeFor } from '../../client/routes.ts'
import { findRecentBoard, forgetBoard, readRecentBoards, recentBoardsKey, rememberBoard } from '../../client/recentBoards.ts'

const id = 'AbCdEfGhIjKlMnOpQrSt_-'
const otherId = 'zzzzzzzzzzzzzzzzzzzzzz'

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
    expect(parseBoardReference(`http://whiteboard.lan:8787/b/${id}`, base)).toBe(id)
    expect(parseBoardReference(`  https://other.example/b/${id}?x=1#y  `, base)).toBe(id)
    expect(parseBoardReference(`/b/${id}`, base)).toBe(id)
    expect(parseBoardReference(id, base)).toBe(id)
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
    rememberBoard(storage, { id, title: 'Eins' }, new Date('2025-01-01T10:00:00Z'))
    rememberBoard(storage, { id: otherId, title: 'Zwei' }, new Date('2025-01-02T10:00:00Z'))
    rememberBoard(storage, { id, title: 'Eins (neu)' }, new Date('2025-01-03T10:00:00Z'))
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
})

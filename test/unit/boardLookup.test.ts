/**
 * A phone's list reads the relay's answers with plain readers instead of zod (zod stays off its
 * first load, test/integration/phoneFirstLoad.test.ts): they must take exactly what the relay's
 * schemas take and give what those give, or a phone would open a board the canvas refuses, or
 * refuse one it opens. Likewise this browser's remembered view, read without zod.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { BoardWithRole, SignInRefusal } from '../../shared/api.ts'
import { lookupBoard, readBoardWithRole, readSignInRefusal } from '../../client/boardLookup.ts'
import { ApiError } from '../../client/api.ts'
import { readView, viewKey } from '../../client/viewMemory.ts'

const board = { id: 'b'.repeat(22), title: 'Fallkonferenz', createdAt: '2026-11-28T10:00:00.000Z', url: '/b/x' }
const boards: unknown[] = [
  { ...board, role: 'participant', retentionDays: 90, deleteAfter: '2027-02-26T10:00:00.000Z', signInRequired: true },
  { ...board, role: 'observer' },
  { ...board, role: 'facilitator', retentionDays: null, deleteAfter: null, signInRequired: false, extra: 'dropped' },
  { ...board, role: 'admin' },
  { ...board, role: 'participant', retentionDays: '90' },
  { ...board, role: 'participant', deleteAfter: 7 },
  { ...board, role: 'participant', signInRequired: 'yes' },
  { ...board, role: 'participant', signInRequired: null },
  { ...board, title: undefined, role: 'participant' },
  { ...board, url: 3, role: 'participant' },
  '<html>captive portal</html>',
  null,
  [],
  42,
]
const refusals: unknown[] = [
  { error: 'sign-in required', signIn: 'required' },
  { error: 'not admitted', signIn: 'forbidden', extra: 1 },
  { error: 'x', signIn: 'maybe' },
  { signIn: 'required' },
  { error: 'invalid token' },
  null,
  'text',
]

/** What the schema gives, or null where it refuses. */
const viaZod = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
  const parsed = schema.safeParse(value)
  return parsed.success ? parsed.data : null
}

describe("the list's plain reading of the board lookup", () => {
  it.each(boards.map((value) => [JSON.stringify(value), value]))('reads %s as BoardWithRole does', (_, value) => {
    expect(readBoardWithRole(value)).toEqual(viaZod(BoardWithRole, value))
  })

  it.each(refusals.map((value) => [JSON.stringify(value), value]))('reads %s as SignInRefusal does', (_, value) => {
    expect(readSignInRefusal(value)).toEqual(viaZod(SignInRefusal, value))
  })

  describe('lookupBoard', () => {
    afterEach(() => vi.unstubAllGlobals())
    const answer = (status: number, body: unknown) =>
      vi.stubGlobal('fetch', async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }))

    it('opens the board the relay names, with its defaults', async () => {
      answer(200, { ...board, role: 'observer' })
      expect(await lookupBoard(board.id, 't')).toEqual({ kind: 'found', board: { ...board, role: 'observer', retentionDays: null, deleteAfter: null, signInRequired: false } })
    })

    it("takes a page that is not the relay's for an unreachable relay", async () => {
      answer(200, '<html>WLAN-Anmeldung</html>')
      expect(await lookupBoard(board.id, 't')).toEqual({ kind: 'unreachable' })
    })

    it('tells a sign-in from a wrong link, and says other refusals as ApiError', async () => {
      answer(403, { error: 'not admitted', signIn: 'forbidden' })
      expect(await lookupBoard(board.id, 't')).toEqual({ kind: 'sign-in', reason: 'forbidden' })
      answer(401, { error: 'invalid token' })
      expect(await lookupBoard(board.id, 't')).toEqual({ kind: 'unauthorized' })
      answer(429, { error: 'slow down', code: 'rate-limited' })
      await expect(lookupBoard(board.id, 't')).rejects.toBeInstanceOf(ApiError)
    })
  })
})

describe("this browser's remembered view, read without zod", () => {
  const stored = (value: unknown) => ({ getItem: (key: string) => (key === viewKey('b') ? JSON.stringify(value) : null), setItem() {}, removeItem() {} })

  it('gives back a view it wrote', () => {
    expect(readView(stored({ pageId: 'page:1', x: -10, y: 4.5, z: 0.5 }), 'b')).toEqual({ pageId: 'page:1', x: -10, y: 4.5, z: 0.5 })
  })

  it.each([
    ['no page', { pageId: '', x: 0, y: 0, z: 1 }],
    ['no zoom', { pageId: 'page:1', x: 0, y: 0, z: 0 }],
    ['a text for a number', { pageId: 'page:1', x: '0', y: 0, z: 1 }],
    ['nothing', null],
  ])('forgets %s', (_, value) => {
    expect(readView(stored(value), 'b')).toBeNull()
  })
})

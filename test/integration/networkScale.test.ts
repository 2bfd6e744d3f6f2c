/**
 * A network of realistic size on a real relay: two years of meetings, 500 boards
 * (`test/helpers/networkYears.ts`), its view with each board's body, methods and open items; the
 * 501st board refused with a reason the page can say; a board made inside the network in one
 * step, which a full network refuses without leaving a board behind. A relay of the file's own:
 * the test counts every board stored on it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { maxNetworkBoards, NetworkView, networkApiPath, newNetworkBoardPath, networkBoardPath, CreatedNetworkBoard } from '../../shared/networkApi.ts'
import { networkBoardHref } from '../../shared/networkCredential.ts'
import { createBoard, privateRelaySuite } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { makeNetworkYears, planNetworkYears, type MadeNetworkYears } from '../helpers/networkYears.ts'
import { storedBoardCount } from '../helpers/relay.ts'
import { hang } from '../helpers/hang.ts'

describe('a network of 500 boards', () => {
  const suite = privateRelaySuite({ MAX_BOARDS_PER_MINUTE: '100000' })
  const { api, json, bearer, addBoard } = networkCalls(() => suite.relay)
  let years: MadeNetworkYears

  beforeAll(async () => {
    // Boards with methods an earlier board had start from its first state (networkYears.ts): the route's making is not this file's subject.
    years = await makeNetworkYears(suite.relay, planNetworkYears({ boards: maxNetworkBoards }), undefined, { copyMethods: true })
  }, hang(240_000))

  const view = async () => {
    const response = await api(networkApiPath(years.network.id), bearer(years.network.token))
    expect(response.status).toBe(200)
    return NetworkView.parse(await response.json())
  }
  const newBoard = (title: string) =>
    api(newNetworkBoardPath(years.network.id), json('POST', { title, templates: ['protokoll'], phase: 'verstetigung', body: 'steuerungsgruppe' }, years.network.token))

  it('lists all 500 with their body, their methods and the open items in their Protokolle', async () => {
    const seen = await view()
    expect(seen.boards).toHaveLength(500)
    const byTitle = new Map(seen.boards.map((b) => [b.title, b]))
    const steering = years.boards.find((b) => b.plan.body === 'steuerungsgruppe' && b.plan.templates.includes('statusbericht'))!
    expect(byTitle.get(steering.plan.title)).toMatchObject({ body: 'steuerungsgruppe', phase: steering.plan.phase })
    // Three TOPs with a task and a name each: three open items.
    expect(byTitle.get(steering.plan.title)!.templates).toEqual([
      expect.objectContaining({ template: 'protokoll', openItems: 3 }),
      expect.objectContaining({ template: 'statusbericht', openItems: 0 }),
    ])
    const group = years.boards.find((b) => b.plan.body === 'AG Alleinerziehende')!
    expect(seen.boards.find((b) => b.id === group.board.id)).toMatchObject({ body: 'AG Alleinerziehende', title: group.plan.title })
    // Every phase holds boards, and a second view tells the same.
    expect(new Set(seen.boards.map((b) => b.phase)).size).toBe(5)
    // (Reading it is using the network: only its retention date moves on.)
    expect({ ...(await view()), retention: undefined }).toEqual({ ...seen, retention: undefined })
  })

  it('refuses the 501st with a reason to say, and a board made in the full network is not made at all', async () => {
    const boardsBefore = storedBoardCount(suite.relay)
    const extra = await createBoard(suite.relay, 'Eins zu viel')
    const added = await addBoard(years.network, extra, 'verstetigung')
    expect(added.status).toBe(409)
    expect(await added.json()).toEqual({ error: expect.any(String), code: 'network-full', limit: 500 })

    const refused = await newBoard('Steuerungsgruppe Extra')
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({ code: 'network-full', limit: 500 })
    // Only the board made above by hand: the refused one left nothing behind.
    expect(storedBoardCount(suite.relay)).toBe(boardsBefore + 1)
    expect((await view()).boards).toHaveLength(500)

    // One board out: the place is free, and the new board takes it in one step.
    const leaving = years.boards[20]!.board
    expect((await api(networkBoardPath(years.network.id, leaving.id), { method: 'DELETE', ...bearer(years.network.token) })).status).toBe(204)
    const made = await newBoard('Steuerungsgruppe Extra')
    expect(made.status).toBe(201)
    const { board, entry } = CreatedNetworkBoard.parse(await made.json())
    expect(entry).toMatchObject({ id: board.id, title: 'Steuerungsgruppe Extra', phase: 'verstetigung', body: 'steuerungsgruppe', link: networkBoardHref(board.id, years.network.id), token: null })
    expect(entry.templates).toEqual([expect.objectContaining({ template: 'protokoll', notes: 0, openItems: 0 })])
    expect(storedBoardCount(suite.relay)).toBe(boardsBefore + 2)
    const after = await view()
    expect(after.boards).toHaveLength(500)
    expect(after.boards.at(-1)).toMatchObject({ id: board.id, body: 'steuerungsgruppe' })
    // The board opens with its facilitator link.
    expect((await api(`/api/boards/${board.id}`, bearer(board.access.facilitator))).status).toBe(200)
  })

  it("changes a board's body, and refuses a body name too long", async () => {
    const board = years.boards[30]!.board
    const changed = await api(networkBoardPath(years.network.id, board.id), json('PATCH', { body: 'AG Neue Wege' }, years.network.token))
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ id: board.id, body: 'AG Neue Wege' })
    const tooLong = await api(networkBoardPath(years.network.id, board.id), json('PATCH', { body: 'x'.repeat(81) }, years.network.token))
    expect(tooLong.status).toBe(400)
    expect((await view()).boards.find((b) => b.id === board.id)).toMatchObject({ body: 'AG Neue Wege' })
  })
})

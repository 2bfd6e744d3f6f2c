/**
 * Group rounds against a real relay: only the facilitator opens one (a participant's
 * hand-written client is cut off), and a group's join code (the participant code with the
 * group's number appended) hands out the participant link of that board, with the group, and
 * never anything else.
 */
import { describe, expect, it } from 'vitest'
import { JoinCode } from '../../shared/access.ts'
import { joinRedeemPath, JoinTarget } from '../../shared/api.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { readGroupRound } from '../../shared/board/entries/groups.ts'
import { formatJoinCode, groupJoinCode } from '../../shared/joinCode.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { apiFetch, createBoard, relaySuite, type TestClient, until } from '../helpers/clients.ts'

const round = {
  id: 'r1',
  plenaryPageId: 'page:page',
  template: 'planspiel',
  groups: [
    { name: 'Jugendamt', pageId: 'page:g1', members: [] },
    { name: 'Schule', pageId: 'page:g2', members: [] },
  ],
  openedAt: 1,
}

describe('group rounds over the relay', () => {
  const suite = relaySuite()
  const closed = (client: TestClient) =>
    new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

  it("refuses a participant's round and takes the facilitator's", async () => {
    const board = await createBoard(suite.relay, 'Kleingruppen')
    const participant = await suite.connect(board.id, board.access.participant)
    const closing = closed(participant)
    facilitationMap(participant.doc).set(facilitationKeys.groups, round)
    expect(await closing).toBe(CloseCode.notAllowed)

    const facilitator = await suite.connect(board.id, board.access.facilitator)
    const observer = await suite.connect(board.id, board.access.observer)
    facilitationMap(facilitator.doc).set(facilitationKeys.groups, round)
    await until(observer.doc, () => readGroupRound(facilitationMap(observer.doc).get(facilitationKeys.groups)) !== undefined)
    expect(readGroupRound(facilitationMap(observer.doc).get(facilitationKeys.groups))?.groups.map((g) => g.name)).toEqual(['Jugendamt', 'Schule'])
  })

  it("a group's code hands out that board's participant link with the group, never another role or board", async () => {
    const makeCode = async (boardId: string, role: 'participant' | 'observer', token: string, facilitator: string) => {
      const response = await apiFetch(suite.relay, `/api/boards/${boardId}/join-code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitator}` },
        body: JSON.stringify({ role, token }),
      })
      expect(response.status).toBe(201)
      return JoinCode.parse(await response.json()).code
    }
    const lookUp = (code: string) =>
      fetch(`${suite.relay.httpUrl}${joinRedeemPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
    const board = await createBoard(suite.relay, 'Planspiel')
    const other = await createBoard(suite.relay, 'Anderes Board')
    const code = await makeCode(board.id, 'participant', board.access.participant, board.access.facilitator)
    await makeCode(other.id, 'participant', other.access.participant, other.access.facilitator)

    for (const number of [1, 3, 12]) {
      const typed = formatJoinCode(groupJoinCode(code, number))
      const target = JoinTarget.parse(await (await lookUp(typed)).json())
      expect(target).toEqual({ boardId: board.id, role: 'participant', token: board.access.participant, group: number })
      expect(target.token).not.toBe(board.access.facilitator)
    }
    // The plain code still carries no group.
    expect(JoinTarget.parse(await (await lookUp(code)).json()).group).toBeUndefined()
    // A read-only code with a group number is no group code.
    const observerCode = await makeCode(board.id, 'observer', board.access.observer, board.access.facilitator)
    expect((await lookUp(groupJoinCode(observerCode, 1))).status).toBe(404)
    // A group number past 12, or 0, is no code at all.
    expect((await lookUp(`${code}0`)).status).toBe(404)
    expect((await lookUp(`${code}D`)).status).toBe(404)
  })
})

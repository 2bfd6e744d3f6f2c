/** A hostile reviewer's variants of "one admission, the per-board cap counted at the room's door" (issue 58). */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { tokenQueryParam } from '../../shared/access.ts'
import { wallParam } from '../../shared/wall.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createBoard, privateRelaySuite } from '../helpers/clients.ts'
import type { Relay } from '../helpers/relay.ts'

describe('the per-board cap: variants', () => {
  const suite = privateRelaySuite({ MAX_CONNECTIONS_PER_BOARD: '3' })
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  /** A raw socket: 'in' once the relay sent its sync request, else its close code. */
  const open = (relay: Pick<Relay, 'wsUrl'>, boardId: string, token: string, extra: Record<string, string> = {}) => {
    const socket = new WebSocket(`${relay.wsUrl}/${boardId}?${new URLSearchParams({ [tokenQueryParam]: token, ...extra })}`)
    cleanups.push(() => socket.terminate())
    const outcome = new Promise<'in' | number>((resolve) => {
      socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 0 && resolve('in'))
      socket.on('close', (code) => resolve(code))
      socket.on('error', () => resolve(-1))
    })
    return { socket, outcome }
  }

  it('lets no more than the cap in when twelve sockets of every kind (wall, facilitator, participant, observer) race for three seats', async () => {
    const board = await createBoard(suite.relay)
    const { facilitator, participant, observer } = board.access
    const racers = [
      ...Array.from({ length: 3 }, () => open(suite.relay, board.id, facilitator, { [wallParam.name]: wallParam.value })),
      ...Array.from({ length: 3 }, () => open(suite.relay, board.id, facilitator)),
      ...Array.from({ length: 3 }, () => open(suite.relay, board.id, participant)),
      ...Array.from({ length: 3 }, () => open(suite.relay, board.id, observer)),
    ]
    const outcomes = await Promise.all(racers.map((r) => r.outcome))
    expect(outcomes.filter((o) => o === 'in').length).toBe(3)
    expect(outcomes.filter((o) => o !== 'in').every((o) => o === CloseCode.tooManyConnections)).toBe(true)
  })
})

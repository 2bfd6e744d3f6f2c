/** A hostile reviewer's variants of "one admission, the per-board cap counted at the room's door" (issue 58). */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { tokenQueryParam } from '../../shared/access.ts'
import { wallParam } from '../../shared/wall.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { connectClient, createBoard, privateRelaySuite, whenSynced } from '../helpers/clients.ts'
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

  it('leaves no seat taken by sockets that went away while they were on their way in, nor by reconnect churn', async () => {
    const board = await createBoard(suite.relay)
    for (let round = 0; round < 10; round++) {
      const sockets = Array.from({ length: 4 }, () => open(suite.relay, board.id, board.access.participant))
      // Gone before (or while) the room takes them: on open, before the join is done.
      await Promise.all(sockets.map(({ socket }) => new Promise<void>((resolve) => socket.on('open', () => (socket.terminate(), resolve())))))
    }
    // Churn: in, out, in again at once.
    for (let round = 0; round < 5; round++) {
      const first = open(suite.relay, board.id, board.access.participant)
      expect(await first.outcome).toBe('in')
      first.socket.terminate()
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
    const clients = []
    for (let n = 0; n < 3; n++) {
      const client = connectClient(suite.relay, board.id, new Y.Doc(), { token: board.access.participant })
      cleanups.push(() => client.destroy())
      await whenSynced(client)
      clients.push(client)
    }
    expect(clients.length).toBe(3)
  })
})

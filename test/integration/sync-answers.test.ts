/**
 * What joining clients are sent: the board as it is when they ask, however many join, and no
 * more than the sync budget per address (MAX_SYNC_BYTES_PER_MINUTE) allows, so that sockets
 * reconnecting in a loop cannot keep the relay encoding and sending the board.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, decodeMessage, encodeSyncStep1 } from '../../shared/protocol.ts'
import { createBoard, openRawSocket, privateRelaySuite, until } from '../helpers/clients.ts'
import { noteKeys, noteText, putNote } from '../helpers/records.ts'

/** Joins as a bare socket from `address` and asks for the board: the notes it was sent, or the close code. */
async function joinFrom(
  relay: { wsUrl: string },
  boardId: string,
  token: string,
  address: string,
  stateVector = Y.encodeStateVector(new Y.Doc()),
): Promise<{ notes: string[] } | { closed: number }> {
  const { socket, closed } = await openRawSocket(relay, boardId, token, { 'x-forwarded-for': address })
  const answered = new Promise<string[]>((resolve) => {
    // As y-websocket does: updates are applied as they come (Yjs holds those that build on the sync step 2 until it arrives).
    const doc = new Y.Doc()
    socket.on('message', (data: Buffer) => {
      const message = decodeMessage(new Uint8Array(data))
      if (message.type !== 'sync-step-2' && message.type !== 'update') return
      Y.applyUpdate(doc, message.update)
      if (message.type === 'sync-step-2') resolve(noteKeys(doc))
    })
  })
  socket.send(encodeSyncStep1(stateVector))
  const outcome = await Promise.race([answered.then((notes) => ({ notes })), closed.then(({ code }) => ({ closed: code }))])
  socket.close()
  await closed
  return outcome
}

describe('sync answers', () => {
  // Enough for a few answers of a Planspiel board from one address, not for a loop.
  const suite = privateRelaySuite({ MAX_SYNC_BYTES_PER_MINUTE: '1000000', TRUST_PROXY: '127.0.0.1' })

  it('sends each joiner the board as it is when it asks, also right after a change', async () => {
    const board = await createBoard(suite.relay, 'Nachzügler')
    const writer = await suite.connect(board.id, board.access.participant)
    const before = await joinFrom(suite.relay, board.id, board.access.observer, '127.0.20.1')
    expect(before).toEqual({ notes: [] })
    putNote(writer.doc, 'spät', 'Nachtrag')
    // Everyone on the board has it once a second client does: the relay has applied it.
    const witness = await suite.connect(board.id, board.access.observer)
    await until(witness.doc, () => noteText(witness.doc, 'spät') === 'Nachtrag')
    expect(await joinFrom(suite.relay, board.id, board.access.observer, '127.0.20.1')).toEqual({ notes: ['spät'] })
  })

  it('cuts off a reconnect loop from one address with 4420, while another address joins', async () => {
    const board = await createBoard(suite.relay, 'Schleife', { template: 'planspiel', locale: 'de' })
    const outcomes: Array<{ notes: string[] } | { closed: number }> = []
    // A Planspiel board is well over 10 KB: within a hundred joins the budget is gone.
    while (outcomes.length < 100) {
      const outcome = await joinFrom(suite.relay, board.id, board.access.observer, '198.51.100.7')
      outcomes.push(outcome)
      if ('closed' in outcome) break
    }
    expect(outcomes.at(-1)).toEqual({ closed: CloseCode.rateLimited })
    expect(outcomes.length).toBeGreaterThan(1)
    const other = await joinFrom(suite.relay, board.id, board.access.observer, '203.0.113.9')
    expect(other).toEqual(outcomes[0])
    const client = await suite.connect(board.id, board.access.participant)
    expect(client.provider.synced).toBe(true)
  })

  it('cuts off a loop of sync requests that each name all but the newest change of a changing board, however small the answers', async () => {
    const board = await createBoard(suite.relay, 'Fast vollständig', { template: 'planspiel', locale: 'de' })
    const writer = await suite.connect(board.id, board.access.participant)
    const witness = await suite.connect(board.id, board.access.observer)
    const outcomes: Array<{ notes: string[] } | { closed: number }> = []
    // Each answer is a few bytes, but building it walks the whole board once the board changed.
    while (outcomes.length < 300) {
      const key = `n${outcomes.length}`
      putNote(writer.doc, key)
      await until(witness.doc, () => noteText(witness.doc, key) === key)
      const clocks = Y.decodeStateVector(Y.encodeStateVector(witness.doc))
      clocks.set(writer.doc.clientID, clocks.get(writer.doc.clientID)! - 1)
      const outcome = await joinFrom(suite.relay, board.id, board.access.observer, '198.51.100.8', Y.encodeStateVector(clocks))
      outcomes.push(outcome)
      if ('closed' in outcome) break
    }
    expect(outcomes.at(-1)).toEqual({ closed: CloseCode.rateLimited })
    // Another address still joins.
    expect(await joinFrom(suite.relay, board.id, board.access.observer, '203.0.113.10')).not.toHaveProperty('closed')
  })
})

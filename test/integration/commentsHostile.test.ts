/**
 * Comments tried by a hostile client on a real relay, past what comments.test.ts covers: writes
 * the relay must judge however the board came to be in its memory.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { authorId } from '../../shared/author.ts'
import { comments, readComments, type Comment } from '../../shared/board/comments.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

const secret = (letter: string) => letter.repeat(32)
const place = { kind: 'place', pageId: 'page:page', x: 10, y: 20 } as const

describe('comments against a hostile client', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const connect = async (relay: RelayProcess, boardId: string, token: string, writer?: string) => {
    const client = connectClient(relay, boardId, new Y.Doc(), { token, writer })
    cleanups.push(() => client.destroy())
    await whenSynced(client)
    return client
  }
  const closeOf = (client: TestClient) =>
    new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

  it('refuses deleting another’s comment as the first write after the relay loaded the board from storage', async () => {
    const relay = await startRelay()
    cleanups.push(() => removeDataDir(relay.dataDir))
    cleanups.push(() => relay.kill())
    const board = await createBoard(relay, 'Kommentare')
    const anna = authorId(secret('a'), board.id)
    const annaClient = await connect(relay, board.id, board.access.participant, secret('a'))
    const comment: Comment = { author: anna, name: 'Anna', text: 'Wer lädt ein?', at: Date.now(), target: place }
    comments(annaClient.doc).set('c1', comment)
    const check = await connect(relay, board.id, board.access.facilitator)
    await until(check.doc, () => readComments(check.doc).has('c1'))
    annaClient.destroy()
    check.destroy()

    await relay.kill()
    const restarted = await startRelay({ dataDir: relay.dataDir })
    cleanups.push(() => restarted.kill())
    const bert = await connect(restarted, board.id, board.access.participant, secret('b'))
    expect(readComments(bert.doc).has('c1')).toBe(true)
    const closed = closeOf(bert).then((code) => `closed ${code}`)
    comments(bert.doc).delete('c1')
    // Refused, the socket closes; taken, a fresh client would miss the comment.
    const taken = (async () => {
      for (;;) {
        const fresh = await connect(restarted, board.id, board.access.facilitator)
        const gone = !readComments(fresh.doc).has('c1')
        fresh.destroy()
        if (gone) return 'deleted'
      }
    })()
    expect(await Promise.race([closed, taken])).toBe(`closed ${CloseCode.notAllowed}`)
  }, 120_000)
})

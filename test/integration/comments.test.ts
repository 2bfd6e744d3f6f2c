/**
 * Comments on a real relay, tried by hand-written y-websocket clients: each forbidden comment
 * write (another's comment, an observer's while not allowed, a participant resolving, a reply to
 * a thread that is not there, an oversized text) is refused, and nothing of it reaches the other
 * clients or storage (its stored log, as a relay killed then would load it); and a write the relay
 * must judge however the board came to be in its memory (loaded from storage after a restart, its
 * comments' map not yet typed). Relays of a test's own run in the test's process. (Each rule
 * alone: test/unit/commentRights.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { authorId } from '../../shared/author.ts'
import { comments, maxCommentText, readComments, type Comment } from '../../shared/board/comments.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { apiFetch, connectClient, createBoard, relaySuite, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { removeDataDir, startRelay, storedDocument } from '../helpers/relay.ts'
import type { SharedRelay } from '../helpers/sharedRelay.ts'
import { hang } from '../helpers/hang.ts'

const secret = (letter: string) => letter.repeat(32)
const place = { kind: 'place', pageId: 'page:page', x: 10, y: 20 } as const

describe('comments on the relay', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const connect = async (relay: SharedRelay, boardId: string, token: string, writer?: string) => {
    const client = connectClient(relay, boardId, new Y.Doc(), { token, writer })
    cleanups.push(() => client.destroy())
    await whenSynced(client)
    return client
  }
  // Boards on the run's shared relay, where a test's relay is only a place for its board.
  const shared = relaySuite()
  /** A relay of its own, on a data directory of its own, both gone after the test: restarts, and the default budget of refusals. */
  const freshRelay = async (options: Parameters<typeof startRelay>[0] = {}) => {
    const relay = await startRelay(options)
    cleanups.push(() => removeDataDir(relay.dataDir))
    cleanups.push(() => relay.kill())
    return relay
  }
  const closeOf = (client: TestClient) =>
    new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

  it('takes own comments and replies, refuses every forbidden comment write, and drops an observer’s while not allowed', async () => {
    // Each forbidden write below is refused; the default budget of refusals is smaller.
    const relay = await freshRelay({ env: { MAX_REFUSALS_PER_MINUTE: '50' } })
    const board = await createBoard(relay, 'Kommentare')
    const anna = authorId(secret('a'), board.id)
    const bert = authorId(secret('b'), board.id)
    const olga = authorId(secret('o'), board.id)
    const comment = (author: string, text: string, extra: Partial<Comment> = {}): Comment => ({ author, name: 'X', text, at: Date.now(), ...extra })

    const facilitator = await connect(relay, board.id, board.access.facilitator, secret('f'))
    const annaClient = await connect(relay, board.id, board.access.participant, secret('a'))
    comments(annaClient.doc).set('c1', comment(anna, 'Wer lädt ein?', { target: place }))
    await until(facilitator.doc, () => readComments(facilitator.doc).has('c1'))
    const bertClient = await connect(relay, board.id, board.access.participant, secret('b'))
    await until(bertClient.doc, () => readComments(bertClient.doc).has('c1'))
    comments(bertClient.doc).set('r1', comment(bert, 'Die Koordination.', { replyTo: 'c1' }))
    await until(facilitator.doc, () => readComments(facilitator.doc).has('r1'))

    const forbidden: Array<[string, string, string | undefined, (doc: Y.Doc) => void]> = [
      ['edit another’s comment', board.access.participant, secret('b'), (doc) => comments(doc).set('c1', { ...readComments(doc).get('c1')!, text: 'geändert' })],
      ['comment as another author', board.access.participant, secret('b'), (doc) => comments(doc).set('c2', comment(anna, 'untergeschoben', { target: place }))],
      ['comment without an author id', board.access.participant, undefined, (doc) => comments(doc).set('c3', comment(anna, 'namenlos', { target: place }))],
      ['resolve as a participant', board.access.participant, secret('a'), (doc) => comments(doc).set('c1', { ...readComments(doc).get('c1')!, resolved: true })],
      ['reply to a missing thread', board.access.participant, secret('b'), (doc) => comments(doc).set('r2', comment(bert, 'ins Leere', { replyTo: 'fehlt' }))],
      ['oversized text', board.access.participant, secret('b'), (doc) => comments(doc).set('c4', comment(bert, 'x'.repeat(maxCommentText + 1), { target: place }))],
      ['delete another’s reply', board.access.participant, secret('a'), (doc) => comments(doc).delete('r1')],
      ['delete one’s own thread start that has replies', board.access.participant, secret('a'), (doc) => comments(doc).delete('c1')],
      ['a comment under a long id', board.access.participant, secret('b'), (doc) => comments(doc).set('c'.repeat(65), comment(bert, 'lang', { target: place }))],
    ]
    for (const [what, token, writer, write] of forbidden) {
      const client = await connect(relay, board.id, token, writer)
      await until(client.doc, () => readComments(client.doc).has('r1'))
      const closed = closeOf(client)
      write(client.doc)
      expect(await closed, what).toBe(CloseCode.notAllowed)
      client.provider.disconnect()
    }

    // An observer's comment while observers may not comment: dropped, the observer stays.
    const observer = await connect(relay, board.id, board.access.observer, secret('o'))
    comments(observer.doc).set('o1', comment(olga, 'Darf ich?', { target: place }))
    // Then the facilitator allows it: an observer's note (with a comment) is still dropped whole,
    // their next comment arrives. One socket, so the relay takes them in this order.
    facilitationMap(facilitator.doc).set(facilitationKeys.commenting, { observers: true })
    await until(observer.doc, () => facilitationMap(observer.doc).get(facilitationKeys.commenting) !== undefined)
    observer.doc.transact(() => {
      putRecords(observer.doc, [noteAt(0, 0, 'Zettel vom Gast', 'shape:gast' as TLShapeId)])
      comments(observer.doc).set('o3', comment(olga, 'mit Zettel', { target: place }))
    })
    // What the relay dropped, later items of the same Yjs client would build on: a new client id.
    const ownClientId = observer.doc.clientID
    observer.doc.clientID = ownClientId + 1
    comments(observer.doc).set('o2', comment(olga, 'Jetzt ja.', { replyTo: 'c1' }))
    await until(facilitator.doc, () => readComments(facilitator.doc).has('o2'))
    observer.doc.clientID = ownClientId // its awareness goes by it
    // The facilitator resolves.
    comments(facilitator.doc).set('c1', { ...readComments(facilitator.doc).get('c1')!, resolved: true })
    await until(annaClient.doc, () => readComments(annaClient.doc).get('c1')?.resolved === true)

    const expected = ['c1', 'o2', 'r1']
    for (const client of [facilitator, annaClient, bertClient]) {
      // Each client hears over its own socket: wait until this one has the last change too.
      await until(client.doc, () => readComments(client.doc).has('o2') && readComments(client.doc).get('c1')?.resolved === true)
      expect([...readComments(client.doc).keys()].sort()).toEqual(expected)
      expect(readComments(client.doc).get('c1')?.text).toBe('Wer lädt ein?')
      expect(client.doc.getMap('tldraw').has('shape:gast')).toBe(false)
    }
    // A thread still open is an open question in the export and the report; resolved, it is settled.
    comments(bertClient.doc).set('c5', comment(bert, 'Wann ist die nächste Sitzung?', { target: place }))
    await until(facilitator.doc, () => readComments(facilitator.doc).has('c5'))
    comments(annaClient.doc).set('r5', comment(anna, 'Im März.', { replyTo: 'c5' }))
    await until(facilitator.doc, () => readComments(facilitator.doc).has('r5'))
    for (const path of ['export?format=md', 'report?format=md']) {
      const text = await (await apiFetch(relay, `/api/boards/${board.id}/${path}`)).text()
      expect(text, path).toContain('Offene Fragen (Kommentare)')
      expect(text, path).toContain('Wann ist die nächste Sitzung? (X)')
      expect(text, path).toContain('Im März. (X)')
      expect(text, path).toContain('eine Stelle auf')
      expect(text, path).not.toContain('Wer lädt ein?')
    }
    const exported = await (await apiFetch(relay, `/api/boards/${board.id}/export?format=json`)).json()
    expect(exported.openQuestions).toEqual([
      { text: 'Wann ist die nächste Sitzung?', author: 'X', about: { kind: 'place', page: expect.any(String) }, replies: [{ text: 'Im März.', author: 'X' }] },
    ])
    facilitator.doc.transact(() => {
      comments(facilitator.doc).delete('c5')
      comments(facilitator.doc).delete('r5')
    })
    await until(annaClient.doc, () => !comments(annaClient.doc).has('r5'))

    // Stored as the others have it: every update in the relay's log, as a relay killed now would load it.
    const stored = storedDocument(relay, board.id)
    cleanups.push(() => stored.destroy())
    expect([...readComments(stored).keys()].sort()).toEqual(expected)
    expect([...comments(stored).keys()].sort()).toEqual(expected)
    expect(readComments(stored).get('c1')).toMatchObject({ text: 'Wer lädt ein?', resolved: true, author: anna })
    expect(stored.getMap('tldraw').has('shape:gast')).toBe(false)
  }, hang(180_000))

  it('refuses deleting another’s comment as the first write after the relay loaded the board from storage', async () => {
    const relay = await freshRelay()
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
    let settled = false
    const taken = (async () => {
      while (!settled) {
        const fresh = await connect(restarted, board.id, board.access.facilitator)
        const gone = !readComments(fresh.doc).has('c1')
        fresh.destroy()
        if (gone) return 'deleted'
      }
      return 'settled'
    })()
    const outcome = await Promise.race([closed, taken])
    settled = true
    expect(outcome).toBe(`closed ${CloseCode.notAllowed}`)
  }, hang(120_000))

  it("passes on no observer update that keeps no comment, and counts each against the observer's refusals", async () => {
    const relay = await freshRelay()
    const board = await createBoard(relay, 'Kommentare')
    const olga = authorId(secret('o'), board.id)
    const facilitator = await connect(relay, board.id, board.access.facilitator, secret('f'))
    facilitationMap(facilitator.doc).set(facilitationKeys.commenting, { observers: true })
    const observer = await connect(relay, board.id, board.access.observer, secret('o'))
    await until(observer.doc, () => facilitationMap(observer.doc).get(facilitationKeys.commenting) !== undefined)
    const arrived: number[] = []
    facilitator.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== null) arrived.push(arrived.length)
    })
    const ownClientId = observer.doc.clientID
    // A Zettel written and deleted in one go: it changes the document, yet keeps nothing.
    observer.doc.transact(() => {
      putRecords(observer.doc, [noteAt(0, 0, 'weg', 'shape:weg' as TLShapeId)])
      observer.doc.getMap('tldraw').delete('shape:weg')
    })
    // Later items of the same Yjs client would build on what was dropped: a new client id.
    observer.doc.clientID += 1
    comments(observer.doc).set('o1', { author: olga, name: 'Olga', text: 'Darf ich?', at: Date.now(), target: place })
    await until(facilitator.doc, () => readComments(facilitator.doc).has('o1'))
    expect(arrived).toHaveLength(1)

    // Zettel an observer may not write cost the relay a rehearsal each: five a minute, then it is cut off.
    const closed = closeOf(observer)
    for (let n = 0; n < 6; n++) {
      observer.doc.clientID += 1
      putRecords(observer.doc, [noteAt(n * 10, 0, `Zettel ${n}`, `shape:gast${n}` as TLShapeId)])
    }
    const code = await closed
    observer.doc.clientID = ownClientId // its awareness goes by it
    expect(code).toBe(CloseCode.rateLimited)
    // A client that joins now gets the board as the relay keeps it, after everything before.
    const fresh = await connect(relay, board.id, board.access.facilitator)
    expect([...fresh.doc.getMap('tldraw').keys()].filter((key) => key.startsWith('shape:gast'))).toEqual([])
    expect(readComments(fresh.doc).has('o1')).toBe(true)
  }, hang(120_000))

  it('keeps a reply that reached the relay while the facilitator, offline, deleted its thread: the deletion is refused with 4403, the reply stays', async () => {
    const relay = shared.relay
    const board = await createBoard(relay, 'Kommentare')
    const comment = (author: string, text: string, extra: Partial<Comment> = {}): Comment => ({ author, name: 'X', text, at: Date.now(), ...extra })
    const facilitator = await connect(relay, board.id, board.access.facilitator, secret('f'))
    const bertClient = await connect(relay, board.id, board.access.participant, secret('b'))
    comments(facilitator.doc).set('c1', comment(authorId(secret('f'), board.id), 'Wer lädt ein?', { target: place }))
    await until(bertClient.doc, () => readComments(bertClient.doc).has('c1'))
    facilitator.provider.disconnect()
    comments(bertClient.doc).set('r1', comment(authorId(secret('b'), board.id), 'Die Koordination, am Montag.', { replyTo: 'c1' }))
    const watcher = await connect(relay, board.id, board.access.observer)
    await until(watcher.doc, () => readComments(watcher.doc).has('r1'))
    // The facilitator's page deletes the thread with the replies it knows: none.
    comments(facilitator.doc).delete('c1')
    const closed = closeOf(facilitator)
    facilitator.provider.connect()
    const deleted = until(watcher.doc, () => !readComments(watcher.doc).has('c1')).then(() => 'deleted' as const)
    expect(await Promise.race([closed, deleted])).toBe(CloseCode.notAllowed)
    facilitator.provider.disconnect()
    const fresh = await connect(relay, board.id, board.access.observer)
    expect(readComments(fresh.doc).has('c1')).toBe(true)
    expect(readComments(fresh.doc).get('r1')?.text).toBe('Die Koordination, am Montag.')
  })
})

/** The room: one merged message per tick for all (a writer's own edits only if they are not most of it), check-store-apply, isolation. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeUpdate } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { heldIdBytes } from '../../server/judge/boardBudget.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { restoreDocument } from '../../server/room/restoreDocument.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import type { TLShapeId } from '@tldraw/tlschema'
import { plainText } from '../../shared/templates/richText.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { SyncBudget } from '../../server/judge/syncBudget.ts'
import { encodeV1 } from '../helpers/updateFrames.ts'

/** Keeps the process busy for `ms` of its CPU time and of the time that passes (neither is faked). */
function work(ms: number): void {
  const [cpu, started] = [process.cpuUsage(), process.hrtime.bigint()]
  const spent = () => Math.min(Number(process.hrtime.bigint() - started) / 1e6, (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000)
  while (spent() < ms) {
    // Busy on purpose: the room paces by the work its fan-out took.
  }
}

// One turn for everything a test sends at once: the fan-out tests count what one fan-out carries.
const roomOptions: RoomOptions = { turnMs: Number.POSITIVE_INFINITY, tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024 }

describe('Room fan-out', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  const boardId = 'r'.repeat(22)
  beforeAll(() => storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, boardDocument('de')))
  let room: Room
  afterEach(() => room?.destroy())

  const open = async (count: number) => {
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    const connections = Array.from({ length: count }, (_, i) => new RecordingConnection(i))
    for (const c of connections) room.addConnection(c)
    for (const c of connections) c.sent.length = 0
    return connections
  }

  /** A participant's new note whose id and text are `key`. */
  const editUpdate = (key: string) => {
    const doc = new Y.Doc()
    putRecords(doc, [noteAt(0, 0, key, `shape:${key}` as TLShapeId)])
    return Y.encodeStateAsUpdate(doc)
  }
  /** The notes in a doc, by text. */
  const notesIn = (doc: Y.Doc) => recordsIn(doc).filter((r) => r.typeName === 'shape').map((note) => plainText((note.props as { richText?: unknown }).richText)).sort()

  const applySent = (connection: RecordingConnection) => {
    const doc = new Y.Doc()
    for (const frame of connection.sent) {
      const message = decodeMessage(frame)
      if (message.type === 'update') Y.applyUpdate(doc, message.update)
    }
    return notesIn(doc)
  }

  it('sends each recipient one merged update per tick; a writer whose edits are most of it gets only the others', async () => {
    const [a, b, c] = await open(3)
    room.receive(a, encodeUpdate(editUpdate('a1')))
    room.receive(a, encodeUpdate(editUpdate('a2')))
    room.receive(b, encodeUpdate(editUpdate('b1')))
    await room.idle()
    expect(c.sent).toHaveLength(0)
    room.flush()

    expect(c.sent).toHaveLength(1)
    expect(applySent(c)).toEqual(['a1', 'a2', 'b1'])
    // a wrote two thirds of it: not sent back.
    expect(a.sent).toHaveLength(1)
    expect(applySent(a)).toEqual(['b1'])
    // b's one edit comes back within the same merged update everyone gets, once.
    expect(b.sent).toEqual(c.sent)
  })

  it('with many writers at once, every client gets every edit in one message, none of its own twice', async () => {
    const writers = await open(40)
    const [reader] = [new RecordingConnection(100)]
    room.addConnection(reader)
    reader.sent.length = 0
    writers.forEach((w, i) => room.receive(w, encodeUpdate(editUpdate(`many-${i}`))))
    await room.idle()
    room.flush()
    const all = writers.map((_, i) => `many-${i}`).sort()
    for (const connection of [...writers, reader]) {
      expect(connection.sent).toHaveLength(1)
      expect(applySent(connection).filter((n) => n.startsWith('many-'))).toEqual(all)
    }
  })

  it('writes a fan-out to a crowd a share per turn: another board gets in, and everyone gets the edit once', async () => {
    const [writer, ...crowd] = await open(100)
    const last = crowd.at(-1)!
    const arrived = new Promise<void>((resolve) => {
      const record = last.send.bind(last)
      last.send = (message) => {
        record(message)
        resolve()
      }
    })
    room.receive(writer!, encodeUpdate(editUpdate('crowd')))
    await room.idle()
    // The fan-out's first share goes out on the next turn; a message on another board comes with it.
    await new Promise((resolve) => setImmediate(resolve))
    const reachedBeforeOtherBoard = crowd.filter((c) => c.sent.length > 0).length
    await arrived
    expect(reachedBeforeOtherBoard).toBeGreaterThan(0)
    expect(reachedBeforeOtherBoard).toBeLessThan(crowd.length)
    for (const connection of crowd) expect(applySent(connection)).toEqual(['crowd'])
  })

  it('forwards at once in a quiet room, and spaces fan-outs by what the last one cost, at most a tick', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] })
    try {
      room = await Room.load(boardId, storage, { ...roomOptions, tickMs: 40 }, createLogger('silent'))
      const [a, b] = [new RecordingConnection(0), new RecordingConnection(1)]
      for (const c of [a, b]) room.addConnection(c)
      b.sent.length = 0
      // Each send to b costs the relay `sendMs` of its time: that much passes, and the process works all of it.
      let sendMs = 2
      const record = b.send.bind(b)
      b.send = (message) => {
        record(message)
        work(sendMs)
        vi.advanceTimersByTime(sendMs)
      }
      // Quiet: the lone edit goes out on the next turn, not a tick later.
      room.receive(a, encodeUpdate(editUpdate('q1')))
      await room.idle()
      vi.advanceTimersByTime(0)
      expect(applySent(b)).toEqual(['q1'])
      // That fan-out took time: what follows waits a while, and goes out as one message, within a tick.
      b.sent.length = 0
      room.receive(a, encodeUpdate(editUpdate('q2')))
      room.receive(a, encodeUpdate(editUpdate('q3')))
      await room.idle()
      vi.advanceTimersByTime(0)
      expect(b.sent).toHaveLength(0)
      vi.advanceTimersByTime(40)
      expect(b.sent).toHaveLength(1)
      expect(applySent(b)).toEqual(['q2', 'q3'])
      // A free fan-out lets the next change through at once again.
      sendMs = 0
      b.sent.length = 0
      vi.advanceTimersByTime(100)
      room.receive(a, encodeUpdate(editUpdate('q4')))
      await room.idle()
      vi.advanceTimersByTime(0)
      expect(applySent(b)).toEqual(['q4'])
    } finally {
      vi.useRealTimers()
    }
  })

  it('paces by the work a fan-out took, not by the time it was off the core: another edit of the board is not held back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] })
    try {
      room = await Room.load(boardId, storage, { ...roomOptions, tickMs: 1000 }, createLogger('silent'))
      const [a, b] = [new RecordingConnection(0), new RecordingConnection(1)]
      for (const c of [a, b]) room.addConnection(c)
      b.sent.length = 0
      // The machine has other work: while the relay sends to b, 100 ms pass with the process off its core.
      const record = b.send.bind(b)
      b.send = (message) => {
        record(message)
        vi.advanceTimersByTime(100)
      }
      room.receive(a, encodeUpdate(editUpdate('p1')))
      await room.idle()
      vi.advanceTimersByTime(0)
      expect(applySent(b)).toEqual(['p1'])
      b.sent.length = 0
      room.receive(a, encodeUpdate(editUpdate('p2')))
      await room.idle()
      // Paced by the 100 ms that passed, it would wait 500 ms more (six times as long, from the last one's start).
      vi.advanceTimersByTime(100)
      expect(applySent(b)).toEqual(['p2'])
    } finally {
      vi.useRealTimers()
    }
  })

  it('spaces compactions by what the last one cost, so a board written by a crowd does not encode itself several times a second', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] })
    try {
      // Each compaction costs the relay 10 ms of its time.
      const compactions: number[] = []
      const timed: SqliteStorage = Object.create(storage)
      timed.compact = async (...args) => {
        compactions.push(performance.now())
        vi.advanceTimersByTime(10)
        return storage.compact(...args)
      }
      room = await Room.load(boardId, timed, { ...roomOptions, compactAfterUpdates: 1 }, createLogger('silent'))
      const [a] = [new RecordingConnection(0)]
      room.addConnection(a)
      // The first compaction runs at once.
      room.receive(a, encodeUpdate(editUpdate('c1')))
      await room.idle()
      vi.advanceTimersByTime(0)
      await room.idle()
      expect(compactions).toHaveLength(1)
      // The next waits 200 times those 10 ms, however many updates come meanwhile.
      for (const key of ['c2', 'c3', 'c4']) room.receive(a, encodeUpdate(editUpdate(key)))
      await room.idle()
      vi.advanceTimersByTime(1900)
      await room.idle()
      expect(compactions).toHaveLength(1)
      vi.advanceTimersByTime(200)
      await room.idle()
      expect(compactions).toHaveLength(2)
      expect(compactions[1] - compactions[0]).toBeGreaterThanOrEqual(2000)
    } finally {
      vi.useRealTimers()
    }
  })

  it('merges many clients awareness changes into one message and removes a leaver for everyone', async () => {
    const connections = await open(4)
    connections.forEach((connection, i) => {
      const peer = new awarenessProtocol.Awareness(new Y.Doc())
      peer.setLocalState({ cursor: { x: i, y: i } })
      const update = awarenessProtocol.encodeAwarenessUpdate(peer, [peer.clientID])
      room.receive(connection, encodeAwareness(update))
    })
    // Presence with a new id is passed on once the id is kept for its announcer.
    await room.idle()
    room.flush()
    for (const connection of connections) {
      expect(connection.sent).toHaveLength(1)
      const observer = new awarenessProtocol.Awareness(new Y.Doc())
      const message = decodeMessage(connection.sent[0])
      if (message.type !== 'awareness') throw new Error('expected awareness')
      awarenessProtocol.applyAwarenessUpdate(observer, message.update, 'test')
      expect(observer.getStates().size).toBe(5) // four peers and the observer itself
    }
    expect(room.awareness.getStates().size).toBe(4)
    room.removeConnection(connections[0])
    expect(room.awareness.getStates().size).toBe(3)
  })

  it('answers every query for awareness with one encoding shared by all askers, made again only after a change', async () => {
    const [publisher, ...askers] = await open(4)
    const peer = new awarenessProtocol.Awareness(new Y.Doc())
    peer.setLocalState({ presence: { userName: 'Ada', note: 'x'.repeat(4000) } })
    room.receive(publisher, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(peer, [peer.clientID])))
    await room.idle()
    room.flush()
    for (const asker of askers) asker.sent.length = 0
    const query = new Uint8Array([3])
    for (const asker of askers) room.receive(asker, query)
    // The same bytes in memory, however many ask: not one encoding of every state per asker.
    const [first, ...others] = askers.map((asker) => asker.sent.at(-1)!)
    for (const other of others) expect(other).toBe(first)
    peer.setLocalState({ presence: { userName: 'Ada Lovelace' } })
    room.receive(publisher, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(peer, [peer.clientID])))
    await room.idle()
    room.flush()
    room.receive(askers[0], query)
    const after = decodeMessage(askers[0].sent.at(-1)!)
    if (after.type !== 'awareness') throw new Error('expected awareness')
    const observer = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(observer, after.update, 'test')
    expect(observer.getStates().get(peer.clientID)).toMatchObject({ presence: { userName: 'Ada Lovelace' } })
  })

  it('answers a crowd asking for awareness at once a few MiB per turn, each asker once, the rest in later turns', async () => {
    room = await Room.load(boardId, storage, { ...roomOptions, maxAwarenessBytes: 2_000_000 }, createLogger('silent'))
    const publisher = new RecordingConnection(1)
    room.addConnection(publisher)
    const peer = new awarenessProtocol.Awareness(new Y.Doc())
    peer.setLocalState({ presence: { userName: 'Ada', note: 'x'.repeat(1_500_000) } })
    room.receive(publisher, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(peer, [peer.clientID])))
    await room.idle()
    room.flush()
    const askers = Array.from({ length: 8 }, (_, i) => new RecordingConnection(10 + i))
    for (const asker of askers) room.addConnection(asker)
    const answers = (asker: RecordingConnection) => asker.sent.filter((m) => decodeMessage(m).type === 'awareness' && m.byteLength > 1_000_000).length
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve))
    // Joining sends each the states too, a turn's share at a time: the queries come once that is through.
    for (let turn = 0; turn < 10 && askers.some((asker) => answers(asker) === 0); turn++) await nextTurn()
    await nextTurn()
    for (const asker of askers) asker.sent.length = 0
    for (const asker of askers) room.receive(asker, new Uint8Array([3]))
    const answeredAtOnce = askers.filter((asker) => answers(asker) > 0).length
    expect(answeredAtOnce).toBeGreaterThan(0)
    expect(answeredAtOnce).toBeLessThan(askers.length)
    for (let turn = 0; turn < 10 && askers.some((asker) => answers(asker) === 0); turn++) await nextTurn()
    expect(askers.map(answers)).toEqual(askers.map(() => 1))
  })

  it('sends everyone’s states to one address within its sync budget: sockets joining and asking from it stop there (4420), others are still sent them', async () => {
    room = await Room.load(boardId, storage, { ...roomOptions, syncBudget: new SyncBudget(20_000) }, createLogger('silent'))
    const publisher = new RecordingConnection(1, 'participant', 'participant', null, '203.0.113.50')
    room.addConnection(publisher)
    const peer = new awarenessProtocol.Awareness(new Y.Doc())
    peer.setLocalState({ presence: { userName: 'Ada', note: 'x'.repeat(6000) } })
    room.receive(publisher, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(peer, [peer.clientID])))
    await room.idle()
    room.flush()
    // Sockets of one address join and ask for every state, three times each.
    const askers = Array.from({ length: 4 }, (_, i) => new RecordingConnection(10 + i, 'observer', 'observer', null, '198.51.100.50'))
    const query = new Uint8Array([3])
    for (const asker of askers) {
      room.addConnection(asker)
      for (let i = 0; i < 3; i++) room.receive(asker, query)
    }
    const sentBytes = askers.flatMap((a) => a.sent).filter((m) => decodeMessage(m).type === 'awareness').reduce((sum, m) => sum + m.byteLength, 0)
    // About 20 kB, not 16 answers of 6 kB.
    expect(sentBytes).toBeLessThan(20_000 + 7_000)
    expect(askers.some((a) => a.closedWith === 4420)).toBe(true)
    const other = new RecordingConnection(20, 'observer', 'observer', null, '203.0.113.51')
    room.addConnection(other)
    expect(other.sent.some((m) => decodeMessage(m).type === 'awareness')).toBe(true)
  })

  it("keeps a quiet person's presence while they are connected, also for whoever joins later", async () => {
    // A browser tab in the background renews its awareness once a minute at best.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const [quiet] = await open(1)
      const peer = new awarenessProtocol.Awareness(new Y.Doc())
      peer.setLocalState({ name: 'Moderation' })
      room.receive(quiet, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(peer, [peer.clientID])))
      await room.idle()
      peer.destroy()
      // (y-protocols reads the clock it found at import, so the renewal is moved back instead.)
      room.awareness.meta.get(peer.clientID)!.lastUpdated -= 5 * 60_000
      vi.advanceTimersByTime(10_000)
      expect(room.awareness.getStates().get(peer.clientID)).toMatchObject({ name: 'Moderation' })
      const newcomer = new RecordingConnection(9)
      room.addConnection(newcomer)
      const observer = new awarenessProtocol.Awareness(new Y.Doc())
      for (const frame of newcomer.sent) {
        const message = decodeMessage(frame)
        if (message.type === 'awareness') awarenessProtocol.applyAwarenessUpdate(observer, message.update, 'relay')
      }
      expect(observer.getStates().get(peer.clientID)).toMatchObject({ name: 'Moderation' })
      observer.destroy()
      room.removeConnection(quiet)
      expect(room.awareness.getStates().has(peer.clientID)).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it('closes a client that sends garbage and applies nothing of it', async () => {
    const [a, b] = await open(2)
    const before = Y.encodeStateVector(room.doc)
    const valid = encodeUpdate(editUpdate('x'))
    room.receive(a, valid.slice(0, valid.length - 2))
    room.receive(a, encodeUpdate(Uint8Array.of(1, 2, 3, 4, 5)))
    await room.idle()
    expect(a.closedWith).toBe(1007)
    expect(Y.encodeStateVector(room.doc)).toEqual(before)
    room.receive(b, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    expect(b.closedWith).toBeNull()
  })

  it('stores every update before it is forwarded', async () => {
    const [a] = await open(1)
    room.receive(a, encodeUpdate(editUpdate('stored')))
    await room.idle()
    const doc = new Y.Doc()
    const stored = await storage.loadDocument(boardId)
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    stored.updates.forEach((u) => Y.applyUpdate(doc, u))
    expect(notesIn(doc)).toContain('stored')
  })

  it('applies and forwards nothing when storing fails; the writer is closed with 1011 to send it again', async () => {
    const failing = Object.create(storage) as SqliteStorage
    failing.appendUpdate = async () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    }
    room = await Room.load(boardId, failing, roomOptions, createLogger('silent'))
    const [writer, reader] = [new RecordingConnection(1), new RecordingConnection(2)]
    room.addConnection(writer)
    room.addConnection(reader)
    reader.sent.length = 0
    const before = Y.encodeStateAsUpdate(room.doc)
    room.receive(writer, encodeUpdate(editUpdate('unstored')))
    await room.idle()
    room.flush()
    expect(writer.closedWith).toBe(1011)
    expect(reader.sent).toHaveLength(0)
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before)
  })

  it('closes a writer whose updates waiting for storage pass maxWaitingBytes (1011, storage is behind); others go on, and stored bytes wait no more', async () => {
    let release = () => {}
    const stalled = new Promise<void>((resolve) => (release = resolve))
    const slow = Object.create(storage) as SqliteStorage
    slow.appendUpdate = async (...args) => {
      await stalled
      return storage.appendUpdate(...args)
    }
    const update = (key: string) => encodeUpdate(editUpdate(key))
    const bytes = update('w1').byteLength
    room = await Room.load(boardId, slow, { ...roomOptions, maxWaitingBytes: 2.5 * bytes }, createLogger('silent'))
    const [fast, other] = [new RecordingConnection(1), new RecordingConnection(2)]
    room.addConnection(fast)
    room.addConnection(other)
    for (const key of ['w1', 'w2']) room.receive(fast, update(key))
    room.receive(other, update('o1'))
    expect(fast.closedWith).toBeNull()
    room.receive(fast, update('w3'))
    expect(fast.closedWith).toBe(1011)
    expect(fast.closedBecause).toBe('storage is behind')
    expect(other.closedWith).toBeNull()
    release()
    await room.idle()
    // Through the queue: the other writer's bytes wait no more, it may send as many again.
    for (const key of ['o2', 'o3']) room.receive(other, update(key))
    await room.idle()
    expect(other.closedWith).toBeNull()
    expect(notesIn(room.doc)).toEqual(expect.arrayContaining(['o1', 'o2', 'o3']))
    expect(notesIn(room.doc)).not.toContain('w3')
  })

  it('answers a sync request a few times per connection, then closes it with 4420', async () => {
    const [a] = await open(1)
    const ask = () => room.receive(a, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    for (let i = 0; i < 3; i++) ask()
    await room.idle()
    expect(a.sent).toHaveLength(3)
    expect(a.closedWith).toBeNull()
    ask()
    await room.idle()
    expect(a.closedWith).toBe(4420)
    expect(a.sent).toHaveLength(3)
  })

  it('ignores whatever a connection sends after the relay closed it', async () => {
    const [a, b] = await open(2)
    room.receive(a, Uint8Array.of(42))
    expect(a.closedWith).toBe(1007)
    room.receive(a, encodeUpdate(editUpdate('after-close')))
    await room.idle()
    room.flush()
    expect(notesIn(room.doc)).not.toContain('after-close')
    expect(b.sent).toHaveLength(0)
  })

  it('keeps an awareness id with the link that held it, also after its holder left', async () => {
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    const facilitator = new RecordingConnection(1, 'participant', 'facilitator-link')
    const observer = new RecordingConnection(2, 'observer', 'observer-link')
    room.addConnection(facilitator)
    room.addConnection(observer)
    const stateFor = (id: number, clock: number, name: string) => {
      const peer = new awarenessProtocol.Awareness(new Y.Doc())
      peer.clientID = id
      peer.setLocalState({ name })
      peer.meta.set(id, { clock, lastUpdated: 0 })
      return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(peer, [id]))
    }
    room.receive(facilitator, stateFor(7, 1, 'Moderation'))
    await room.idle()
    room.removeConnection(facilitator)
    room.receive(observer, stateFor(7, 5, 'Fake'))
    expect(room.awareness.getStates().get(7)).toBeUndefined()
    const back = new RecordingConnection(3, 'participant', 'facilitator-link')
    room.addConnection(back)
    room.receive(back, stateFor(7, 6, 'Moderation'))
    await room.idle()
    expect(room.awareness.getStates().get(7)).toMatchObject({ name: 'Moderation' })
  })

  it("reports a failure in the room's own work instead of throwing it out of the tick", async () => {
    let reportFailure: (error: unknown) => void = () => {}
    const failed = new Promise<unknown>((resolve) => (reportFailure = resolve))
    room = await Room.load(boardId, storage, { ...roomOptions, tickMs: 1 }, createLogger('silent'), undefined, (_room, error) => reportFailure(error))
    const [a, broken] = [new RecordingConnection(1), new RecordingConnection(2)]
    room.addConnection(a)
    room.addConnection(broken)
    broken.send = () => {
      throw new RangeError('Maximum call stack size exceeded')
    }
    room.receive(a, encodeUpdate(editUpdate('tick')))
    expect(await failed).toBeInstanceOf(RangeError)
  })

  it('loads a board whose storage holds updates from before the rules, skipping what cannot apply', async () => {
    const honest = editUpdate('honest')
    // A deletion for a client nobody has, and an item of length zero: both once reached storage.
    const dangling = Uint8Array.of(0, 1, 99, 1, 0, 5)
    const zeroLength = Uint8Array.of(1, 1, 9, 0, 0x48, 1, 0, 0, 0)
    const { doc, skipped } = restoreDocument({ snapshot: null, updates: [dangling, honest, zeroLength], lastSeq: 3 })
    expect(skipped).toBe(2)
    expect(notesIn(doc)).toEqual(['honest'])
    expect(doc.store.pendingStructs).toBeNull()
    expect(doc.store.pendingDs).toBeNull()
  })

  /** The notes a client holds after applying the room's answers to its sync requests. */
  const answered = (connection: RecordingConnection) => {
    const doc = new Y.Doc()
    for (const frame of connection.sent) {
      const message = decodeMessage(frame)
      if (message.type === 'sync-step-2' || message.type === 'update') Y.applyUpdate(doc, message.update)
    }
    return notesIn(doc)
  }
  const join = (id: number, address = '') => {
    const joiner = new RecordingConnection(id, 'participant', 'participant', null, address)
    room.addConnection(joiner)
    room.receive(joiner, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    return joiner
  }

  it('answers each joiner with the board as it is when it asks: after clients’ edits and the relay’s own changes', async () => {
    const [a] = await open(1)
    const first = join(1)
    await room.idle()
    expect(answered(first)).not.toContain('joined-1')
    room.receive(a, encodeUpdate(editUpdate('joined-1')))
    const second = join(2)
    await room.idle()
    expect(answered(second)).toContain('joined-1')
    await room.applyOwnChange((doc) => putRecords(doc, [noteAt(0, 0, 'joined-2', 'shape:joined-2' as TLShapeId)]))
    const third = join(3)
    await room.idle()
    expect(answered(third)).toEqual(expect.arrayContaining(['joined-1', 'joined-2']))
    // A joiner that names only clients the board does not know gets the whole board too.
    const stranger = new RecordingConnection(4)
    room.addConnection(stranger)
    room.receive(stranger, encodeSyncStep1(Y.encodeStateVector(new Map([[123456, 7]]))))
    await room.idle()
    expect(answered(stranger)).toEqual(answered(third))
  })

  it('judges the relay’s own change like a client’s: one that would break the board or pass MAX_BOARD_BYTES is refused whole', async () => {
    const [reader] = await open(1)
    const stored = async () => {
      const { doc } = restoreDocument(await storage.loadDocument(boardId))
      return notesIn(doc)
    }
    // A note whose parent is nowhere: no tab could place it.
    const orphan = { ...noteAt(0, 0, 'verwaist', 'shape:orphan' as TLShapeId), parentId: 'shape:nowhere' as TLShapeId }
    await expect(room.applyOwnChange((doc) => putRecords(doc, [orphan]))).rejects.toMatchObject({ name: 'OwnChangeRefused', problem: 'not-allowed' })
    room.destroy()

    // Room for 2,000 bytes more than the board holds: its document and the client ids held on it (`heldIdBytes` a row).
    const holds = (await storage.clientIdHolders(boardId)).size * heldIdBytes
    room = await Room.load(boardId, storage, { ...roomOptions, maxBoardBytes: (await storage.documentBytes(boardId)) + holds + 2000 }, createLogger('silent'))
    room.addConnection(reader)
    reader.sent.length = 0
    await expect(room.applyOwnChange((doc) => putRecords(doc, [noteAt(0, 0, 'x'.repeat(5000), 'shape:huge' as TLShapeId)]))).rejects.toMatchObject({ problem: 'board-full' })
    // Nothing of either: not in the board, not stored, not sent.
    expect(notesIn(room.doc).some((text) => text === 'verwaist' || text.startsWith('xxx'))).toBe(false)
    expect((await stored()).some((text) => text === 'verwaist' || text.startsWith('xxx'))).toBe(false)
    room.flush()
    expect(reader.sent).toHaveLength(0)
    // A change that fits and is the board's is made as before.
    await room.applyOwnChange((doc) => putRecords(doc, [noteAt(0, 0, 'passt', 'shape:fits' as TLShapeId)]))
    expect(await stored()).toContain('passt')
  })

  it('holds the Yjs client id its own changes are written under: nobody may write the next clocks under it', async () => {
    const [reader] = await open(1)
    await room.applyOwnChange((doc) => putRecords(doc, [noteAt(0, 0, 'vom Relay', 'shape:relay-own' as TLShapeId)]))
    room.flush()
    const sent = decodeMessage(reader.sent.at(-1)!)
    if (sent.type !== 'update') throw new Error('expected the relay’s change')
    // Everyone on the board sees the id in the change they are sent.
    const relayId = Y.decodeUpdate(sent.update).structs[0].id.client
    const clock = Y.getState(room.doc.store, relayId)
    const squatter = new RecordingConnection(2, 'participant', 'participant', 'squatter')
    room.addConnection(squatter)
    room.receive(squatter, encodeUpdate(encodeV1([{ client: relayId, clock, structs: [{ gc: 3 }] }])))
    await room.idle()
    expect(squatter.closedWith).toBe(4403)
    expect(Y.getState(room.doc.store, relayId)).toBe(clock)
    // The relay's next change is still written and stored.
    await room.applyOwnChange((doc) => putRecords(doc, [noteAt(0, 0, 'danach', 'shape:relay-next' as TLShapeId)]))
    expect(notesIn(room.doc)).toContain('danach')
  })

  it('keeps an id someone announced in her presence for her, also after the relay restarted: her offline Zettel arrives', async () => {
    await open(0)
    const anna = new RecordingConnection(1, 'participant', 'participant', 'anna')
    room.addConnection(anna)
    const tab = new Y.Doc()
    const presence = new awarenessProtocol.Awareness(tab)
    presence.setLocalState({ presence: { userName: 'Anna' } })
    room.receive(anna, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(presence, [tab.clientID])))
    await room.idle()
    room.removeConnection(anna)
    // Offline, she writes; meanwhile the relay restarts and someone who saw her id takes it.
    putRecords(tab, [noteAt(0, 0, 'offline geschrieben', 'shape:anna-offline' as TLShapeId)])
    room.destroy()
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    const squatter = new RecordingConnection(2, 'participant', 'participant', 'squatter')
    room.addConnection(squatter)
    room.receive(squatter, encodeUpdate(encodeV1([{ client: tab.clientID, clock: 0, structs: [{ gc: 1 }] }])))
    await room.idle()
    expect(squatter.closedWith).toBe(4403)
    const back = new RecordingConnection(3, 'participant', 'participant', 'anna')
    room.addConnection(back)
    room.receive(back, encodeUpdate(Y.encodeStateAsUpdate(tab)))
    await room.idle()
    expect(back.closedWith).toBeNull()
    expect(notesIn(room.doc)).toContain('offline geschrieben')
  })

  it('stops answering an address whose sync answers passed its budget (4420), while others are answered', async () => {
    room = await Room.load(boardId, storage, { ...roomOptions, syncBudget: new SyncBudget(1) }, createLogger('silent'))
    const first = join(1, '198.51.100.7')
    await room.idle()
    expect(first.closedWith).toBeNull()
    expect(answered(first).length).toBeGreaterThan(0)
    const looping = join(2, '198.51.100.7')
    await room.idle()
    expect(looping.closedWith).toBe(4420)
    expect(answered(looping)).toEqual([])
    const other = join(3, '203.0.113.9')
    await room.idle()
    expect(other.closedWith).toBeNull()
    expect(answered(other)).toEqual(answered(first))
  })

  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })
})

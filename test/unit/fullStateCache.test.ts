/**
 * Answers to clients that hold part of the board are what Yjs itself would send them, and walk
 * the board for its deletions once per change of the doc, however many ask.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeMessage, encodeSyncStep2 } from '../../shared/protocol.ts'
import { FullStateCache } from '../../server/room/fullStateCache.ts'

/** A doc written by several clients, with deletions and text edits. */
function busyDoc(): { doc: Y.Doc; writers: Y.Doc[] } {
  const doc = new Y.Doc()
  const writers = [1, 2, 3].map((id) => {
    const writer = new Y.Doc()
    writer.clientID = 100 + id
    return writer
  })
  for (let round = 0; round < 20; round++) {
    for (const [i, writer] of writers.entries()) {
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc))
      const records = writer.getMap<unknown>('records')
      records.set(`r${round}-${i}`, { x: round, text: 'Zettel '.repeat(round) })
      if (round % 3 === 0) records.delete(`r${round - 3}-${i}`)
      const text = writer.getText('t')
      text.insert(Math.min(text.length, round), `${i}`)
      if (round % 4 === 1 && text.length > 2) text.delete(1, 1)
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(doc)))
    }
  }
  return { doc, writers }
}

/** A fresh doc that took the messages of an answer in the order they were sent. */
function joinedWith(messages: Uint8Array[]): Y.Doc {
  const joined = new Y.Doc()
  for (const message of messages) {
    const decoded = decodeMessage(message)
    if (decoded.type !== 'sync-step-2' && decoded.type !== 'update') throw new Error(`unexpected ${decoded.type}`)
    Y.applyUpdate(joined, decoded.update)
  }
  return joined
}

const updateOf = (message: Uint8Array) => {
  const decoded = decodeMessage(message)
  if (decoded.type !== 'sync-step-2') throw new Error('not a sync answer')
  return decoded.update
}

describe('sync answers from the cache', () => {
  it('are byte for byte what Yjs encodes, for every state vector between nothing and everything', () => {
    const { doc, writers } = busyDoc()
    const cache = new FullStateCache(doc, () => 1000)
    const full = Y.decodeStateVector(Y.encodeStateVector(doc))
    const vectors: Array<Map<number, number>> = [full, new Map([[writers[0].clientID, 1]]), new Map([[999, 5]])]
    for (const [client, clock] of full) {
      for (const back of [1, 2, Math.floor(clock / 2), clock]) vectors.push(new Map([...full, [client, Math.max(0, clock - back)]]))
    }
    for (const clocks of vectors) {
      const encoded = Y.encodeStateVector(clocks as never)
      const expected = Y.encodeStateAsUpdate(doc, encoded)
      const answer = updateOf(cache.answer(clocks).messages.at(-1)!)
      // The whole board for a client that holds none of it, else exactly Yjs's answer.
      if ([...clocks].some(([client, clock]) => clock > 0 && doc.store.clients.has(client))) expect(answer).toEqual(expected)
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
      Y.applyUpdate(copy, answer)
      expect(copy.getText('t').toString()).toBe(doc.getText('t').toString())
    }
  })

  it('charges a walk of the board once per change, however many ask', () => {
    const { doc, writers } = busyDoc()
    const cache = new FullStateCache(doc, () => 50_000)
    const clocks = Y.decodeStateVector(Y.encodeStateVector(doc))
    clocks.set(writers[0].clientID, clocks.get(writers[0].clientID)! - 1)
    const costs = Array.from({ length: 5 }, () => cache.answer(clocks).workBytes)
    expect(costs[0]).toBeGreaterThan(50_000)
    for (const cost of costs.slice(1)) expect(cost).toBeLessThan(1000)
    doc.getMap('records').set('neu', 1)
    expect(cache.answer(clocks).workBytes).toBeGreaterThan(50_000)
  })
  it('gives a client that holds nothing the board after changes without encoding it again', () => {
    const { doc, writers } = busyDoc()
    const cache = new FullStateCache(doc, () => 50_000)
    expect(cache.answer(new Map()).workBytes).toBeGreaterThanOrEqual(50_000)
    // Changes by others since the encoding: new notes, an edit, a deletion.
    for (const [i, writer] of writers.entries()) {
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc))
      writer.getMap('records').set(`spät-${i}`, { x: i })
      writer.getText('t').insert(0, `${i}`)
      writer.getMap('records').delete('r0-0')
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(doc)))
    }
    const { messages, workBytes } = cache.answer(new Map())
    expect(messages).toHaveLength(2)
    expect(workBytes).toBeLessThan(50_000)
    const joined = joinedWith(messages)
    expect(joined.store.pendingStructs).toBeNull()
    expect(Y.encodeStateVector(joined)).toEqual(Y.encodeStateVector(doc))
    expect(joined.getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
    expect(joined.getText('t').toString()).toBe(doc.getText('t').toString())
  })

  it('encodes the board afresh once the changes since outweigh an eighth of it', () => {
    const { doc } = busyDoc()
    const cache = new FullStateCache(doc, () => 50_000)
    cache.answer(new Map())
    doc.getMap('records').set('gross', 'x'.repeat(300_000))
    const { messages, workBytes } = cache.answer(new Map())
    expect(messages).toHaveLength(1)
    expect(workBytes).toBeGreaterThan(300_000)
    expect(joinedWith(messages).getMap('records').get('gross')).toHaveLength(300_000)
  })

  it('starts from the encoding a worker made, and charges no walk for it', () => {
    const { doc } = busyDoc()
    const cache = new FullStateCache(doc, () => 50_000, encodeSyncStep2(Y.encodeStateAsUpdate(doc)))
    const { messages, workBytes } = cache.answer(new Map())
    expect(workBytes).toBeLessThan(50_000)
    expect(joinedWith(messages).getText('t').toString()).toBe(doc.getText('t').toString())
  })
})

describe('the updates sent along with the kept encoding', () => {
  // A busy board takes many small updates (a note dragged: one per frame). Sent one message each,
  // thousands of them went out in one turn of the relay, and the joiner's Yjs merged each (found
  // by the hostile review).
  it('go to a joiner as one message, however many there were, and build the board with the encoding', () => {
    const doc = new Y.Doc()
    const records = doc.getMap<unknown>('records')
    for (let i = 0; i < 2000; i++) records.set(`shape:${i}`, { x: i, y: i, text: `Zettel ${i}` })
    const cache = new FullStateCache(doc, () => 1_000_000)
    cache.answer(new Map())
    const writer = new Y.Doc()
    writer.clientID = 77
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc))
    writer.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update))
    for (let i = 0; i < 1500; i++) writer.getMap<unknown>('records').set('pointer', i)
    const { messages, workBytes } = cache.answer(new Map())
    expect(messages).toHaveLength(2)
    expect(workBytes).toBeLessThan(1_000_000)
    const joined = joinedWith(messages)
    expect(joined.store.pendingStructs).toBeNull()
    expect(joined.getMap('records').get('pointer')).toBe(1499)
    expect(Y.encodeStateVector(joined)).toEqual(Y.encodeStateVector(doc))
  })
})

describe('a client sent the board before its room opened', () => {
  // `earlyAnswers.ts`: the worker's encoding was sent to joiners while the room opened; the room
  // then brings each to the board as it is (`Room.addConnection`).
  it('gets what changed since: the updates, or, once the encoding was dropped, the difference from what it holds', () => {
    const { doc, writers } = busyDoc()
    const sent = encodeSyncStep2(Y.encodeStateAsUpdate(doc))
    const cache = new FullStateCache(doc, () => 50_000, sent)
    expect(cache.since(sent)).toEqual({ messages: [], workBytes: 0 })
    const write = (key: string, value: unknown, removing?: string) => {
      const writer = writers[0]!
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc))
      writer.getMap<unknown>('records').set(key, value)
      if (removing) writer.getMap<unknown>('records').delete(removing)
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(doc)))
    }
    write('neu', { text: 'Eröffnet' })
    const tail = cache.since(sent)
    expect(tail.workBytes).toBeLessThan(50_000)
    expect(Y.encodeStateVector(joinedWith([sent, ...tail.messages]))).toEqual(Y.encodeStateVector(doc))
    // Updates past an eighth of the encoding and 256 KiB: the encoding is dropped, the board walked (and charged).
    write('gross', 'x'.repeat(300_000), 'r19-1')
    const walked = cache.since(sent)
    expect(walked.workBytes).toBeGreaterThan(50_000)
    const joined = joinedWith([sent, ...walked.messages])
    expect(Y.encodeStateVector(joined)).toEqual(Y.encodeStateVector(doc))
    expect(joined.getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
  })
})

describe('the kept encoding after a change', () => {
  /** What an asker holding nothing cost: the board's whole size (1,000,000 here) when it was encoded afresh. */
  const askerCost = (cache: FullStateCache) => cache.answer(new Map()).workBytes

  it('stays for a moved Zettel and typing that adds, and is dropped once words are taken away', () => {
    const doc = new Y.Doc()
    const records = doc.getMap<unknown>('records')
    const zettel = new Y.Map<unknown>()
    records.set('z1', zettel)
    zettel.set('x', 10)
    const text = new Y.Text('Frau Meier ruft an')
    zettel.set('text', text)
    const cache = new FullStateCache(doc, () => 1_000_000)
    expect(askerCost(cache)).toBe(1_000_000)
    zettel.set('x', 20)
    text.insert(text.length, ', morgen')
    expect(askerCost(cache)).toBeLessThan(1_000_000)
    text.delete(0, 'Frau Meier '.length)
    expect(askerCost(cache)).toBe(1_000_000)
    // A JSON value with words, overwritten: its old words are gone too.
    records.set('c1', { text: 'Schulden' })
    expect(askerCost(cache)).toBeLessThan(1_000_000)
    records.set('c1', { text: 'erledigt' })
    expect(askerCost(cache)).toBe(1_000_000)
    cache.dispose()
  })
})

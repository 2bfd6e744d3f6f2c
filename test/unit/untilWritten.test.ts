/** A release or a named version waits for its client's writing (`server/room/untilWritten.ts`). */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { untilWritten } from '../../server/room/untilWritten.ts'

const writer = () => {
  const doc = new Y.Doc()
  doc.getMap('tldraw').set('shape:a', { text: 'Kopf' })
  return { doc, written: { client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) } }
}

describe('waiting for what a client wrote', () => {
  it('resolves once the writing arrives, and at once when it is there or nothing is named', async () => {
    const { doc, written } = writer()
    const relay = new Y.Doc()
    expect(await untilWritten(relay, undefined)).toBe(true)
    const waiting = untilWritten(relay, written, 60_000)
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(doc))
    expect(await waiting).toBe(true)
    expect(await untilWritten(relay, written)).toBe(true)
  })

  it('gives up after its bound when the writing never comes (a write the relay refused)', async () => {
    const { written } = writer()
    expect(await untilWritten(new Y.Doc(), written, 20)).toBe(false)
  })
})

/**
 * A hostile reviewer's variant of "a private round is checked in the bytes its reveal will write"
 * (issue 58): the weight is taken in a fresh doc, where clocks are small; the reveal is written
 * under the relay's own client id, whose clock grows with every change the relay made in this
 * room (each private PUT's round count, each earlier reveal: about 30 items per note).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { revealBytes } from '../../server/judge/privateReveal.ts'
import { getRecordsMap, writeRecord, type StoredRecord } from '../../shared/board/records.ts'
import { revealedRecord } from '../../shared/board/entries/private.ts'
import { noteAt } from '../helpers/records.ts'

/** The bytes `notes` take written under a client whose clock is at `clock` already, as the relay's reveal writes them. */
function writtenAt(clock: number, notes: Array<Record<string, unknown>>, author: string): number {
  const doc = new Y.Doc()
  doc.clientID = 4_000_000_000
  doc.transact(() => {
    const earlier = doc.getArray('earlier')
    for (let i = 0; i < clock; i += 1000) earlier.push(Array.from({ length: 1000 }, () => new Y.Map()))
  })
  const before = Y.encodeStateVector(doc)
  doc.transact(() => {
    for (const note of notes) writeRecord(getRecordsMap(doc), revealedRecord(note, author) as unknown as StoredRecord)
  })
  return Y.encodeStateAsUpdate(doc, before).byteLength
}

describe('reveal bytes: variants', () => {
  const author = 'a'.repeat(22)
  const one = [noteAt(0, 0, 'x') as unknown as Record<string, unknown>]

  it('weighs a note at least at what it writes while the relay has written fewer than 16,384 items in the room', () => {
    expect(revealBytes(one, author)).toBeGreaterThanOrEqual(writtenAt(0, one, author))
    expect(revealBytes(one, author)).toBeGreaterThanOrEqual(writtenAt(16_000, one, author))
  })

  // One note per made-up writer, after one earlier reveal of about 550 notes in the same room:
  // every field's parent id then takes a 3-byte clock; past 2^21 a 4-byte one.
  it('weighs a note at least at what it writes at any clock a room reaches (a hostile review found 16,384 past the weight)', () => {
    expect(revealBytes(one, author)).toBeGreaterThanOrEqual(writtenAt(20_000, one, author))
  })
})

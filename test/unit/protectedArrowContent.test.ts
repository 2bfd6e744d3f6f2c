/**
 * „Zettel anderer schützen“ against a hostile participant, for what an arrow says and who may lock
 * a Zettel: Ben's client turns Anna's arrow round (its heads), makes it another kind of arrow,
 * bends it, „migrates“ her arrow's old-style bound end into a free end of his choosing, and locks
 * her Zettel so that she can no longer edit it. Each is refused by a real Room; Anna herself, the
 * facilitator, tldraw's own side effects and migrations, and everyone with protection off may.
 */
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { protectionKey } from '../../shared/board/entries/protection.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { protectedRoom } from '../helpers/protectedRoom.ts'
import { arrowBinding, arrowShape, frameShape, noteAt, putRecords } from '../helpers/records.ts'

const hers = { [authorMetaKey]: 'anna' }
const his = { [authorMetaKey]: 'ben' }

describe('what others’ arrows say, and others’ locks, under „Zettel anderer schützen“', () => {
  const protectedBoard = protectedRoom()
  const { attempt, record, props, stored } = protectedBoard
  /** A fresh board holding `stored` as a board from an older relay holds it (judged by no one). */
  const board = (stored: object[] = []) => protectedBoard.boardHolding(stored)

  const setProps = (id: string, values: Record<string, unknown>) => (d: Y.Doc) => d.transact(() => {
    for (const [key, value] of Object.entries(values)) props(d, id).set(key, value)
  })
  const protectionOff = (d: Y.Doc) => facilitationMap(d).set(protectionKey, { othersNotes: false })

  /** „A leads to B“ said otherwise: turned round, its head taken off, made an elbow, bent, its elbow moved. */
  const retellings: Record<string, Record<string, unknown>> = {
    'heads swapped': { arrowheadStart: 'arrow', arrowheadEnd: 'none' },
    'head removed': { arrowheadEnd: 'none' },
    'head added at its start': { arrowheadStart: 'triangle' },
    'made an elbow arrow': { kind: 'elbow' },
    bent: { bend: 80 },
    'its elbow moved': { elbowMidPoint: 0.1 },
  }

  it('refuses Ben turning, bending or re-kinding Anna’s arrow; Anna, the facilitator and protection off may', async () => {
    const arrow = { ...arrowShape('shape:arrow'), meta: hers }
    await board()
    expect(await attempt('participant', (d) => putRecords(d, [arrow]), 'anna')).toBe(true)
    for (const [name, values] of Object.entries(retellings)) {
      expect(await attempt('participant', setProps(arrow.id, values), 'ben'), name).toBe(false)
    }
    expect(stored(arrow.id)!.props).toEqual(arrow.props)
    for (const [name, values] of Object.entries(retellings)) {
      expect(await attempt('participant', setProps(arrow.id, values), 'anna'), `Anna: ${name}`).toBe(true)
      expect(await attempt('facilitator', setProps(arrow.id, arrow.props as Record<string, unknown>)), `facilitator: ${name}`).toBe(true)
    }
    // Restyling stays open to all: colour, dash, size.
    expect(await attempt('participant', setProps(arrow.id, { color: 'blue', dash: 'dashed', size: 'l' }), 'ben')).toBe(true)
    expect(await attempt('facilitator', protectionOff)).toBe(true)
    for (const [name, values] of Object.entries(retellings)) {
      expect(await attempt('participant', setProps(arrow.id, values), 'ben'), `protection off: ${name}`).toBe(true)
    }
  })

  it('keeps the bend tldraw rewrites as Ben deletes his own Zettel her arrow points to, and only then', async () => {
    const arrow = { ...arrowShape('shape:arrow'), meta: hers, props: { ...arrowShape('x').props, bend: 40 } } as TLShape
    await board()
    expect(await attempt('participant', (d) => putRecords(d, [{ ...noteAt(400, 0, 'Ben', 'shape:ben' as TLShapeId), meta: his }]), 'ben')).toBe(true)
    expect(await attempt('participant', (d) => putRecords(d, [arrow, arrowBinding('binding:end', arrow.id, 'shape:ben', 'end')]), 'anna')).toBe(true)
    // The end's stored point is not drawn while bound: writing it with a new bend is still bending.
    expect(await attempt('participant', setProps(arrow.id, { end: { x: 310, y: 0 }, bend: 25 }), 'ben')).toBe(false)
    // tldraw lets go of the binding: the end where it was drawn, the bend that keeps the arc.
    const deleteHis = (bend: number) => (d: Y.Doc) => d.transact(() => {
      getRecordsMap(d).delete('shape:ben')
      getRecordsMap(d).delete('binding:end')
      setProps(arrow.id, { end: { x: 300, y: 0 }, bend })(d)
    })
    // It keeps the side it bends to.
    expect(await attempt('participant', deleteHis(-31.5), 'ben')).toBe(false)
    expect(await attempt('participant', deleteHis(31.5), 'ben')).toBe(true)
    expect((stored(arrow.id)!.props as { bend: number }).bend).toBe(31.5)
  })

  it('refuses Ben „migrating“ Anna’s old-style bound end into a free end; tldraw’s own migration passes', async () => {
    const box = { ...noteAt(400, 0, 'Beratung', 'shape:box' as TLShapeId), meta: hers }
    const modern = arrowShape('shape:old')
    const legacy = {
      ...modern,
      meta: hers,
      props: {
        ...modern.props,
        start: { type: 'binding', boundShapeId: box.id, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
        end: { type: 'point', x: 300, y: 40 },
      },
    }
    await board([box, legacy])
    const migratedProps = { start: { x: 0, y: 0 }, end: { x: 300, y: 40 } }
    // A free start anywhere, or at tldraw's {0, 0} but bound to nothing.
    expect(await attempt('participant', setProps(legacy.id, { ...migratedProps, start: { x: 900, y: 900 } }), 'ben')).toBe(false)
    expect(await attempt('participant', setProps(legacy.id, migratedProps), 'ben')).toBe(false)
    // Bound to its shape again, but from its other end.
    const wrongEnd = (d: Y.Doc) => d.transact(() => {
      setProps(legacy.id, migratedProps)(d)
      putRecords(d, [arrowBinding('binding:old', legacy.id, box.id, 'end')])
    })
    expect(await attempt('participant', wrongEnd, 'ben')).toBe(false)
    expect(stored(legacy.id)!.props).toEqual(legacy.props)
    // tldraw's migration written back: the start bound to its shape by a binding record.
    const migration = (d: Y.Doc) => d.transact(() => {
      setProps(legacy.id, migratedProps)(d)
      putRecords(d, [arrowBinding('binding:old', legacy.id, box.id, 'start')])
    })
    expect(await attempt('participant', migration, 'ben')).toBe(true)
    expect(stored('binding:old')?.toId).toBe(box.id)
  })

  it('refuses Ben locking or unlocking Anna’s Zettel; Anna, the facilitator and protection off may', async () => {
    const note = { ...noteAt(3000, 3000, 'nicht einverstanden', 'shape:anna' as TLShapeId), meta: hers }
    const bens = { ...noteAt(3300, 3000, 'Ben', 'shape:ben' as TLShapeId), meta: his }
    await board()
    expect(await attempt('participant', (d) => putRecords(d, [note]), 'anna')).toBe(true)
    expect(await attempt('participant', (d) => putRecords(d, [bens]), 'ben')).toBe(true)
    const lock = (id: string, locked: boolean) => (d: Y.Doc) => record(d, id).set('isLocked', locked)
    expect(await attempt('participant', lock(note.id, true), 'ben')).toBe(false)
    expect(await attempt('participant', lock(bens.id, true), 'ben')).toBe(true)
    expect(await attempt('participant', lock(note.id, true), 'anna')).toBe(true)
    expect(await attempt('participant', lock(note.id, false), 'ben')).toBe(false)
    expect(await attempt('participant', lock(note.id, false), 'anna')).toBe(true)
    expect(await attempt('facilitator', lock(note.id, true))).toBe(true)
    expect(stored(note.id)!.isLocked).toBe(true)
    expect(await attempt('facilitator', protectionOff)).toBe(true)
    expect(await attempt('participant', lock(note.id, false), 'ben')).toBe(true)
  })

  // Found by a hostile review: what a field of the shape may not do, its frame, group or turn did.
  const set = (id: string, field: string, value: unknown) => (d: Y.Doc) => record(d, id).set(field, value)
  const both = (...changes: Array<(d: Y.Doc) => void>) => (d: Y.Doc) => d.transact(() => changes.forEach((change) => change(d)))
  const bensFrame = (extra: Record<string, unknown> = {}) => ({ ...frameShape('shape:bf'), x: 2500, y: 2500, meta: his, props: { w: 1000, h: 1000, name: 'R', color: 'black' }, ...extra })

  it('refuses Ben turning Anna’s arrow round on the page, by its own turn or a frame’s; moving it stays open', async () => {
    const arrow = { ...arrowShape('shape:arrow'), x: 1000, y: 1000, meta: hers }
    await board([arrow, bensFrame()])
    // From (1000,1000) to (1200,1000) becomes from (1200,1000) to (1000,1000).
    expect(await attempt('participant', both(set(arrow.id, 'rotation', Math.PI), set(arrow.id, 'x', 1200)), 'ben')).toBe(false)
    expect(await attempt('participant', both(set(arrow.id, 'parentId', 'shape:bf'), set(arrow.id, 'x', 400), set(arrow.id, 'y', 400), set('shape:bf', 'rotation', Math.PI)), 'ben')).toBe(false)
    expect(await attempt('participant', both(set(arrow.id, 'x', 1500), set(arrow.id, 'y', 1700)), 'ben')).toBe(true)
    expect(await attempt('participant', set(arrow.id, 'rotation', Math.PI), 'anna')).toBe(true)
  })

  it('refuses Ben locking Anna’s Zettel through a frame or group: moved into his locked frame, or his frame or group locked over it', async () => {
    const note = { ...noteAt(3000, 3000, 'nicht einverstanden', 'shape:anna' as TLShapeId), meta: hers }
    await board([note, bensFrame({ isLocked: true })])
    expect(await attempt('participant', both(set(note.id, 'parentId', 'shape:bf'), set(note.id, 'x', 400), set(note.id, 'y', 400)), 'ben')).toBe(false)
    const inside = { ...note, parentId: 'shape:bf', x: 400, y: 400 }
    await board([bensFrame(), inside])
    expect(await attempt('participant', set('shape:bf', 'isLocked', true), 'ben')).toBe(false)
    expect(await attempt('facilitator', set('shape:bf', 'isLocked', true))).toBe(true)
    const bens = { ...noteAt(3300, 3000, 'Ben', 'shape:ben' as TLShapeId), meta: his }
    await board([note, bens])
    const group = { ...arrowShape('x'), id: 'shape:group', type: 'group', x: 0, y: 0, meta: his, props: {} }
    expect(await attempt('participant', both((d) => putRecords(d, [group]), set(note.id, 'parentId', 'shape:group'), set(bens.id, 'parentId', 'shape:group')), 'ben')).toBe(true)
    expect(await attempt('participant', set('shape:group', 'isLocked', true), 'ben')).toBe(false)
  })
})

/**
 * The browser asks the relay's questions about what others' arrows say, and others' locks
 * (`client/board/boardRights.ts`): Ben's own browser keeps Anna's arrow's heads, kind and bend,
 * and her Zettel's lock, as they were (with the arrow's notice) instead of sending what the relay
 * would refuse. What tldraw writes as Ben deletes his own Zettel her arrow points to (the end
 * rewritten and the bend with it, before the binding goes) still goes through.
 */
import { describe, expect, it } from 'vitest'
import { PageRecordType, type TLArrowShape, type TLBinding, type TLNoteShape, type TLPage, type TLShape } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { guardBoardRights } from '../../client/board/boardRights.ts'
import { makeStore } from '../helpers/boardStores.ts'
import { arrowBinding, arrowShape, noteAt } from '../helpers/records.ts'

function setup(role: Role = 'participant') {
  const store = makeStore()
  const page = PageRecordType.create({ id: 'page:page' as TLPage['id'], name: 'Plenum', index: 'a1' as never })
  const annas = { ...noteAt(300, 0, 'von Anna', 'shape:anna' as never), meta: { author: 'anna' } } as TLNoteShape
  const bens = { ...noteAt(600, 0, 'von Ben', 'shape:ben' as never), meta: { author: 'ben' } } as TLNoteShape
  const arrow = { ...arrowShape('shape:arrow'), meta: { author: 'anna' } } as TLArrowShape
  const bent = { ...arrow, props: { ...arrow.props, bend: 40 } }
  store.mergeRemoteChanges(() => store.put([page, annas, bens, bent, arrowBinding('binding:end', arrow.id, bens.id, 'end') as TLBinding]))
  let kept = 0
  let protection: unknown
  guardBoardRights(store, { role, author: 'ben', unlocked: () => false, protection: () => protection, privateRound: () => undefined, onProtected: () => {}, onArrowKept: () => kept++ })
  const get = <S extends TLShape>(id: string) => store.get(id as S['id']) as unknown as S
  const setProps = (props: Partial<TLArrowShape['props']>) => store.put([{ ...get<TLArrowShape>(arrow.id), props: { ...get<TLArrowShape>(arrow.id).props, ...props } }])
  return { store, get, setProps, arrow, annas, bens, kept: () => kept, lift: () => (protection = { othersNotes: false }) }
}

describe('what others’ arrows say, and others’ locks, in the browser', () => {
  it('Ben’s browser keeps Anna’s arrow’s heads, kind and bend, and her Zettel unlocked', () => {
    const { store, get, setProps, arrow, annas, kept } = setup()
    setProps({ arrowheadStart: 'arrow', arrowheadEnd: 'none' })
    setProps({ kind: 'elbow' })
    setProps({ bend: -60 })
    expect(get<TLArrowShape>(arrow.id).props).toMatchObject({ arrowheadStart: 'none', arrowheadEnd: 'arrow', kind: 'arc', bend: 40 })
    expect(kept()).toBeGreaterThan(0)
    store.put([{ ...get(annas.id), isLocked: true }])
    expect(get(annas.id).isLocked).toBe(false)
    setProps({ color: 'blue' })
    expect(get<TLArrowShape>(arrow.id).props.color).toBe('blue')
  })

  it('tldraw’s rewrite of the end and bend as Ben deletes his Zettel goes through', () => {
    const { store, get, setProps, arrow, bens } = setup()
    // As tldraw's updateArrowTerminal writes it, before it deletes the binding and the Zettel.
    setProps({ end: { x: 480, y: 0 }, bend: 31.5 })
    store.remove(['binding:end' as TLBinding['id'], bens.id])
    expect(get<TLArrowShape>(arrow.id).props).toMatchObject({ end: { x: 480, y: 0 }, bend: 31.5 })
    expect(get(bens.id)).toBeUndefined()
  })

  it('the facilitator and, with protection off, everyone may', () => {
    const facilitator = setup('facilitator')
    facilitator.setProps({ arrowheadEnd: 'none', bend: 10 })
    expect(facilitator.get<TLArrowShape>(facilitator.arrow.id).props).toMatchObject({ arrowheadEnd: 'none', bend: 10 })
    const ben = setup()
    ben.lift()
    ben.setProps({ arrowheadEnd: 'none', bend: 10 })
    ben.store.put([{ ...ben.get(ben.annas.id), isLocked: true }])
    expect(ben.get<TLArrowShape>(ben.arrow.id).props).toMatchObject({ arrowheadEnd: 'none', bend: 10 })
    expect(ben.get(ben.annas.id).isLocked).toBe(true)
  })
})

/**
 * The browser asks the relay's questions before it writes (`client/board/boardRights.ts`): while
 * „Zettel anderer schützen“ is on, Ben's own browser does not make Anna's Zettel fainter, smaller
 * or far away, redraw her drawing or change her image's file; it keeps them as they were and says
 * why (one notice for a whole drag), instead of sending what the relay would refuse and being cut
 * off. Moving and recolouring go through.
 */
import { describe, expect, it } from 'vitest'
import { AssetRecordType, PageRecordType, type TLAsset, type TLNoteShape, type TLPage, type TLShape } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { guardBoardRights } from '../../client/board/boardRights.ts'
import { makeStore } from '../helpers/boardStores.ts'
import { frameShape, noteAt } from '../helpers/records.ts'

function setup(role: Role = 'participant') {
  const store = makeStore()
  const page = PageRecordType.create({ id: 'page:page' as TLPage['id'], name: 'Plenum', index: 'a1' as never })
  const annas = { ...noteAt(300, 0, 'von Anna', 'shape:anna' as never), meta: { author: 'anna' } } as TLNoteShape
  const asset = AssetRecordType.create({ id: 'asset:annas' as TLAsset['id'], type: 'image', meta: { author: 'anna' }, props: { w: 10, h: 10, name: 'a.png', isAnimated: false, mimeType: 'image/png', src: '/api/boards/x/assets/aaaaaaaaaaaaaaaaaaaaaa' } })
  store.mergeRemoteChanges(() => store.put([page, annas, asset]))
  let notices = 0
  let protection: unknown
  guardBoardRights(store, { role, author: 'ben', unlocked: () => false, protection: () => protection, privateRound: () => undefined, onProtected: () => {}, onKeptInSight: () => notices++ })
  const note = () => store.get(annas.id) as TLNoteShape
  return { store, annas, asset, note, notices: () => notices, lift: () => (protection = { othersNotes: false }) }
}

describe('others’ shapes kept in sight, in the browser', () => {
  it('Anna’s Zettel is not made fainter or smaller by Ben; moving and recolouring go through', () => {
    const { store, note, notices } = setup()
    store.put([{ ...note(), opacity: 0 }])
    store.put([{ ...note(), props: { ...note().props, scale: 0.05 } }])
    expect(note()).toMatchObject({ opacity: 1, props: { scale: 1 } })
    expect(notices()).toBe(1)
    store.put([{ ...note(), x: 900, props: { ...note().props, color: 'green' } }])
    expect(note()).toMatchObject({ x: 900, props: { color: 'green' } })
  })

  it('a drag of Anna’s Zettel off the board stops, with one notice for the whole drag', () => {
    const { store, note, notices } = setup()
    for (let x = 1_000; x <= 20_000; x += 500) store.put([{ ...note(), x }])
    expect(note().x).toBeLessThanOrEqual(5_000)
    expect(note().x).toBeGreaterThan(4_000)
    expect(notices()).toBe(1)
  })

  it('Ben’s frame around Anna’s Zettel is not shrunk to hide it', () => {
    const { store, note } = setup()
    const frame = { ...(frameShape('shape:bens') as TLShape), x: 0, y: 0, meta: { author: 'ben' } } as TLShape
    store.put([frame])
    store.put([{ ...note(), parentId: frame.id, x: 10, y: 10 }])
    expect(note().parentId).toBe(frame.id)
    store.put([{ ...store.get(frame.id)!, props: { ...(store.get(frame.id)!.props as object), w: 2, h: 2 } } as TLShape])
    expect((store.get(frame.id)!.props as { w: number }).w).toBe(400)
  })

  it('Anna’s uploaded image stays hers: a second upload of the same file keeps hers; Ben’s own carry his id', () => {
    const { store, asset } = setup()
    store.put([{ ...asset, meta: {}, props: { ...asset.props, src: '/api/boards/x/assets/bbbbbbbbbbbbbbbbbbbbbb' } } as TLAsset])
    expect(store.get(asset.id)).toMatchObject({ meta: { author: 'anna' }, props: { src: asset.props.src } })
    store.remove([asset.id])
    expect(store.get(asset.id)).toBeDefined()
    const bens = AssetRecordType.create({ id: 'asset:bens' as TLAsset['id'], type: 'image', props: { w: 10, h: 10, name: 'b.png', isAnimated: false, mimeType: 'image/png', src: null } })
    store.put([bens])
    expect(store.get(bens.id)?.meta).toEqual({ author: 'ben' })
  })

  it('the facilitator and, with protection off, everyone may', () => {
    const facilitator = setup('facilitator')
    facilitator.store.put([{ ...facilitator.note(), opacity: 0.2 }])
    expect(facilitator.note().opacity).toBe(0.2)
    const ben = setup()
    ben.lift()
    ben.store.put([{ ...ben.note(), opacity: 0.2 }])
    expect(ben.note().opacity).toBe(0.2)
  })
})

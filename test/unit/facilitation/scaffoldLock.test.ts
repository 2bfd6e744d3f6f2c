import * as Y from 'yjs'
import { PageRecordType, type TLShape } from 'tldraw'
import { describe, expect, it } from 'vitest'
import type { Role } from '../../../shared/access.ts'
import {
  createdShape,
  isLockedScaffold,
  lockUpdates,
  readScaffoldState,
  scaffoldChangeAllowed,
  scaffoldDeleteAllowed,
  writeScaffoldState,
} from '../../../shared/board/entries/scaffold.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import { guardBoardRights } from '../../../client/board/boardRights.ts'
import { makeStore } from '../../helpers/boardStores.ts'
import { build, noteAt } from '../templates/helpers.ts'

const participant = { role: 'participant' as Role, unlocked: false }
const facilitator = { role: 'facilitator' as Role, unlocked: false }
const unlockedForAll = { role: 'participant' as Role, unlocked: true }

function template() {
  const { shapes } = build('dienstleistungskette', {})
  const of = (kind: string) => shapes.find((s) => scaffoldMeta(s)?.kind === kind)!
  return { shapes, header: of('header'), title: of('title'), cell: of('cell'), card: of('card') }
}

describe('scaffold lock rules', () => {
  const { header, title, cell, card } = template()
  const note = noteAt(0, 0, 'mine')

  it('keep tldraw locks off cards, so that arrows still bind to them', () => {
    expect([header, title, cell].map(isLockedScaffold)).toEqual([true, true, true])
    expect(isLockedScaffold(card)).toBe(false)
    expect(isLockedScaffold(note)).toBe(false)
  })

  it('refuse a participant moving, unlocking or retexting scaffold, cards included, while locked', () => {
    const moved = { ...header, x: header.x + 50 }
    const unlocked = { ...header, isLocked: false }
    expect(scaffoldChangeAllowed(header, moved, participant)).toBe(false)
    expect(scaffoldChangeAllowed(header, unlocked, participant)).toBe(false)
    expect(scaffoldChangeAllowed(card, { ...card, x: 9 }, participant)).toBe(false)
    expect(scaffoldChangeAllowed(header, moved, { role: 'observer', unlocked: true })).toBe(false)
    expect(scaffoldDeleteAllowed(header, participant)).toBe(false)
    expect(scaffoldDeleteAllowed(card, participant)).toBe(false)
    // Turning one's note into scaffold is refused as well.
    expect(scaffoldChangeAllowed(note, { ...note, meta: header.meta }, participant)).toBe(false)
  })

  it('let participants change notes, everyone who edits change scaffold while unlocked, the facilitator always', () => {
    expect(scaffoldChangeAllowed(note, { ...note, x: 9 }, participant)).toBe(true)
    expect(scaffoldChangeAllowed(header, { ...header, x: 9 }, unlockedForAll)).toBe(true)
    expect(scaffoldChangeAllowed(header, { ...header, x: 9 }, facilitator)).toBe(true)
    expect(scaffoldDeleteAllowed(header, facilitator)).toBe(true)
    expect(scaffoldDeleteAllowed(card, unlockedForAll)).toBe(true)
  })

  it('turn a participant’s pasted copy of scaffold into a plain shape while locked', () => {
    const copy = createdShape({ ...header, meta: { ...header.meta, other: 1 } }, participant)
    expect(scaffoldMeta(copy)).toBeUndefined()
    expect(copy.meta).toEqual({ other: 1 })
    expect(createdShape(header, unlockedForAll)).toBe(header)
    expect(createdShape(header, facilitator)).toBe(header)
  })

  it('lock and unlock only the protected scaffold, and only what differs', () => {
    const { shapes } = template()
    const protectedCount = shapes.filter(isLockedScaffold).length
    expect(lockUpdates(shapes, true)).toEqual([])
    const unlock = lockUpdates(shapes, false)
    expect(unlock).toHaveLength(protectedCount)
    expect(unlock.every((u) => u.isLocked === false)).toBe(true)
    expect(unlock.map((u) => u.id)).not.toContain(template().card.id)
  })

  it('store whether the facilitator unlocked it', () => {
    const doc = new Y.Doc()
    expect(readScaffoldState(doc)).toEqual({ unlocked: false })
    writeScaffoldState(doc, { unlocked: true })
    expect(readScaffoldState(doc)).toEqual({ unlocked: true })
    expect(doc.getMap('facilitation').get('scaffold')).toEqual({ unlocked: true })
  })
})

describe('the board rights on a real store', () => {
  function setup(role: Role, options: { unlocked?: boolean; protection?: unknown } = {}) {
    const store = makeStore()
    const page = PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Seite 1', index: 'a1' as never })
    const { shapes, header, card } = template()
    const others = { ...noteAt(2000, 2000, 'von Anna'), meta: { author: 'anna' } }
    const unsigned = noteAt(2400, 2000, 'alt')
    store.mergeRemoteChanges(() => store.put([page, ...shapes, others, unsigned]))
    let unlocked = options.unlocked ?? false
    const protectedCounts: number[] = []
    const stop = guardBoardRights(store, {
      role,
      author: 'ben',
      unlocked: () => unlocked,
      protection: () => options.protection,
      privateRound: () => undefined,
      onProtected: (count) => protectedCounts.push(count),
    })
    const get = <S extends TLShape>(shape: S) => store.get(shape.id) as S | undefined
    return { store, page, header, card, others, unsigned, get, stop, protectedCounts, unlock: () => (unlocked = true) }
  }

  it('refuses a participant’s own changes to the scaffold while locked, whatever isLocked says', () => {
    const { store, header, card, get, unlock } = setup('participant')
    store.put([{ ...header, isLocked: false }])
    store.put([{ ...header, x: header.x + 100 }, { ...card, x: card.x + 10 }])
    store.remove([header.id])
    expect(get(header)).toEqual(header)
    expect(get(card)).toEqual(card)
    unlock()
    store.put([{ ...card, x: card.x + 10 }])
    expect(get(card)?.x).toBe(card.x + 10)
  })

  it('lets remote changes through', () => {
    const { store, header, get } = setup('participant')
    store.mergeRemoteChanges(() => store.put([{ ...header, x: 7, isLocked: false }]))
    expect(get(header)).toMatchObject({ x: 7, isLocked: false })
    store.mergeRemoteChanges(() => store.remove([header.id]))
    expect(get(header)).toBeUndefined()
  })

  it('signs every shape a participant makes, and keeps the author of a note they change', () => {
    const { store, others, unsigned, get } = setup('participant')
    const mine = { ...noteAt(0, 0, 'neu'), meta: { author: 'anna' } }
    store.put([mine])
    expect(get(mine)?.meta).toEqual({ author: 'ben' })
    store.put([{ ...others, x: 1, meta: { author: 'ben' } }])
    expect(get(others)).toMatchObject({ x: 1, meta: { author: 'anna' } })
    // An unsigned note stays unsigned: claiming it would be refused by the relay.
    store.put([{ ...unsigned, meta: { author: 'ben' } }])
    expect(get(unsigned)?.meta).toEqual({})
  })

  it('deletes only a participant’s own notes while others’ are protected, and counts the rest once', async () => {
    const { store, others, unsigned, get, protectedCounts } = setup('participant')
    const mine = noteAt(0, 0, 'meins')
    store.put([mine])
    store.remove([mine.id, others.id, unsigned.id])
    expect(get(mine)).toBeUndefined()
    expect(get(others)).toBeDefined()
    expect(get(unsigned)).toBeDefined()
    await Promise.resolve()
    expect(protectedCounts).toEqual([2])
  })

  it('lets participants delete any note once the facilitator switched the protection off', () => {
    const { store, others, get } = setup('participant', { protection: { othersNotes: false } })
    store.remove([others.id])
    expect(get(others)).toBeUndefined()
  })

  it('stays out of the facilitator’s way, but lets only them delete pages, and goes away when stopped', () => {
    const facilitatorSetup = setup('facilitator')
    facilitatorSetup.store.put([{ ...facilitatorSetup.header, isLocked: false, x: 3 }])
    facilitatorSetup.store.remove([facilitatorSetup.others.id])
    expect(facilitatorSetup.get(facilitatorSetup.header)).toMatchObject({ x: 3, isLocked: false })
    expect(facilitatorSetup.get(facilitatorSetup.others)).toBeUndefined()

    const { store, page, header, get, stop } = setup('participant')
    store.remove([page.id])
    expect(store.get(page.id)).toBeDefined()
    stop()
    store.put([{ ...header, x: 4 }])
    expect(get(header)?.x).toBe(4)
  })
})

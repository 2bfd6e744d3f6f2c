import * as Y from 'yjs'
import { PageRecordType, type Editor, type TLShape, type TLStore } from 'tldraw'
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
} from '../../../shared/facilitation/scaffoldLock.ts'
import { scaffoldMeta } from '../../../shared/templates/instance.ts'
import { guardScaffold, registerScaffoldGuard, withScaffoldAccess } from '../../../client/facilitation/scaffoldGuard.ts'
import { makeStore } from '../../helpers/boardStores.ts'
import { build, noteAt } from '../templates/helpers.ts'

const participant = { role: 'participant' as Role, ownCode: false }
const facilitator = { role: 'facilitator' as Role, ownCode: false }

function template() {
  const { shapes } = build('dienstleistungskette', {})
  const of = (kind: string) => shapes.find((s) => scaffoldMeta(s)?.kind === kind)!
  return { shapes, header: of('header'), title: of('title'), cell: of('cell'), card: of('card') }
}

describe('scaffold lock rules', () => {
  const { header, title, cell, card } = template()
  const note = noteAt(0, 0, 'mine')

  it('protect titles, headers, prompts and cells, not cards or notes', () => {
    expect([header, title, cell].map(isLockedScaffold)).toEqual([true, true, true])
    expect(isLockedScaffold(card)).toBe(false)
    expect(isLockedScaffold(note)).toBe(false)
  })

  it('refuse a participant moving, unlocking or retexting scaffold', () => {
    const moved = { ...header, x: header.x + 50 }
    const unlocked = { ...header, isLocked: false }
    expect(scaffoldChangeAllowed(header, moved, participant)).toBe(false)
    expect(scaffoldChangeAllowed(header, unlocked, participant)).toBe(false)
    expect(scaffoldChangeAllowed(header, moved, { role: 'observer', ownCode: false })).toBe(false)
    expect(scaffoldDeleteAllowed(header, participant)).toBe(false)
    // Turning one's note into scaffold is refused as well.
    expect(scaffoldChangeAllowed(note, { ...note, meta: header.meta }, participant)).toBe(false)
  })

  it('let participants move cards and notes, our own code change scaffold, the facilitator everything', () => {
    expect(scaffoldChangeAllowed(card, { ...card, x: 9 }, participant)).toBe(true)
    expect(scaffoldChangeAllowed(note, { ...note, x: 9 }, participant)).toBe(true)
    expect(scaffoldChangeAllowed(header, { ...header, x: 9 }, { role: 'participant', ownCode: true })).toBe(true)
    expect(scaffoldChangeAllowed(header, { ...header, x: 9 }, facilitator)).toBe(true)
    expect(scaffoldDeleteAllowed(header, facilitator)).toBe(true)
    expect(scaffoldDeleteAllowed(card, participant)).toBe(true)
  })

  it('turn a participant’s pasted copy of scaffold into a plain shape', () => {
    const copy = createdShape({ ...header, meta: { ...header.meta, other: 1 } }, participant)
    expect(scaffoldMeta(copy)).toBeUndefined()
    expect(copy.meta).toEqual({ other: 1 })
    expect(createdShape(header, { role: 'participant', ownCode: true })).toBe(header)
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

describe('the scaffold guard on a real store', () => {
  function setup(role: Role) {
    const store = makeStore()
    const page = PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Seite 1', index: 'a1' as never })
    const { shapes, header, card } = template()
    const note = noteAt(2000, 2000, 'mine')
    store.mergeRemoteChanges(() => store.put([page, ...shapes, note]))
    let currentRole = role
    const stop = guardScaffold(store, () => currentRole)
    const get = <S extends TLShape>(shape: S) => store.get(shape.id) as S | undefined
    return { store, header, card, note, get, stop, setRole: (r: Role) => (currentRole = r) }
  }
  const editorOf = (store: TLStore) => ({ store }) as unknown as Editor

  it('refuses a participant’s own changes to the scaffold, whatever isLocked says', () => {
    const { store, header, note, card, get } = setup('participant')
    store.put([{ ...header, isLocked: false }])
    store.put([{ ...header, x: header.x + 100 }])
    store.remove([header.id])
    expect(get(header)).toEqual(header)
    // Everything else is as usual.
    store.put([{ ...note, x: 0 }, { ...card, x: card.x + 10 }])
    expect(get(note)?.x).toBe(0)
    expect(get(card)?.x).toBe(card.x + 10)
  })

  it('lets our own template code and remote changes through', () => {
    const { store, header, get } = setup('participant')
    withScaffoldAccess(editorOf(store), () => store.put([{ ...header, x: header.x + 100 }]))
    expect(get(header)?.x).toBe(header.x + 100)
    store.mergeRemoteChanges(() => store.put([{ ...header, x: 7, isLocked: false }]))
    expect(get(header)).toMatchObject({ x: 7, isLocked: false })
    store.mergeRemoteChanges(() => store.remove([header.id]))
    expect(get(header)).toBeUndefined()
  })

  it('stays out of the facilitator’s way, and goes away when stopped', () => {
    const { store, header, get, stop, setRole } = setup('facilitator')
    store.put([{ ...header, isLocked: false, x: 3 }])
    expect(get(header)).toMatchObject({ x: 3, isLocked: false })
    setRole('participant')
    store.put([{ ...header, x: 4 }])
    expect(get(header)?.x).toBe(3)
    stop()
    store.put([{ ...header, x: 4 }])
    expect(get(header)?.x).toBe(4)
  })

  it('trusts undo, redo and page deletion, and restores them when disposed', () => {
    const { store, header, get } = setup('participant')
    const calls: string[] = []
    const moveHeader = (name: string) => () => {
      calls.push(name)
      store.put([{ ...header, x: calls.length * 10 }])
      return editor
    }
    const editor = { store, undo: moveHeader('undo'), redo: moveHeader('redo') } as unknown as Editor
    Object.setPrototypeOf(editor, { deletePage: moveHeader('deletePage') })
    const dispose = registerScaffoldGuard(editor, () => 'participant')
    editor.undo()
    expect(get(header)?.x).toBe(10)
    editor.redo()
    expect(get(header)?.x).toBe(20)
    editor.deletePage('page:page' as never)
    expect(get(header)?.x).toBe(30)
    dispose()
    expect(Object.hasOwn(editor, 'deletePage')).toBe(false)
    // The original commands are back (and still guarded by the first guard of this store).
    editor.undo()
    expect(calls).toEqual(['undo', 'redo', 'deletePage', 'undo'])
    expect(get(header)?.x).toBe(30)
  })
})

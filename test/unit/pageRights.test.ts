/**
 * The client asks the relay's questions about pages and text before it writes (`boardRights.ts`):
 * a participant's new page carries their author id and they rename it; the board's own page (the
 * plenary) stays as the facilitator named it; a Zettel's text does not grow past what a shape
 * may hold. Otherwise the relay would refuse the change and cut the tab off.
 */
import { describe, expect, it } from 'vitest'
import { PageRecordType, toRichText, type TLNoteShape, type TLPage } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { maxShapeTextChars } from '../../shared/board/shapeText.ts'
import { guardBoardRights } from '../../client/board/boardRights.ts'
import { makeStore } from '../helpers/boardStores.ts'
import { noteAt } from '../helpers/records.ts'

function setup(role: Role) {
  const store = makeStore()
  const plenary = PageRecordType.create({ id: 'page:page' as TLPage['id'], name: 'Plenum', index: 'a1' as never })
  const note = noteAt(0, 0, 'kurz', 'shape:kurz' as never)
  store.mergeRemoteChanges(() => store.put([plenary, note]))
  guardBoardRights(store, { role, author: 'ben', unlocked: () => false, protection: () => undefined, privateRound: () => undefined, onProtected: () => {} })
  return { store, plenary, note }
}

describe('pages and text in the browser', () => {
  it('a participant renames their own page, not the plenary', () => {
    const { store, plenary } = setup('participant')
    store.put([{ ...plenary, name: 'Gekapert' }])
    expect(store.get(plenary.id)?.name).toBe('Plenum')
    const own = PageRecordType.create({ id: 'page:eigene' as TLPage['id'], name: 'Seite 2', index: 'a2' as never })
    store.put([own])
    expect(store.get(own.id)?.meta).toEqual({ author: 'ben' })
    store.put([{ ...store.get(own.id)!, name: 'Meine Seite' }])
    expect(store.get(own.id)?.name).toBe('Meine Seite')
  })

  it('the facilitator renames the plenary', () => {
    const { store, plenary } = setup('facilitator')
    store.put([{ ...plenary, name: 'Großgruppe' }])
    expect(store.get(plenary.id)?.name).toBe('Großgruppe')
  })

  it('a Zettel keeps its text when an edit would take it past the budget', () => {
    const { store, note } = setup('participant')
    const withText = (text: string) => ({ ...note, props: { ...note.props, richText: toRichText(text) } }) as TLNoteShape
    store.put([withText('x'.repeat(maxShapeTextChars))])
    store.put([withText('x'.repeat(maxShapeTextChars + 1))])
    expect((store.get(note.id) as TLNoteShape).props.richText).toEqual(toRichText('x'.repeat(maxShapeTextChars)))
  })
})

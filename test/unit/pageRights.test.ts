/**
 * The client asks the relay's questions about pages and text before it writes (`boardRights.ts`):
 * a participant's new page carries their author id and they rename it; the board's own page (the
 * plenary) stays as the facilitator named it; a Zettel's text does not grow past what a shape
 * may hold; another person's Zettel keeps its words while they are protected. Otherwise the
 * relay would refuse the change and cut the tab off.
 */
import { describe, expect, it } from 'vitest'
import { PageRecordType, toRichText, type TLNoteShape, type TLPage } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { maxShapeTextChars, shapeTextChars } from '../../shared/board/shapeText.ts'
import { guardBoardRights } from '../../client/board/boardRights.ts'
import { makeStore } from '../helpers/boardStores.ts'
import { noteAt } from '../helpers/records.ts'

function setup(role: Role) {
  const store = makeStore()
  const plenary = PageRecordType.create({ id: 'page:page' as TLPage['id'], name: 'Plenum', index: 'a1' as never })
  const note = { ...noteAt(0, 0, 'kurz', 'shape:kurz' as never), meta: { author: 'ben' } } as TLNoteShape
  const annas = { ...noteAt(300, 0, 'von Anna', 'shape:anna' as never), meta: { author: 'anna' } } as TLNoteShape
  store.mergeRemoteChanges(() => store.put([plenary, note, annas]))
  let protection: unknown
  guardBoardRights(store, { role, author: 'ben', unlocked: () => false, protection: () => protection, privateRound: () => undefined, onProtected: () => {} })
  return { store, plenary, note, annas, lift: () => (protection = { othersNotes: false }) }
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
    // The paragraph holding the text counts too: the longest line that fits is a few characters short.
    const fits = maxShapeTextChars - (shapeTextChars({ richText: toRichText('x') }) - 1)
    store.put([withText('x'.repeat(fits))])
    store.put([withText('x'.repeat(fits + 1))])
    expect((store.get(note.id) as TLNoteShape).props.richText).toEqual(toRichText('x'.repeat(fits)))
    // Empty lines are lines: a Zettel of them is kept from growing past the budget as well.
    store.put([withText('\n'.repeat(maxShapeTextChars))])
    expect((store.get(note.id) as TLNoteShape).props.richText).toEqual(toRichText('x'.repeat(fits)))
  })

  it("another person's Zettel keeps its words while protected, and moves", () => {
    const { store, annas, lift } = setup('participant')
    const retext = (text: string) => store.put([{ ...store.get(annas.id)!, props: { ...annas.props, richText: toRichText(text) } } as TLNoteShape])
    retext('von Ben')
    expect((store.get(annas.id) as TLNoteShape).props.richText).toEqual(toRichText('von Anna'))
    store.put([{ ...store.get(annas.id)!, x: 500 }])
    expect(store.get(annas.id)?.x).toBe(500)
    lift()
    retext('gemeinsam')
    expect((store.get(annas.id) as TLNoteShape).props.richText).toEqual(toRichText('gemeinsam'))
  })
})

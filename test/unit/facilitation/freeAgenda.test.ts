import { describe, expect, it } from 'vitest'
import {
  addAgendaItem,
  agendaItemLabel,
  agendaStepKey,
  currentAgendaItem,
  freeAgendaInstance,
  maxAgendaItems,
  moveAgendaItem,
  readFreeAgenda,
  removeAgendaItem,
} from '../../../shared/board/entries/agenda.ts'

describe("the facilitator's own agenda", () => {
  it('adds, moves and removes items; a blank item or a full agenda stays as it was', () => {
    let { items } = addAgendaItem([], 'a', 'Begrüßung', 10)
    items = addAgendaItem(items, 'b', '  Berichte aus den Ämtern ').items
    items = addAgendaItem(items, 'c', '   ').items
    expect(items).toEqual([
      { id: 'a', text: 'Begrüßung', minutes: 10 },
      { id: 'b', text: 'Berichte aus den Ämtern' },
    ])
    expect(moveAgendaItem(items, 'b', -1).items.map((i) => i.id)).toEqual(['b', 'a'])
    expect(moveAgendaItem(items, 'a', -1).items.map((i) => i.id)).toEqual(['a', 'b'])
    expect(removeAgendaItem(items, 'a').items.map((i) => i.id)).toEqual(['b'])
    const full = Array.from({ length: maxAgendaItems }, (_, i) => ({ id: `i${i}`, text: `Punkt ${i}` }))
    expect(addAgendaItem(full, 'x', 'Noch einer').items).toHaveLength(maxAgendaItems)
  })

  it('names the current step when it is one of its items, and reads nothing unreadable', () => {
    const items = addAgendaItem([], 'a', 'Beschlüsse', 20).items
    const step = { instance: freeAgendaInstance, key: agendaStepKey(items[0]), setAt: 1 }
    expect(currentAgendaItem(items, step)).toEqual(items[0])
    expect(currentAgendaItem(items, { ...step, instance: 'template-1' })).toBeUndefined()
    expect(agendaItemLabel(items[0], 'Min.')).toBe('Beschlüsse (20 Min.)')
    expect(readFreeAgenda({ items: [{ id: 'a' }] })).toEqual([])
    expect(readFreeAgenda(undefined)).toEqual([])
  })
})

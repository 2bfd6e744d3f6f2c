/**
 * „Fall vom Board entfernen“ after a withdrawn consent (issue 61, item 1; Art. 7(3), 17(1)(b)
 * DSGVO): the list of a case's copies. On its board, the Zettel in its cells on its page and on
 * each page duplicated from it (a small group's copy); Zettel carried from it, on its board and on
 * the network's other boards (their provenance keeps the source text); nothing else of the board.
 * The list in words counts and places, and never says what the case says.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { caseCopiesLines, anyCopies, type CaseCopies } from '../../shared/results/caseCopies.ts'
import { caseCopiesIn, holdsCase } from '../../shared/results/caseCopiesIn.ts'
import { build, noteAt, noteInCell } from './templates/helpers.ts'

const page = (id: string, name: string, index: string) => ({ typeName: 'page', id, name, index, meta: {} })
const carried = (note: TLShape, from: Record<string, string>) => ({ ...note, meta: { carriedFrom: { note: 'shape:src', text: 'Frau Kaya, Mietschulden', ...from } } }) as TLShape

/** A small group's page: every shape of the template copied, with new ids and the same instance. */
function duplicated(shapes: TLShape[], pageId: string): TLShape[] {
  const ids = new Map(shapes.map((s) => [s.id as string, `${s.id}-copy`]))
  return shapes.map((s) => ({ ...s, id: ids.get(s.id), parentId: ids.get(s.parentId) ?? pageId }) as TLShape)
}

function caseBoard() {
  const { shapes: fk } = build('fallkonferenz', { date: '2026-11-25' })
  const instance = fk.map((s) => (s.meta as { netzwerkstatt?: { instance?: string } }).netzwerkstatt?.instance).find(Boolean)!
  const { shapes: protokoll } = build('protokoll', {}, 'de', { x: 12_000, y: 0 })
  const inCase = noteInCell(fk, 'fall:cell:problem:inhalt', 'Mietschulden, Kita-Platz fehlt')
  const wer = noteInCell(fk, 'loesungen:cell:l1:wer', 'Frau Kaya selbst')
  const confirmation = noteInCell(fk, 'einverstaendnis:cell:einverstaendnis:bestaetigt', 'Einverständnis Frau Kaya liegt vor')
  const copy = duplicated(fk, 'page:group1')
  const inCopy = { ...noteInCell(copy, 'fall:cell:problem:inhalt', 'Gruppe: Mietschulden'), parentId: 'page:group1' } as TLShape
  const beside = noteAt(-3000, 400, 'Raum 2.14 reservieren')
  const inProtokoll = noteInCell(protokoll, 'tops:cell:top1:thema', 'Wohnungssuche')
  const carriedHere = carried(noteInCell(protokoll, 'tops:cell:top1:aufgabe', 'Abendbetreuung fehlt'), { instance })
  const carriedOther = carried(noteAt(-3000, 900, 'aus anderer Vorlage'), { instance: 'other' })
  const records = [page('page:page', 'Konferenz', 'a1'), page('page:group1', 'Gruppe 1', 'a2'), ...fk, ...copy, ...protokoll, inCase, wer, confirmation, inCopy, beside, inProtokoll, carriedHere, carriedOther]
  return { records, instance, ids: { inCase, wer, confirmation, inCopy, beside, inProtokoll, carriedHere, carriedOther } }
}

describe('a case’s copies on its board', () => {
  it('are the Zettel in its cells, on its page and on the small group’s copy, and the Zettel carried from it, nothing else', () => {
    const { records, instance, ids } = caseBoard()
    const found = caseCopiesIn(records, { board: 'b', instance }, true)
    expect(new Set(found.notes)).toEqual(new Set([ids.inCase.id, ids.wer.id, ids.confirmation.id, ids.inCopy.id]))
    expect(found.pages).toBe(2)
    expect(found.carried).toEqual([ids.carriedHere.id])
    expect(holdsCase(found)).toBe(true)
  })

  it('are none in a version saved before the case was written', () => {
    const { records, instance, ids } = caseBoard()
    const before = records.filter((r) => ![ids.inCase, ids.wer, ids.confirmation, ids.inCopy, ids.carriedHere].includes(r as TLShape))
    expect(holdsCase(caseCopiesIn(before, { board: 'b', instance }, true))).toBe(false)
  })
})

describe('a case’s copies on another board of the network', () => {
  it('are the Zettel carried from this board’s case, not from another board’s case of the same instance id, nor from another template', () => {
    const { instance } = caseBoard()
    const fromCase = carried(noteAt(0, 0, 'Abendbetreuung fehlt'), { instance, board: 'b', boardTitle: 'Board mit Fallkonferenz' })
    const fromElsewhere = carried(noteAt(0, 200, 'Abendbetreuung fehlt'), { instance, board: 'c' })
    const fromOther = carried(noteAt(0, 400, 'Wohnraum'), { instance: 'other', board: 'b' })
    const withinThere = carried(noteAt(0, 600, 'Wohnraum'), { instance })
    const found = caseCopiesIn([page('page:page', 'Seite', 'a1'), fromCase, fromElsewhere, fromOther, withinThere], { board: 'b', instance }, false)
    expect(found).toEqual({ notes: [], pages: 0, carried: [fromCase.id] })
  })
})

describe('the list in words', () => {
  const copies: CaseCopies = {
    board: { notes: ['n1', 'n2', 'n3'], pages: 2, carried: ['c1'] },
    versions: ['v1', 'v2'],
    boards: [
      { id: 'x', carried: ['a'] },
      { id: 'y', carried: ['b', 'c'] },
      { id: 'z', carried: [] },
    ],
    unread: 0,
  }
  it('counts and places each kind of copy in German and English, with plurals', () => {
    expect(caseCopiesLines(copies, 'de')).toEqual([
      '3 Zettel im Fall auf 2 Seiten (mit den Kopien für Kleingruppen)',
      '1 daraus übernommener Zettel auf diesem Board',
      '2 gespeicherte Versionen, die den Fall enthalten (sie werden ganz gelöscht)',
      '3 übernommene Zettel auf 2 anderen Boards des Netzwerks',
    ])
    expect(caseCopiesLines({ board: { notes: ['n1'], pages: 1, carried: [] }, versions: ['v1'], boards: [{ id: 'x', carried: ['a'] }], unread: 1 }, 'en')).toEqual([
      '1 Zettel in the case on 1 page',
      '1 saved version holding the case (deleted whole)',
      '1 carried Zettel on 1 other board of the network',
      '1 board of the network could not be read (too large): please look there by hand',
    ])
  })
  it('says nothing when nothing is left', () => {
    const none: CaseCopies = { board: { notes: [], pages: 1, carried: [] }, versions: [], boards: [{ id: 'z', carried: [] }], unread: 0 }
    expect(caseCopiesLines(none, 'de')).toEqual([])
    expect(anyCopies(none)).toBe(false)
    expect(anyCopies(copies)).toBe(true)
  })
})

/**
 * What reads as a name where a Fallkonferenz's pseudonym or case is typed: warned about in the
 * options form and on the board, and held back from every output. And the generated pseudonym
 * („FK-2026-11-25-1“) that makes typing one unnecessary.
 */
import { describe, expect, it } from 'vitest'
import { isGeneratedPseudonym, nameLike, nextPseudonym, type KnownNames, type NameLike } from '../../shared/templates/caseNames.ts'

const known: KnownNames = { partners: ['Jobcenter Nordstadt', 'Diakonie'], people: ['Nora Kellermann', 'Yilmaz'] }

const pseudonyms: Array<[string, NameLike | undefined]> = [
  ['Frau Yilmaz', 'address'],
  ['Herr K.', 'address'],
  ['Herrn Schmitz', 'address'],
  ['Fam. Kern', 'address'],
  ['Familie Özdemir', 'address'],
  ['Mrs Smith', 'address'],
  ['Ayşe Yilmaz', 'known'],
  ['Anna Schmidt', 'twoWords'],
  ['Anna-Lena Kern', 'twoWords'],
  ['Peter Müller', 'twoWords'],
  ['Kellermann', 'known'],
  ['Fall Kowalski', 'introduced'],
  ['S.K.', 'initials'],
  ['M. Wagner', 'initials'],
  ['KOWALSKI', 'capitals'],
  ['Diakonie', 'known'],
  ['Jobcenter Nordstadt', 'known'],
  ['FK-2026-11-25-1', undefined],
  ['Fall A', undefined],
  ['Fall Nord', undefined],
  ['Case B', undefined],
  ['M., 34 J.', undefined],
  ['Fall 7', undefined],
  ['Alleinerziehende, zwei Kinder', undefined],
  ['', undefined],
]

const caseTexts: Array<[string, NameLike | undefined]> = [
  ['Einverständnis Frau Yilmaz liegt vor', 'address'],
  ['Termin mit Herrn Becker verpasst', 'address'],
  ['Mutter (Sabine Krüger) sucht Wohnung', 'introduced'],
  ['Nora Kellermann hat angerufen', 'known'],
  ['Wohnungsverlust droht, Kita-Platz fehlt', undefined],
  ['Jobcenter Leistungen gekürzt', undefined],
  ['Kita-Platz über Jugendamt klären', undefined],
  ['Schuldnerberatung Diakonie seit März', undefined],
  ['Bisherige Hilfen: Wohngeld, Beratung', undefined],
  ['Notfall-Betreuung am Abend', undefined],
  ['Die Mutter hat drei Kinder unter sechs', undefined],
  // The procedure, „Im Haus abgesichert durch?“ (a role, as its prompt asks) and the lesson on working together.
  ['Teamleitung ASD', undefined],
  ['Bereichsleitung SGB II', undefined],
  ['Frau Schulz (Teamleitung)', 'address'],
  ['T. Schulz', 'initials'],
  ['Monatlich, erster Dienstag', undefined],
  ['Hilfeplangespräch nach § 36 SGB VIII', undefined],
  ['Jugendamt und Jobcenter stimmen sich jetzt direkt ab', undefined],
]

describe('name-like entries in a Fallkonferenz', () => {
  it.each(pseudonyms)('pseudonym „%s“ → %s', (text, expected) => {
    expect(nameLike(text, known, 'pseudonym')).toBe(expected)
  })

  it.each(caseTexts)('case text „%s“ → %s', (text, expected) => {
    expect(nameLike(text, known, 'case')).toBe(expected)
  })

  it('a partner organisation named in the case is no name (the case names the Stellen involved)', () => {
    expect(nameLike('Diakonie übernimmt die Begleitung', known, 'case')).toBeUndefined()
    expect(nameLike('Diakonie', known, 'pseudonym')).toBe('known')
    expect(nameLike('Termin bei Jobcenter Nordstadt am Montag', known, 'case')).toBeUndefined()
    expect(nameLike('Termin bei Diakonie Görlitz', {}, 'case')).toBe('twoWords')
    expect(nameLike('Termin bei Diakonie Görlitz', { partners: ['Diakonie Görlitz'] }, 'case')).toBeUndefined()
  })
})

describe('the generated pseudonym', () => {
  it('is the day and the next running number that day', () => {
    expect(nextPseudonym('2026-11-25')).toBe('FK-2026-11-25-1')
    expect(nextPseudonym('2026-11-25', ['FK-2026-11-25-1', 'FK-2026-11-24-7', 'Fall A'])).toBe('FK-2026-11-25-2')
    // Other Fallkonferenzen of that day by their date alone (the network's boards, whose pseudonyms stay on them).
    expect(nextPseudonym('2026-11-25', ['2026-11-25', '2026-11-25', '2026-11-26'])).toBe('FK-2026-11-25-3')
    expect(nextPseudonym('', [], () => new Date(2026, 10, 26, 9))).toBe('FK-2026-11-26-1')
    // The board's own and the network's of that day together: never a number another board may hold.
    expect(nextPseudonym('2026-11-25', ['FK-2026-11-25-1', '2026-11-25'])).toBe('FK-2026-11-25-3')
  })

  it('is recognised as generated, and never reads as a name', () => {
    expect(isGeneratedPseudonym('FK-2026-11-25-12')).toBe(true)
    expect(isGeneratedPseudonym('FK 2026')).toBe(false)
    expect(nameLike('FK-2026-11-25-2', known, 'pseudonym')).toBeUndefined()
  })
})

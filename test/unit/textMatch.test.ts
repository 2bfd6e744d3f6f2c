/**
 * Finding words on the board as a German speaker types them (`shared/board/textMatch.ts`): case,
 * umlauts written either way, ß as ss, accents left off, several words in any order; and which
 * part of the text to mark.
 */
import { describe, expect, it } from 'vitest'
import { matchText, maxSearchWords, searchWords } from '../../shared/board/textMatch.ts'

const finds = (query: string, text: string) => matchText(searchWords(query), text) !== null
/** The marked parts of the text, as a person sees them. */
const marked = (query: string, text: string) => matchText(searchWords(query), text)?.map(([from, to]) => text.slice(from, to))

describe('matching text on the board', () => {
  it('ignores case', () => {
    expect(finds('jugendamt', 'JUGENDAMT Nord')).toBe(true)
    expect(finds('ÄMTER', 'ämter')).toBe(true)
    expect(finds('Ä', 'Ärger')).toBe(true)
  })

  it('finds umlauts typed plain or spelled out, and spelled-out ones typed as umlauts', () => {
    expect(finds('muller', 'Frau Müller')).toBe(true)
    expect(finds('mueller', 'Frau Müller')).toBe(true)
    expect(finds('müller', 'Herr Mueller')).toBe(true)
    expect(finds('Muller', 'Herr Mueller')).toBe(true)
    expect(finds('schoene', 'schöne Grüße')).toBe(true)
    expect(finds('gruesse', 'schöne Grüße')).toBe(true)
    expect(finds('aerger', 'Ärger')).toBe(true)
  })

  it('finds ß as ss, either way', () => {
    expect(finds('strasse', 'Hauptstraße 5')).toBe(true)
    expect(finds('straße', 'HAUPTSTRASSE 5')).toBe(true)
    expect(finds('STRASSE', 'Hauptstraße')).toBe(true)
  })

  it('leaves accents off', () => {
    expect(finds('cafe', 'Café Zuflucht')).toBe(true)
    expect(finds('café', 'Cafe Zuflucht')).toBe(true)
    expect(finds('creche', 'Crèche')).toBe(true)
    expect(finds('senora', 'Señora')).toBe(true)
  })

  it('finds several words each, in any order, and nothing when one is missing', () => {
    expect(finds('amt jugend', 'Jugendamt Nord')).toBe(true)
    expect(finds('nord  jugendamt ', 'Jugendamt Nord')).toBe(true)
    expect(finds('jugendamt süd', 'Jugendamt Nord')).toBe(false)
    expect(finds('schule', 'Jugendamt')).toBe(false)
  })

  it('finds nothing for an empty query', () => {
    expect(searchWords('   ')).toEqual([])
    expect(matchText([], 'Jugendamt')).toBeNull()
  })

  it('marks the part of the original text that matched', () => {
    expect(marked('muller', 'Frau Müller')).toEqual(['Müller'])
    expect(marked('mueller', 'Frau Müller')).toEqual(['Müller'])
    expect(marked('müller', 'Herr Mueller')).toEqual(['Mueller'])
    expect(marked('strasse', 'Hauptstraße 5')).toEqual(['straße'])
    expect(marked('cafe', 'Café Zuflucht')).toEqual(['Café'])
    // Each word's first place, left to right, overlapping ones merged.
    expect(marked('nord jugend', 'Jugendamt Nord, Jugendhilfe')).toEqual(['Jugend', 'Nord'])
    expect(marked('jugenda amt', 'Jugendamt')).toEqual(['Jugendamt'])
  })

  it('marks accents written as combining marks with their letter', () => {
    const decomposed = 'Cafe\u0301 Zuflucht'
    expect(marked('cafe', decomposed)).toEqual(['Cafe\u0301'])
  })

  it('reads a pasted 10,000-character query as a bounded number of distinct words: the board is searched per word and text, on every keystroke', () => {
    expect(searchWords('a '.repeat(5000))).toEqual(['a'])
    const distinct = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ')
    expect(distinct.length).toBeGreaterThan(10_000)
    expect(searchWords(distinct)).toHaveLength(maxSearchWords)
    expect(finds(distinct, 'w0 w1 w2')).toBe(false)
  })

  it('takes regular-expression characters and long runs of combining marks literally', () => {
    expect(finds('(a+)+$ .*', 'x (a+)+$ y .* z')).toBe(true)
    expect(finds('.*', 'Jugendamt')).toBe(false)
    expect(finds('a' + '\u0301'.repeat(10_000), 'á')).toBe(true)
  })
})


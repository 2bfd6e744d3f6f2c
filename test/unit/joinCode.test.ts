import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatJoinCode, groupJoinCode, joinCodeAlphabet, joinPath, normaliseJoinCode, splitJoinCode } from '../../shared/joinCode.ts'
import { routeFor } from '../../client/routes.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'

describe('join codes as people type them', () => {
  const code = fc.string({ unit: fc.constantFrom(...joinCodeAlphabet), minLength: 12, maxLength: 12 })

  it('read back the same code however they are grouped, cased or spaced', () => {
    fc.assert(
      fc.property(code, (c) => {
        expect(normaliseJoinCode(formatJoinCode(c))).toBe(c)
        expect(normaliseJoinCode(` ${formatJoinCode(c).toLowerCase().replace(/-/g, ' ')} `)).toBe(c)
        expect(normaliseJoinCode(c.replace(/0/g, 'o').replace(/1/g, 'l'))).toBe(c)
      }),
      propertyParameters({ gate: 100, full: 1000 }),
    )
  })

  it('reads a code pasted from a handout or a PDF: any dash, space or invisible hyphen a word processor puts in', () => {
    const pasted = [
      'K7QF–M2XA–P9TD', // en dash: what a word processor makes of " - "
      'K7QF—M2XA—P9TD', // em dash
      'K7QF\u2011M2XA\u2011P9TD', // non-breaking hyphen
      'K7QF\u2212M2XA\u2212P9TD', // minus sign
      'K7QF\u00a0M2XA\u00a0P9TD', // non-breaking space
      'K7QF\u00adM2XA\u00adP9TD', // soft hyphen, invisible where a PDF broke the line
      'K7QF\u200bM2XAP9TD\r\n', // zero-width space, a line end
      '\ufeffk7qf m2xa p9td\t',
    ]
    for (const typed of pasted) expect(normaliseJoinCode(typed), JSON.stringify(typed)).toBe('K7QFM2XAP9TD')
    // Still no code: other punctuation, or a character the alphabet leaves out behind the invisible one.
    for (const typed of ['K7QF.M2XA.P9TD', 'K7QF_M2XA_P9TD', 'K7QF\u00adM2XA\u00adP9TU']) expect(normaliseJoinCode(typed), JSON.stringify(typed)).toBeNull()
  })

  it('refuses what is no code: wrong length, letters the alphabet leaves out, a board id', () => {
    for (const input of ['', 'K7QF-M2XA-P9T', 'K7QF-M2XA-P9TDD', 'K7QF-M2XA-P9TU', 'AAAAAAAAAAAAAAAAAAAAAA', 'https://x/b/AAAA']) {
      expect(normaliseJoinCode(input), input).toBeNull()
    }
  })

  it("reads a group's code (the board's and the group's number) back to both, however typed", () => {
    fc.assert(
      fc.property(code, fc.integer({ min: 1, max: 12 }), (c, group) => {
        const typed = formatJoinCode(groupJoinCode(c, group)).toLowerCase()
        expect(splitJoinCode(normaliseJoinCode(typed)!)).toEqual({ code: c, group })
      }),
      propertyParameters({ gate: 100, full: 1000 }),
    )
    expect(splitJoinCode('K7QFM2XAP9TD')).toEqual({ code: 'K7QFM2XAP9TD', group: null })
    expect(() => groupJoinCode('K7QFM2XAP9TD', 13)).toThrow(RangeError)
    expect(() => groupJoinCode('K7QFM2XAP9TD', 0)).toThrow(RangeError)
  })

  it('makes a link that keeps the code in the fragment, which no server or proxy sees, routed to the join page', () => {
    expect(joinPath('K7QFM2XAP9TD')).toBe('/j#K7QF-M2XA-P9TD')
    const link = new URL(joinPath('K7QFM2XAP9TD'), 'https://board.example.org')
    expect(link.pathname).toBe('/j')
    expect(routeFor(link.pathname)).toEqual({ page: 'join', code: null })
    // An old link, should the page ever be opened at it (the relay sends it on to /j#<code>).
    expect(routeFor('/j/K7QF-M2XA-P9TD')).toEqual({ page: 'join', code: 'K7QF-M2XA-P9TD' })
  })
})

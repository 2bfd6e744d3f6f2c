/**
 * The name check against a corpus of careless case text (`fixtures/carelessCaseTexts.ts`): every
 * identifying text is caught, whatever made it identifying (a name, initials with a surname,
 * capitals, a typed pseudonym, a relation with a first name, a BG- or Kundennummer, a date of
 * birth, an address, a phone number, an e-mail address), and no harmless one is.
 */
import { describe, expect, it } from 'vitest'
import { nameLike } from '../../shared/templates/caseNames.ts'
import { harmless, identifying, knownPartners } from './fixtures/carelessCaseTexts.ts'

const known = { partners: knownPartners, people: [] }

describe('the name check on careless case text', () => {
  it('has a corpus of about 40 identifying and 20 harmless texts', () => {
    expect(identifying.length).toBeGreaterThanOrEqual(40)
    expect(harmless.length).toBeGreaterThanOrEqual(20)
  })

  it.each(identifying)('„%s“ (%s) is caught', (text) => {
    expect(nameLike(text, known, 'case')).toBeDefined()
  })

  it.each(harmless)('„%s“ passes', (text) => {
    expect(nameLike(text, known, 'case')).toBeUndefined()
  })
})

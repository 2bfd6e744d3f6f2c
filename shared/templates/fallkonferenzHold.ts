/**
 * What a Fallkonferenz holds back, and where (`docs/datenschutz.md`). Whether the case is released
 * is the consent's to say (the gate's condition in `fallkonferenz.ts`); this module says what is
 * held while it is not: the case sections, the confirmation cells, the pseudonym (title and
 * facts) and every comment on the board. Once released, a Zettel or a pseudonym that reads as a
 * name (`caseNames.ts`) is still held back, alone.
 */
import type { ExportFact, ExportGate, InstanceView } from './definition.ts'
import { counted, pick, type Labels, type Locale } from '../locale.ts'
import { dated } from '../dates.ts'
import { nameLike } from './caseNames.ts'

export const holdWords = {
  pseudonymHeld: { de: 'Pseudonym zurückgehalten', en: 'pseudonym held back' },
  namesHeld: { de: 'Zurückgehalten', en: 'Held back' },
  namesOne: { de: '{n} Zettel, der wie ein Name aussieht', en: '{n} note that looks like a name' },
  namesOther: { de: '{n} Zettel, die wie ein Name aussehen', en: '{n} notes that look like a name' },
  pseudonymName: { de: 'das Pseudonym sieht wie ein Name aus', en: 'the pseudonym looks like a name' },
}

export interface CaseHold {
  view: InstanceView
  locale: Locale
  /** Every confirmation is recorded: the case may leave the board. */
  released: boolean
  /** The line shown in its place while it is not. */
  reason: ExportFact
  options: { pseudonym: string; date: string }
  /** Sections holding the case, and the confirmations' section. */
  caseSections: readonly string[]
  consentSection: string
  /** Columns that name the Stellen's own people (a way forward's „Wer?“), not the person of the case. */
  staffColumns: readonly string[]
  /** The template's title before its pseudonym („Fallkonferenz“). */
  title: Labels
  /** The template's facts as they read without the pseudonym. */
  factsWithout(locale: Locale): ExportFact[]
}

/** The Zettel in the case's cells (and the confirmations) that read as a name, by shape id. */
export function nameLikeNotes(view: InstanceView, sections: readonly string[], staffColumns: readonly string[]): string[] {
  const found: string[] = []
  for (const cell of view.cells) {
    if (!sections.includes(cell.ref.section) || staffColumns.includes(cell.ref.col ?? '')) continue
    cell.notes.forEach((text, i) => {
      const shape = cell.noteShapes?.[i]
      if (shape && nameLike(text, view.known, 'case')) found.push(shape.id)
    })
  }
  return found
}

/** „2 Zettel, die wie ein Name aussehen“. */
export const namesCount = (n: number, locale: Locale): string =>
  counted({ one: holdWords.namesOne, other: holdWords.namesOther }, n, locale)

export function caseHold(hold: CaseHold): ExportGate | undefined {
  const { view, locale, options } = hold
  const heldTitle = dated(`${pick(hold.title, locale)} · ${pick(holdWords.pseudonymHeld, locale)}`, options.date, locale)
  const withoutPseudonym = { title: heldTitle, facts: hold.factsWithout(locale), options: { ...options, pseudonym: '' } }
  if (!hold.released) {
    return { sections: [hold.consentSection, ...hold.caseSections], reason: hold.reason, ...withoutPseudonym, comments: true }
  }
  const notes = nameLikeNotes(view, [hold.consentSection, ...hold.caseSections], hold.staffColumns)
  const pseudonymIsName = !!nameLike(options.pseudonym, view.known, 'pseudonym')
  if (notes.length === 0 && !pseudonymIsName) return undefined
  const count = notes.length === 0 ? [] : [namesCount(notes.length, locale)]
  const parts = [...count, ...(pseudonymIsName ? [holdWords.pseudonymName[locale]] : [])]
  return {
    sections: [],
    notes,
    reason: { label: pick(holdWords.namesHeld, locale), value: `${parts.join('; ')}.` },
    ...(pseudonymIsName ? withoutPseudonym : {}),
  }
}

/**
 * Whether a Fallkonferenz's case may leave the board: the condition of its export gate. The
 * answer is the facilitator's recorded confirmations (`board/entries/consent.ts`), never words on
 * the board: „steht aus“, „mündlich zugesagt“ or „nur JC“ written in a cell release nothing. Once
 * the record is complete, the Stellen the case's „Beteiligte Stellen“ names are compared too, so
 * that a Stelle added there later, whom the release does not cover, holds the case again.
 */
import { consentFor, consentState, type ConsentGap, type ConsentStatus } from '../board/entries/consent.ts'
import type { InstanceView } from './definition.ts'
import { counted, pick, type Labels, type Locale } from '../locale.ts'

/** The section and row where the case names the Stellen involved (the template's `fall` / `stellen`). */
const stellenCell = { section: 'fall', row: 'stellen' }

/** Lines that say who is missing today, not who is present („fehlt: Jugendamt“). */
const absent = /\b(fehlt|fehlen|nicht dabei|abwesend|entschuldigt|missing|absent)\b/i
/** … unless they speak of an earlier meeting: „(war letztes Mal entschuldigt)“ names a Stelle at the table today. */
const earlier = /\b(war|waren|fehlte|fehlten|letzte[nmrs]?|zuletzt|vorige[nmrs]?|damals|früher|bisher|was|were|last|previously|earlier)\b/i

/** Splits a note at commas, slashes, „und“ and line ends, never inside brackets („Jobcenter (Leistung, Vermittlung)“). */
function splitStellen(note: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const piece of note.split(/(\(|\)|\n|,|;|\/|\bund\b|\band\b|\+)/i)) {
    if (piece === '(') depth++
    if (piece === ')') depth = Math.max(0, depth - 1)
    const separator = /^(\n|,|;|\/|und|and|\+)$/i.test(piece)
    if (separator && depth === 0) {
      parts.push(current)
      current = ''
    } else current += piece
  }
  return [...parts, current]
}

/**
 * The Stellen a note in „Beteiligte Stellen“ names as present: one per line, comma or „und“.
 * Every line counts, however long: what cannot be read as a Stelle holds the case rather than
 * slipping past the comparison.
 */
export function stellenNamed(notes: readonly string[]): string[] {
  return notes
    .flatMap(splitStellen)
    .map((part) => part.replace(/^[\s•\-–*]+/, '').trim())
    .filter((part) => part.length > 0 && !(absent.test(part) && !earlier.test(part)))
}

/** The confirmations of one Fallkonferenz: released, or every gap. */
export function caseConsent(view: Pick<InstanceView, 'instance' | 'cells' | 'consent'>) {
  // The title lies on the page itself, as every scaffold shape does.
  const page = String(view.instance.title?.parentId ?? '')
  const own = consentFor(view.consent, view.instance.instance, page)
  const named = view.cells.filter((c) => c.ref.section === stellenCell.section && c.ref.row === stellenCell.row).flatMap((c) => stellenNamed(c.notes))
  return consentState(own, named)
}

const statusText: Record<ConsentStatus, Labels> = {
  offen: { de: 'steht aus', en: 'outstanding' },
  muendlich: { de: 'nur mündlich', en: 'verbal only' },
  'liegt-vor': { de: 'liegt vor', en: 'given' },
  abgelehnt: { de: 'abgelehnt oder zurückgezogen', en: 'refused or withdrawn' },
}

/** One gap in words, for the export's line, the banner and the dialog. */
export function gapText(gap: ConsentGap, locale: Locale): string {
  const t = (labels: Labels) => pick(labels, locale)
  switch (gap.kind) {
    case 'record':
      return t({ de: 'noch keine Bestätigungen festgehalten', en: 'no confirmations recorded yet' })
    case 'einverstaendnis':
      return `${t({ de: 'Einverständnis', en: 'Consent' })} ${t(statusText[gap.status])}`
    case 'entbindung':
      return `${t({ de: 'Schweigepflichtsentbindung (schriftlich)', en: 'Written release from confidentiality' })} ${t(statusText[gap.status])}`
    case 'stellen-anwesend':
      return t({ de: 'keine anwesenden Stellen eingetragen', en: 'no services present entered' })
    case 'stelle-nicht-entbunden':
      return `${gap.stelle} ${t({ de: 'ist nicht von der Schweigepflicht entbunden', en: 'is not covered by the release' })}`
    case 'pseudonym':
      return t({ de: '„Nur Pseudonym“ nicht bestätigt', en: '“Pseudonym only” not confirmed' })
    case 'moderation':
      return t({ de: 'Moderation nicht durch eine andere Stelle bestätigt', en: 'chair by another service not confirmed' })
    case 'datum':
      return t({ de: 'Datum fehlt', en: 'date missing' })
    case 'bestaetigt':
      return t({ de: 'wer bestätigt hat, fehlt', en: 'who confirmed is missing' })
  }
}

const uncoveredCount = {
  one: { de: '{n} Stelle nicht entbunden', en: '{n} service not released' },
  other: { de: '{n} Stellen nicht entbunden', en: '{n} services not released' },
}

/**
 * The gaps in one line, or undefined once the case is released: the export's reason line. The
 * Stellen not covered are counted, never named: a Stellen list is typed, and what is typed there
 * („… selbst (mit Dolmetscherin)“) must not leave the board through the line that holds the case.
 */
export function missingText(view: Pick<InstanceView, 'instance' | 'cells' | 'consent'>, locale: Locale): string | undefined {
  const verdict = caseConsent(view)
  if (verdict.released) return undefined
  const uncovered = verdict.missing.filter((gap) => gap.kind === 'stelle-nicht-entbunden').length
  const count = counted(uncoveredCount, uncovered, locale)
  const parts = verdict.missing.flatMap((gap, i) => {
    if (gap.kind !== 'stelle-nicht-entbunden') return [gapText(gap, locale)]
    // The count where the first uncovered Stelle stood, in the facilitator's order.
    return verdict.missing.findIndex((g) => g.kind === 'stelle-nicht-entbunden') === i ? [count] : []
  })
  return parts.join('; ')
}

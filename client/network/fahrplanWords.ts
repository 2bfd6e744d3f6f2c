/** The Fahrplan's words for phases worked in loops: „zuletzt bearbeitet“, when to look again, the guiding questions, the recurring instruments. */
import { pick, type Labels } from '../../shared/locale.ts'
import { format, plural } from '../i18n.ts'
import { locale } from '../locale.ts'
import type { RevisitHint } from './revisit.ts'
import { dateOnly } from './networkAccess.ts'

const words = {
  worked: { de: 'zuletzt bearbeitet am {date} auf', en: 'last worked on {date} on' },
  questions: { de: 'Leitfragen dieser Phase', en: 'Guiding questions of this phase' },
  revisits: { de: 'Wieder aufgreifen', en: 'Take up again' },
  recurring: { de: 'Für jede Sitzung und regelmäßig', en: 'For every meeting and regularly' },
  recurringHint: {
    de: 'Diese Vorlagen gehören zu keiner Phase: Sie begleiten das Netzwerk die ganze Zeit.',
    en: 'These templates belong to no phase: they go with the network all the time.',
  },
  everyMeeting: { de: 'für jede Sitzung', en: 'for every meeting' },
  regularly: { de: 'regelmäßig', en: 'regularly' },
  yearly: { de: 'jährlich überprüfen', en: 'review yearly' },
  yearlyDueOne: { de: 'Zuletzt vor {count} Monat – jährlich überprüfen', en: 'Last {count} month ago – review yearly' },
  yearlyDueOther: { de: 'Zuletzt vor {count} Monaten – jährlich überprüfen', en: 'Last {count} months ago – review yearly' },
  reviewNext: { de: 'Nächste Überprüfung am {date}', en: 'Next review on {date}' },
  reviewDue: { de: 'Überprüfung war für den {date} vereinbart – gemeinsam überprüfen', en: 'Review was agreed for {date} – review together' },
  noReviewDay: { de: 'Kein Überprüfungstermin eingetragen', en: 'No review date written down' },
  workedCount: { de: '{worked}/{total} bearbeitet', en: '{worked}/{total} worked on' },
} satisfies Record<string, Labels>

export const fahrplanWords = Object.fromEntries(Object.entries(words).map(([key, labels]) => [key, pick(labels, locale)])) as Record<keyof typeof words, string>

const day = (iso: string) => dateOnly.format(new Date(iso.length === 10 ? `${iso}T12:00:00` : iso))

export const workedOn = (when: string) => format(fahrplanWords.worked, { date: day(when) })

/** The hint's text, and whether it asks for the method now. */
export function revisitText(hint: RevisitHint): { text: string; due: boolean } {
  switch (hint.kind) {
    case 'yearly':
      return hint.due
        ? { text: plural(locale, hint.months, { one: fahrplanWords.yearlyDueOne, other: fahrplanWords.yearlyDueOther }), due: true }
        : { text: fahrplanWords.yearly, due: false }
    case 'review':
      return { text: format(hint.due ? fahrplanWords.reviewDue : fahrplanWords.reviewNext, { date: day(hint.day) }), due: hint.due }
    case 'noReviewDay':
      return { text: fahrplanWords.noReviewDay, due: false }
    case 'regularly':
      return { text: fahrplanWords.regularly, due: false }
    case 'everyMeeting':
      return { text: fahrplanWords.everyMeeting, due: false }
  }
}

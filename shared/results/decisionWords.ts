/**
 * A Beschluss's terms and an „Einverstanden?“ round in words (who decided, what it binds, who
 * answered what): apart from `decisions.ts`, which reads the templates' „Entscheidungsbedarf“, so
 * that the canvas' marks and rounds load no template (issue 64).
 */
import type { Bindewirkung, ReadTerms } from '../board/entries/beschluesse.ts'
import type { Locale } from '../locale.ts'
import { formatDate } from '../dates.ts'
import { antworten, type Antwort } from '../board/roundAnswer.ts'
import { bodyLabel } from '../networkBodies.ts'

export const decisionWords = {
  gremium: { de: 'Gremium', en: 'Body' },
  bindewirkung: { de: 'Bindewirkung', en: 'Binding force' },
  noGremium: { de: 'Gremium nicht angegeben', en: 'Body not given' },
  noBindewirkung: { de: 'Bindewirkung nicht angegeben', en: 'Binding force not given' },
  entscheidungsbedarf: { de: 'Entscheidungsbedarf', en: 'Decisions needed' },
  entscheidungsbedarfHint: {
    de: 'Was die Vorlagen als zu entscheiden festhalten und noch nicht als Beschluss markiert ist.',
    en: 'What the templates record as to be decided and is not yet marked as a decision.',
  },
  consentPending: { de: 'Zustimmung ausstehend', en: 'consent pending' },
  consentGiven: { de: 'zugestimmt', en: 'agreed' },
  consentAll: { de: 'alle Häuser haben zugestimmt', en: 'all organisations have agreed' },
  consentHeading: { de: 'Ausstehende Zustimmungen der Häuser', en: 'Consent pending from member organisations' },
  consentHint: {
    de: 'Beschlüsse vorbehaltlich der Zustimmung der Häuser: eine Zeile je Haus, das noch nicht zugestimmt hat. Haben alle zugestimmt, gilt der Beschluss.',
    en: 'Decisions subject to the member organisations’ consent: one row for each organisation that has not agreed yet. Once all have agreed, the decision applies.',
  },
  consentSince: { de: 'Ausstehend seit', en: 'Pending since' },
  haus: { de: 'Haus', en: 'Organisation' },
  roundAsked: { de: 'Einverstanden? am {day}', en: 'Agreed? on {day}' },
  verteiler: { de: 'Verteiler', en: 'Distribution' },
  rule: { de: 'Grundlage der Freigabe', en: 'Basis of the release' },
  ruleShort: { de: 'Grundlage', en: 'Basis' },
}

/** What a Beschluss binds, in full (documents) and short (the canvas's mark). */
export const bindewirkungWords: Record<Bindewirkung, { de: string; en: string; short: { de: string; en: string } }> = {
  gilt: { de: 'gilt', en: 'applies', short: { de: 'gilt', en: 'applies' } },
  vorbehaltlich: {
    de: 'vorbehaltlich der Zustimmung der Häuser',
    en: 'subject to the member organisations’ consent',
    short: { de: 'vorbehaltlich', en: 'subject to consent' },
  },
  empfehlung: { de: 'Empfehlung', en: 'recommendation', short: { de: 'Empfehlung', en: 'recommendation' } },
}

export const gremiumLabel = (gremium: string, locale: Locale): string => (gremium.trim() ? bodyLabel(gremium, locale) : decisionWords.noGremium[locale])

export const bindewirkungLabel = (bindewirkung: Bindewirkung | null, locale: Locale): string =>
  bindewirkung ? bindewirkungWords[bindewirkung][locale] : decisionWords.noBindewirkung[locale]

/** The Bindewirkung with its Häuser: who still has to agree, who has („vorbehaltlich … – Zustimmung ausstehend: Jobcenter“). */
export function bindewirkungWithConsent(terms: ReadTerms, locale: Locale): string {
  const label = bindewirkungLabel(terms.bindewirkung, locale)
  const haeuser = terms.haeuser ?? []
  if (haeuser.length === 0 || (terms.bindewirkung !== 'vorbehaltlich' && terms.bindewirkung !== 'gilt')) return label
  const names = (agreed: boolean) => haeuser.filter((h) => h.zugestimmt === agreed).map((h) => h.haus)
  if (terms.bindewirkung === 'gilt') return `${label} – ${decisionWords.consentAll[locale]} (${names(true).join(', ')})`
  const parts = [[decisionWords.consentPending[locale], names(false)], [decisionWords.consentGiven[locale], names(true)]] as const
  return [label, ...parts.filter(([, list]) => list.length > 0).map(([word, list]) => `${word}: ${list.join(', ')}`)].join(' – ')
}

/** The four answers of an „Einverstanden?“ round (`zustimmung.ts`), in the order they are offered. */
export const antwortWords: Record<Antwort, { de: string; en: string }> = {
  ja: { de: 'Ja', en: 'Yes' },
  enthaltung: { de: 'Enthaltung', en: 'Abstention' },
  nein: { de: 'Nein', en: 'No' },
  ruecksprache: { de: 'Rücksprache im Haus', en: 'Consulting at home' },
}

/**
 * What each Haus answered when the Beschluss was asked, grouped by answer in the order they are
 * offered: „Einverstanden? am 28.11.2026: Ja – Jobcenter, Jugendamt; Rücksprache im Haus – Caritas“.
 */
export function roundLine(round: { day: string; haeuser: ReadonlyArray<{ haus: string; antwort: Antwort }> }, locale: Locale): string {
  const groups = antworten.flatMap((antwort) => {
    const haeuser = round.haeuser.filter((h) => h.antwort === antwort).map((h) => h.haus)
    return haeuser.length > 0 ? [`${antwortWords[antwort][locale]} – ${haeuser.join(', ')}`] : []
  })
  return `${decisionWords.roundAsked[locale].replace('{day}', formatDate(round.day, locale))}: ${groups.join('; ')}`
}

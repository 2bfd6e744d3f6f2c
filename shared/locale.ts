/** The languages of the UI and of every text a template or an export writes. */
export const locales = ['de', 'en'] as const
export type Locale = (typeof locales)[number]

/** A text in both languages of the UI. */
export interface Labels {
  de: string
  en: string
}

export const pick = (labels: Labels, locale: Locale) => labels[locale]

/** A text in both languages with a singular and a plural form, `{n}` for the count. */
export interface CountedLabels {
  one: Labels
  other: Labels
}

/** „1 Stelle“, „3 Stellen“: the form `Intl.PluralRules` picks for `n`, the count written as the language writes numbers. */
export const counted = (forms: CountedLabels, n: number, locale: Locale): string =>
  forms[new Intl.PluralRules(locale).select(n) === 'one' ? 'one' : 'other'][locale].replace('{n}', n.toLocaleString(locale))

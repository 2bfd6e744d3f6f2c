/** The languages of the UI and of every text a template or an export writes. */
export const locales = ['de', 'en'] as const
export type Locale = (typeof locales)[number]

/** A text in both languages of the UI. */
export interface Labels {
  de: string
  en: string
}

export const pick = (labels: Labels, locale: Locale) => labels[locale]

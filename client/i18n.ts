/**
 * German by default; English when the browser prefers English over German. The words themselves
 * are in client/messages/ (`catalogs.ts` puts them together for `t`); here the choice of language
 * and the helpers that fill them in, which every view takes, the phone's first load among them.
 */
import { de, en } from 'make-plural/cardinals'
import type { Locale } from '../shared/locale.ts'

export type { Locale }
export type { Messages } from './messages/catalogs.ts'

/** The first of German or English in the browser's preference list wins; neither → German. */
export function chooseLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0]
    if (primary === 'de' || primary === 'en') return primary
  }
  return 'de'
}

export function browserLocale(): Locale {
  // Node 21+ has a navigator too, speaking the process's locale: outside a page, German.
  if (typeof document === 'undefined' || typeof navigator === 'undefined') return 'de'
  return chooseLocale(navigator.languages?.length ? navigator.languages : [navigator.language ?? ''])
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match))
}

/**
 * The form of a message for `count` by the language's plural rules, its `{count}` filled; `zero`,
 * where given, says none in words („keine Punkte mehr“, not „0 Punkte“).
 */
export function plural(locale: Locale, count: number, forms: { zero?: string; one: string; other: string }): string {
  const counted = countWords(locale, count)
  if (count === 0 && forms.zero !== undefined) return format(forms.zero, { count: counted.text })
  return format(counted.one ? forms.one : forms.other, { count: counted.text })
}

/**
 * A count's form (one or other) and its digits, without Intl where it can: a page's first
 * `Intl.PluralRules` cost a phone's 4× slowed CPU 130 ms (ICU's data for the language), on the way
 * to the list's 120 Zettel (issue 64). The forms by CLDR's rules as make-plural compiles them; the
 * digits of a whole count below a thousand (no grouping in either language) as they are, others
 * by `Intl.NumberFormat`, which writes what `toLocaleString` does. test/unit/i18n.test.ts holds
 * both equal to Intl's answer.
 */
function countWords(locale: Locale, count: number): { one: boolean; text: string } {
  const one = pluralForms[locale](count) === 'one'
  if (Number.isInteger(count) && count >= 0 && count < 1000 && !Object.is(count, -0)) return { one, text: String(count) }
  let numbers = numberFormats.get(locale)
  if (!numbers) numberFormats.set(locale, (numbers = new Intl.NumberFormat(locale)))
  return { one, text: numbers.format(count) }
}

const pluralForms: Record<Locale, (count: number) => string> = { de, en }
const numberFormats = new Map<Locale, Intl.NumberFormat>()

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = value % 1 === 0 ? 0 : 1
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`
}

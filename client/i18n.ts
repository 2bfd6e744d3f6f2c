/**
 * German by default; English when the browser prefers English over German. The words themselves
 * are in client/messages/ (`catalogs.ts` puts them together for `t`); here the choice of language
 * and the helpers that fill them in, which every view takes, the phone's first load among them.
 */
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
  if (count === 0 && forms.zero !== undefined) return format(forms.zero, { count: count.toLocaleString(locale) })
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other
  return format(form, { count: count.toLocaleString(locale) })
}

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

import { describe, expect, it } from 'vitest'
import { chooseLocale, format, formatBytes, plural } from '../../client/i18n.ts'
import { catalogs } from '../../client/messages/catalogs.ts'
import { friendlyName } from '../../client/friendlyName.ts'

describe('language choice', () => {
  it('takes the first of German or English in the preference list', () => {
    expect(chooseLocale(['en-US', 'de-DE'])).toBe('en')
    expect(chooseLocale(['de-AT', 'en'])).toBe('de')
    expect(chooseLocale(['fr-FR', 'en-GB', 'de'])).toBe('en')
    expect(chooseLocale(['fr', 'DE-ch'])).toBe('de')
  })

  it('defaults to German', () => {
    expect(chooseLocale([])).toBe('de')
    expect(chooseLocale(['fr', 'it'])).toBe('de')
    expect(chooseLocale(['enx', 'dex'])).toBe('de')
  })
})

describe('catalogs', () => {
  it('have the same keys and no empty strings in both languages', () => {
    expect(Object.keys(catalogs.en).sort()).toEqual(Object.keys(catalogs.de).sort())
    for (const messages of Object.values(catalogs)) {
      for (const [key, text] of Object.entries(messages)) expect(text.trim(), key).not.toBe('')
    }
  })

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    for (const key of Object.keys(catalogs.de) as Array<keyof typeof catalogs.de>) {
      expect(placeholders(catalogs.en[key]), key).toEqual(placeholders(catalogs.de[key]))
    }
  })

  it('say how long an unopened board is kept in days by the plural rules, never "1 Tage"', () => {
    const note = (locale: 'de' | 'en', days: number) => {
      const t = catalogs[locale]
      return format(t.retentionNote, { days: plural(locale, days, { one: t.retentionDaysOne, other: t.retentionDaysOther }), date: '' })
    }
    expect(note('de', 1)).toContain('die 1 Tag lang')
    expect(note('de', 30)).toContain('die 30 Tage lang')
    expect(note('en', 1)).toContain('for 1 day,')
    expect(note('en', 30)).toContain('for 30 days,')
  })

  it('choose the plural form by the language’s rules', () => {
    const forms = (locale: 'de' | 'en') => ({ one: catalogs[locale].shapesLeftOutOne, other: catalogs[locale].shapesLeftOutOther })
    expect(plural('de', 1, forms('de'))).toMatch(/^1 Form konnte nicht angezeigt werden/)
    expect(plural('de', 2, forms('de'))).toMatch(/^2 Formen konnten nicht angezeigt werden/)
    expect(plural('de', 1200, forms('de'))).toMatch(/^1\.200 Formen/)
    expect(plural('en', 1, forms('en'))).toMatch(/^1 shape could not be shown/)
    expect(plural('en', 0, forms('en'))).toMatch(/^0 shapes could not be shown/)
  })

  it('say every count as Intl says it, read without Intl where they can be', () => {
    const forms = { one: 'one {count}', other: 'other {count}' }
    const counts = [...Array.from({ length: 1100 }, (_, n) => n), 0.5, 1.5, 1234.5, 12_345_678]
    for (const locale of ['de', 'en'] as const) {
      const intl = (count: number) => format(new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other, { count: count.toLocaleString(locale) })
      expect(counts.map((count) => plural(locale, count, forms))).toEqual(counts.map(intl))
    }
  })

  it('fill placeholders and format sizes', () => {
    expect(format('bis {size}', { size: '10 MB' })).toBe('bis 10 MB')
    expect(format('{missing}', {})).toBe('{missing}')
    expect(formatBytes(10 * 1024 * 1024, 'de')).toBe('10 MB')
    expect(formatBytes(1536, 'de')).toBe('1,5 KB')
    expect(formatBytes(1536, 'en')).toBe('1.5 KB')
  })
})

describe('friendly names', () => {
  it('make German adjectives agree with the animal', () => {
    const sequence = (...values: number[]) => () => values.shift() ?? 0
    // adjective index 0 (flink), then animal: Fuchs (m), Eule (f), Reh (n)
    expect(friendlyName('de', sequence(0, 0))).toBe('Flinker Fuchs')
    expect(friendlyName('de', sequence(0, 6 / 18))).toBe('Flinke Eule')
    expect(friendlyName('de', sequence(0, 12 / 18))).toBe('Flinkes Reh')
  })

  it('are English for English speakers', () => {
    expect(friendlyName('en', () => 0)).toBe('Swift Fox')
    expect(friendlyName('en', () => 0.9999)).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/)
  })
})

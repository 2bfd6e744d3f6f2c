/**
 * A block key is how a stored board's shapes are found again: a template that grows or is
 * exported reads its scaffold by key. So a change to a template may add keys and change texts,
 * but an instance stored with yesterday's options must still have every key it had. The fixture
 * holds each template's default layout and each grow step once, in both languages, as they were
 * before the third wave of methods (regenerate it only for a template that is new).
 */
import { describe, expect, it } from 'vitest'
import stored from './fixtures/storedLayouts.json' with { type: 'json' }
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import { templateNames, type TemplateName } from '../../../shared/templates/registry.ts'
import type { Locale } from '../../../shared/locale.ts'

const layouts = stored as Record<string, { locale: Locale; options: unknown; keys: string[] }[]>

describe('stored boards keep their block keys', () => {
  it('covers every template that existed when the fixture was made', () => {
    expect(Object.keys(layouts).every((name) => templateNames.includes(name as TemplateName))).toBe(true)
  })

  for (const [name, variants] of Object.entries(layouts))
    it(`${name}: stored options still parse and still yield every stored key`, () => {
      for (const { locale, options, keys } of variants) {
        const now = new Set(planTemplate(name as TemplateName, options, locale).layout.blocks.map((b) => b.key))
        expect(keys.filter((key) => !now.has(key)), `${name} (${locale}) lost keys`).toEqual([])
      }
    })
})

/**
 * What a facilitator reads on a template just made, by block key (de): the goals-and-chain
 * templates at the end of the handbook's routes (the Zielsystem's Eingang and the actors' column
 * only beside activities, the Zukunftskonferenz's mandate above step 1, the Arbeitsauftrag's
 * architecture, the Dienstleistungskette's fields for what is carried in and who takes on each
 * change, the Statusbericht's who reports, the Planspiel's single parent), and the partner-side
 * templates with the options a workshop gives them (the Netzwerkkarte's guiding question, policy
 * fields and symbol for existing bodies; the Netzwerkregeln's rule areas, who watches over them,
 * what each organisation brings in). That the browser draws these texts readably:
 * test/browser/templatesOnScreen.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { shapeText } from '../../../shared/results/export.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'
import { build, keyOf } from './helpers.ts'

/** The scaffold's texts by block key. */
function texts(name: TemplateName, options: unknown = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const shape of build(name, options, 'de').shapes) {
    const key = keyOf(shape)
    if (key) out[key] = shapeText(shape) ?? ''
  }
  return out
}

describe('route-end templates as made', () => {
  it('zielsystem: the benefit asked of the project goal, the Eingang, the actors only beside activities, the Ausgangslage', () => {
    const t = texts('zielsystem')
    expect(Object.keys(t).length).toBeGreaterThan(10)
    expect(t['ziele:row:projektziel:prompt']).toMatch(/Nutzen/)
    expect(t['ziele:row:eingang']).toBe('Eingang')
    expect('ziele:cell:a1:akteure' in t && !('ziele:cell:t1:akteure' in t)).toBe(true)
    expect(t['problemsicht:row:lage']).toBe('Ausgangslage')
  })

  it('zukunftskonferenz: the mandate before step 1', () => {
    expect(texts('zukunftskonferenz')['head:auftrag']).toMatch(/Vor Schritt 1/)
  })

  it('arbeitsauftrag: the steering group in its architecture', () => {
    expect(texts('arbeitsauftrag')['architektur:row:steuerung']).toBe('Steuerungsgruppe')
  })

  it('dienstleistungskette: what is still to be assigned, and who takes on each change by when', () => {
    const t = texts('dienstleistungskette')
    expect(t['handover:open']).toMatch(/Noch zuzuordnen/)
    expect([t['vergleich:head:wer'], t['vergleich:head:bisWann']]).toEqual(['Wer?', 'Bis wann?'])
  })

  it('statusbericht: who reports', () => {
    expect(texts('statusbericht')['bericht:head:berichtet']).toBe('Wer berichtet?')
  })

  it('planspiel: the single parent’s role, and the case in the title', () => {
    const t = texts('planspiel')
    expect(Object.values(t).some((text) => text.includes('Alleinerziehende(r)'))).toBe(true)
    expect(t.title).toMatch(/Frau Wiesental/)
  })
})

/** Whether one of the template's shapes reads `words`, whole or as one of its lines. */
const reads = (t: Record<string, string>, words: string) => Object.values(t).some((text) => text === words || text.split('\n').includes(words))

describe('partner-side templates with a workshop’s options', () => {
  it('netzwerkkarte: its guiding question, both policy fields, the symbol for existing bodies, the questions for the evaluation', () => {
    const t = texts('netzwerkkarte', { question: 'Wer begleitet Alleinerziehende in Arbeit?' })
    for (const words of ['Leitfrage: Wer begleitet Alleinerziehende in Arbeit?', 'Arbeitsmarktpolitisches Feld', 'Familienpolitisches Feld', 'Bestehendes Gremium, Bündnis', 'Häufungen', 'Wer fehlt?'])
      expect(reads(t, words), words).toBe(true)
  })

  it('netzwerkregeln as an agreement: its rule areas, who watches over them, what each organisation brings in, the next review', () => {
    const t = texts('netzwerkregeln', { form: 'vereinbarung' })
    for (const words of ['Netzwerkregeln und Kooperationsvereinbarung', 'Teilhabe', 'Bindewirkung', 'Wer achtet darauf?', 'Je Organisation', 'Jugendamt', 'Nächste Überprüfung'])
      expect(reads(t, words), words).toBe(true)
  })
})

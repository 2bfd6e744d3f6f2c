import { describe, expect, it } from 'vitest'
import { everyPhase, newBoardChoices, phaseOf, phases, recurring, templatesByPhase } from '../../../shared/templates/phases.ts'
import { templateNames, templates, type TemplateName } from '../../../shared/templates/registry.ts'

const phase = (id: string) => phases.find((p) => p.id === id)!

describe("the handbook's phases", () => {
  it('hold every template once: the Vorlagen panel offers each in one place', () => {
    expect([...templatesByPhase].sort()).toEqual([...templateNames].sort())
    expect(new Set(templatesByPhase).size).toBe(templatesByPhase.length)
  })

  // The names stand apart from the definitions (`templateNames.ts`); pages that list every template list them in the registry's order.
  it('name the templates in the registry’s order', () => {
    expect(templateNames).toEqual(Object.keys(templates))
  })

  it("carry H's chapter titles, chapters 2 to 6, each with H 1.1's guiding questions", () => {
    expect(phases.map((p) => p.title.de)).toEqual([
      'Der Start vor dem Start',
      'Der Start in die Praxis',
      'Ein Netzwerk schaffen',
      'Gemeinsame Produkte entwickeln',
      'Für Nachhaltigkeit sorgen',
    ])
    expect(phases.map((p) => p.chapter)).toEqual([2, 3, 4, 5, 6])
    for (const p of phases) {
      expect(p.questions.length).toBeGreaterThanOrEqual(3)
      for (const q of p.questions) expect(q.de.endsWith('?') && q.en.endsWith('?')).toBe(true)
    }
  })

  it('start with the Beteiligtenanalyse (H 2.1: "als erster Schritt"), then the Netzwerkkarte and the Experteninterviews (H 2.3.2, 2.3.3); the Bedarfsanalyse is L’s addition', () => {
    expect(phases[0].methods).toEqual(['beteiligtenanalyse', 'netzwerkkarte', 'experteninterviews', 'bedarfsanalyse'])
  })

  it.each<[TemplateName, string]>([
    ['beteiligtenanalyse', 'vorStart'], // H 2.3.1
    ['netzwerkkarte', 'vorStart'], // H 2.3.2
    ['gruendungsveranstaltung', 'gruendung'], // H 3.3.3
    ['zielsystem', 'gruendung'], // H 3.3.4, worked out further in chapter 4
    ['zukunftskonferenz', 'zieleArchitektur'], // H 4.3.8
    ['arbeitsauftrag', 'zieleArchitektur'], // H 4.2.2, 4.3.1
    ['reifegrad', 'zieleArchitektur'], // R, for H 4.3.1
    ['netzwerkregeln', 'zieleArchitektur'], // H 4.3.9
    ['planspiel', 'zieleArchitektur'], // H 4.3.4
    ['dienstleistungskette', 'zieleArchitektur'], // H 4.3.7
    ['angebotsuebersicht', 'dienstleistungskette'], // H 5.3.2 (Wegweiser)
    ['fallkonferenz', 'dienstleistungskette'], // H 5.3.5
    ['laufzettel', 'dienstleistungskette'], // H 5.3.6
    ['erfolg', 'verstetigung'], // H 6.3.1
  ])('put the %s where H puts it: phase %s', (template, id) => {
    expect(phaseOf(template)?.id).toBe(id)
  })

  it('take the Zielsystem up again in chapter 4 and the rules in chapter 6 (H 4.3.8, H 6.2.3)', () => {
    expect(phase('zieleArchitektur').revisits).toEqual(['zielsystem'])
    expect(phase('verstetigung').revisits).toEqual(['netzwerkregeln', 'kooperationen'])
  })

  it('place the Protokoll, the Statusbericht and the Fallmatrix in no phase: every meeting, regularly', () => {
    for (const template of ['protokoll', 'statusbericht', 'fallmatrix'] as const) {
      expect(phaseOf(template)).toBeUndefined()
      expect(phases.some((p) => p.methods.includes(template) || p.revisits.includes(template))).toBe(false)
    }
    expect(recurring.filter((r) => ['protokoll', 'statusbericht', 'fallmatrix'].includes(r.template))).toEqual([
      { template: 'protokoll', cadence: 'everyMeeting' },
      { template: 'statusbericht', cadence: 'regularly' },
      { template: 'fallmatrix', cadence: 'regularly' },
    ])
    expect(everyPhase).toEqual(recurring.map((r) => r.template))
  })

  it('place the new instruments once the registry has them, and leave them out until then', () => {
    const has = (name: string) => (templateNames as readonly string[]).includes(name)
    const where = (name: string) => phases.find((p) => (p.methods as readonly string[]).includes(name))?.id
    expect(where('koordination')).toBe(has('koordination') ? 'gruendung' : undefined)
    expect(where('oeffentlichkeitsarbeit')).toBe(has('oeffentlichkeitsarbeit') ? 'dienstleistungskette' : undefined)
    expect((everyPhase as readonly string[]).includes('steuerungsgruppe')).toBe(has('steuerungsgruppe'))
  })

  it("tick a phase's own methods on a new board, never the Fallkonferenz, and offer the recurring ones unticked", () => {
    const products = newBoardChoices(phase('dienstleistungskette'), 6)
    expect(products.ticked).not.toContain('fallkonferenz')
    expect(products.ticked).toEqual(expect.arrayContaining(['angebotsuebersicht', 'laufzettel']))
    expect(products.offered).toEqual(expect.arrayContaining(['fallkonferenz', 'protokoll', 'statusbericht']))
    expect(newBoardChoices(phase('vorStart'), 6).ticked).toEqual(['beteiligtenanalyse', 'netzwerkkarte', 'experteninterviews', 'bedarfsanalyse'])
    const rules = newBoardChoices(phase('verstetigung'), 6)
    expect(rules.offered).toContain('netzwerkregeln')
    expect(rules.ticked).toEqual(['erfolg', 'ansprechpartner'])
  })
})

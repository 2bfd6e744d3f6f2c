import { describe, expect, it } from 'vitest'
import { everyPhase, phaseOf, phases, templatesByPhase } from '../../../shared/templates/phases.ts'
import { templateNames } from '../../../shared/templates/registry.ts'

describe("the handbook's phases", () => {
  it('hold every template once, in the order the Vorlagen panel offers them', () => {
    expect(templatesByPhase).toEqual(templateNames)
  })

  it('start with the needs and the partners, end with keeping the network going; the Protokoll serves every phase', () => {
    expect(phases.map((p) => p.id)).toEqual(['vorStart', 'gruendung', 'zieleArchitektur', 'dienstleistungskette', 'verstetigung'])
    expect(phaseOf('bedarfsanalyse')?.id).toBe('vorStart')
    expect(phaseOf('statusbericht')?.id).toBe('verstetigung')
    expect(phaseOf('protokoll')).toBeUndefined()
    expect(everyPhase).toEqual(['protokoll', 'steuerungsgruppe'])
  })
})

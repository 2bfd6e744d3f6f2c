import { it } from 'vitest'
import { caseConsent } from '../../shared/templates/fallkonferenzConsent.ts'
import { templateViews } from '../../shared/results/export.ts'
import { carelessBoard } from './caseWalk.test.ts'
it('dbg', () => {
  const { records, consent } = carelessBoard()
  for (const t of templateViews(records, consent)) if (t.instance.template === 'fallkonferenz') console.log(JSON.stringify(caseConsent(t.view)), JSON.stringify(t.gate))
})

/**
 * The instruments of no phase on the Fahrplan (`recurring` in `shared/templates/phases.ts`): the
 * Protokoll of every meeting, the Statusbericht, the Fallmatrix and the Steuerungsgruppe taken up
 * regularly; each with when a board of the network last changed with it.
 */
import type { Fahrplan } from './fahrplan.ts'
import { fahrplanWords } from './fahrplanWords.ts'
import { MethodItem } from './MethodItem.tsx'
import './fahrplanLoops.css'

export function RecurringMethods({ recurring, today }: { recurring: Fahrplan['recurring']; today: string }) {
  return (
    <section className="nws-recurring" aria-labelledby="nws-recurring-title">
      <h2 id="nws-recurring-title" className="nws-recurring__title">
        {fahrplanWords.recurring}
      </h2>
      <p className="nws-muted nws-recurring__hint">{fahrplanWords.recurringHint}</p>
      <ul className="nws-methods nws-recurring__methods">
        {recurring.map((method) => (
          <MethodItem key={method.template} method={method} isNext={false} today={today} />
        ))}
      </ul>
    </section>
  )
}

/**
 * Under the step and the timer: which part the list shows while it follows the room, and the way
 * out of following („Alle Teile zeigen“) and back, so that nobody is kept from any part.
 */
import { format } from '../i18n.ts'
import { t } from '../firstLoadLocale.ts'
import type { Following } from './following.ts'
import './following.css'

export function InPlayBar({ following }: { following: Following }) {
  const { label, all, hidden, setAll, followed } = following
  if (!hidden && !all) return null
  // The step is named just above: not twice.
  const showing = all ? t.contributeShowingAll : followed?.kind === 'step' ? t.contributeShowingStep : label ? format(t.contributeShowing, { part: label }) : t.contributeShowingPlenary
  return (
    <div className="nws-contribute__inplay">
      <p>{showing}</p>
      <button type="button" className="nws-contribute__button" aria-pressed={all} onClick={() => setAll(!all)}>
        {t.contributeShowAll}
      </button>
    </div>
  )
}

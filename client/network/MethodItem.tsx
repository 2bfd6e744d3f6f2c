/**
 * One of a phase's methods on the Fahrplan: when a board of the network last changed with it
 * („zuletzt bearbeitet am …“), begun or not yet, on which board, and when to take it up again.
 */
import { pick } from '../../shared/locale.ts'
import { templates } from '../../shared/templates/registry.ts'
import type { Cadence } from '../../shared/templates/phases.ts'
import { t, locale } from '../locale.ts'
import type { MethodProgress } from './fahrplan.ts'
import { revisitText, workedOn } from './fahrplanWords.ts'
import { facilitatorHref } from './networkAccess.ts'
import { revisitHint } from './revisit.ts'

const marks = { worked: '●', begun: '◐', open: '○' } as const

export function MethodItem(props: {
  method: MethodProgress & { cadence?: Cadence }
  isNext: boolean
  today: string
  /** Taken up again from an earlier phase: marked apart, so that each method has one `data-template` on the page. */
  revisit?: boolean
}) {
  const { method, isNext, today, revisit: again } = props
  const { template, state, board, lastEdited } = method
  const href = board && facilitatorHref(board)
  const hint = revisitHint(method, today)
  const revisit = hint && revisitText(hint)
  return (
    <li className="nws-method" data-template={again ? undefined : template} data-revisit={again ? template : undefined} data-state={state} data-next={isNext || undefined} data-due={revisit?.due || undefined}>
      <span className="nws-method__mark" aria-hidden="true">
        {revisit?.due ? '↻' : marks[state]}
      </span>
      <div className="nws-method__body">
        <span className="nws-method__title">
          {pick(templates[template].title, locale)}
          {isNext && <strong className="nws-next">{t.fahrplanNext}</strong>}
        </span>
        <span className="nws-method__state">
          {state === 'worked' && lastEdited ? workedOn(lastEdited) : state === 'begun' ? `${t.fahrplanStateBegun} ${t.fahrplanBegunOn}` : t.fahrplanStateOpen}
          {board && (
            <>
              {' '}
              {href ? <a href={href}>{board.title || t.fahrplanBoardUntitled}</a> : <span>{board.title || t.fahrplanBoardUntitled}</span>}
              {state === 'begun' && ` ${t.fahrplanBegunEmpty}`}
            </>
          )}
        </span>
        {revisit && (
          <span className="nws-method__revisit" data-due={revisit.due || undefined}>
            {revisit.text}
          </span>
        )}
      </div>
    </li>
  )
}

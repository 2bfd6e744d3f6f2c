/** One of a phase's methods on the Fahrplan: done, begun or not yet, and on which board. */
import { pick } from '../../shared/locale.ts'
import { templates } from '../../shared/templates/registry.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import type { MethodProgress } from './fahrplan.ts'
import { dateOnly, facilitatorHref } from './networkAccess.ts'

const marks = { done: '✓', begun: '◐', open: '○' } as const

export function MethodItem({ method, isNext }: { method: MethodProgress; isNext: boolean }) {
  const { template, state, board, when } = method
  const stateText = { done: t.fahrplanStateDone, begun: t.fahrplanStateBegun, open: t.fahrplanStateOpen }[state]
  const href = board && facilitatorHref(board)
  return (
    <li className="nws-method" data-template={template} data-state={state} data-next={isNext || undefined}>
      <span className="nws-method__mark" aria-hidden="true">
        {marks[state]}
      </span>
      <div className="nws-method__body">
        <span className="nws-method__title">
          {pick(templates[template].title, locale)}
          {isNext && <strong className="nws-next">{t.fahrplanNext}</strong>}
        </span>
        <span className="nws-method__state">
          {stateText}
          {board && (
            <>
              {' '}
              {state === 'done' && when ? format(t.fahrplanDoneOn, { date: dateOnly.format(new Date(when)) }) : t.fahrplanBegunOn}{' '}
              {href ? <a href={href}>{board.title}</a> : <span>{board.title}</span>}
              {state === 'begun' && ` ${t.fahrplanBegunEmpty}`}
            </>
          )}
        </span>
      </div>
    </li>
  )
}

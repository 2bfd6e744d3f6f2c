/**
 * One phase of the Fahrplan: H 1.1's guiding questions, its methods (when last worked on, begun,
 * not yet, "Als Nächstes"), those it takes up again from earlier phases, and the boards
 * filed under it that the filter lets through. It collapses to its heading and counts (this
 * browser remembers it, `collapsedPhases.ts`), and of many boards lists the most recently added
 * first few, with the rest one click away: a phase of 200 boards stays a column, not a scroll.
 */
import { useEffect, useState } from 'react'
import { pick } from '../../shared/locale.ts'
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { owedInPhase, phaseNumber } from '../../shared/templates/phases.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { BoardInNetwork } from './BoardInNetwork.tsx'
import { boardCount } from './BoardFacts.tsx'
import type { PhaseProgress } from './fahrplan.ts'
import { MethodItem } from './MethodItem.tsx'
import { fahrplanWords } from './fahrplanWords.ts'
import { PhaseRelease } from './PhaseRelease.tsx'
import type { NetworkAccess } from './networkAccess.ts'
import './fahrplanFilter.css'

/** Boards a phase lists before "show all": about a screen's height on a laptop; on a phone, where the phases stack, fewer. */
export const phaseBoardsShown = { wide: 8, phone: 4 } as const
const phoneQuery = '(max-width: 719px)'

function useBoardsShown(): number {
  const [phone, setPhone] = useState(() => typeof matchMedia === 'function' && matchMedia(phoneQuery).matches)
  useEffect(() => {
    if (typeof matchMedia !== 'function') return
    const query = matchMedia(phoneQuery)
    const follow = () => setPhone(query.matches)
    query.addEventListener('change', follow)
    return () => query.removeEventListener('change', follow)
  }, [])
  return phone ? phaseBoardsShown.phone : phaseBoardsShown.wide
}

export function PhaseSection(props: {
  progress: PhaseProgress
  /** The phase's boards the filter lets through, oldest first. */
  boards: readonly NetworkBoard[]
  filtering: boolean
  next: string | null
  collapsed: boolean
  onToggle(): void
  groups: readonly string[]
  network: NetworkAccess
  onChange(): Promise<void>
  onNewBoard(): void
  /** The reader's day, for when to take a method up again. */
  today: string
}) {
  const { progress, boards, filtering, next, collapsed, onToggle, groups, network, onChange, onNewBoard, today } = props
  const { phase, methods, revisits } = progress
  const [showAll, setShowAll] = useState(false)
  const shownAtMost = useBoardsShown()
  const headingId = `phase-${phase.id}`
  const listId = `phase-${phase.id}-content`
  // The latest first: what a coordinator looks for is mostly the last meetings.
  const listed = showAll ? [...boards].reverse() : boards.slice(-shownAtMost).reverse()
  const total = progress.boards.length
  const owed = methods.filter((m) => owedInPhase(m.template))
  return (
    <li className="nws-phase" data-phase={phase.id} data-collapsed={collapsed || undefined} aria-labelledby={headingId}>
      <header className="nws-phase__header">
        <div className="nws-phase__title-row">
          <p className="nws-phase__number">{format(t.fahrplanPhase, { number: phaseNumber(phase.id) })}</p>
          <button
            type="button"
            className="nws-phase__toggle"
            aria-expanded={!collapsed}
            aria-controls={listId}
            aria-label={`${collapsed ? t.phaseExpand : t.phaseCollapse}: ${pick(phase.title, locale)}`}
            onClick={onToggle}
          >
            <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          </button>
        </div>
        <h2 id={headingId}>{pick(phase.title, locale)}</h2>
        <p className="nws-phase__counts">
          {filtering && boards.length !== total ? `${boards.length} / ${boardCount(total)}` : boardCount(total)}
          {' · '}
          {format(fahrplanWords.workedCount, { worked: owed.filter((m) => m.state === 'worked').length, total: owed.length })}
        </p>
        {!collapsed && <p className="nws-phase__aim">{pick(phase.aim, locale)}</p>}
        {!collapsed && (
          <details className="nws-phase__questions">
            <summary>{fahrplanWords.questions}</summary>
            <ul>
              {phase.questions.map((q) => (
                <li key={q.de}>{pick(q, locale)}</li>
              ))}
            </ul>
          </details>
        )}
      </header>
      {!collapsed && (
        <div id={listId} className="nws-phase__content">
          <h3 className="nws-phase__subheading">{t.fahrplanMethods}</h3>
          <ul className="nws-methods">
            {methods.map((method) => (
              <MethodItem key={method.template} method={method} isNext={method.template === next} today={today} />
            ))}
          </ul>
          {revisits.length > 0 && (
            <>
              <h3 className="nws-phase__subheading">{fahrplanWords.revisits}</h3>
              <ul className="nws-methods nws-methods--revisits">
                {revisits.map((method) => (
                  <MethodItem key={method.template} method={method} isNext={false} today={today} revisit />
                ))}
              </ul>
            </>
          )}
          <h3 className="nws-phase__subheading">{t.fahrplanBoards}</h3>
          {boards.length === 0 ? (
            <p className="nws-muted nws-phase__empty">{filtering && total > 0 ? t.phaseNoMatch : t.fahrplanNoBoards}</p>
          ) : (
            <>
              {listed.length < boards.length && (
                <p className="nws-muted nws-phase__latest">{format(t.phaseShowingLatest, { shown: listed.length, count: boards.length })}</p>
              )}
              <ul className="nws-phase-boards">
                {listed.map((board) => (
                  <BoardInNetwork key={board.id} board={board} network={network} onChange={onChange} groups={groups} />
                ))}
              </ul>
              {listed.length < boards.length && (
                <button type="button" className="nws-link-button nws-phase__show-all" onClick={() => setShowAll(true)}>
                  {format(t.phaseShowAll, { count: boards.length })}
                </button>
              )}
              <PhaseRelease boards={boards} filtering={filtering} network={network} />
            </>
          )}
          <button type="button" className="nws-button nws-button--secondary nws-phase__new" onClick={onNewBoard}>
            {t.fahrplanNewBoard}
          </button>
        </div>
      )}
    </li>
  )
}

/**
 * One board of the network under its phase: its title (opening it with its facilitator link, in
 * the same tab), dates, templates, an "intern" badge, and what the coordinator can change about
 * it: its phase, internal or not, taking it out of the network (the board itself stays).
 */
import { useState } from 'react'
import { pick } from '../../shared/locale.ts'
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { phaseNumber, phases, type PhaseId } from '../../shared/templates/phases.ts'
import { templates } from '../../shared/templates/registry.ts'
import { problemText } from '../apiProblems.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { dateOnly, facilitatorHref, type NetworkAccess } from './networkAccess.ts'
import { removeNetworkBoard, updateNetworkBoard } from './networkCalls.ts'
import { FormError } from '../FormError.tsx'
import { BodyChoice, BoardFacts } from './BoardFacts.tsx'

export function BoardInNetwork(props: { board: NetworkBoard; network: NetworkAccess; onChange(): Promise<void>; groups?: readonly string[] }) {
  const { board, network, onChange, groups = [] } = props
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const href = facilitatorHref(board)
  // No title: none typed, or an internal board the relay could not read (its typed title may name a case).
  const title = board.title || t.fahrplanBoardUntitled

  const change = async (act: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await act()
      await onChange()
    } catch (e) {
      setError(format(t.fahrplanChangeFailed, { error: problemText(e) }))
    } finally {
      setBusy(false)
    }
  }
  const setPhase = (phase: PhaseId) => change(() => updateNetworkBoard(network.id, network.token, board.id, { phase }))
  const setBody = (body: string) => change(() => updateNetworkBoard(network.id, network.token, board.id, { body }))
  const toggleInternal = () => change(() => updateNetworkBoard(network.id, network.token, board.id, { internal: !board.internal }))
  const remove = () => {
    if (window.confirm(format(t.fahrplanRemoveConfirm, { title }))) void change(() => removeNetworkBoard(network.id, network.token, board.id))
  }

  const dates = [format(t.fahrplanCreated, { date: dateOnly.format(new Date(board.createdAt)) })]
  if (board.lastUsedAt) dates.push(format(t.fahrplanLastUsed, { date: dateOnly.format(new Date(board.lastUsedAt)) }))

  return (
    <li className="nws-network-board" data-board={board.id} data-internal={board.internal || undefined}>
      <div className="nws-network-board__head">
        {href ? (
          <a className="nws-network-board__title" href={href}>
            {title}
          </a>
        ) : (
          <span className="nws-network-board__title" title={t.fahrplanBoardNoLink}>
            {title}
          </span>
        )}
        {board.internal && (
          <span className="nws-badge" title={t.fahrplanInternalHint}>
            {t.fahrplanInternal}
          </span>
        )}
      </div>
      <BoardFacts board={board} />
      <span className="nws-network-board__meta">{dates.join(' · ')}</span>
      {board.templates.length > 0 && (
        <span className="nws-network-board__templates">{board.templates.map((tpl) => pick(templates[tpl.template].title, locale)).join(' · ')}</span>
      )}
      <details className="nws-network-board__change">
        <summary>{t.fahrplanBoardChange}</summary>
        <div className="nws-network-board__controls">
          <label>
            <span>{t.fahrplanPhaseLabel}</span>
            <select value={board.phase} disabled={busy} onChange={(e) => void setPhase(e.target.value as PhaseId)}>
              {phases.map((p) => (
                <option key={p.id} value={p.id}>
                  {phaseNumber(p.id)} · {pick(p.title, locale)}
                </option>
              ))}
            </select>
          </label>
          <BodyChoice board={board} groups={groups} busy={busy} onSave={(body) => void setBody(body)} />
          <button type="button" className="nws-button nws-button--secondary" disabled={busy} onClick={() => void toggleInternal()}>
            {board.internal ? t.fahrplanUnmarkInternal : t.fahrplanMarkInternal}
          </button>
          <button type="button" className="nws-button nws-button--secondary" disabled={busy} onClick={remove}>
            {t.fahrplanRemoveBoard}
          </button>
        </div>
      </details>
      <FormError error={error} />
    </li>
  )
}

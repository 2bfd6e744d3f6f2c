/**
 * A network's Fahrplan: H's five phases in order, each with its methods (done, begun or not yet,
 * "Als Nächstes" on the one to do next) and the boards filed under it. Side by side on a wide
 * screen (the projector), stacked on a phone.
 */
import { useMemo, useState } from 'react'
import { pick } from '../../shared/locale.ts'
import type { NetworkView } from '../../shared/networkApi.ts'
import { phaseNumber, type Phase } from '../../shared/templates/phases.ts'
import { templates } from '../../shared/templates/registry.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { AddBoardDialog } from './AddBoardDialog.tsx'
import { BoardInNetwork } from './BoardInNetwork.tsx'
import { DeleteNetworkDialog } from './DeleteNetworkDialog.tsx'
import { fahrplan, type MethodProgress, type PhaseProgress } from './fahrplan.ts'
import { NewBoardDialog } from './NewBoardDialog.tsx'
import { PackDownloads } from './PackDownloads.tsx'
import { NetworkRetentionNotes } from '../retention/NetworkRetentionNotes.tsx'
import { NetworkSearch } from './NetworkSearch.tsx'
import { SinceLastVisit } from './SinceLastVisit.tsx'
import { dateOnly, facilitatorHref, type NetworkAccess } from './networkAccess.ts'
import './fahrplan.css'

type Dialog = { kind: 'new'; phase: Phase } | { kind: 'add' } | { kind: 'delete' } | null

export function FahrplanView(props: { view: NetworkView; token: string; onChange(): Promise<void> }) {
  const { view, token, onChange } = props
  const network: NetworkAccess = { id: view.id, token }
  const plan = useMemo(() => fahrplan(view.boards), [view.boards])
  const [dialog, setDialog] = useState<Dialog>(null)
  const close = () => setDialog(null)

  return (
    <main className="nws-fahrplan">
      <header className="nws-fahrplan__header">
        <a className="nws-link nws-fahrplan__home" href="/">
          ← {t.backToStart}
        </a>
        <div className="nws-fahrplan__heading">
          <p className="nws-fahrplan__eyebrow">{t.fahrplanTitle}</p>
          <h1>{view.name}</h1>
          {view.targetGroup && <p className="nws-fahrplan__target">{format(t.fahrplanTargetGroup, { group: view.targetGroup })}</p>}
          {plan.next === null && <p className="nws-fahrplan__all-done">{t.fahrplanAllDone}</p>}
        </div>
        <div className="nws-fahrplan__actions">
          <button type="button" className="nws-button nws-button--secondary" onClick={() => setDialog({ kind: 'add' })}>
            {t.fahrplanAddExisting}
          </button>
          <button type="button" className="nws-button nws-button--secondary nws-button--danger" onClick={() => setDialog({ kind: 'delete' })}>
            {t.fahrplanDeleteNetwork}
          </button>
        </div>
      </header>
      <NetworkRetentionNotes network={{ ...network, name: view.name }} retention={view.retention} />
      <div className="nws-between-row">
        <SinceLastVisit network={network} boards={view.boards} />
        <NetworkSearch network={network} boards={view.boards} />
      </div>
      <PackDownloads network={network} />
      <ol className="nws-phases">
        {plan.phases.map((progress) => (
          <PhaseColumn
            key={progress.phase.id}
            progress={progress}
            next={plan.next?.phase === progress.phase.id ? plan.next.template : null}
            network={network}
            onChange={onChange}
            onNewBoard={() => setDialog({ kind: 'new', phase: progress.phase })}
          />
        ))}
      </ol>
      {dialog?.kind === 'new' && <NewBoardDialog network={network} phase={dialog.phase} onClose={close} onCreated={onChange} />}
      {dialog?.kind === 'add' && <AddBoardDialog network={network} phase={plan.next?.phase ?? 'vorStart'} onClose={close} onAdded={onChange} />}
      {dialog?.kind === 'delete' && <DeleteNetworkDialog network={network} name={view.name} boards={view.boards} onClose={close} />}
    </main>
  )
}

function PhaseColumn(props: { progress: PhaseProgress; next: string | null; network: NetworkAccess; onChange(): Promise<void>; onNewBoard(): void }) {
  const { progress, next, network, onChange, onNewBoard } = props
  const { phase, methods, boards } = progress
  const headingId = `phase-${phase.id}`
  return (
    <li className="nws-phase" data-phase={phase.id} aria-labelledby={headingId}>
      <header className="nws-phase__header">
        <p className="nws-phase__number">{format(t.fahrplanPhase, { number: phaseNumber(phase.id) })}</p>
        <h2 id={headingId}>{pick(phase.title, locale)}</h2>
        <p className="nws-phase__aim">{pick(phase.aim, locale)}</p>
      </header>
      <h3 className="nws-phase__subheading">{t.fahrplanMethods}</h3>
      <ul className="nws-methods">
        {methods.map((method) => (
          <MethodItem key={method.template} method={method} isNext={method.template === next} />
        ))}
      </ul>
      <h3 className="nws-phase__subheading">{t.fahrplanBoards}</h3>
      {boards.length === 0 ? (
        <p className="nws-muted nws-phase__empty">{t.fahrplanNoBoards}</p>
      ) : (
        <ul className="nws-phase-boards">
          {boards.map((board) => (
            <BoardInNetwork key={board.id} board={board} network={network} onChange={onChange} />
          ))}
        </ul>
      )}
      <button type="button" className="nws-button nws-button--secondary nws-phase__new" onClick={onNewBoard}>
        {t.fahrplanNewBoard}
      </button>
    </li>
  )
}

const marks = { done: '✓', begun: '◐', open: '○' } as const

function MethodItem({ method, isNext }: { method: MethodProgress; isNext: boolean }) {
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

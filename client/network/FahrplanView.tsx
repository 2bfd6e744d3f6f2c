/**
 * A network's Fahrplan: H's five phases in order, each with its guiding questions, its methods
 * (when last worked on, begun or not yet, "Als Nächstes" on the one to do next, when to take one up
 * again) and the boards filed under it (`PhaseSection.tsx`); the instruments of every meeting
 * beside them (`RecurringMethods.tsx`). Boards are found
 * by search and filters (`FahrplanFilterBar.tsx`). Side by side on a wide screen (the projector),
 * stacked on a phone.
 */
import { useMemo, useState } from 'react'
import type { NetworkView } from '../../shared/networkApi.ts'
import type { Phase } from '../../shared/templates/phases.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { AddBoardDialog } from './AddBoardDialog.tsx'
import { useCollapsedPhases } from './collapsedPhases.ts'
import { DeleteNetworkDialog } from './DeleteNetworkDialog.tsx'
import { fahrplan } from './fahrplan.ts'
import { FahrplanFilterBar } from './FahrplanFilterBar.tsx'
import { filterBoards, groupNamesOf, isFiltering, noFilter, type FahrplanFilter } from './fahrplanFilter.ts'
import { NewBoardDialog } from './NewBoardDialog.tsx'
import { PackDownloads } from './PackDownloads.tsx'
import { NetworkRetentionNotes } from '../retention/NetworkRetentionNotes.tsx'
import { NetworkSearch } from './NetworkSearch.tsx'
import { SinceLastVisit } from './SinceLastVisit.tsx'
import { PhaseSection } from './PhaseSection.tsx'
import { RecurringMethods } from './RecurringMethods.tsx'
import { localDay } from './revisit.ts'
import type { NetworkAccess } from './networkAccess.ts'
import { PackLinkArea } from './PackLinkArea.tsx'
import { NetworkLinkRenewal } from './NetworkLinkRenewal.tsx'
import { NetworkLinkCopy } from './NetworkLinkCopy.tsx'
import './fahrplan.css'

type Dialog = { kind: 'new'; phase: Phase } | { kind: 'add' } | { kind: 'delete' } | null

export function FahrplanView(props: { view: NetworkView; token: string; onChange(): Promise<void> }) {
  const { view, token, onChange } = props
  const network: NetworkAccess = { id: view.id, token }
  const plan = useMemo(() => fahrplan(view.boards), [view.boards])
  const [dialog, setDialog] = useState<Dialog>(null)
  const [filter, setFilter] = useState<FahrplanFilter>(noFilter)
  const shown = useMemo(() => filterBoards(view.boards, filter), [view.boards, filter])
  const groups = useMemo(() => groupNamesOf(view.boards), [view.boards])
  const { collapsed, toggle } = useCollapsedPhases(view.id)
  const close = () => setDialog(null)
  const today = localDay()

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
        </div>
        <div className="nws-fahrplan__actions">
          <button type="button" className="nws-button nws-button--secondary" onClick={() => setDialog({ kind: 'add' })}>
            {t.fahrplanAddExisting}
          </button>
          <NetworkLinkCopy network={network} />
          <NetworkLinkRenewal network={network} name={view.name} />
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
      <PackDownloads network={network}>
        <PackLinkArea network={network} />
      </PackDownloads>
      <FahrplanFilterBar boards={view.boards} shown={shown.length} filter={filter} onFilter={setFilter} />
      <RecurringMethods recurring={plan.recurring} today={today} />
      <ol className="nws-phases">
        {plan.phases.map((progress) =>
          filter.phase && filter.phase !== progress.phase.id ? null : (
            <PhaseSection
              key={progress.phase.id}
              progress={progress}
              boards={shown.filter((b) => b.phase === progress.phase.id)}
              filtering={isFiltering(filter)}
              collapsed={collapsed.has(progress.phase.id)}
              onToggle={() => toggle(progress.phase.id)}
              groups={groups}
              next={plan.next?.phase === progress.phase.id ? plan.next.template : null}
              network={network}
              onChange={onChange}
              onNewBoard={() => setDialog({ kind: 'new', phase: progress.phase })}
              today={today}
            />
          ),
        )}
      </ol>
      {dialog?.kind === 'new' && <NewBoardDialog network={network} phase={dialog.phase} groups={groups} onClose={close} onCreated={onChange} />}
      {dialog?.kind === 'add' && <AddBoardDialog network={network} phase={plan.next?.phase ?? 'vorStart'} groups={groups} onClose={close} onAdded={onChange} />}
      {dialog?.kind === 'delete' && <DeleteNetworkDialog network={network} name={view.name} boards={view.boards} onClose={close} />}
    </main>
  )
}

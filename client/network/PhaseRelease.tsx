/**
 * „Boards dieser Phase freigeben“ under a phase's boards: after a round of meetings the coordinator
 * releases them from the Fahrplan instead of opening each (`phaseRelease.ts`). With a filter set,
 * only the boards it shows. Asked once before it goes; then says what came of each kind of board.
 */
import { useState } from 'react'
import { localDay } from '../../shared/dates.ts'
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { problemText } from '../apiProblems.ts'
import { FormError } from '../FormError.tsx'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import type { NetworkAccess } from './networkAccess.ts'
import { releaseNetworkBoards } from './networkCalls.ts'
import { releasable, releaseSummary } from './phaseRelease.ts'

export function PhaseRelease({ boards, filtering, network }: { boards: readonly NetworkBoard[]; filtering: boolean; network: NetworkAccess }) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [said, setSaid] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const count = releasable(boards).length
  if (count === 0 && !said) return null
  const release = async () => {
    setBusy(true)
    setError(null)
    try {
      // Every board shown: the answer counts those left to their board too.
      const answer = await releaseNetworkBoards(network.id, network.token, { day: localDay(new Date()), locale, boards: boards.map((b) => b.id) })
      setSaid(releaseSummary(answer))
      setAsking(false)
    } catch (e) {
      setError(format(t.phaseReleaseFailed, { error: problemText(e) }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="nws-phase__release" data-phase-release>
      {asking ? (
        <div role="group" aria-label={filtering ? t.phaseReleaseShown : t.phaseRelease}>
          <p>
            <strong>{plural(locale, count, { one: t.phaseReleaseAskOne, other: t.phaseReleaseAskOther })}</strong> {t.phaseReleaseHint}
          </p>
          <button type="button" className="nws-button nws-button--small" aria-busy={busy || undefined} disabled={busy} onClick={() => void release()}>
            {t.phaseReleaseConfirm}
          </button>{' '}
          <button type="button" className="nws-button nws-button--secondary nws-button--small" disabled={busy} onClick={() => setAsking(false)}>
            {t.phaseReleaseCancel}
          </button>
        </div>
      ) : (
        count > 0 && (
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => {
              setSaid(null)
              setAsking(true)
            }}>
            {filtering ? t.phaseReleaseShown : t.phaseRelease}
          </button>
        )
      )}
      <p role="status" className="nws-muted">
        {said ?? ''}
      </p>
      <FormError error={error} />
    </div>
  )
}

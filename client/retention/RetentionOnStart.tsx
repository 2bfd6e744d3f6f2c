/**
 * The start page's „Bald gelöscht“: the boards and networks this browser knows whose deletion is
 * within 30 days, each with „Behalten“. Asking the server for the dates is no use of anything, so
 * a person sees the date before a visit of theirs would have moved it.
 */
import { useEffect, useState } from 'react'
import { isAnnounced } from '../../shared/retentionApi.ts'
import { t } from '../locale.ts'
import { readKnownNetworks } from '../network/knownNetworks.ts'
import { bestAccess, readRecentBoards } from '../recentBoards.ts'
import { lookupRetention } from './retentionCalls.ts'
import { RetentionNotice, type RetentionTarget } from './RetentionNotice.tsx'

interface Announced {
  target: RetentionTarget
  name: string
  deleteAfter: string
}

export function RetentionOnStart() {
  const [announced, setAnnounced] = useState<Announced[]>([])
  useEffect(() => {
    const boards = readRecentBoards(localStorage).flatMap((b) => {
      const access = bestAccess(b)
      return access ? [{ id: b.id, token: access.token, name: b.title || b.id }] : []
    })
    const networks = readKnownNetworks(localStorage).map((n) => ({ id: n.id, token: n.token, name: n.name }))
    if (boards.length === 0 && networks.length === 0) return
    let cancelled = false
    const strip = ({ id, token }: { id: string; token: string }) => ({ id, token })
    lookupRetention({ boards: boards.map(strip), networks: networks.map(strip) }).then(
      (dates) => {
        if (cancelled) return
        const pick = (kind: RetentionTarget['kind'], known: typeof boards, answered: typeof dates.boards) =>
          answered.flatMap(({ id, deleteAfter }) => {
            const entry = known.find((k) => k.id === id)
            return entry && deleteAfter && isAnnounced(deleteAfter) ? [{ target: { kind, id, token: entry.token }, name: entry.name, deleteAfter }] : []
          })
        const found = [...pick('network', networks, dates.networks), ...pick('board', boards, dates.boards)]
        setAnnounced(found.sort((a, b) => a.deleteAfter.localeCompare(b.deleteAfter)))
      },
      // An older server or none: nothing to announce.
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [])
  if (announced.length === 0) return null
  return (
    <section className="nws-card nws-retention-start" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t.retentionStartHeading}</h2>
      <ul className="nws-retention-list">
        {announced.map(({ target, name, deleteAfter }) => (
          <RetentionNotice
            key={`${target.kind}:${target.id}`}
            as="li"
            target={target}
            deleteAfter={deleteAfter}
            text={target.kind === 'board' ? t.retentionSoonBoard : t.retentionSoonNetwork}
            values={{ title: name }}
          />
        ))}
      </ul>
      <p className="nws-muted nws-small">{t.retentionStartNote}</p>
    </section>
  )
}

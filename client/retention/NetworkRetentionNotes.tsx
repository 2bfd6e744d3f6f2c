/**
 * On the Fahrplan: the announcement when the network's boards go within 30 days (with a short
 * BOARD_RETENTION_DAYS: reading the Fahrplan is a use, so otherwise it is never that close), and
 * what retention took from the network, each in the words „Board … am … gelöscht: Aufbewahrungsfrist“,
 * and the archives of those boards it still keeps (`KeptArchiveDownloads.tsx`).
 */
import type { NetworkRetention } from '../../shared/retentionApi.ts'
import { isAnnounced } from '../../shared/retentionApi.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { RetentionNotice, retentionDate } from './RetentionNotice.tsx'
import { KeptArchiveDownloads } from './KeptArchiveDownloads.tsx'

export function NetworkRetentionNotes({ network, retention }: { network: { id: string; token: string; name: string }; retention: NetworkRetention | undefined }) {
  if (!retention) return null
  const { deleteAfter, deleted } = retention
  return (
    <>
      {deleteAfter && isAnnounced(deleteAfter) && (
        <RetentionNotice
          className="nws-retention--fahrplan"
          target={{ kind: 'network', id: network.id, token: network.token }}
          deleteAfter={deleteAfter}
          text={t.retentionSoonThisNetwork}
        />
      )}
      {deleted.length > 0 && (
        <section className="nws-retention-tombstones" aria-labelledby="retention-deleted-heading">
          <h2 id="retention-deleted-heading">{t.retentionDeletedHeading}</h2>
          <ul>
            {deleted.map((gone, i) => (
              <li key={i} data-tombstone>
                {/* No title where the board could not be read before it went (a case board shows none it was not checked for). */}
                {gone.title ? format(t.retentionTombstone, { title: gone.title, date: retentionDate(gone.deletedAt) }) : format(t.retentionTombstoneUntitled, { date: retentionDate(gone.deletedAt) })}
              </li>
            ))}
          </ul>
          <KeptArchiveDownloads network={network} archives={retention.archives ?? []} />
        </section>
      )}
    </>
  )
}

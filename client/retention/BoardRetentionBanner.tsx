/**
 * On the board: the announcement when it goes within 30 days. Opening the board is a use, so the
 * date is at least the retention days from now: only a short BOARD_RETENTION_DAYS brings it this
 * close (or a network's date, counted from the network's use). Closed with ×, for this visit.
 */
import { useState } from 'react'
import { isAnnounced } from '../../shared/retentionApi.ts'
import { t } from '../locale.ts'
import { RetentionNotice } from './RetentionNotice.tsx'

const dayMs = 24 * 60 * 60_000

/** The date after this visit: the server's, or the retention days from now if that is later. */
export const dateAfterVisit = (deleteAfter: string | null | undefined, retentionDays: number | null | undefined, now = Date.now()) => {
  if (!deleteAfter || !retentionDays) return null
  return new Date(Math.max(Date.parse(deleteAfter), now + retentionDays * dayMs)).toISOString()
}

export function BoardRetentionBanner(props: { boardId: string; token: string; deleteAfter: string | null | undefined; retentionDays: number | null | undefined }) {
  const [date] = useState(() => dateAfterVisit(props.deleteAfter, props.retentionDays))
  const [closed, setClosed] = useState(false)
  if (closed || !date || !isAnnounced(date)) return null
  return (
    <div className="nws-retention-banner">
      <RetentionNotice target={{ kind: 'board', id: props.boardId, token: props.token }} deleteAfter={date} text={t.retentionSoonThisBoard} />
      <button type="button" className="nws-icon-button" aria-label={t.retentionClose} title={t.retentionClose} onClick={() => setClosed(true)}>
        ×
      </button>
    </div>
  )
}

/**
 * What retention keeps of a network's boards for a while after deleting them
 * (`server/ops/retentionArchive.ts`): each board as its board archive (`docs/board-archive.md`),
 * kept in the database itself so that every relay process of a PostgreSQL deployment finds it,
 * until `keepUntil` (RETENTION_ARCHIVE_DAYS); then it goes too. Archives go with their network.
 *
 * And which warnings of a coming deletion went out (`server/ops/retentionWarnings.ts`): one row
 * per network and kind, with the deletion date it warned of, so that several relay processes
 * send one mail per network and date, and one log line a day.
 */

/** A board retention deleted from a network, as its archive is listed (without the archive's bytes). */
export interface RetentionArchiveEntry {
  networkId: string
  boardId: string
  /** The title the network's list showed (a case board's as its rule gives it). */
  title: string
  phase: string
  /** The board's links needed a sign-in: so does its archive. */
  signInRequired: boolean
  archivedAt: string
  /** ISO timestamp after which the archive is deleted. */
  keepUntil: string
  bytes: number
}

/** Which warning: the mail to the coordinator, the operator's log line. */
export type RetentionNoticeKind = 'mail' | 'log'

export interface RetentionArchives {
  /** Keeps a deleted board's archive (one per board: a second replaces the first). */
  putRetentionArchive(entry: Omit<RetentionArchiveEntry, 'bytes'>, archive: Uint8Array): Promise<void>
  /** The network's archives still kept at `now`, in the order their boards were deleted (one sweep's by title). */
  retentionArchives(networkId: string, now: string): Promise<RetentionArchiveEntry[]>
  /** One archive still kept at `now`, with its bytes; undefined if there is none. */
  retentionArchive(networkId: string, boardId: string, now: string): Promise<{ entry: RetentionArchiveEntry; archive: Uint8Array } | undefined>
  /** Deletes every archive kept until `now` or earlier; how many. */
  dropRetentionArchives(now: string): Promise<number>
  /**
   * Takes the warning of `kind` for the network's deletion on `deleteAfter`: true unless one of
   * that kind for that date was taken at `since` or later (`since` null: ever).
   */
  claimRetentionNotice(networkId: string, kind: RetentionNoticeKind, deleteAfter: string, at: string, since: string | null): Promise<boolean>
  /** Gives a taken warning back (its mail was refused): the next sweep tries again. */
  releaseRetentionNotice(networkId: string, kind: RetentionNoticeKind): Promise<void>
}

/** A `retention_archives` row (without its bytes) as both databases return it. */
export interface RetentionArchiveRow {
  network_id: string
  board_id: string
  title: string
  phase: string
  sign_in_required: boolean | number
  archived_at: string
  keep_until: string
  bytes: number | string
}

export const retentionArchiveEntry = (row: RetentionArchiveRow): RetentionArchiveEntry => ({
  networkId: row.network_id,
  boardId: row.board_id,
  title: row.title,
  phase: row.phase,
  signInRequired: row.sign_in_required === true || row.sign_in_required === 1,
  archivedAt: row.archived_at,
  keepUntil: row.keep_until,
  bytes: Number(row.bytes),
})

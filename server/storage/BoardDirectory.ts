/** Which boards there are: their titles, dates and settings, and an operator's view of their sizes. */
import type { Role } from '../../shared/access.ts'

export interface BoardRecord {
  id: string
  title: string
  createdAt: string
  /** When someone last opened it (connected); unset until the first time. */
  lastUsedAt?: string
  /** When someone last changed it (about: noted at most every few minutes, `boardChanges.ts`); unset until then. */
  changedAt?: string
  /** Set by a facilitator: every link also needs a sign-in of an allowed group (`boardSignIn.ts`). */
  signInRequired?: boolean
  /**
   * Whether the read-only link may export: the board's `facilitation/exports` as last written
   * (`server/judge/exportSetting.ts`), kept here so that a refusal needs no read of the document.
   * Unset: not known here (a board stored before this was kept); its document says.
   */
  observersMayExport?: boolean
}

/** A `boards` row as both databases return it (SQLite stores the flag as 0/1, PostgreSQL as a boolean). */
export interface BoardRow {
  id: string
  title: string
  created_at: string
  last_used_at: string | null
  changed_at: string | null
  sign_in_required: boolean | number
  observers_may_export: boolean | number | null
}

export function boardRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    ...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}),
    ...(row.changed_at ? { changedAt: row.changed_at } : {}),
    ...(row.sign_in_required ? { signInRequired: true } : {}),
    ...(row.observers_may_export === null ? {} : { observersMayExport: Boolean(row.observers_may_export) }),
  }
}

/** What an operator sees of a board: sizes and dates, not its title or contents. */
export interface BoardStats {
  id: string
  createdAt: string
  lastUsedAt: string | null
  /** Document (snapshot and updates), versions and assets together. */
  bytes: number
  assets: number
  versions: number
}

/** SHA-256 hashes of a board's three access tokens; the tokens themselves are never stored. */
export type TokenHashes = Record<Role, string>

export interface BoardDirectory {
  /**
   * Creates the board with its token hashes and, if given, its first document state (a
   * template) and the export setting that state holds (`observersMayExport`), atomically.
   */
  createBoard(board: BoardRecord, tokenHashes: TokenHashes, initialState?: Uint8Array): Promise<void>
  getBoard(id: string): Promise<BoardRecord | undefined>
  listBoards(): Promise<BoardRecord[]>
  /** Every board's sizes, oldest first. */
  boardStats(): Promise<BoardStats[]>
  /** Notes that someone used the board now (retention counts from the last use). */
  touchBoard(id: string, at: string): Promise<void>
  /** Notes that someone changed the board then (the Fahrplan's „zuletzt bearbeitet“); never moves it back. */
  noteBoardChanged(id: string, at: string): Promise<void>
  /** Whether the board's links also need a sign-in (a server-side setting, not in the document). */
  setSignInRequired(id: string, required: boolean): Promise<void>
  /** Notes the board's export setting for the read-only link (`BoardRecord.observersMayExport`); writes only if it differs. */
  setObserversMayExport(id: string, allowed: boolean): Promise<void>
  /** Boards nobody has used since `before` (never used: created before it). */
  boardsUnusedSince(before: string): Promise<string[]>
}

/**
 * Where boards live: the embedded SQLite file by default, PostgreSQL with DATABASE_URL. Every
 * call is asynchronous, as a database server's are; the relay still stores each update before it
 * applies and forwards it (`Room.ts` keeps one queue per board for that).
 */
import type { Role } from '../../shared/access.ts'

export interface BoardRecord {
  id: string
  title: string
  createdAt: string
  /** When someone last opened it (connected); unset until the first time. */
  lastUsedAt?: string
  /** Set by a facilitator: every link also needs a sign-in of an allowed group (`boardSignIn.ts`). */
  signInRequired?: boolean
}

/** A `boards` row as both databases return it (SQLite stores the flag as 0/1, PostgreSQL as a boolean). */
export interface BoardRow {
  id: string
  title: string
  created_at: string
  last_used_at: string | null
  sign_in_required: boolean | number
}

export function boardRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    ...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}),
    ...(row.sign_in_required ? { signInRequired: true } : {}),
  }
}

export interface StoredDocument {
  /** The last compacted state, or null for a board that was never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the newest stored update (0 if none). */
  lastSeq: number
}

/** A saved state of a board: automatic (`name` null) or named by the facilitator. */
export interface VersionRecord {
  id: string
  createdAt: string
  name: string | null
}

export interface StoredAsset {
  mimeType: string
  data: Uint8Array<ArrayBuffer>
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

/** A join code for one role of a board: its hash, and that role's link sealed with the code. */
export interface JoinCodeRecord {
  boardId: string
  role: Role
  codeHash: string
  sealedLink: Uint8Array
  expiresAt: string
}

/**
 * One row of the audit trail (`server/audit.ts`): when, what, on which board and by whom, as a
 * pseudonym. Never a name, a token or anything of a board's content.
 */
export interface AuditEntry {
  at: string
  action: string
  /** The board's id; a board's deletion keeps only a hash of it; null for actions on no board. */
  board: string | null
  actor: string
}

/**
 * A sign-in (`server/auth/sessions.ts`) or a sign-in under way at the OpenID Connect provider,
 * under the SHA-256 hash of the id its cookie carries; the id itself is never stored.
 */
export interface SessionRecord {
  idHash: string
  kind: 'session' | 'pending-login'
  /** JSON of what the sign-in needs; no password, no board token. */
  data: string
  expiresAt: string
}

/** SHA-256 hashes of a board's three access tokens; the tokens themselves are never stored. */
export type TokenHashes = Record<Role, string>

export interface Storage {
  /**
   * Creates the board with its token hashes and, if given, its first document state (a
   * template), atomically.
   */
  createBoard(board: BoardRecord, tokenHashes: TokenHashes, initialState?: Uint8Array): Promise<void>
  getBoard(id: string): Promise<BoardRecord | undefined>
  listBoards(): Promise<BoardRecord[]>
  /** Every board's sizes, oldest first. */
  boardStats(): Promise<BoardStats[]>
  /** Removes the board with its document and assets, and the audit rows that name it. */
  deleteBoard(id: string): Promise<void>
  /** Notes that someone used the board now (retention counts from the last use). */
  touchBoard(id: string, at: string): Promise<void>
  /** Whether the board's links also need a sign-in (a server-side setting, not in the document). */
  setSignInRequired(id: string, required: boolean): Promise<void>
  /** Boards nobody has used since `before` (never used: created before it). */
  boardsUnusedSince(before: string): Promise<string[]>

  /** The role whose token has this hash on this board. */
  roleForTokenHash(boardId: string, hash: string): Promise<Role | undefined>
  /** Replaces a role's token (the old one stops working, and the link kept for it is dropped). */
  replaceTokenHash(boardId: string, role: Role, hash: string): Promise<void>
  /**
   * Keeps the role's link sealed for facilitators (`keptLinks.ts`), if `hash` is still the role's
   * token hash; false if the link was replaced meanwhile.
   */
  keepSealedLink(boardId: string, role: Role, hash: string, sealed: Uint8Array): Promise<boolean>
  sealedLink(boardId: string, role: Role): Promise<Uint8Array | undefined>
  /** Sets the role's join code, replacing the one before. */
  putJoinCode(code: JoinCodeRecord): Promise<void>
  findJoinCode(codeHash: string): Promise<JoinCodeRecord | undefined>
  /** Removes join codes that expired before `now`; returns how many. */
  dropExpiredJoinCodes(now: string): Promise<number>

  putSession(session: SessionRecord): Promise<void>
  /** The session of this kind under this hash, unless it expired before `now`. */
  findSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined>
  /** Like `findSession`, and removes it in the same step: a pending login is used once. */
  takeSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined>
  deleteSession(idHash: string): Promise<void>
  /** Removes sessions that expired before `now`; returns how many. */
  dropExpiredSessions(now: string): Promise<number>

  loadDocument(boardId: string): Promise<StoredDocument>
  /**
   * Bytes of what `loadDocument` would return (the snapshot and the updates after it), without
   * reading them: a board too large to open is refused before it is decoded.
   */
  documentBytes(boardId: string): Promise<number>
  /** Durably appends one Yjs update; returns its sequence number. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>
  /** Replaces the snapshot and drops every update up to and including `upToSeq`, atomically. */
  compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>

  putAsset(boardId: string, assetId: string, asset: StoredAsset): Promise<void>
  getAsset(boardId: string, assetId: string): Promise<StoredAsset | undefined>
  /** Bytes of all the board's assets together. */
  assetBytes(boardId: string): Promise<number>

  /**
   * Secret ballots of the board's current vote, by voter id (`votesApi.ts`); `null` removes one.
   * Ballots of any other vote of the board are dropped at the same time: only one vote is open.
   */
  putBallot(boardId: string, voteId: string, voter: string, ballot: string | null): Promise<void>
  ballot(boardId: string, voteId: string, voter: string): Promise<string | undefined>
  ballots(boardId: string, voteId: string): Promise<string[]>
  /** Forgets the board's ballots, except those of `keepVoteId` (after a reveal only counts remain). */
  deleteBallots(boardId: string, keepVoteId?: string): Promise<void>

  /**
   * Notes written privately in the board's open round, per author (`privateApi.ts`): JSON of
   * the author's whole list; `null` removes it. Notes of any other round are dropped meanwhile.
   */
  putPrivateNotes(boardId: string, roundId: string, author: string, notes: string | null): Promise<void>
  privateNotes(boardId: string, roundId: string): Promise<{ author: string; notes: string }[]>
  /** Forgets the board's private notes (after the reveal wrote them into the board). */
  deletePrivateNotes(boardId: string): Promise<void>

  /** Saves a state of the board as a version (a Yjs update holding the whole document). */
  putVersion(boardId: string, version: VersionRecord, state: Uint8Array): Promise<void>
  /** The board's versions, newest first. */
  listVersions(boardId: string): Promise<VersionRecord[]>
  versionState(boardId: string, versionId: string): Promise<Uint8Array | undefined>
  /** Drops automatic versions beyond the newest `keep`, and those created before `before`. */
  pruneVersions(boardId: string, keep: number, before: string): Promise<void>

  /** A trivial query (`SELECT 1`): whether the database answers at all, for readiness. */
  ping(): Promise<void>
  /** Appends a row to the audit trail; rows are never changed. */
  appendAudit(entry: AuditEntry): Promise<void>
  /** The audit trail oldest first, of the given boards (ids or hashes) and from `since` on, if given. */
  listAudit(filter?: { boards?: string[]; since?: string }): Promise<AuditEntry[]>
  /** Drops audit rows older than `before` (AUDIT_RETENTION_DAYS); returns how many. */
  dropAuditBefore(before: string): Promise<number>

  close(): Promise<void>
}

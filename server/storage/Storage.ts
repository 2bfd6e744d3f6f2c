/**
 * Where boards live: the embedded SQLite file by default, PostgreSQL with DATABASE_URL. Every
 * call is asynchronous, as a database server's are; the relay still stores each update before it
 * applies and forwards it (`Room.ts` keeps one queue per board for that).
 *
 * `Storage` is composed of one small interface per concern (each with its contract suite in
 * `test/helpers/storageContract/`); what spans them all (deleting a board, readiness, closing)
 * is declared here. Each backend implements the concerns in modules of the same names
 * (`sqlite/`, `postgres/`) on its one connection.
 */
import type { AuditLog } from './AuditLog.ts'
import type { Ballots } from './Ballots.ts'
import type { BoardAssets } from './BoardAssets.ts'
import type { BoardDirectory } from './BoardDirectory.ts'
import type { BoardLinks } from './BoardLinks.ts'
import type { ClientIds } from './ClientIds.ts'
import type { DocumentLog } from './DocumentLog.ts'
import type { Networks } from './Networks.ts'
import type { NetworkDigests } from './NetworkDigests.ts'
import type { NetworkLinks } from './NetworkLinks.ts'
import type { PrivateNotes } from './PrivateNotes.ts'
import type { RetentionArchives } from './RetentionArchives.ts'
import type { RetentionSchedule } from './RetentionSchedule.ts'
import type { Sessions } from './Sessions.ts'
import type { Versions } from './Versions.ts'

export type { AuditEntry, AuditLog } from './AuditLog.ts'
export type { Ballots } from './Ballots.ts'
export type { BoardAssets, StoredAsset } from './BoardAssets.ts'
export { boardRecord, type BoardDirectory, type BoardRecord, type BoardRow, type BoardStats, type TokenHashes } from './BoardDirectory.ts'
export type { BoardLinks, JoinCodeRecord } from './BoardLinks.ts'
export type { ClientIds } from './ClientIds.ts'
export type { DocumentLog, StoredDocument } from './DocumentLog.ts'
export type { AddNetworkBoardResult, NetworkBoardRecord, NetworkRecord, Networks, StoredNetwork } from './Networks.ts'
export type { DigestSubscription, NetworkDigests } from './NetworkDigests.ts'
export type { NetworkLinks, ResealedBoard, StoredPackLink } from './NetworkLinks.ts'
export type { PrivateNotes } from './PrivateNotes.ts'
export type { NetworkTombstone, RetentionEntry, RetentionSchedule } from './RetentionSchedule.ts'
export type { RetentionArchiveEntry, RetentionArchives, RetentionNoticeKind } from './RetentionArchives.ts'
export type { SessionRecord, Sessions } from './Sessions.ts'
export type { Versions, VersionRecord } from './Versions.ts'

/** Every concern of a store, one interface each. */
export interface StorageConcerns extends DocumentLog, BoardAssets, BoardDirectory, BoardLinks, Ballots, PrivateNotes, Versions, Sessions, AuditLog, Networks, ClientIds, RetentionSchedule, RetentionArchives, NetworkDigests, NetworkLinks {}

/** A backend's parts, one per concern, by name: a backend that leaves one out does not compile. */
export interface StorageParts {
  readonly documents: DocumentLog
  readonly assets: BoardAssets
  readonly directory: BoardDirectory
  readonly links: BoardLinks
  readonly ballots: Ballots
  readonly privateNotes: PrivateNotes
  readonly versions: Versions
  readonly sessions: Sessions
  readonly audit: AuditLog
  readonly networks: Networks
  readonly clientIds: ClientIds
  readonly retention: RetentionSchedule
  readonly retentionArchives: RetentionArchives
  readonly digests: NetworkDigests
  readonly networkLinks: NetworkLinks
}

/** Deleting a board spans every concern that names it. */
export interface BoardRemoval {
  /** Removes the board with its document and assets, its place in a network, its client ids' holders, and the audit rows that name it. */
  deleteBoard(id: string): Promise<void>
}

export interface Storage extends StorageConcerns, BoardRemoval {
  /** A trivial query (`SELECT 1`): whether the database answers at all, for readiness. */
  ping(): Promise<void>
  close(): Promise<void>
}

/** Saved states of a board (`versionPolicy.ts`, `versionsApi.ts`), each the whole document. */

/** A saved state of a board: automatic (`name` null) or named by the facilitator. */
export interface VersionRecord {
  id: string
  createdAt: string
  name: string | null
}

export interface Versions {
  /** Saves a state of the board as a version (a Yjs update holding the whole document). */
  putVersion(boardId: string, version: VersionRecord, state: Uint8Array): Promise<void>
  /** The board's versions, newest first. */
  listVersions(boardId: string): Promise<VersionRecord[]>
  versionState(boardId: string, versionId: string): Promise<Uint8Array | undefined>
  /** Drops automatic versions beyond the newest `keep`, and those created before `before`. */
  pruneVersions(boardId: string, keep: number, before: string): Promise<void>
  /** Deletes one version, named or not (a case removed after a withdrawn consent); gone means gone. */
  deleteVersion(boardId: string, versionId: string): Promise<void>
}

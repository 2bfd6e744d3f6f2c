/**
 * Where boards live. Synchronous on purpose: the embedded default (better-sqlite3) is, and a
 * synchronous append lets the relay store an update before it forwards it with no queue and no
 * race between a room unloading and a client reconnecting.
 */
export interface BoardRecord {
  id: string
  title: string
  createdAt: string
}

export interface StoredDocument {
  /** The last compacted state, or null for a board that was never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the newest stored update (0 if none). */
  lastSeq: number
}

export interface StoredAsset {
  mimeType: string
  data: Uint8Array<ArrayBuffer>
}

export interface Storage {
  /** Creates the board, with its first document state if given (a template), atomically. */
  createBoard(board: BoardRecord, initialState?: Uint8Array): void
  getBoard(id: string): BoardRecord | undefined
  listBoards(): BoardRecord[]
  /** Removes the board with its document and assets. */
  deleteBoard(id: string): void

  loadDocument(boardId: string): StoredDocument
  /** Durably appends one Yjs update; returns its sequence number. */
  appendUpdate(boardId: string, update: Uint8Array): number
  /** Replaces the snapshot and drops every update up to and including `upToSeq`, atomically. */
  compact(boardId: string, snapshot: Uint8Array, upToSeq: number): void

  putAsset(boardId: string, assetId: string, asset: StoredAsset): void
  getAsset(boardId: string, assetId: string): StoredAsset | undefined

  close(): void
}

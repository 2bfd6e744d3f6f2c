/**
 * A board's Yjs document as it is stored: a snapshot and the updates appended after it, as
 * y-redis keeps its `AbstractStorage` to a document's state and little else.
 */

export interface StoredDocument {
  /** The last compacted state, or null for a board that was never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the newest stored update (0 if none). */
  lastSeq: number
}

export interface DocumentLog {
  loadDocument(boardId: string): Promise<StoredDocument>
  /**
   * Bytes of what `loadDocument` would return (the snapshot and the updates after it), without
   * reading them: a board too large to open is refused before it is decoded.
   */
  documentBytes(boardId: string): Promise<number>
  /**
   * A mark that changes whenever what `loadDocument` returns changes (an update appended, a
   * snapshot written), read without the document: what a summary of the board is kept against
   * (`networkBoardSummaries.ts`). Sequence numbers are never reused, so an equal mark is the
   * same stored board. Empty for a board with nothing stored.
   */
  documentMark(boardId: string): Promise<string>
  /** Durably appends one Yjs update; returns its sequence number. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>
  /** Replaces the snapshot and drops every update up to and including `upToSeq`, atomically. */
  compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>
}

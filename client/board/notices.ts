/** Messages from non-React code (uploads, refused changes) to the toasts inside the editor. */
export type Notice =
  | { kind: 'file-too-large'; maxBytes: number }
  | { kind: 'board-space-full' }
  | { kind: 'upload-failed' }
  | { kind: 'upload-offline' }
  /** Deleting others' notes was refused: they are protected. */
  | { kind: 'notes-protected'; count: number }
  /** Making another's shape fainter, smaller, white, clipped or carried off the board was refused. */
  | { kind: 'kept-in-sight' }
  /** Re-pointing another's arrow, or moving its free end, was refused. */
  | { kind: 'arrow-kept' }
  /** A shape was kept out of a Fallkonferenz's case cells: they wait for the recorded confirmations. */
  | { kind: 'case-shut' }
  | { kind: 'page-delete-refused' }
  /** Someone changed a Zettel's text unseen while this browser did too: its text now lies beside. */
  | { kind: 'text-kept-beside' }

export interface Notices {
  emit(notice: Notice): void
  subscribe(listener: (notice: Notice) => void): () => void
}

export function createNotices(): Notices {
  const listeners = new Set<(notice: Notice) => void>()
  return {
    emit: (notice) => listeners.forEach((listener) => listener(notice)),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

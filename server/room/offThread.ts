/**
 * A big board's copies and encodings, made in worker threads from storage (`offThreadRestore.ts`);
 * a small board's here, where that costs less than a worker's round trip. Only from work in the
 * room's write queue, where storage holds exactly what the board does: every change is stored
 * before it is applied.
 */
import * as Y from 'yjs'
import type { BoardSize } from '../judge/boardBudget.ts'
import { describeError, type Logger } from '../base/logger.ts'
import { restoreHereBelowBytes, restoreHereBelowClients, restoreOffThread, type RestoreInWorker } from './offThreadRestore.ts'
import type { Storage, StoredDocument } from '../storage/Storage.ts'

export interface OffThreadSettings {
  /** Restores big boards in a worker thread; on the relay's thread if unset. */
  restoreInWorker?: RestoreInWorker
  /**
   * Encodes a big stored board as one update in a worker thread (compaction, versions), and says
   * whether it opens as it is (`openingChanges.ts`); on the relay's thread if unset.
   */
  encodeInWorker?: (boardId: string, stored: StoredDocument) => Promise<EncodedInWorker>
  /** Starts the thread `encodeInWorker` uses, if it is not running yet; resolves once it listens. */
  warmWorker?: () => Promise<void>
}

/** A board as one update; `checked`: its digest when it opens as it is, taken in the worker (`checkedSnapshots.ts`), else null. */
export interface EncodedInWorker {
  state: Uint8Array
  checked: string | null
}

export class OffThread {
  constructor(
    private readonly boardId: string,
    private readonly doc: Y.Doc,
    private readonly storage: Pick<Storage, 'loadDocument'>,
    private readonly settings: OffThreadSettings,
    private readonly logger: Logger,
    private readonly size: BoardSize,
  ) {}

  /** Whether decoding or encoding the board here costs less than a worker's round trip. */
  private get cheapHere(): boolean {
    return this.size.bytes < restoreHereBelowBytes && this.doc.store.clients.size < restoreHereBelowClients
  }

  /**
   * Before work in the write queue that will encode the board: the thread started outside the
   * queue, so that the board's writes do not wait for it to start (half a second, on a fresh relay).
   */
  async prepareEncode(): Promise<void> {
    if (!this.settings.encodeInWorker || !this.settings.warmWorker || this.cheapHere) return
    // A favour: whatever goes wrong here, `encode` finds its way (the worker, else this thread).
    await this.settings.warmWorker().catch((error: unknown) => this.logger.warn('board-load thread not warmed', { board: this.boardId, ...describeError(error) }))
  }

  /** The board as one update: for a big board encoded in a worker (160 ms of the relay's thread for 15,000 notes). */
  async encode(): Promise<Uint8Array> {
    return (await this.encodeChecked()).state
  }

  /**
   * The board as one update, and its digest if it opens as it is: known for a big board, whose
   * worker asks (`boardLoadJobs.ts`); null when encoded here, where asking would hold the thread.
   */
  async encodeChecked(): Promise<EncodedInWorker> {
    const { encodeInWorker } = this.settings
    if (encodeInWorker && !this.cheapHere) {
      try {
        return await encodeInWorker(this.boardId, await this.storage.loadDocument(this.boardId))
      } catch (error) {
        this.logger.warn('board not encoded off the thread', { board: this.boardId, ...describeError(error) })
      }
    }
    return { state: Y.encodeStateAsUpdate(this.doc), checked: null }
  }

  /** A copy of a big board for the rehearsal; null for a small board, which the rehearsal copies at once. */
  async restoreCopy(): Promise<Y.Doc | null> {
    const { restoreInWorker } = this.settings
    if (!restoreInWorker || this.cheapHere) return null
    const read = () => this.storage.loadDocument(this.boardId)
    try {
      const { doc } = await restoreOffThread(this.boardId, await read(), { inWorker: restoreInWorker, reread: read, logger: this.logger })
      return doc
    } catch (error) {
      // The worker is busy or failed: the copy is made here, as it was before.
      this.logger.warn('rehearsal copy not restored off the thread', { board: this.boardId, ...describeError(error) })
      return null
    }
  }
}

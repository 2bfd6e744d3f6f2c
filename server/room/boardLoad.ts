/**
 * A board read from storage for a room (`Room.load`): refused before it is read when over the
 * budget, restored (big boards off the relay's thread), and upgraded to the current format once,
 * here, so clients only ever meet the current format.
 */
import * as Y from 'yjs'
import { upgradeFormat } from '../../shared/board/records.ts'
import { encodeSyncStep2 } from '../../shared/protocol.ts'
import { formatVersion } from '../../shared/board/ydoc.ts'
import { BoardSize, BoardTooLarge } from '../judge/boardBudget.ts'
import type { Logger } from '../base/logger.ts'
import { cheapToRestoreHere, restoreOffThread, type RestoreInWorker } from './offThreadRestore.ts'
import type { CheckedSnapshots } from './checkedSnapshots.ts'
import type { DocumentLog } from '../storage/Storage.ts'

export interface LoadedBoard {
  doc: Y.Doc
  lastSeq: number
  updatesSinceCompact: number
  size: BoardSize
  /** The board as joiners receive it (a sync step 2 message), if the restore encoded it (`fullStateCache.ts`). */
  full: Uint8Array | null
}

export interface LoadOptions {
  maxBoardBytes?: number
  restoreInWorker?: RestoreInWorker
  /**
   * The board as joiners receive it (a sync step 2 message), as soon as it is known before the
   * load is through: a big board restored in its worker, which opening changes nothing of (`openingChanges.ts`). It is the
   * `LoadedBoard.full` the load then returns, unless the load fails.
   */
  readable?: (answer: Uint8Array) => void
  /** Snapshots this process knows open as they are: such a board is `readable` as soon as it is read (`checkedSnapshots.ts`). */
  checkedSnapshots?: CheckedSnapshots
}

export async function loadBoard(
  boardId: string,
  storage: DocumentLog,
  options: LoadOptions,
  logger: Logger,
): Promise<LoadedBoard> {
    // Refused before it is read: decoding a board of gigabytes would take the relay down.
    const bytes = await storage.documentBytes(boardId)
    if (bytes > (options.maxBoardBytes ?? Infinity)) {
      logger.warn('board over budget: not opened', { board: boardId, bytes, maxBoardBytes: options.maxBoardBytes })
      throw new BoardTooLarge(bytes, options.maxBoardBytes!)
    }
    const stored = await storage.loadDocument(boardId)
    const size = new BoardSize(options.maxBoardBytes ?? Infinity, stored)
    let lastSeq = stored.lastSeq
    let updatesSinceCompact = stored.updates.length
    // Big boards are decoded in a worker and applied in slices: the first socket on a board of 15,000 notes held every board for a second.
    // One message for early and later joiners: its deflated frame is shared too (`sharedDeflate.ts`).
    let answer: { full: Uint8Array; message: Uint8Array } | null = null
    const answerFor = (full: Uint8Array) => (answer?.full === full ? answer : (answer = { full, message: encodeSyncStep2(full) })).message
    const { readable, checkedSnapshots } = options
    // Before the stored bytes move to the worker. A board restored here is open before an early answer would help.
    const mayCheck = !!checkedSnapshots && !!options.restoreInWorker && !!stored.snapshot && stored.updates.length === 0 && !cheapToRestoreHere(stored)
    // Stored as a snapshot this process checked: sent as read (the message is a copy: the bytes move on).
    const ahead = readable && mayCheck && checkedSnapshots!.opensAsIs(boardId, stored) ? answerFor(stored.snapshot!) : null
    if (ahead) readable!(ahead)
    // Read again after the worker failed: the doc need not be what was read first, nor what was sent ahead.
    let reread = false
    const { doc, skipped, full, checked } = await restoreOffThread(boardId, stored, {
      inWorker: options.restoreInWorker,
      reread: () => ((reread = true), storage.loadDocument(boardId)),
      logger,
      readable: readable && ((full) => {
        if (!ahead) readable(answerFor(full))
      }),
    })
    if (skipped > 0) logger.warn('stored updates skipped on load', { board: boardId, skipped })
    if (mayCheck) {
      // The worker found the stored snapshot opens as it is and is the board's own encoding.
      if (checked && full && !reread) checkedSnapshots!.remember(boardId, full.byteLength, checked)
      else checkedSnapshots!.forget(boardId)
    }
    // Upgraded once, here, so clients only ever meet the current format. If storing the
    // upgrade fails, or it does not fit the board, the room does not open: the doc would hold what storage does not.
    const upgrade = updateOf(doc, () => upgradeFormat(doc))
    if (upgrade) {
      try {
        if (size.fits(upgrade)) {
          lastSeq = await storage.appendUpdate(boardId, upgrade)
          updatesSinceCompact++
          size.stored(upgrade)
        } else {
          // As a write does on a full board: the stored log may hold far more than the board, so
          // the upgraded board is stored compacted, if that fits. Rare (an old board near its limit): encoded here.
          const snapshot = Y.encodeStateAsUpdate(doc)
          if (snapshot.byteLength > size.maxBytes) throw new BoardTooLarge(snapshot.byteLength, size.maxBytes)
          await storage.compact(boardId, snapshot, lastSeq)
          updatesSinceCompact = 0
          size.compacted(snapshot.byteLength)
        }
      } catch (error) {
        doc.destroy()
        throw error
      }
      logger.info('board upgraded', { board: boardId, formatVersion })
    }
    // Sent ahead, the snapshot is the board as joiners receive it: the room continues from that very message.
    // Read again, the room answers from its doc: joiners sent ahead are brought to it (`fullStateCache.ts` `since`).
    return { doc, lastSeq, updatesSinceCompact, size, full: upgrade || reread ? null : (ahead ?? (full ? answerFor(full) : null)) }
}

/** The update a change to the doc makes, or null if it changed nothing. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array | null {
  let update: Uint8Array | null = null
  const capture = (u: Uint8Array) => {
    update = update ? Y.mergeUpdates([update, u]) : u
  }
  doc.on('update', capture)
  try {
    change()
  } finally {
    doc.off('update', capture)
  }
  return update
}


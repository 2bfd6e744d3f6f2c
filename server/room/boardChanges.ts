/**
 * When a board was last changed, for a network's Fahrplan („zuletzt bearbeitet am …“): a room
 * notes it in storage after a stored change by someone on the board, at most once per interval, so
 * a busy workshop costs one small write every few minutes rather than one per keystroke. The
 * Fahrplan shows the day, so a change noted a few minutes late tells the same.
 */
import { describeError, type Logger } from '../base/logger.ts'
import type { Storage } from '../storage/Storage.ts'

export const changeNoteIntervalMs = 5 * 60_000

export class BoardChanges {
  private lastNoted = Number.NEGATIVE_INFINITY

  constructor(
    private readonly boardId: string,
    private readonly storage: Pick<Storage, 'noteBoardChanged'>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** After a change someone made was stored. A failure to note it is only logged: the change itself is stored. */
  changed(): void {
    const now = this.now()
    if (now - this.lastNoted < changeNoteIntervalMs) return
    this.lastNoted = now
    this.storage.noteBoardChanged(this.boardId, new Date(now).toISOString()).catch((error: unknown) => {
      this.logger.error('noting the board’s change failed', { board: this.boardId, ...describeError(error) })
    })
  }
}

/** The read-only link's export setting, mirrored into storage as a room policy (`judge/exportSetting.ts` reads it). */
import { describeError } from '../base/logger.ts'
import { exportSettingChange, observersMayExport } from '../judge/exportSetting.ts'
import type { Accepted } from '../judge/verdict.ts'
import type { RoomHandle, RoomPolicy } from './roomPolicy.ts'

/** The room's mirror of the setting in storage. */
export class ExportSettingMirror implements RoomPolicy {
  constructor(private readonly room: RoomHandle) {}

  /**
   * The board says what its setting is: storage catches up with it (a board stored before the
   * setting was kept, or a write whose update failed after its setting was written).
   */
  async loaded(): Promise<void> {
    await this.write(observersMayExport(this.room.doc)).catch((error: unknown) => {
      // The board opens all the same: the kept setting only lets the relay refuse exports earlier.
      this.room.logger.error('keeping the export setting failed', { board: this.room.boardId, ...describeError(error) })
    })
  }

  /**
   * Before the write that changes it is stored: should the update then fail to store, storage
   * refuses what the facilitator closed, and what it allows is checked against the document
   * anyway; unless the store was full, the room is reloaded, and the load writes the board's own
   * setting again.
   */
  async storing({ rehearsed }: Accepted): Promise<void> {
    const setting = exportSettingChange(this.room.doc, rehearsed)
    if (setting !== undefined) await this.write(setting)
  }

  private write(setting: boolean): Promise<void> {
    return this.room.storage.setObserversMayExport(this.room.boardId, setting)
  }
}

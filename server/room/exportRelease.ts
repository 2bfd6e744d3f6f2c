/**
 * For the audit trail: the switch that lets the read-only link export, when it is turned on, and
 * by which client (null: the relay's own change). A room policy (`roomPolicy.ts`).
 */
import type * as Y from 'yjs'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { readExportRights } from '../../shared/board/entries/exports.ts'
import type { RoomClient } from '../judge/roomClient.ts'
import type { RoomHandle, RoomPolicy } from '../room/roomPolicy.ts'

/** Hears when exports are opened to the read-only link. */
export type ExportsReleased = (boardId: string, by: RoomClient | null) => void

export class ExportReleaseAudit implements RoomPolicy {
  private readonly votes: Y.Map<unknown>
  private released: boolean

  constructor(
    private readonly room: RoomHandle,
    private readonly heard: ExportsReleased,
  ) {
    this.votes = facilitationMap(room.doc)
    this.released = this.observersMayExport()
    this.votes.observeDeep(this.onFacilitation)
  }

  private readonly onFacilitation = (_events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
    const releasedNow = this.observersMayExport()
    if (releasedNow && !this.released) this.heard(this.room.boardId, this.room.clientOf(transaction.origin))
    this.released = releasedNow
  }

  private observersMayExport(): boolean {
    return readExportRights(this.votes.get(facilitationKeys.exports)).observers
  }

  destroyed(): void {
    this.votes.unobserveDeep(this.onFacilitation)
  }
}

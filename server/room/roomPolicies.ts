/**
 * The one place a room's policies and its judge are wired (Hocuspocus' extensions): each is a
 * class of its own that the room calls through `RoomPolicy`'s hooks, in this order.
 */
import { ballotCleanup } from './ballotCleanup.ts'
import { voteKeeping } from './voteKeeping.ts'
import { BoardChanges } from './boardChanges.ts'
import type { BoardSize } from '../judge/boardBudget.ts'
import { BoardJudge, type JudgeSettings, type RoomStats } from '../judge/boardJudge.ts'
import { ClientIdHolding, type ClientIdSettings } from './clientIdHolding.ts'
import { ExportReleaseAudit, type ExportsReleased } from './exportRelease.ts'
import { ExportSettingMirror } from './exportSettingMirror.ts'
import type { Rehearsal } from '../judge/rehearsal.ts'
import type { RoomClient } from '../judge/roomClient.ts'
import type { RoomHandle, RoomPolicy } from './roomPolicy.ts'
import { VersionPolicy, type VersionSettings } from './versionPolicy.ts'
import { writerNames } from './writerNames.ts'

export interface PolicySettings extends VersionSettings, JudgeSettings, ClientIdSettings {
  /** Hears when exports are opened to the read-only link, and by which client (null: the relay's own change). */
  exportsReleased?: ExportsReleased
}

/** What the judge needs of its room besides what every policy may use. */
export interface PolicedRoom extends RoomHandle {
  readonly rehearsal: Rehearsal
  readonly stats: RoomStats
  announcedByOthers(writer: RoomClient, id: number): boolean
  /** The name a client's presence shows others, if any (`writerNames.ts`). */
  nameOf(client: RoomClient): string | undefined
  /** The board's size budget, which held client ids count against (`clientIds.ts`). */
  readonly size: BoardSize
}

export interface RoomPolicies {
  /** Called through their hooks, in this order. */
  readonly hooks: readonly RoomPolicy[]
  readonly judge: BoardJudge
  /** Named and automatic versions, which the room saves when asked (`Rooms.ts`, the versions route). */
  readonly versions: VersionPolicy
}

export type PolicyFactory = (room: PolicedRoom, settings: PolicySettings) => RoomPolicies

export const roomPolicies: PolicyFactory = (room, settings) => {
  const clientIds = new ClientIdHolding(room, room.size, settings)
  const versions = new VersionPolicy(room.boardId, () => room.inOrder(() => room.encodeBoard()), room.storage, settings, room.logger, () => room.isDestroyed())
  const judge = new BoardJudge(
    {
      boardId: room.boardId,
      doc: room.doc,
      rehearsal: room.rehearsal,
      logger: room.logger,
      stats: room.stats,
      clientIds: clientIds.holders,
      isDestroyed: () => room.isDestroyed(),
      announcedByOthers: (writer, id) => room.announcedByOthers(writer, id),
    },
    settings,
  )
  const hooks: RoomPolicy[] = [
    // Ids are held before the export setting is written, and both before the update is stored.
    clientIds,
    new ExportSettingMirror(room),
    versions,
    // When someone last changed the board, for the network's Fahrplan.
    new BoardChanges(room.boardId, room.storage, room.logger),
    ballotCleanup(room),
    // A vote kept the old way comes into the record of votes when the board opens.
    voteKeeping(room),
    // Who wrote under which author id, for a carried Zettel's provenance.
    writerNames(room, (client) => room.nameOf(client)),
  ]
  const { exportsReleased } = settings
  if (exportsReleased) hooks.push(new ExportReleaseAudit(room, exportsReleased))
  return { hooks, judge, versions }
}

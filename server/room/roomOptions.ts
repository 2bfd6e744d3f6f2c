/** A room's settings (`Room.ts`), its policies' and its presence's with them. */
import type { AwarenessSettings } from './awarenessRelay.ts'
import type { Pacing } from './fanOutPacing.ts'
import type { OffThreadSettings } from './offThread.ts'
import type { CheckedSnapshots } from './checkedSnapshots.ts'
import type { PolicySettings } from './roomPolicies.ts'
import type { WriteAdmissionSettings } from './writeAdmission.ts'

export interface RoomOptions extends PolicySettings, AwarenessSettings, OffThreadSettings, WriteAdmissionSettings {
  tickMs: number
  /** How a busy room spaces its fan-outs (`fanOutPacing.ts`); `cost` unless set. */
  pacing?: Pacing
  compactAfterUpdates: number
  /** Work a room does before it lets other boards in (`roomTurns.ts`); `turnMs` unless set. */
  turnMs?: number
  /**
   * Whether other boards are open in this process: only then is a fan-out to a crowd written in
   * turns (`sendInTurns.ts`). Alone, a room would only keep its own recipients waiting. True unless set.
   */
  othersOpen?: () => boolean
  /** The board's size budget (`boardBudget.ts`); unlimited unless set. */
  maxBoardBytes?: number
  /** Hears the board as joiners receive it before its load is through (`boardLoad.ts`, `earlyAnswers.ts`). */
  readable?: (answer: Uint8Array) => void
  /** Snapshots this process knows open as they are (`checkedSnapshots.ts`): one for all of its rooms. */
  checkedSnapshots?: CheckedSnapshots
}

/**
 * What the board's judge says of a write (`boardJudge.ts`), decided once from the writer's role
 * and what Yjs will keep; the room only executes it (`Room.ts`), as tldraw's `TLSyncRoom` does a
 * push's result:
 * - `accept`: store what the policies keep beside it (`RoomPolicy.storing`), then the update, then apply it;
 * - `discard`: nothing of it is stored, applied or sent on; the writer stays;
 * - `refuse`: nothing of it either, and the writer is closed with `code` and `reason`.
 * `counted`: the judge counted it against the writer's refusals (`refusalMemory.ts`).
 */
import type { CloseCode } from '../../shared/protocol.ts'
import type { CloseReason } from '../../shared/closeReasons.ts'
import type { Rehearsed } from './rehearsal.ts'

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

export interface Accepted {
  readonly kind: 'accept'
  readonly update: Uint8Array
  /** The write as tried on the board's copy: what the board will hold after it. */
  readonly rehearsed: Rehearsed
  /** Client ids the writer writes first, to be held as `holder`'s before the update is stored (`clientIds.ts`). */
  readonly newIds: readonly number[]
  /** Ids reserved for the writer (announced, `clientIds.ts`) that it writes structs under for the first time. */
  readonly claimedIds: readonly number[]
  readonly holder: string
}

export type Verdict =
  | Accepted
  | { readonly kind: 'discard'; readonly counted: boolean; readonly reason: string }
  | { readonly kind: 'refuse'; readonly code: CloseCodeValue; readonly reason: string; readonly counted: boolean }

export const discard = (reason: string, counted = false): Verdict => ({ kind: 'discard', counted, reason })
export const refuse = ({ code, reason }: CloseReason, counted = false): Verdict => ({ kind: 'refuse', code: code as CloseCodeValue, reason, counted })

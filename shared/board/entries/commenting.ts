/**
 * Who comments (`facilitation/commenting`): participants and the facilitator always; observers
 * only while the facilitator allows it (a steering group's guests may ask, a public audience not).
 * The rule it switches is the comments' own (`../commentRights.ts`); the relay reads it to let an
 * observer's comment through (`server/room/Room.ts`).
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

export const Commenting = z.object({ observers: z.boolean() })
export type Commenting = z.infer<typeof Commenting>

export const commentingEntry = defineEntry({
  key: 'commenting',
  schema: Commenting,
  default: { observers: false } as Commenting,
  mayWrite: isFacilitator,
})

export const readCommenting = commentingEntry.read

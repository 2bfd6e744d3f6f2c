/**
 * Whether the board's Dokumentation may leave the room (`facilitation/release`): handbooks have a
 * network pass results on only as it agrees (H 4.3.2), so it is internal until the facilitator
 * releases it, and says so on every page. `day` is the facilitator's calendar day of the release.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

export const Release = z.object({
  released: z.boolean(),
  /** `YYYY-MM-DD`, the facilitator's own day; absent while not released. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Relay time of the change. */
  at: z.number().optional(),
})
export type Release = z.infer<typeof Release>

export const releaseEntry = defineEntry({
  key: 'release',
  schema: Release,
  default: { released: false } as Release,
  mayWrite: isFacilitator,
})

export const readRelease = releaseEntry.read

export const released = (day: string, at: number): Release => Release.parse({ released: true, day, at })
export const withdrawn = (at: number): Release => ({ released: false, at })

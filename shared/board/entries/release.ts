/**
 * Whether the board's Dokumentation may leave the room (`facilitation/release`): handbooks have a
 * network pass results on only as it agrees (H 4.3.2), so it is internal until the facilitator
 * releases it, and says so on every page. `day` is the facilitator's calendar day of the release.
 *
 * A release is a version: the relay saves the board as a named version („Freigabe 12.03.2026“)
 * and writes the entry pointing at it (`server/http/releaseApi.ts`), with the content's
 * fingerprint (`../contentFingerprint.ts`) so that everyone can tell whether the board changed
 * since. A client may withdraw the release or keep it ("kept": the fingerprint it decided to keep
 * the old release for), never name a version itself: only the relay knows which exist.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

const token = z.string().min(1).max(80)

/** Bounds of a release's Verteiler (who receives it) and the rule it rests on. */
export const maxVerteiler = 40
export const maxVerteilerLength = 120
export const maxRuleLength = 300

/** Who receives what is released, and the network's rule it is released under (H 4.3.2, the Netzwerkregeln on Spruchreife). */
export const Publication = z.object({
  verteiler: z.array(z.string().trim().min(1).max(maxVerteilerLength)).max(maxVerteiler).optional(),
  rule: z.string().trim().min(1).max(maxRuleLength).optional(),
})
export type Publication = z.infer<typeof Publication>

export const Release = z.object({
  released: z.boolean(),
  /** `YYYY-MM-DD`, the facilitator's own day; absent while not released. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Relay time of the change. */
  at: z.number().optional(),
  /** The version the release is (`server/storage/Versions.ts`); absent on a release made before releases were versions. */
  version: token.optional(),
  /** The released content's fingerprint (`contentFingerprint`). */
  fingerprint: token.optional(),
  /** The board's fingerprint when the facilitator chose to keep the old release despite the change. */
  kept: token.optional(),
}).extend(Publication.shape)
export type Release = z.infer<typeof Release>

/**
 * Why a client's write of the entry is refused: a release names the version the relay saved, so
 * a write that releases must leave version and fingerprint as the relay wrote them.
 */
export function releaseRefusal(stored: unknown, value: unknown): string | null {
  const after = Release.safeParse(value)
  if (!after.success || !after.data.released) return null
  const before = Release.safeParse(stored)
  const same = before.success && before.data.released && before.data.version === after.data.version && before.data.fingerprint === after.data.fingerprint
  if (!same) return 'a release is a version the relay saves: POST /api/boards/:id/release'
  // Who receives it and the rule it rests on were given with the release: they change with a new one.
  const samePublication = before.data.rule === after.data.rule && JSON.stringify(before.data.verteiler ?? []) === JSON.stringify(after.data.verteiler ?? [])
  return samePublication ? null : 'the Verteiler and rule of a release are given when releasing: POST /api/boards/:id/release'
}

export const releaseEntry = defineEntry({
  key: 'release',
  schema: Release,
  default: { released: false } as Release,
  mayWrite: isFacilitator,
  refusesValue: releaseRefusal,
})

export const readRelease = releaseEntry.read

export const released = (day: string, at: number, version?: { version: string; fingerprint: string }, publication?: Publication): Release =>
  Release.parse({ released: true, day, at, ...version, ...publication })
export const withdrawn = (at: number): Release => ({ released: false, at })

/** Whether the board differs from its release, given its fingerprint now; false while not released or for an old release without one. */
export const changedSinceRelease = (release: Release, fingerprint: string): boolean =>
  release.released && !!release.fingerprint && release.fingerprint !== fingerprint

/** Keeping the old release although the board changed: the notice rests until it changes again. */
export const keptRelease = (release: Release, fingerprint: string): Release => ({ ...release, kept: fingerprint })

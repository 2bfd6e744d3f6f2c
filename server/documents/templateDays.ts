/**
 * When each template on a board last changed its own content, as the relay notes it where it
 * already reads the board for the network's view (`networkBoardSummaries.ts`): a digest of the
 * template's texts and the time that digest last changed. The Fahrplan's yearly revisits (H 1.1
 * "rekursive Schleifen": the Beteiligtenanalyse and the Netzwerkkarte once a year, the
 * Netzwerkregeln on their review day) count from it, so that a Protokoll written beside a
 * Netzwerkkarte does not reset the Netzwerkkarte's year.
 *
 * A change is found when the view reads the board again after its stored mark changed; it is
 * dated by the board's last change as the relay noted it then (no later than the change itself
 * when views come between changes; at worst the board's last change, as before). A template
 * seen for the first time (a board from before this record, a template inserted since) gets the
 * board's last change too. Pure.
 */
import { z } from 'zod'

export interface TemplateDay {
  /** The template's texts in short (`templateDigest`): a fingerprint, not its content. */
  digest: string
  /** When that digest was first seen, as the board's last change (ISO). */
  at: string
}

/** By template instance (a copy of the same instance on a second page as `<instance>#2`). */
export type TemplateDays = Record<string, TemplateDay>

const StoredDays = z.record(z.string(), z.object({ digest: z.string(), at: z.string() }))

/** The record as storage keeps it (JSON); undefined for none or one this relay cannot read (counted afresh). */
export function parseTemplateDays(json: string | undefined): TemplateDays | undefined {
  if (!json) return undefined
  try {
    return StoredDays.safeParse(JSON.parse(json)).data
  } catch {
    return undefined
  }
}

/** The record after a read of the board: kept days where the digest is the same, `changedAt` where it changed or is new; templates gone are dropped. */
export function nextTemplateDays(kept: TemplateDays | undefined, read: ReadonlyArray<{ key: string; digest: string }>, changedAt: string): TemplateDays {
  const next: TemplateDays = {}
  for (const { key, digest } of read) {
    const before = kept?.[key]
    next[key] = before && before.digest === digest ? before : { digest, at: changedAt }
  }
  return next
}

/** The keys of a board's templates in the order read: the instance, a second copy of it (a duplicated page) with its number. */
export function templateKeys(instances: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return instances.map((instance) => {
    const n = (seen.get(instance) ?? 0) + 1
    seen.set(instance, n)
    return n === 1 ? instance : `${instance}#${n}`
  })
}

/** Whether two records say the same (nothing to write back). */
export const sameDays = (a: TemplateDays | undefined, b: TemplateDays): boolean =>
  !!a && Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([key, day]) => a[key]?.digest === day.digest && a[key]?.at === day.at)

/**
 * The Beschlüsse (`facilitation/beschluesse`): the notes a facilitator marked as decided, by
 * shape id, in the order they were marked, each with its terms: which body (Gremium) decided it
 * and what it binds (Bindewirkung). The Dokumentation and the steering group's pack list them
 * with their text, terms and the template cell they lie in; the canvas marks them for everyone.
 *
 * Boards stored before marks had terms hold bare ids: they read as marks whose Gremium and
 * Bindewirkung nobody gave („Gremium nicht angegeben“), never as something guessed.
 */
import { z } from 'zod'
import { Day } from '../../dates.ts'
import { NetworkBodyName } from '../../networkBodies.ts'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

/** More than any meeting decides; bounds what one write may carry. */
export const maxBeschluesse = 200

/**
 * What a Beschluss binds (H 4.3): it applies (`gilt`), it applies once the member organisations
 * (die Häuser) agree (`vorbehaltlich`), or it recommends (`empfehlung`).
 */
export const bindewirkungen = ['gilt', 'vorbehaltlich', 'empfehlung'] as const
export type Bindewirkung = (typeof bindewirkungen)[number]

const ShapeId = z.string().startsWith('shape:').max(200)

/** More Häuser than a network has; bounds what one Beschluss waits for. */
export const maxHaeuser = 40

/**
 * A Haus whose consent a „vorbehaltlich“ Beschluss waits for (H 4.3.9), whether it has given it,
 * and since when it was asked (`seit`: the day it was first named; absent on marks from before,
 * which the documents date by the meeting).
 */
export const HausConsent = z.object({ haus: z.string().trim().min(1).max(120), zugestimmt: z.boolean(), seit: Day.optional() })
export type HausConsent = z.infer<typeof HausConsent>

/** The Häuser as now named, in that order: each known one keeps its consent and its day, a new one is asked from `day`. */
export function askHaeuser(previous: readonly HausConsent[], names: readonly string[], day: string): HausConsent[] {
  return names.map((haus) => {
    const known = previous.find((h) => h.haus === haus)
    return known ? { ...known } : { haus, zugestimmt: false, seit: day }
  })
}

/** Who decided (a network body as boards name them, `networkBodies.ts`: '' none given) and what it binds. */
export const BeschlussTerms = z.object({
  gremium: NetworkBodyName,
  bindewirkung: z.enum(bindewirkungen),
  /** „vorbehaltlich“: the Häuser asked, each agreed or not yet (absent: none named). */
  haeuser: z.array(HausConsent).max(maxHaeuser).optional(),
})
export type BeschlussTerms = z.infer<typeof BeschlussTerms>

/** The terms of a mark as readers take them; null: nobody said. */
export interface ReadTerms {
  gremium: string
  bindewirkung: Bindewirkung | null
  haeuser?: HausConsent[]
}

export const Beschluesse = z
  .object({
    notes: z.array(ShapeId).max(maxBeschluesse),
    /** By shape id; absent for marks made without terms (and on boards older than terms). */
    terms: z.record(ShapeId, BeschlussTerms).optional(),
  })
  .refine((value) => Object.keys(value.terms ?? {}).every((id) => value.notes.includes(id)), 'terms only for marked Zettel')
export type Beschluesse = z.infer<typeof Beschluesse>

/** Terms kept only for the Zettel still marked; none stored when there are none. */
function tidy(value: Beschluesse): Beschluesse {
  const kept = Object.entries(value.terms ?? {}).filter(([id]) => value.notes.includes(id))
  return kept.length > 0 ? { notes: value.notes, terms: Object.fromEntries(kept) } : { notes: value.notes }
}

export const beschluesseEntry = defineEntry({
  key: 'beschluesse',
  schema: Beschluesse,
  default: { notes: [] } as Beschluesse,
  mayWrite: isFacilitator,
  // Nothing stored once the last mark is gone.
  write: (value) => (value.notes.length === 0 ? null : tidy(value)),
})

export const readBeschluesse = beschluesseEntry.read

/** A mark's terms; Gremium '' and Bindewirkung null where nobody gave them. */
export function beschlussTerms(value: Beschluesse, id: string): ReadTerms {
  const terms = value.terms?.[id]
  if (!terms) return { gremium: '', bindewirkung: null }
  return { gremium: terms.gremium, bindewirkung: terms.bindewirkung, ...(terms.haeuser?.length ? { haeuser: terms.haeuser.map((h) => ({ ...h })) } : {}) }
}

/** The notes marked, with `terms` for those it marks now; or unmarked when all of them are marked already. */
export function toggleBeschluesse(current: Beschluesse, ids: readonly string[], terms?: BeschlussTerms): Beschluesse {
  const all = ids.every((id) => current.notes.includes(id))
  if (all) return tidy({ notes: current.notes.filter((id) => !ids.includes(id)), terms: current.terms })
  const added = ids.filter((id) => !current.notes.includes(id))
  const notes = [...current.notes, ...added].slice(0, maxBeschluesse)
  return withBeschlussTerms({ notes, terms: current.terms }, added, terms)
}

/** The same marks, these of them with new terms (or none given). */
export function withBeschlussTerms(current: Beschluesse, ids: readonly string[], terms: BeschlussTerms | undefined): Beschluesse {
  const next: Record<string, BeschlussTerms> = { ...current.terms }
  for (const id of ids) {
    if (!current.notes.includes(id)) continue
    if (terms) next[id] = { ...terms }
    else delete next[id]
  }
  return tidy({ notes: current.notes, terms: next })
}

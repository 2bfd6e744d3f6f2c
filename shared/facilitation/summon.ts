/**
 * "Alle zu mir": the facilitator brings everyone's view to their own. An event, not state, so it
 * travels in awareness, never in the doc: the facilitator's client publishes the field
 * `summon: { id, bounds, pageId, at }`; every other client that sees a new id from a facilitator
 * moves its camera to show `bounds`, once. A client that joins later must not be thrown around
 * by an old summon, hence `at` (relay time) and a short lifetime.
 */
import { z } from 'zod'

export const summonField = 'summon'
/** A summon older than this is history: late joiners and reconnects ignore it. */
export const summonLifetimeMs = 20_000

const finite = z.number().finite()

export const Summon = z.object({
  id: z.string().min(1).max(100),
  /** The facilitator's viewport in page coordinates. */
  bounds: z.object({ x: finite, y: finite, w: finite.positive(), h: finite.positive() }),
  /** The facilitator's page (`page:…`). */
  pageId: z.string().min(1).max(200),
  /** Relay time of the summon. */
  at: z.number(),
  /** A presenter's summon for a slide: the wall shows the slide itself (`facilitation.slide`, `board/entries/slide.ts`), not this view. */
  slide: z.literal(true).optional(),
  /** A part (a template, a step, a slide) the room is brought to: each canvas shows it clear of its own chrome, not as the facilitator's view. */
  part: z.literal(true).optional(),
})
export type Summon = z.infer<typeof Summon>

export function readSummon(value: unknown): Summon | undefined {
  const parsed = Summon.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** Whether a summon should still move a client that has not acted on it yet. */
export const isFreshSummon = (summon: Summon, serverNow: number) =>
  Math.abs(serverNow - summon.at) <= summonLifetimeMs

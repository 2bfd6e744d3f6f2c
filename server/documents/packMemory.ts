/**
 * What a network keeps of its steering group's packs, so that a pack can say what was done since
 * the last one: the day of the last pack and the items it listed as open (their keys,
 * `shared/results/itemLifeCycle.ts`), and the one before. A pack compares with the last pack made
 * on an earlier day: the Markdown, the PDF and the CSV of one day say the same, however often and
 * in whichever order they are downloaded. Kept as JSON in the network's row (`pack_memory`);
 * a value that does not read is as if no pack had been made.
 */
import { z } from 'zod'
import type { PackMemory } from '../../shared/results/itemLifeCycle.ts'

const Memory = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), open: z.array(z.string()) })
const Stored = z.object({ last: Memory, before: Memory.optional() })
type Stored = z.infer<typeof Stored>

function read(json: string | undefined): Stored | undefined {
  if (!json) return undefined
  try {
    const parsed = Stored.safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** The pack a pack made on `day` compares with: the last one made on an earlier day. */
export function previousPack(json: string | undefined, day: string): PackMemory | undefined {
  const stored = read(json)
  if (!stored) return undefined
  return stored.last.day < day ? stored.last : stored.before
}

/** What to keep once a pack of `day` listed `open`. */
export function rememberPack(json: string | undefined, day: string, open: readonly string[]): string {
  const stored = read(json)
  const now = { day, open: [...open] }
  const before = !stored ? undefined : stored.last.day < day ? stored.last : stored.before
  return JSON.stringify(before ? { last: now, before } : { last: now })
}

/** Whether a reader's `day` is within a day of the server's: time zones apart, not chosen. */
export function nearToday(day: string, now = Date.now()): boolean {
  const at = Date.parse(`${day}T12:00:00Z`)
  return Number.isFinite(at) && Math.abs(at - now) <= 36 * 60 * 60 * 1000
}

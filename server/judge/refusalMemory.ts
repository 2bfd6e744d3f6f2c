/**
 * When each address's recent updates were refused. Each refusal costs a fresh copy of the board
 * for the next rehearsal (`rehearsal.ts`); past `maxRefusalsPerMinute`, an address's updates are
 * turned away unrehearsed until the minute is over (`boardJudge.ts`).
 */
import { defaultMaxRefusalsPerMinute } from './roomDefaults.ts'
import { addressShare } from './roomClient.ts'

/** Addresses whose refusals a room remembers at most: the oldest are forgotten first. */
const rememberedRefusingAddresses = 1000

/** Who is counted: the address, or the link and browser when the address is not known here. */
export interface Refusing {
  readonly address?: string
  readonly link: string
  readonly author: string | null
}

export class RefusalMemory {
  private readonly refusals = new Map<string, number[]>()

  constructor(private readonly maxPerMinute: number = defaultMaxRefusalsPerMinute) {}

  refusedTooOften(writer: Refusing): boolean {
    const since = performance.now() - 60_000
    const times = this.refusals.get(refusalKey(writer))?.filter((t) => t > since) ?? []
    return times.length >= this.maxPerMinute
  }

  count(writer: Refusing): void {
    const key = refusalKey(writer)
    const since = performance.now() - 60_000
    const times = (this.refusals.get(key) ?? []).filter((t) => t > since)
    times.push(performance.now())
    this.refusals.delete(key)
    this.refusals.set(key, times)
    if (this.refusals.size > rememberedRefusingAddresses) this.refusals.delete(this.refusals.keys().next().value!)
  }
}

function refusalKey(writer: Refusing): string {
  return addressShare(writer, `${writer.link}/${writer.author}`)
}

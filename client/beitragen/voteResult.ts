/**
 * A revealed vote as the list „Beitragen“ shows it on a phone: the ranking with each Zettel's
 * text, and each Zettel's dots beside it in its cell. Nothing before the reveal (the ballots are
 * the relay's until then), nothing once the facilitator hides the result; counts only.
 */
import type { Vote } from '../../shared/board/entries/vote.ts'
import { resultsVisible, tally } from '../../shared/results/voting.ts'
import { plainText } from '../../shared/templates/richText.ts'

export interface ListedResult {
  /** What the room was asked ('' for no question). */
  question: string
  /** Notes with dots, most first; equal counts share a rank. `text` null: deleted since. */
  ranking: Array<{ id: string; rank: number; count: number; text: string | null }>
  /** Dots per note, for the Zettel in their cells. */
  counts: ReadonlyMap<string, number>
}

/** The result a list shows, read off the board's records; undefined while there is none to show. */
export function listedResult(vote: Vote | undefined, records: ReadonlyArray<{ id: string; typeName?: unknown; props?: unknown }>): ListedResult | undefined {
  if (!resultsVisible(vote) || vote.hidden) return undefined
  const results = vote.results ?? {}
  const texts = new Map<string, string>()
  for (const record of records) {
    if (record.typeName === 'shape' && Object.hasOwn(results, record.id)) texts.set(record.id, plainText((record.props as { richText?: unknown } | undefined)?.richText).trim())
  }
  // Ties by text, a deleted Zettel last.
  const order = (a: string, b: string) => Number(!texts.has(a)) - Number(!texts.has(b)) || (texts.get(a) ?? '').localeCompare(texts.get(b) ?? '')
  const ranking = tally([results], { order }).map((e) => ({
    id: e.shapeId,
    rank: e.rank,
    count: e.count,
    text: texts.get(e.shapeId) ?? null,
  }))
  return { question: vote.question, ranking, counts: new Map(ranking.map((r) => [r.id, r.count])) }
}

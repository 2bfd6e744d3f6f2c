/**
 * Which of a network's boards the Fahrplan lists: by phase, method (template), body (Gremium),
 * open items and words of the title, all at once. What the methods' marks say (done, begun)
 * is always of the whole network: a filter narrows the list, never the way.
 */
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { isStandingBody, standingBodies } from '../../shared/networkBodies.ts'
import { matchText, searchWords } from '../../shared/board/textMatch.ts'
import { phases, type PhaseId } from '../../shared/templates/phases.ts'
import { templateNames, type TemplateName } from '../../shared/templates/registry.ts'

export interface FahrplanFilter {
  query: string
  phase: PhaseId | null
  method: TemplateName | null
  /** A body's key or name; '' for boards whose body nobody gave; null for all. */
  body: string | null
  openItems: boolean
}

export const noFilter: FahrplanFilter = { query: '', phase: null, method: null, body: null, openItems: false }

export const isFiltering = (filter: FahrplanFilter): boolean =>
  filter.query.trim() !== '' || filter.phase !== null || filter.method !== null || filter.body !== null || filter.openItems

/** The open items in the board's templates' task tables. */
export const openItemsOf = (board: NetworkBoard): number => board.templates.reduce((sum, t) => sum + (t.openItems ?? 0), 0)

/** The boards the filter lets through, in their order. */
export function filterBoards(boards: readonly NetworkBoard[], filter: FahrplanFilter): NetworkBoard[] {
  const words = searchWords(filter.query)
  return boards.filter(
    (board) =>
      (filter.phase === null || board.phase === filter.phase) &&
      (filter.method === null || board.templates.some((t) => t.template === filter.method)) &&
      (filter.body === null || (board.body ?? '') === filter.body) &&
      (!filter.openItems || openItemsOf(board) > 0) &&
      (words.length === 0 || matchText(words, board.title || board.id) !== null),
  )
}

/** The bodies the network's boards name: the standing ones first, then the groups by name; '' (none given) last if any. */
export function bodiesOf(boards: readonly NetworkBoard[]): string[] {
  const named = new Set(boards.map((b) => b.body ?? ''))
  const groups = [...named].filter((b) => b !== '' && !isStandingBody(b)).sort((a, b) => a.localeCompare(b, 'de'))
  return [...standingBodies.filter((b) => named.has(b)), ...groups, ...(named.has('') ? [''] : [])]
}

/** The group names (not the standing bodies) the network's boards carry, to choose from again. */
export const groupNamesOf = (boards: readonly NetworkBoard[]): string[] => bodiesOf(boards).filter((b) => b !== '' && !isStandingBody(b))

/** The templates the network's boards hold, in the handbook's order of phases, then any others. */
export function methodsOf(boards: readonly NetworkBoard[]): TemplateName[] {
  const held = new Set(boards.flatMap((b) => b.templates.map((t) => t.template)))
  const inPhases = phases.flatMap((p) => p.methods)
  return [...new Set([...inPhases, ...templateNames])].filter((name) => held.has(name))
}


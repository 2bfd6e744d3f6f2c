/**
 * What the steering group's pack takes to decide on (H 4.3): the newest Statusbericht of each
 * working group (a board's Gremium; boards nobody gave one count as one group, „Gremium nicht
 * angegeben“), the „Entscheidungsbedarf“ apart from the Beschlüsse (from those reports, not from
 * the older ones they replace), and each release's Verteiler and rule as lines. Pure.
 */
import type { Locale } from '../locale.ts'
import type { TemplateExport } from './export.ts'
import type { LayoutBlock } from './layout.ts'
import type { PackBoardSummary } from './packSummary.ts'
import { decisionWords, publicationFacts, type DecisionNeed } from './decisions.ts'
import { dokumentationWords } from './dokumentation.ts'
import { reportWords } from './report.ts'

export interface PackStatusbericht {
  /** The working group: the board's Gremium, '' where nobody gave one. */
  body: string
  board: string
  template: TemplateExport
}

export type PackDecisionNeed = DecisionNeed & { board: string }

/** The newest Statusbericht per Gremium (by its written date; later boards win a tie), and the decision needs that go with the reports taken. */
export function newestReportPerBody(boards: readonly PackBoardSummary[]): { statusberichte: PackStatusbericht[]; decisionNeeds: PackDecisionNeed[] } {
  const newest = new Map<string, { board: PackBoardSummary; template: TemplateExport; day: string }>()
  for (const board of boards) {
    if (!board.statusbericht) continue
    const body = board.body.trim()
    const known = newest.get(body)
    if (!known || board.statusbericht.day >= known.day) newest.set(body, { board, ...board.statusbericht })
  }
  const taken = new Set([...newest.values()].map(({ board, template }) => `${board.id}\u0000${template.instance}`))
  const decisionNeeds = boards.flatMap((board) =>
    board.decisionNeeds
      // A report another of the group's reports replaced asks nothing any more.
      .filter((need) => need.template !== 'statusbericht' || taken.has(`${board.id}\u0000${need.instance}`))
      .map((need) => ({ ...need, board: board.title })),
  )
  return { statusberichte: [...newest].map(([body, { board, template }]) => ({ body, board: board.title, template })), decisionNeeds }
}

export function decisionNeedBlocks(needs: readonly PackDecisionNeed[], locale: Locale): LayoutBlock[] {
  const w = dokumentationWords
  const heading: LayoutBlock = { kind: 'heading', level: 2, text: decisionWords.entscheidungsbedarf[locale] }
  if (needs.length === 0) return [heading, { kind: 'line', text: reportWords.none[locale] }]
  return [
    heading,
    { kind: 'line', text: decisionWords.entscheidungsbedarfHint[locale] },
    {
      kind: 'table',
      columns: [w.number[locale], reportWords.what[locale], w.where[locale]],
      rows: needs.map((need, i) => [[String(i + 1)], [need.text], [`${need.board} · ${need.where}`]]),
    },
  ]
}

/** „Verteiler: …“ and „Grundlage: …“ under a board's release. */
export const publicationLines = (release: { verteiler?: readonly string[]; rule?: string }, locale: Locale): string[] =>
  publicationFacts(release, locale, true).map((fact) => `${fact.label}: ${fact.value}`)

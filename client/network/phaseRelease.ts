/**
 * The Fahrplan's release of a phase's boards (`server/http/networkRelease.ts`): which of the
 * boards shown it asks for, and what it says came of them. Pure, so the words are checked without
 * a page (`test/unit/network/phaseRelease.test.ts`).
 */
import { nothingWritten, type NetworkBoard, type NetworkReleaseAnswer } from '../../shared/networkApi.ts'
import { isCaseTemplate } from '../../shared/templates/caseBoards.ts'
import { plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'

/** A board released only on the board itself: an internal one, or one holding a case (the relay checks again). */
export const releasedOnBoardOnly = (board: NetworkBoard): boolean => board.internal || board.templates.some((m) => isCaseTemplate(m.template))

/** The boards the release would release: those not released on their board only, with something written. */
export const releasable = (boards: readonly NetworkBoard[]): NetworkBoard[] => boards.filter((b) => !releasedOnBoardOnly(b) && !nothingWritten(b))

type Outcome = NetworkReleaseAnswer['boards'][number]['outcome']

/** Each kind of outcome once, counted, in the order a coordinator reads them: what went out first. */
const lines: Array<{ outcomes: readonly Outcome[]; one: keyof typeof t; other: keyof typeof t }> = [
  { outcomes: ['released'], one: 'phaseReleasedOne', other: 'phaseReleasedOther' },
  { outcomes: ['unchanged'], one: 'phaseReleaseUnchangedOne', other: 'phaseReleaseUnchangedOther' },
  { outcomes: ['kept'], one: 'phaseReleaseKeptOne', other: 'phaseReleaseKeptOther' },
  { outcomes: ['internal', 'case'], one: 'phaseReleaseOnBoardOne', other: 'phaseReleaseOnBoardOther' },
  { outcomes: ['empty'], one: 'phaseReleaseEmptyOne', other: 'phaseReleaseEmptyOther' },
  { outcomes: ['wait'], one: 'phaseReleaseWaitOne', other: 'phaseReleaseWaitOther' },
  { outcomes: ['not-in-network', 'sign-in', 'unreadable'], one: 'phaseReleaseClosedOne', other: 'phaseReleaseClosedOther' },
]

/** „2 Boards freigegeben · 1 Board war schon so freigegeben“: what came of the release, nothing left unsaid. */
export function releaseSummary(answer: NetworkReleaseAnswer): string {
  return lines
    .map(({ outcomes, one, other }) => ({ count: answer.boards.filter((b) => outcomes.includes(b.outcome)).length, one, other }))
    .filter(({ count }) => count > 0)
    .map(({ count, one, other }) => plural(locale, count, { one: t[one] as string, other: t[other] as string }))
    .join(' · ')
}

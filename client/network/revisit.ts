/**
 * When to take a method up again (H 1.1: "rekursive Schleifen"): the Beteiligtenanalyse and the
 * Netzwerkkarte once a year, as relations change; the Netzwerkregeln on the review day written on
 * them (H 4.3.9, H 6.2.3); Erfolg und Reflexion regularly; the recurring instruments at every
 * meeting or regularly. Each counts from the day its template's own content last changed
 * (`fahrplan.ts`, `templateChange`), not from any Zettel elsewhere on its board. Pure, with
 * today's day passed in: the Fahrplan's hint and its tests agree.
 */
import type { TemplateName } from '../../shared/templates/registry.ts'
import type { Cadence } from '../../shared/templates/phases.ts'
import type { MethodProgress } from './fahrplan.ts'

type Rule = 'yearly' | 'reviewDay' | 'regularly'
const rules: Partial<Record<TemplateName, Rule>> = {
  beteiligtenanalyse: 'yearly',
  netzwerkkarte: 'yearly',
  netzwerkregeln: 'reviewDay',
  erfolg: 'regularly',
}

export type RevisitHint =
  /** Looked at again once a year; due after twelve months. */
  | { kind: 'yearly'; months: number; due: boolean }
  /** The rules' review day as written; due once it has come and the rules were not changed since. */
  | { kind: 'review'; day: string; due: boolean }
  | { kind: 'noReviewDay' }
  | { kind: 'regularly' }
  | { kind: 'everyMeeting' }

/** Whole months from one day to another (2026-01-31 → 2026-02-28: 0). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.slice(0, 10).split('-').map(Number)
  const [ty, tm, td] = to.slice(0, 10).split('-').map(Number)
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0))
}

/** The hint for a method on the Fahrplan, `today` as YYYY-MM-DD; null where there is nothing to say. */
export function revisitHint(method: Pick<MethodProgress, 'template' | 'state' | 'lastEdited' | 'reviewOn'> & { cadence?: Cadence }, today: string): RevisitHint | null {
  if (method.cadence) return { kind: method.cadence }
  const rule = rules[method.template]
  if (!rule) return null
  if (rule === 'regularly') return { kind: 'regularly' }
  if (method.state !== 'worked' || !method.lastEdited) return null
  const edited = method.lastEdited.slice(0, 10)
  if (rule === 'yearly') {
    const months = monthsBetween(edited, today)
    return { kind: 'yearly', months, due: months >= 12 }
  }
  if (!method.reviewOn) return { kind: 'noReviewDay' }
  return { kind: 'review', day: method.reviewOn, due: method.reviewOn <= today && edited < method.reviewOn }
}

/** The reader's calendar day. */
export const localDay = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`

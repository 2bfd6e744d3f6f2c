/**
 * Parts of the Zielsystem the handbook asks for beside the goal table: the shared view of the
 * problem that comes before any goal (H 3.3.4: „Vor der Erstellung eines Zielsystems muss … eine
 * gemeinsame Problemsicht entwickelt werden“), and which Projektziel each Teilziel serves (H 3.3.4:
 * Teilziele are derived from the Projektziele).
 */
import { z } from 'zod'
import type { Labels, Locale } from '../locale.ts'
import { pick } from '../locale.ts'
import { table } from './table.ts'
import type { Block } from './model.ts'

/** For each Teilziel (in order), the number of the Projektziel it serves; missing ones serve the first. */
export const ServesGoalOption = z.array(z.number().int().min(1).max(4)).max(8).default([])

interface GoalOptions {
  projectGoals: number
  subgoals: number
  servesGoal: readonly number[]
}

/** The Projektziel Teilziel `n` serves, within the Projektziele there are. */
export const servedGoal = (options: GoalOptions, n: number): number => Math.min(Math.max(options.servesGoal[n - 1] ?? 1, 1), options.projectGoals)

/** Each Projektziel followed by the Teilziele that serve it: the order of the goal table's rows. */
export function goalOrder(options: GoalOptions): ({ kind: 'projektziel'; n: number } | { kind: 'teilziel'; n: number })[] {
  return Array.from({ length: options.projectGoals }, (_, p) => [
    { kind: 'projektziel' as const, n: p + 1 },
    ...Array.from({ length: options.subgoals }, (_, i) => i + 1)
      .filter((n) => servedGoal(options, n) === p + 1)
      .map((n) => ({ kind: 'teilziel' as const, n })),
  ]).flat()
}

/** A new Teilziel serves the last Projektziel: goals are set top down, the newest one is being worked on. */
export function withSubgoal<O extends GoalOptions>(options: O): O {
  const serves = Array.from({ length: options.subgoals }, (_, i) => servedGoal(options, i + 1))
  return { ...options, subgoals: options.subgoals + 1, servesGoal: [...serves, options.projectGoals] }
}

const words = {
  serves: { de: 'zu Projektziel', en: 'for project goal' },
  problem: { de: 'Gemeinsame Problemsicht', en: 'A shared view of the problem' },
  before: { de: 'Problemsicht', en: 'The problem' },
  seen: { de: 'Was sehen wir?', en: 'What do we see?' },
}

/** The Teilziel's row label; with several Projektziele it says which one it serves. */
export function subgoalLabel(options: GoalOptions, n: number, teilziel: string, locale: Locale): string {
  return options.projectGoals > 1 ? `${teilziel} ${n} · ${pick(words.serves, locale)} ${servedGoal(options, n)}` : `${teilziel} ${n}`
}

export const problemCells = Object.freeze({
  section: 'problemsicht',
  rows: Object.freeze({ lage: 'lage', ursachen: 'ursachen', gemeinsam: 'gemeinsam' }),
  col: 'sicht',
})

const problemRows: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: problemCells.rows.lage,
    title: { de: 'Ausgangslage', en: 'Where we stand' },
    prompt: { de: 'Was ist heute das Problem – aus Sicht der Zielgruppe?', en: 'What is the problem today, seen from the target group?' },
  },
  {
    key: problemCells.rows.ursachen,
    title: { de: 'Ursachen und Folgen', en: 'Causes and consequences' },
    prompt: { de: 'Woher kommt es, was folgt daraus?', en: 'Where does it come from, what follows from it?' },
  },
  {
    key: problemCells.rows.gemeinsam,
    title: { de: 'Darin sind wir uns einig', en: 'What we agree on' },
    prompt: { de: 'Und wo sehen wir es noch verschieden?', en: 'And where do we still see it differently?' },
  },
]

/** The problem view, one row per question, `w` wide: read first, so it stands above the milestones beside the goals. */
export function problemView(x: number, y: number, w: number, labelW: number, rowH: number, scale: number, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  return table({
    section: problemCells.section,
    sectionTitle: t(words.problem),
    rowsTitle: t(words.before),
    x,
    y,
    labelW,
    columns: [{ key: problemCells.col, title: t(words.seen), w: w - labelW }],
    rows: problemRows.map((r) => ({ key: r.key, label: t(r.title), prompt: t(r.prompt), tone: 'light-violet' })),
    rowH,
    scale,
    headTone: 'violet',
    cellTone: 'light-violet',
  })
}

/**
 * H: activities carry a „Mengen- und Kostengerüst“. Asked in the corner of each activity's
 * description (a column of its own would push the table out of a laptop's view at a readable size).
 */
export function withCosts(blocks: Block[], locale: Locale): Block[] {
  const question = pick({ de: 'Was genau, wie viel, was kostet es?', en: 'What exactly, how much, at what cost?' }, locale)
  return blocks.map((block) => (block.kind === 'cell' && /^ziele:cell:a\d+:beschreibung$/.test(block.key) ? { ...block, label: question } : block))
}

/**
 * Zielsystem: the network's goals from the overall goal down to activities, each with how it is
 * measured, where that is read off and what has to hold for it; milestones beside. Goals are
 * written as states already reached, activities as instructions.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { cellKey, opening, sum, table, type TableRow } from './table.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { goalOrder, problemView, ServesGoalOption, subgoalLabel, withCosts, withSubgoal } from './zielsystemParts.ts'

const limits = { projectGoals: 4, subgoals: 8, milestones: 20 }

const text = {
  title: { de: 'Zielsystem', en: 'Goal system' },
  description: {
    de: 'Oberziel, Projektziel, Teilziele und Aktivitäten mit Indikatoren, Quellen und Annahmen, dazu die Meilensteine.',
    en: 'Overall goal, project goal, sub-goals and activities with indicators, sources and assumptions, plus milestones.',
  },
  intro: {
    de: 'Von oben nach unten immer konkreter. Ziele beschreiben einen erreichten Zustand („Alleinerziehende finden … an einer Stelle“), Aktivitäten sind Anweisungen („Gemeinsame Sprechstunde einrichten“) mit Akteur(en) und Termin. Die Aktivitäten werden im Statusbericht zu den geplanten Aktivitäten; die Meilensteine rechts legen fest, wann über den Stand berichtet wird.',
    en: 'More concrete from top to bottom. Goals describe a state reached (“Single parents find … in one place”), activities are instructions (“Set up a joint drop-in advice session”) with actors and a date. The activities become the planned activities of the status report; the milestones on the right set when the state of things is reported.',
  },
  date: { de: 'Stand', en: 'As of' },
  goals: { de: 'Ziele und Aktivitäten', en: 'Goals and activities' },
  level: { de: 'Ebene', en: 'Level' },
  milestones: { de: 'Meilensteine', en: 'Milestones' },
  number: { de: 'Nr.', en: 'No.' },
  oberziel: { de: 'Oberziel', en: 'Overall goal' },
  oberzielPrompt: { de: 'Wozu das Netzwerk beiträgt – als erreichter Zustand.', en: 'What the network contributes to, as a state reached.' },
  projektziel: { de: 'Projektziel', en: 'Project goal' },
  projektzielPrompt: {
    de: 'Welcher Nutzen ist bei der Zielgruppe eingetreten? Beitrag zum Oberziel.',
    en: 'Which benefit has reached the target group? A contribution to the overall goal.',
  },
  addProjectGoal: { de: 'Projektziel hinzufügen', en: 'Add a project goal' },
  teilziel: { de: 'Teilziel', en: 'Sub-goal' },
  teilzielPrompt: { de: 'Ein Zustand: „… ist …“', en: 'A state: “… is …”' },
  aktivitaeten: { de: 'Aktivitäten zu Teilziel', en: 'Activities, sub-goal' },
  aktivitaetenPrompt: { de: 'Anweisungen: „… einrichten“', en: 'Instructions: “Set up …”' },
  eingang: { de: 'Eingang', en: 'Inbox' },
  eingangPrompt: {
    de: 'Noch zuzuordnen',
    en: 'Still to be placed',
  },
  addSubgoal: { de: 'Teilziel hinzufügen', en: 'Add a sub-goal' },
  addMilestone: { de: 'Meilenstein hinzufügen', en: 'Add a milestone' },
}

/**
 * The keys the carry routes read and write (Zukunftskonferenz actions in, planned activities and
 * the reporting period out, consequences back into the Eingang). Stored boards find their cells by
 * these keys: add, never rename.
 */
export const zielsystemCells = Object.freeze({
  goals: 'ziele',
  oberziel: 'oberziel',
  projektziel: (n: number) => (n === 1 ? 'projektziel' : `projektziel${n}`),
  teilziel: (n: number) => `t${n}`,
  aktivitaet: (n: number) => `a${n}`,
  /** Taken over from elsewhere, not yet put on a level. */
  eingang: 'eingang',
  /** The Eingang's cell, where routes put what has no level yet (its row's description column). */
  eingangCell: cellKey('ziele', 'eingang', 'beschreibung'),
  col: Object.freeze({
    beschreibung: 'beschreibung',
    indikatoren: 'indikatoren',
    quellen: 'quellen',
    annahmen: 'annahmen',
    akteure: 'akteure',
    bisWann: 'bisWann',
  }),
  milestones: Object.freeze({
    section: 'meilensteine',
    row: (n: number) => `m${n}`,
    col: Object.freeze({ meilenstein: 'meilenstein', bisWann: 'bisWann', erreicht: 'erreicht' }),
  }),
} as const)
const cols = zielsystemCells.col
/** Who does it and by when: asked of activities only, goals are states. */
const activityOnly: readonly string[] = [cols.akteure, cols.bisWann]

const goalColumns: { key: string; title: Labels; prompt?: Labels; w: number }[] = [
  { key: cols.beschreibung, title: { de: 'Beschreibung', en: 'Description' }, prompt: { de: 'Was genau?', en: 'What exactly?' }, w: 420 },
  {
    key: cols.indikatoren,
    title: { de: 'Indikatoren', en: 'Indicators' },
    prompt: { de: 'Woran erkennen wir, dass es erreicht ist?', en: 'How will we know it has been achieved?' },
    w: 380,
  },
  { key: cols.quellen, title: { de: 'Quellen', en: 'Sources' }, prompt: { de: 'Wo lesen wir das ab?', en: 'Where do we read it off?' }, w: 280 },
  {
    key: cols.annahmen,
    title: { de: 'Annahmen', en: 'Assumptions' },
    prompt: { de: 'Was muss außerhalb unseres Einflusses stimmen?', en: 'What must hold outside our control?' },
    w: 380,
  },
  // Activities only: who does it, by when (the Statusbericht's plan and the open items read them).
  { key: cols.akteure, title: { de: 'Akteur(e)', en: 'Actor(s)' }, w: 300 },
  { key: cols.bisWann, title: { de: 'Bis wann', en: 'By when' }, w: 260 },
]

export const milestoneColumns: { key: string; title: Labels; w: number }[] = [
  { key: zielsystemCells.milestones.col.meilenstein, title: { de: 'Meilenstein', en: 'Milestone' }, w: 340 },
  { key: zielsystemCells.milestones.col.bisWann, title: { de: 'Bis wann', en: 'By when' }, w: 220 },
  { key: zielsystemCells.milestones.col.erreicht, title: { de: 'Erreicht?', en: 'Reached?' }, w: 280 },
]

export const ZielsystemOptions = z.object({
  /** Several Projektziele may serve one Oberziel (H 3.3.4); one by default, as before. */
  projectGoals: z.number().int().min(1).max(limits.projectGoals).default(1),
  subgoals: z.number().int().min(1).max(limits.subgoals).default(3),
  milestones: z.number().int().min(1).max(limits.milestones).default(5),
  servesGoal: ServesGoalOption,
  date: DateOption,
})
export type ZielsystemOptions = z.infer<typeof ZielsystemOptions>

const size = { levelW: 380, rowH: 180, numberW: 160, gapX: 60, gapY: 60 }
const headerScale = 2.3
const goalsW = size.levelW + sum(goalColumns.map((c) => c.w))
const milestonesX = goalsW + size.gapX
const width = milestonesX + size.numberW + sum(milestoneColumns.map((c) => c.w))

function layout(options: ZielsystemOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(dated(t(text.title), options.date, locale), t(text.intro), width, headerScale)
  const z = zielsystemCells
  const goalOnly = goalColumns.map((c) => c.key).filter((key) => !activityOnly.includes(key))
  const rows: TableRow[] = [
    { key: z.oberziel, label: t(text.oberziel), prompt: t(text.oberzielPrompt), tone: 'blue', only: goalOnly },
  ]
  // Each Projektziel with the Teilziele that serve it beneath.
  for (const { kind, n: i } of goalOrder(options)) {
    const label = options.projectGoals > 1 ? `${t(text.projektziel)} ${i}` : t(text.projektziel)
    if (kind === 'projektziel') rows.push({ key: z.projektziel(i), label, prompt: t(text.projektzielPrompt), tone: 'light-blue', only: goalOnly })
    if (kind === 'projektziel') continue
    rows.push({ key: z.teilziel(i), label: subgoalLabel(options, i, t(text.teilziel), locale), prompt: t(text.teilzielPrompt), tone: 'light-green', only: goalOnly })
    rows.push({ key: z.aktivitaet(i), label: `${t(text.aktivitaeten)} ${i}`, prompt: t(text.aktivitaetenPrompt), tone: 'yellow' })
  }
  // Who takes it on and by when travel with what is carried in (a change the service chain asks for).
  rows.push({ key: z.eingang, label: t(text.eingang), prompt: t(text.eingangPrompt), tone: 'light-red', only: [z.col.beschreibung, ...activityOnly] })
  const problem = problemView(milestonesX, open.y, width - milestonesX, 440, size.rowH, headerScale, locale)
  const goals = table({
    section: z.goals,
    sectionTitle: t(text.goals),
    rowsTitle: t(text.level),
    x: 0,
    y: open.y,
    labelW: size.levelW,
    columns: goalColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows,
    rowH: size.rowH,
    scale: headerScale,
  })
  const milestones = table({
    section: zielsystemCells.milestones.section,
    sectionTitle: t(text.milestones),
    rowsTitle: t(text.number),
    x: milestonesX,
    y: open.y + problem.h + size.gapY,
    labelW: size.numberW,
    columns: milestoneColumns.map((c) => ({ key: c.key, title: t(c.title), w: c.w })),
    rows: Array.from({ length: options.milestones }, (_, i) => ({ key: zielsystemCells.milestones.row(i + 1), label: `${i + 1}` })),
    rowH: size.rowH,
    scale: headerScale,
    headTone: 'orange',
    rowTone: 'orange',
    cellTone: 'yellow',
  })
  return { blocks: [...open.blocks, ...problem.blocks, ...withCosts(goals.blocks, locale), ...milestones.blocks], w: width, h: open.y + Math.max(goals.h, problem.h + size.gapY + milestones.h) }
}

export const zielsystem: TemplateDefinition<ZielsystemOptions> = {
  name: 'zielsystem',
  title: text.title,
  description: text.description,
  options: ZielsystemOptions,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: [
    // An activity is a task once someone takes it on or gives it a date; goals are states, not tasks.
    // No „Erledigt?“ column here (issue 44): an activity closes when a Statusbericht reports it done
    // (`results/reportedDone.ts`), as H has the working groups report on their activities. A second
    // place to tick it off could contradict the report, and the table's goal rows would get a done
    // cell too, although a goal is reached, not done.
    {
      section: zielsystemCells.goals,
      what: [cols.beschreibung],
      who: [cols.akteure],
      when: [cols.bisWann],
      requires: [cols.akteure, cols.bisWann],
    },
    // A milestone is open until someone marks it reached.
    {
      section: zielsystemCells.milestones.section,
      what: [zielsystemCells.milestones.col.meilenstein],
      when: [zielsystemCells.milestones.col.bisWann],
      done: [zielsystemCells.milestones.col.erreicht],
    },
  ],
  layout,
  actions: [
    {
      id: 'addProjectGoal',
      label: text.addProjectGoal,
      apply: (options) => (options.projectGoals >= limits.projectGoals ? options : { ...options, projectGoals: options.projectGoals + 1 }),
    },
    {
      id: 'addSubgoal',
      label: text.addSubgoal,
      apply: (options) => (options.subgoals >= limits.subgoals ? options : withSubgoal(options)),
    },
    {
      id: 'addMilestone',
      label: text.addMilestone,
      apply: (options) => (options.milestones >= limits.milestones ? options : { ...options, milestones: options.milestones + 1 }),
    },
  ],
}

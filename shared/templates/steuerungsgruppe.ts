/**
 * Steuerungsgruppen-Sitzung (H 4.2.2, 4.3.1, 4.3.3; R): the decision makers meet, hear the
 * working groups' reports, settle what was brought to them, record their decisions with whom
 * they bind, and say which results may go to whom. The reports come from the groups'
 * Statusberichte, the questions from the service chain's „Was muss sich ändern?“ and the
 * Fallkonferenz's „Grundsätzlich klären“ (carry routes, `results/routes/steuerungsgruppe.ts`).
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import type { Tone } from './model.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening, sum, table } from './table.ts'
import { taskCols, taskItems, taskTail, type TaskColumn } from './taskTable.ts'
import { steuerungsgruppeCells } from './steuerungsgruppeCells.ts'

export { steuerungsgruppeCells }

const limits = { reports: 12, needs: 16, decisions: 16, releases: 12, tasks: 20 }

const keys = steuerungsgruppeCells

const text = {
  title: { de: 'Steuerungsgruppen-Sitzung', en: 'Steering group meeting' },
  description: {
    de: 'Die Steuerungsgruppe hört die Berichte der Fachgruppen, entscheidet, was ihr vorgelegt wird, hält Beschlüsse mit ihrer Verbindlichkeit fest und sagt, was für wen freigegeben ist.',
    en: 'The steering group hears the working groups’ reports, decides what is put before it, records decisions with how binding they are, and says what is released to whom.',
  },
  intro: {
    de: 'Links steht, was die Steuerungsgruppe erfährt und entscheiden soll: die Berichte der Fachgruppen (aus ihren Statusberichten übernehmen) und der Entscheidungsbedarf (aus der Dienstleistungskette und der Fallkonferenz übernehmen oder hier sammeln). Rechts steht, was sie beschließt (mit der Nummer der Frage, die ein Beschluss beantwortet), wem sie was freigibt und wer bis wann was erledigt.',
    en: 'On the left, what the steering group hears and is asked to decide: the working groups’ reports (take them over from their status reports) and the questions for decision (from the service chain and the case conference, or gathered here). On the right, what it decides (with the number of the question a decision answers), what it releases to whom, and who does what by when.',
  },
  meeting: { de: 'Sitzung', en: 'Meeting' },
  number: { de: 'Nr.', en: 'No.' },
  reports: { de: 'Berichte der Fachgruppen', en: 'Reports of the working groups' },
  resources: { de: 'Ressourcen', en: 'Resources' },
  needs: { de: 'Entscheidungsbedarf', en: 'Questions for decision' },
  decisions: { de: 'Beschlüsse', en: 'Decisions' },
  releases: { de: 'Freigaben', en: 'Releases' },
  tasks: { de: 'Aufgaben', en: 'Tasks' },
  date: { de: 'Datum', en: 'Date' },
  addReport: { de: 'Bericht hinzufügen', en: 'Add a report' },
  addNeed: { de: 'Frage zur Entscheidung hinzufügen', en: 'Add a question for decision' },
  addDecision: { de: 'Beschluss hinzufügen', en: 'Add a decision' },
  addRelease: { de: 'Freigabe hinzufügen', en: 'Add a release' },
  addTask: { de: 'Aufgabe hinzufügen', en: 'Add a task' },
}

type Column = TaskColumn

/** What the pack names the board's reports and resources by: the template's own words (one word for one thing). */
export const steuerungsgruppeTitles = Object.freeze({ reports: text.reports, resources: text.resources })

// Widths (summing to the left column's): each title on one line, the prompt of „Anwesende“ too,
// so that a fourth column costs the meeting's header no height.
const meetingColumns: Column[] = [
  { key: keys.sitzung.col.leitung, title: { de: 'Sitzungsleitung', en: 'Chair' }, w: 550 },
  // H 4.3.1: the steering group decides where the Häuser' decision makers sit at the table; they are ticked.
  {
    key: keys.sitzung.col.anwesende,
    title: { de: 'Anwesende', en: 'Present' },
    prompt: { de: 'Mit Organisation; ✓ wer für sein Haus entscheiden darf', en: 'With their organisation; ✓ who may decide for it' },
    w: 640,
  },
  { key: keys.sitzung.col.protokoll, title: { de: 'Protokoll', en: 'Minutes' }, w: 370 },
  // H 6.1: a network lasts only with organisational and financial resources; the decision makers
  // at this table are who can give them, so every meeting asks. A column of the meeting's row, not
  // a table of its own (one more part than the projector's twelve, and less room for the headers).
  {
    key: keys.sitzung.col.ressourcen,
    title: text.resources,
    prompt: {
      de: 'Was kostet die Netzwerkarbeit? Wer stellt Personal, Geld, Räume – gesichert bis wann?',
      en: 'What does the network’s work cost? Who gives staff, money, rooms – secured until when?',
    },
    w: 460,
  },
]

export const reportColumns: Column[] = [
  {
    key: keys.berichte.col.fachgruppe,
    title: { de: 'Bericht der Fachgruppe', en: 'Working group’s report' },
    prompt: { de: 'Welche Gruppe, welcher Zeitraum?', en: 'Which group, which period?' },
    w: 380,
  },
  { key: keys.berichte.col.ergebnis, title: { de: 'Erreichtes Ergebnis', en: 'Result reached' }, w: 480 },
  { key: keys.berichte.col.beurteilung, title: { de: 'Beurteilung', en: 'Assessment' }, prompt: { de: 'Was weicht ab, und warum?', en: 'What differs, and why?' }, w: 480 },
  { key: keys.berichte.col.konsequenzen, title: { de: 'Konsequenzen', en: 'Consequences' }, prompt: { de: 'Was schlägt die Gruppe vor?', en: 'What does the group propose?' }, w: 480 },
]

const needColumns: Column[] = [
  { key: keys.bedarf.col.frage, title: { de: 'Entscheidungsbedarf', en: 'To be decided' }, prompt: { de: 'Was soll die Steuerungsgruppe entscheiden?', en: 'What is the steering group to decide?' }, w: 820 },
  { key: keys.bedarf.col.herkunft, title: { de: 'Woher?', en: 'From where?' }, prompt: { de: 'Fachgruppe, Kette, Fallkonferenz', en: 'Working group, chain, case conference' }, w: 440 },
  { key: keys.bedarf.col.vorschlag, title: { de: 'Vorschlag', en: 'Proposal' }, w: 560 },
]

const decisionColumns: Column[] = [
  { key: keys.beschluesse.col.beschluss, title: { de: 'Beschluss', en: 'Decision' }, prompt: { de: 'Im Wortlaut', en: 'In its wording' }, w: 460 },
  // The question it answers, by its number in „Entscheidungsbedarf“: that question is settled then.
  { key: keys.beschluesse.col.frage, title: { de: 'Zu Frage Nr.', en: 'Answers no.' }, w: 300 },
  {
    key: keys.beschluesse.col.giltFuer,
    title: { de: 'Gilt für', en: 'Applies to' },
    prompt: { de: 'Gesamtnetzwerk, eine Fachgruppe oder die Steuerungsgruppe', en: 'The whole network, one working group or the steering group' },
    w: 440,
  },
  {
    key: keys.beschluesse.col.verbindlichkeit,
    title: { de: 'Verbindlichkeit', en: 'How binding' },
    prompt: { de: 'Gilt, vorbehaltlich der Häuser oder Empfehlung', en: 'Binding, subject to the organisations, or a recommendation' },
    w: 440,
  },
]

const releaseColumns: Column[] = [
  { key: keys.freigaben.col.was, title: { de: 'Freigabe', en: 'Release' }, prompt: { de: 'Was wird freigegeben? Ergebnis, Bericht, Produkt', en: 'What is released? A result, a report, a product' }, w: 640 },
  { key: keys.freigaben.col.fuerWen, title: { de: 'Für wen?', en: 'For whom?' }, prompt: { de: 'Verteiler: intern, Häuser, Öffentlichkeit', en: 'Distribution: internal, organisations, public' }, w: 500 },
  { key: keys.freigaben.col.grundlage, title: { de: 'Grundlage', en: 'Based on' }, prompt: { de: 'Welche Regel oder welcher Beschluss?', en: 'Which rule or decision?' }, w: 500 },
]

const taskColumns: Column[] = [{ key: taskCols.aufgabe, title: { de: 'Was ist zu tun?', en: 'What is to be done?' }, w: 740 }, ...taskTail]

export const SteuerungsgruppeOptions = z.object({
  date: DateOption,
  reports: z.number().int().min(1).max(limits.reports).default(3),
  needs: z.number().int().min(1).max(limits.needs).default(3),
  decisions: z.number().int().min(1).max(limits.decisions).default(3),
  releases: z.number().int().min(1).max(limits.releases).default(2),
  tasks: z.number().int().min(1).max(limits.tasks).default(3),
})
export type SteuerungsgruppeOptions = z.infer<typeof SteuerungsgruppeOptions>

// Two columns, so that a whole meeting fits the projector: what comes to the group on the left,
// what it decides on the right.
const size = { numberW: 200, meetingH: 180, reportH: 180, needH: 170, decisionH: 180, releaseH: 170, taskH: 160, gap: 50, columnGap: 100 }
const headerScale = 3
const leftW = size.numberW + sum(reportColumns.map((c) => c.w))
const rightW = size.numberW + sum(decisionColumns.map((c) => c.w))
const width = leftW + size.columnGap + rightW

/** Columns stretched to `w`, in their proportions. */
const spread = (columns: Column[], w: number, locale: Locale) => {
  const total = sum(columns.map((c) => c.w))
  return columns.map((c) => ({ key: c.key, title: pick(c.title, locale), prompt: c.prompt && pick(c.prompt, locale), w: Math.round((c.w * w) / total) }))
}

const numbered = (count: number, row: (n: number) => string) => Array.from({ length: count }, (_, i) => ({ key: row(i + 1), label: `${i + 1}` }))

function layout(options: SteuerungsgruppeOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(dated(t(text.title), options.date, locale), t(text.intro), width, headerScale)
  const rightX = leftW + size.columnGap
  /** A numbered table in one of the two columns. */
  const listed = (section: string, title: Labels, columns: Column[], count: number, row: (n: number) => string, x: number, y: number, w: number, rowH: number, tones: { head: Tone; cell: Tone }) =>
    table({
      section,
      sectionTitle: t(title),
      rowsTitle: t(text.number),
      x,
      y,
      labelW: size.numberW,
      columns: spread(columns, w - size.numberW, locale),
      rows: numbered(count, row),
      rowH,
      scale: headerScale,
      headTone: tones.head,
      cellTone: tones.cell,
    })

  const meeting = table({
    section: keys.sitzung.section,
    sectionTitle: t(text.meeting),
    rowsTitle: '',
    x: 0,
    y: open.y,
    labelW: 0,
    columns: spread(meetingColumns, leftW, locale),
    rows: [{ key: keys.sitzung.row, label: t(text.meeting) }],
    rowH: size.meetingH,
    scale: headerScale,
    headTone: 'grey',
    cellTone: 'light-blue',
  })
  const reportsY = open.y + meeting.h + size.gap
  const reports = listed(keys.berichte.section, text.reports, reportColumns, options.reports, keys.berichte.row, 0, reportsY, leftW, size.reportH, { head: 'blue', cell: 'grey' })
  const needsY = reportsY + reports.h + size.gap
  const needs = listed(keys.bedarf.section, text.needs, needColumns, options.needs, keys.bedarf.row, 0, needsY, leftW, size.needH, { head: 'orange', cell: 'yellow' })

  const decisions = listed(keys.beschluesse.section, text.decisions, decisionColumns, options.decisions, keys.beschluesse.row, rightX, open.y, rightW, size.decisionH, { head: 'green', cell: 'light-green' })
  const releasesY = open.y + decisions.h + size.gap
  const releases = listed(keys.freigaben.section, text.releases, releaseColumns, options.releases, keys.freigaben.row, rightX, releasesY, rightW, size.releaseH, { head: 'violet', cell: 'light-violet' })
  const tasksY = releasesY + releases.h + size.gap
  const tasks = listed(keys.aufgaben.section, text.tasks, taskColumns, options.tasks, keys.aufgaben.row, rightX, tasksY, rightW, size.taskH, { head: 'grey', cell: 'light-blue' })

  return {
    blocks: [...open.blocks, ...meeting.blocks, ...reports.blocks, ...needs.blocks, ...decisions.blocks, ...releases.blocks, ...tasks.blocks],
    w: width,
    h: Math.max(needsY + needs.h, tasksY + tasks.h),
  }
}

/** A grow action that adds one row to a numbered table, up to its limit. */
const more = (id: string, label: Labels, field: 'reports' | 'needs' | 'decisions' | 'releases' | 'tasks') => ({
  id,
  label,
  apply: (options: SteuerungsgruppeOptions) => (options[field] >= limits[field] ? options : { ...options, [field]: options[field] + 1 }),
})

export const steuerungsgruppe: TemplateDefinition<SteuerungsgruppeOptions> = {
  name: 'steuerungsgruppe',
  title: text.title,
  description: text.description,
  options: SteuerungsgruppeOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: [taskItems(keys.aufgaben.section, [taskCols.aufgabe])],
  decisionNeeds: [{ section: keys.bedarf.section, what: [keys.bedarf.col.frage] }],
  actions: [
    more('addReport', text.addReport, 'reports'),
    more('addNeed', text.addNeed, 'needs'),
    more('addDecision', text.addDecision, 'decisions'),
    more('addRelease', text.addRelease, 'releases'),
    more('addTask', text.addTask, 'tasks'),
  ],
}

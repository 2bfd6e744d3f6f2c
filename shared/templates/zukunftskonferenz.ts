/**
 * Zukunftskonferenz: the whole network works on one guiding question in five steps. Small groups
 * look back, at the present and ahead (one row each); the plenary then gathers common ground, and
 * small groups or the plenary plan actions (H 4.3.8). The steps read left to right, 1 to 5.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import type { Block, Tone } from './model.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { sum } from './table.ts'
import { headerRow, promptHeight, titleBlock, type HeaderSpec } from './typography.ts'
import { doneColumn, doneKey } from './doneColumn.ts'

const limits = { groups: 8, actionRows: 30, question: 300 }

const text = {
  title: { de: 'Zukunftskonferenz', en: 'Future search conference' },
  description: {
    de: 'Das ganze Netzwerk in fünf Schritten: Rückblick, Gegenwart, Vision in Kleingruppen, Gemeinsamkeiten im Plenum, dann die Maßnahmen.',
    en: 'The whole network in five steps: past, present and vision in small groups, common ground in plenary, then the actions.',
  },
  intro: {
    de: 'Kleingruppen bearbeiten die Schritte 1 bis 3 und stellen ihre Zettel im Plenum vor; die Gemeinsamkeiten (4) findet das Plenum, die Maßnahmen (5) planen Kleingruppen oder das Plenum. Unterschiedliche Sichtweisen sind ausdrücklich erwünscht.',
    en: 'Small groups work through steps 1 to 3 and present their notes in plenary; the plenary finds the common ground (4), small groups or the plenary plan the actions (5). Differing views are expressly welcome.',
  },
  question: { de: 'Leitfrage', en: 'Guiding question' },
  defaultQuestion: {
    de: 'Wie schaffen wir es, dass Alleinerziehende in unserer Stadt Unterstützung aus einem Guss bekommen – ohne Lücken zwischen den Stellen?',
    en: 'How can single parents in our town get joined-up support, without gaps between the services?',
  },
  dissent: { de: 'Bleibender Dissens', en: 'Lasting dissent' },
  dissentPrompt: {
    de: 'Worin sind wir uns (noch) nicht einig?',
    en: 'Where do we (still) disagree?',
  },
  // The handbook asks that this be settled before the conference starts, not afterwards.
  mandate: { de: 'Anregung oder Umsetzungsauftrag?', en: 'Suggestion or mandate to act?' },
  mandateSection: { de: 'Auftrag der Zukunftskonferenz', en: 'Mandate of the conference' },
  mandateWhen: { de: 'Vor Schritt 1', en: 'Before step 1' },
  mandatePrompt: {
    de: 'Anregung an die Organisationen oder Auftrag, sie umzusetzen – wer entscheidet das?',
    en: 'A suggestion to the organisations or an order to act – who decides?',
  },
  inGroups: { de: 'Schritte 1–3: in Kleingruppen', en: 'Steps 1–3: in small groups' },
  // Above steps 4 and 5, whose headers name them: one line over the narrow plenary column.
  inPlenary: { de: 'Im Plenum', en: 'In plenary' },
  actionsWhere: { de: 'In Kleingruppen oder im Plenum', en: 'In small groups or in plenary' },
  // H 4.3.8: the network settles how the results enter each organisation's own goals.
  intake: { de: 'Eingang in die internen Zieldefinitionen', en: 'Into the organisations’ own goals' },
  intakePrompt: {
    de: 'Wie finden die Ergebnisse Eingang in die internen Zieldefinitionen der Organisationen? Wer nimmt sie in sein Haus mit?',
    en: 'How do the results enter the organisations’ own goals? Who takes them back to their organisation?',
  },
  group: { de: 'Gruppe', en: 'Group' },
  groupsHead: { de: 'Kleingruppe', en: 'Small group' },
  groupsSection: { de: 'Kleingruppen: Vergangenheit, Gegenwart, Vision', en: 'Small groups: past, present, vision' },
  step: { de: 'Schritt', en: 'Step' },
  number: { de: 'Nr.', en: 'No.' },
  addGroup: { de: 'Kleingruppe hinzufügen', en: 'Add a small group' },
  addActionRow: { de: 'Zeile im Maßnahmenplan hinzufügen', en: 'Add a row to the action plan' },
}

interface Step {
  n: number
  key: string
  title: Labels
  prompt: Labels
}

const steps: Step[] = [
  {
    n: 1,
    key: 'vergangenheit',
    title: { de: 'Vergangenheit', en: 'Past' },
    prompt: {
      de: 'Worum geht es? Blicken Sie zurück: Wie ist die Lage entstanden, was wurde schon versucht?',
      en: 'What is the problem? Look back: how did things come to this, what has been tried?',
    },
  },
  {
    n: 2,
    key: 'gegenwart',
    title: { de: 'Gegenwart und Trends', en: 'Present and trends' },
    prompt: {
      de: 'Welche Entwicklungen sehen Sie heute – und was folgt daraus für jetzt und später?',
      en: 'Which developments do you see today, and what follows from them for now and later?',
    },
  },
  {
    n: 3,
    key: 'vision',
    title: { de: 'Vision', en: 'Vision' },
    prompt: {
      de: 'Stellen Sie sich vor, es ist gelungen: Wie sieht gute Unterstützung in ein paar Jahren aus? Malen, spielen, träumen Sie mutig.',
      en: 'Imagine it has worked: what does good support look like in a few years? Draw, act, dream boldly.',
    },
  },
  {
    n: 4,
    key: 'gemeinsamkeiten',
    title: { de: 'Gemeinsamkeiten', en: 'Common ground' },
    prompt: {
      de: 'Was taucht in mehreren Visionen auf? Sammeln Sie, was alle mittragen; Unterschiede dürfen sichtbar bleiben.',
      en: 'What appears in several visions? Gather what everyone can support; differences may stay visible.',
    },
  },
  {
    n: 5,
    key: 'massnahmen',
    title: { de: 'Maßnahmenplanung', en: 'Action planning' },
    prompt: {
      de: 'Was tun wir konkret, wer übernimmt es, bis wann – und woran merken wir, dass es wirkt? Bei „Teilziel“ genügt die Nummer des Teilziels oder ein Stichwort daraus.',
      en: 'What exactly do we do, who takes it on, by when – and how will we notice that it works? Under “Goal”, the sub-goal’s number or a keyword from it is enough.',
    },
  },
]
const groupSteps = steps.slice(0, 3)
const [, , , commonStep, actionStep] = steps

/**
 * The keys the carry routes read (actions to the Zielsystem's Teilziele, common ground to its
 * Oberziel). Not a `table()`: block keys are spelled here, once. Add, never rename.
 */
export const zukunftskonferenzCells = Object.freeze({
  actions: Object.freeze({
    section: 'actions',
    row: (n: number) => `a${n}`,
    col: Object.freeze({ massnahme: 'massnahme', ziel: 'ziel', wer: 'wer', bisWann: 'bisWann', indikator: 'indikator', erledigt: doneKey }),
    block: (n: number, col: string) => `action:a${n}:${col}`,
  }),
  common: Object.freeze({
    section: 'common',
    row: Object.freeze({ gemeinsamkeiten: 'common', dissens: 'dissens' }),
    block: Object.freeze({ gemeinsamkeiten: 'cell:gemeinsamkeiten', dissens: 'cell:dissens' }),
  }),
  /** Settled before step 1 (boards from before keep it in section `common`, it was step 4's). */
  mandate: Object.freeze({ section: 'auftrag', row: 'auftrag', block: 'cell:auftrag' }),
  /** How the results enter the organisations' own goals (H 4.3.8), beneath step 4. */
  intake: Object.freeze({ section: 'eingang', row: 'eingang', block: 'cell:eingang' }),
  groups: Object.freeze({
    section: 'groups',
    row: (g: number) => `g${g}`,
    block: (g: number, step: string) => `cell:g${g}:${step}`,
  }),
} as const)
const keys = zukunftskonferenzCells

const actionColumns: { key: string; title: Labels; w: number }[] = [
  { key: keys.actions.col.massnahme, title: { de: 'Maßnahme', en: 'Action' }, w: 360 },
  // A short goal title, a narrower plenary column and narrower gaps make room for „Erledigt?“ at the template's zoom.
  { key: keys.actions.col.ziel, title: { de: 'Teilziel', en: 'Goal' }, w: 300 },
  { key: keys.actions.col.wer, title: { de: 'Wer', en: 'Who' }, w: 300 },
  { key: keys.actions.col.bisWann, title: { de: 'Bis wann', en: 'By when' }, w: 300 },
  { key: keys.actions.col.indikator, title: { de: 'Woran merken wir es?', en: 'How will we notice?' }, w: 440 },
  doneColumn(300),
]

const stepTone: Record<number, Tone> = { 1: 'light-blue', 2: 'light-blue', 3: 'light-blue', 4: 'green', 5: 'orange' }

export const ZukunftskonferenzOptions = z.object({
  question: z.string().trim().max(limits.question).default(''),
  groups: z.number().int().min(2).max(limits.groups).default(4),
  actionRows: z.number().int().min(1).max(limits.actionRows).default(6),
})
export type ZukunftskonferenzOptions = z.infer<typeof ZukunftskonferenzOptions>

const size = {
  sectionGapX: 60,
  gap: 20,
  // "Gruppe 1" on one line at header size.
  groupLabelW: 280,
  groupStepW: 460,
  groupRowH: 260,
  commonW: 520,
  commonMinH: 1000,
  dissentH: 260,
  intakeH: 300,
  mandateH: 240,
  rowH: 240,
}
/** Header type: readable with the whole template in view on a laptop (typography.ts). */
const headerScale = 2.8

const groupsW = size.groupLabelW + groupSteps.length * size.groupStepW
const commonX = groupsW + size.sectionGapX
const actionsX = commonX + size.commonW + size.sectionGapX
const actionsW = sum(actionColumns.map((c) => c.w))
const width = actionsX + actionsW

function layout(options: ZukunftskonferenzOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const question = options.question || t(text.defaultQuestion)
  const title = titleBlock(t(text.title), width, headerScale)
  const intro = t(text.intro)
  const blocks: Block[] = [title, { kind: 'prompt', key: 'intro', x: 0, y: title.h + 10, w: width, h: promptHeight(intro, width), text: intro }]
  let y = blocks[1].y + blocks[1].h + size.gap
  const row = (specs: HeaderSpec[]) => {
    const head = headerRow(specs, y, headerScale)
    blocks.push(...head.blocks)
    y += head.h
  }
  // First, before step 1, what becomes of the results and who decides; beside it the question.
  const mandateTop = y
  const mandateW = Math.round(groupsW * 0.5)
  const firstRow = headerRow(
    [
      { key: 'head:auftrag', x: 0, w: mandateW, tone: 'yellow', title: `${t(text.mandateWhen)}: ${t(text.mandate)}`, prompt: t(text.mandatePrompt) },
      { key: 'question', x: commonX, w: width - commonX, tone: 'blue', title: `${t(text.question)}: ${question}` },
    ],
    y,
    headerScale,
    size.mandateH,
  )
  blocks.push(...firstRow.blocks)
  y += firstRow.h
  blocks.push({
    kind: 'cell',
    key: keys.mandate.block,
    x: mandateW,
    y: mandateTop,
    w: groupsW - mandateW,
    h: firstRow.h,
    tone: 'yellow',
    cell: { section: keys.mandate.section, sectionTitle: t(text.mandateSection), rowsTitle: t(text.mandateWhen), row: keys.mandate.row, rowLabel: t(text.mandate) },
  })
  y += size.gap
  row([
    { key: 'phase:groups', x: 0, w: groupsW, tone: 'grey', title: t(text.inGroups) },
    { key: 'phase:plenary', x: commonX, w: size.commonW, tone: 'grey', title: t(text.inPlenary) },
    { key: 'phase:actions', x: actionsX, w: actionsW, tone: 'grey', title: t(text.actionsWhere) },
  ])
  y += size.gap
  // The five steps in one row of headers, so that they line up across the sections.
  const stepSpec = (step: Step, x: number, w: number): HeaderSpec => ({
    key: `step:${step.n}`,
    x,
    w,
    tone: stepTone[step.n],
    title: `${step.n} · ${t(step.title)}`,
    prompt: t(step.prompt),
  })
  row([
    { key: 'head:groups', x: 0, w: size.groupLabelW, tone: 'blue', title: t(text.group) },
    ...groupSteps.map((step, c) => stepSpec(step, size.groupLabelW + c * size.groupStepW, size.groupStepW)),
    stepSpec(commonStep, commonX, size.commonW),
    stepSpec(actionStep, actionsX, actionsW),
  ])

  // Steps 1–3: one row per small group.
  const top = y
  for (let g = 0; g < options.groups; g++) {
    const y = top + g * size.groupRowH
    const rowLabel = `${t(text.group)} ${g + 1}`
    blocks.push(...headerRow([{ key: `group:g${g + 1}`, x: 0, w: size.groupLabelW, tone: 'light-blue', title: rowLabel }], y, headerScale, size.groupRowH).blocks)
    groupSteps.forEach((step, c) =>
      blocks.push({
        kind: 'cell',
        key: keys.groups.block(g + 1, step.key),
        x: size.groupLabelW + c * size.groupStepW,
        y,
        w: size.groupStepW,
        h: size.groupRowH,
        tone: 'grey',
        cell: {
          section: keys.groups.section,
          sectionTitle: t(text.groupsSection),
          rowsTitle: t(text.groupsHead),
          row: keys.groups.row(g + 1),
          rowLabel,
          col: step.key,
          colLabel: t(step.title),
        },
      }),
    )
  }
  const groupsBottom = top + options.groups * size.groupRowH

  // Step 4: one plenary cell, as tall as the groups' rows it draws on, and beneath it what
  // stays disputed: differences may stay visible.
  const commonH = Math.max(groupsBottom - top, size.commonMinH)
  const sharedH = commonH - size.dissentH - size.gap
  blocks.push({
    kind: 'cell',
    key: keys.common.block.gemeinsamkeiten,
    x: commonX,
    y: top,
    w: size.commonW,
    h: sharedH,
    tone: 'light-green',
    cell: { section: keys.common.section, sectionTitle: t(commonStep.title), rowsTitle: t(text.step), row: keys.common.row.gemeinsamkeiten, rowLabel: `4 · ${t(commonStep.title)}` },
  })
  blocks.push({
    kind: 'cell',
    key: keys.common.block.dissens,
    x: commonX,
    y: top + sharedH + size.gap,
    w: size.commonW,
    h: size.dissentH,
    tone: 'light-red',
    label: `${t(text.dissent)}: ${t(text.dissentPrompt)}`,
    cell: { section: keys.common.section, sectionTitle: t(commonStep.title), rowsTitle: t(text.step), row: keys.common.row.dissens, rowLabel: t(text.dissent) },
  })

  // After step 4, beneath it: how the results reach the organisations.
  const intakeY = top + commonH + size.gap
  blocks.push({
    kind: 'cell',
    key: keys.intake.block,
    x: commonX,
    y: intakeY,
    w: size.commonW,
    h: size.intakeH,
    tone: 'light-violet',
    label: `${t(text.intake)}: ${t(text.intakePrompt)}`,
    cell: { section: keys.intake.section, sectionTitle: t(text.intake), rowsTitle: t(text.step), row: keys.intake.row, rowLabel: t(text.intake) },
  })

  // Step 5: the action table.
  let x = actionsX
  const columnHeads = headerRow(
    actionColumns.map((column) => {
      const spec: HeaderSpec = { key: `head:action:${column.key}`, x, w: column.w, tone: 'yellow', title: t(column.title) }
      x += column.w
      return spec
    }),
    top,
    headerScale,
  )
  blocks.push(...columnHeads.blocks)
  const rowsTop = top + columnHeads.h
  for (let r = 0; r < options.actionRows; r++) {
    x = actionsX
    for (const [c, column] of actionColumns.entries()) {
      blocks.push({
        kind: 'cell',
        key: keys.actions.block(r + 1, column.key),
        x,
        y: rowsTop + r * size.rowH,
        w: column.w,
        h: size.rowH,
        tone: 'yellow',
        ...(c === 0 ? { label: `${r + 1}.` } : {}),
        cell: {
          section: keys.actions.section,
          sectionTitle: t(actionStep.title),
          rowsTitle: t(text.number),
          row: keys.actions.row(r + 1),
          rowLabel: `${r + 1}`,
          col: column.key,
          colLabel: t(column.title),
        },
      })
      x += column.w
    }
  }
  const actionsBottom = rowsTop + options.actionRows * size.rowH

  return { blocks, w: width, h: Math.max(groupsBottom, intakeY + size.intakeH, actionsBottom) }
}

export const zukunftskonferenz: TemplateDefinition<ZukunftskonferenzOptions> = {
  name: 'zukunftskonferenz',
  title: text.title,
  description: text.description,
  options: ZukunftskonferenzOptions,
  exportFacts: (options, locale) => [{ label: pick(text.question, locale), value: options.question }],
  // Every action someone wrote down, with who takes it on and by when.
  openItemTables: [{ section: keys.actions.section, what: [keys.actions.col.massnahme], who: [keys.actions.col.wer], when: [keys.actions.col.bisWann], done: [doneKey] }],
  prepare: (options, locale) => (options.question ? options : { ...options, question: pick(text.defaultQuestion, locale) }),
  layout,
  actions: [
    {
      id: 'addGroup',
      label: text.addGroup,
      apply: (options) => (options.groups >= limits.groups ? options : { ...options, groups: options.groups + 1 }),
    },
    {
      id: 'addActionRow',
      label: text.addActionRow,
      apply: (options) =>
        options.actionRows >= limits.actionRows ? options : { ...options, actionRows: options.actionRows + 1 },
    },
  ],
}

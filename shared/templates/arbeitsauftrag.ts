/**
 * Arbeitsauftrag und Netzwerkarchitektur (H Anlage Arbeitsauftrag, H 4.2.2, 4.3.1, 4.3.9): the
 * order a working group takes on, field by field as in the handbook's form, with its phases and
 * milestones (who reports by when: open items) and the group with each person's level; and the
 * network's architecture, which the orders are given within: steering group, working groups and
 * the whole network, each with its core and its wider circle. One template, either part or both.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import type { Block } from './model.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { cellKey, opening, sum, table, type TableRow } from './table.ts'
import { architectureKeys, architectureModels, architectures } from './architectures.ts'
import { doneColumn, doneKey } from './doneColumn.ts'

const limits = { title: 120, subgoals: 8, phases: 12, members: 20 }

/**
 * The keys the carry routes write into (the Zielsystem's Teilziel into the order's goals) and the
 * layout uses. Stored boards find their cells by these keys: add, never rename.
 */
export const arbeitsauftragCells = Object.freeze({
  auftrag: Object.freeze({
    section: 'auftrag',
    col: 'inhalt',
    rows: Object.freeze({
      ziele: 'ziele',
      basis: 'basis',
      laufzeit: 'laufzeit',
      dritte: 'dritte',
      budget: 'budget',
      rahmen: 'rahmen',
      beauftragung: 'beauftragung',
    }),
  }),
  /** Where the Teilziel the order serves is written (route `goal-order`). */
  ziele: cellKey('auftrag', 'ziele', 'inhalt'),
  phasen: Object.freeze({
    section: 'phasen',
    row: (n: number) => `ph${n}`,
    col: Object.freeze({ phase: 'phase', bisWann: 'bisWann', wer: 'wer' }),
  }),
  gruppe: Object.freeze({
    section: 'gruppe',
    leitung: 'leitung',
    member: (n: number) => `m${n}`,
    col: Object.freeze({ person: 'person', organisation: 'organisation', rolle: 'rolle', ebene: 'ebene' }),
  }),
  architektur: Object.freeze({ section: 'architektur', ...architectureKeys }),
} as const)
const keys = arbeitsauftragCells

const text = {
  title: { de: 'Arbeitsauftrag und Netzwerkarchitektur', en: 'Working brief and network architecture' },
  description: {
    de: 'Der Auftrag an eine Arbeitsgruppe nach dem Formular des Handbuchs – Ziele, Phasen und Meilensteine, Gruppe mit Entscheidungs- und Arbeitsebene – und die Netzwerkarchitektur: Steuerungsgruppe mit Fachgruppen oder Kernnetzwerk mit erweitertem Kreis.',
    en: "A working group's brief along the handbook's form (goals, phases and milestones, the group with decision and working level) and the network architecture: a steering group with working groups, or a core network with a wider circle.",
  },
  heading: {
    auftrag: { de: 'Arbeitsauftrag', en: 'Working brief' },
    architektur: { de: 'Netzwerkarchitektur', en: 'Network architecture' },
    beide: { de: 'Arbeitsauftrag und Netzwerkarchitektur', en: 'Working brief and network architecture' },
  },
  forSubgoal: { de: 'zu Teilziel', en: 'for sub-goal' },
  intro: {
    auftrag: {
      de: 'Ein Auftrag an eine Arbeitsgruppe, klar und für alle nachvollziehbar: Wer gibt ihn, wer nimmt ihn an, bis wann ist was fertig? Eine Person in der Gruppe ist für den Auftrag verantwortlich und berichtet. Phasen mit „Wer berichtet?“ und „Bis wann“ erscheinen unter den offenen Punkten.',
      en: 'A brief to a working group, clear and open to everyone: who gives it, who accepts it, what is done by when? One person in the group answers for it and reports. Phases with “Who reports?” and “By when” appear among the open items.',
    },
  },
  auftrag: { de: 'Auftrag', en: 'Brief' },
  field: { de: 'Feld', en: 'Field' },
  inhalt: { de: 'Inhalt', en: 'Content' },
  phases: { de: '2 · Phasen und Meilensteine', en: '2 · Phases and milestones' },
  number: { de: 'Nr.', en: 'No.' },
  group: { de: '5 · Arbeitsgruppe und Verantwortlichkeiten', en: '5 · Working group and responsibilities' },
  who: { de: 'Wer', en: 'Who' },
  leitung: { de: 'Leitung', en: 'Lead' },
  leitungPrompt: { de: 'Verantwortlich für den Auftrag, berichtet', en: 'Answers for the brief, reports' },
  mitarbeit: { de: 'Mitarbeit', en: 'Member' },
  architecture: { de: 'Netzwerkarchitektur', en: 'Network architecture' },
  level: { de: 'Ebene', en: 'Level' },
  addPhase: { de: 'Phase hinzufügen', en: 'Add a phase' },
  addMember: { de: 'Person hinzufügen', en: 'Add a person' },
  factTitle: { de: 'Auftrag', en: 'Brief' },
  factSubgoal: { de: 'Zu Teilziel', en: 'For sub-goal' },
}

type Row = { key: string; label: Labels; prompt: Labels }

/** H's form, field by field; 2 and 5 are tables of their own. */
const orderRows: Row[] = [
  {
    key: keys.auftrag.rows.ziele,
    label: { de: '1 · Ziele', en: '1 · Goals' },
    prompt: { de: 'Was soll erreicht sein, zu welchem Teilziel?', en: 'What is to be achieved, for which sub-goal?' },
  },
  {
    key: keys.auftrag.rows.basis,
    label: { de: '3 · Basis', en: '3 · Basis' },
    prompt: { de: 'Worauf baut die Gruppe auf?', en: 'What does the group build on?' },
  },
  {
    key: keys.auftrag.rows.laufzeit,
    label: { de: '4 · Laufzeit', en: '4 · Duration' },
    prompt: { de: 'Von … bis …', en: 'From … to …' },
  },
  {
    key: keys.auftrag.rows.dritte,
    label: { de: '6 · Einbindung Dritter', en: '6 · Involving others' },
    prompt: { de: 'Wer wird außerdem beteiligt?', en: 'Who else is involved?' },
  },
  {
    key: keys.auftrag.rows.budget,
    label: { de: '7 · Budget', en: '7 · Budget' },
    prompt: { de: 'Geld, Zeit, Räume – wer stellt sie?', en: 'Money, time, rooms: who provides them?' },
  },
  {
    key: keys.auftrag.rows.rahmen,
    label: { de: '8 · Rahmenbedingungen', en: '8 · Conditions' },
    prompt: { de: 'Was ist vorgegeben, was entscheidet die Gruppe?', en: 'What is given, what does the group decide?' },
  },
  {
    key: keys.auftrag.rows.beauftragung,
    label: { de: '9 · Beauftragung', en: '9 · Commissioning' },
    // H 4.3.9: goal conflicts are settled before a brief goes to a group (a row of its own would cost the form its zoom).
    prompt: { de: 'Zielkonflikte geklärt? Dann: Wer erteilt, wer nimmt an? Ort, Datum', en: 'Goal conflicts settled? Then: who gives it, who accepts it? Place, date' },
  },
]

const phaseColumns: { key: string; title: Labels; prompt?: Labels; w: number }[] = [
  { key: keys.phasen.col.phase, title: { de: 'Phase, Meilenstein', en: 'Phase, milestone' }, w: 440 },
  { key: keys.phasen.col.bisWann, title: { de: 'Bis wann', en: 'By when' }, w: 300 },
  { key: keys.phasen.col.wer, title: { de: 'Wer berichtet?', en: 'Who reports?' }, w: 300 },
  doneColumn(),
]

const groupColumns: { key: string; title: Labels; prompt?: Labels; w: number }[] = [
  { key: keys.gruppe.col.person, title: { de: 'Person', en: 'Person' }, w: 280 },
  { key: keys.gruppe.col.organisation, title: { de: 'Organisation', en: 'Organisation' }, w: 380 },
  { key: keys.gruppe.col.rolle, title: { de: 'Rolle, Aufgaben', en: 'Role, tasks' }, w: 340 },
  {
    key: keys.gruppe.col.ebene,
    title: { de: 'Ebene', en: 'Level' },
    prompt: { de: 'Entscheidung oder Arbeit?', en: 'Decision or work?' },
    w: 260,
  },
]

export const ArbeitsauftragOptions = z.object({
  /** Like the service chain's variant: the brief, the architecture, or both on one board. */
  parts: z.enum(['auftrag', 'architektur', 'beide']).default('beide'),
  /** Which of the handbook's two architectures (H 4.2.2 levels, H 4.3.1 circles). */
  modell: z.enum(architectureModels).default('steuerung'),
  title: z.string().trim().max(limits.title).default(''),
  /** The Zielsystem's Teilziel the brief serves; 0 for none. */
  teilziel: z.number().int().min(0).max(limits.subgoals).default(0),
  phases: z.number().int().min(1).max(limits.phases).default(3),
  members: z.number().int().min(1).max(limits.members).default(2),
})
export type ArbeitsauftragOptions = z.infer<typeof ArbeitsauftragOptions>

const size = { labelW: 520, numberW: 160, whoW: 360, rowH: 140, fieldH: 170, archLabelW: 460, archRowH: 180, gapX: 120, gapY: 80 }
const headerScale = 2.4
const sum4 = (list: { w: number }[]) => sum(list.map((c) => c.w))
/** Left: the brief's fields over its phases; right: the architecture over the group. */
const leftW = 1660
const rightW = Math.max(...architectureModels.map((m) => size.archLabelW + sum4(architectures[m].columns)), size.whoW + sum4(groupColumns))

/** The title: what the template holds, the brief's own title, the Teilziel it serves. */
function heading(options: ArbeitsauftragOptions, locale: Locale): string {
  const t = (labels: Labels) => pick(labels, locale)
  let title = t(text.heading[options.parts])
  if (options.title) title += `: ${options.title}`
  if (options.teilziel > 0 && options.parts !== 'architektur') title += ` · ${t(text.forSubgoal)} ${options.teilziel}`
  return title
}

function layout(options: ArbeitsauftragOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const withOrder = options.parts !== 'architektur'
  const withArchitecture = options.parts !== 'auftrag'
  const w = withOrder && withArchitecture ? leftW + size.gapX + rightW : withOrder ? leftW + size.gapX + rightW : rightW
  const model = architectures[options.modell]
  const intro = [withOrder && t(text.intro.auftrag), withArchitecture && t(model.intro)].filter(Boolean).join(' ')
  const open = opening(heading(options, locale), intro, w, headerScale)
  const blocks: Block[] = [...open.blocks]
  /** Columns stretched to fill `width` beside the row headers, in their proportions. */
  const columns = (list: { key: string; title: Labels; prompt?: Labels; w: number }[], width: number) => {
    const total = sum4(list)
    return list.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: Math.round((c.w * width) / total) }))
  }
  let bottom = open.y
  const rightX = withOrder ? leftW + size.gapX : 0
  let rightY = open.y

  if (withOrder) {
    // The fields' questions stand in their cells: the rows stay low and the form fits one screen.
    const order = table({
      section: keys.auftrag.section,
      sectionTitle: t(text.auftrag),
      rowsTitle: t(text.field),
      x: 0,
      y: open.y,
      labelW: size.labelW,
      columns: [{ key: keys.auftrag.col, title: t(text.inhalt), w: leftW - size.labelW }],
      rows: orderRows.map((r) => ({ key: r.key, label: t(r.label), cellLabel: t(r.prompt) })),
      rowH: size.fieldH,
      scale: headerScale,
    })
    blocks.push(...order.blocks)
    const phasesY = open.y + order.h + size.gapY
    const phases = table({
      section: keys.phasen.section,
      sectionTitle: t(text.phases),
      rowsTitle: t(text.number),
      x: 0,
      y: phasesY,
      labelW: size.numberW,
      columns: columns(phaseColumns, leftW - size.numberW),
      rows: Array.from({ length: options.phases }, (_, i) => ({ key: keys.phasen.row(i + 1), label: `${i + 1}` })),
      rowH: size.rowH,
      scale: headerScale,
      headTone: 'orange',
      rowTone: 'orange',
      cellTone: 'yellow',
    })
    blocks.push(...phases.blocks)
    bottom = phasesY + phases.h
  }

  if (withArchitecture) {
    const architecture = table({
      section: keys.architektur.section,
      sectionTitle: `${t(text.architecture)}: ${t(model.name)}`,
      rowsTitle: t(text.level),
      x: rightX,
      y: rightY,
      labelW: size.archLabelW,
      columns: columns(model.columns, rightW - size.archLabelW),
      rows: model.rows.map((r) => ({ key: r.key, label: t(r.label), prompt: t(r.prompt) })),
      rowH: size.archRowH,
      scale: headerScale,
      headTone: 'violet',
      rowTone: 'light-violet',
    })
    blocks.push(...architecture.blocks)
    rightY += architecture.h + size.gapY
  }

  if (withOrder) {
    const members: TableRow[] = [
      { key: keys.gruppe.leitung, label: t(text.leitung), prompt: t(text.leitungPrompt), tone: 'light-green' },
      ...Array.from({ length: options.members }, (_, i) => ({ key: keys.gruppe.member(i + 1), label: `${t(text.mitarbeit)} ${i + 1}` })),
    ]
    const group = table({
      section: keys.gruppe.section,
      sectionTitle: t(text.group),
      rowsTitle: t(text.who),
      x: rightX,
      y: rightY,
      labelW: size.whoW,
      columns: columns(groupColumns, rightW - size.whoW),
      rows: members,
      rowH: size.rowH,
      scale: headerScale,
      headTone: 'green',
      rowTone: 'light-green',
    })
    blocks.push(...group.blocks)
    rightY += group.h
  } else rightY -= size.gapY
  return { blocks, w, h: Math.max(bottom, rightY) }
}

export const arbeitsauftrag: TemplateDefinition<ArbeitsauftragOptions> = {
  name: 'arbeitsauftrag',
  title: text.title,
  description: text.description,
  options: ArbeitsauftragOptions,
  layout,
  exportFacts: (options, locale) => [
    ...(options.title ? [{ label: pick(text.factTitle, locale), value: options.title }] : []),
    ...(options.teilziel > 0 ? [{ label: pick(text.factSubgoal, locale), value: String(options.teilziel) }] : []),
    ...(options.parts !== 'auftrag' ? [{ label: pick(text.architecture, locale), value: pick(architectures[options.modell].name, locale) }] : []),
  ],
  // A phase is a task once someone wrote what, who reports or by when.
  openItemTables: [
    {
      section: keys.phasen.section,
      what: [keys.phasen.col.phase],
      who: [keys.phasen.col.wer],
      when: [keys.phasen.col.bisWann],
      requires: [keys.phasen.col.phase],
      done: [doneKey],
    },
  ],
  actions: [
    {
      id: 'addPhase',
      label: text.addPhase,
      // The architecture alone has no phases: nothing to add.
      apply: (options) => (options.phases >= limits.phases || options.parts === 'architektur' ? options : { ...options, phases: options.phases + 1 }),
    },
    {
      id: 'addMember',
      label: text.addMember,
      apply: (options) => (options.members >= limits.members || options.parts === 'architektur' ? options : { ...options, members: options.members + 1 }),
    },
  ],
}

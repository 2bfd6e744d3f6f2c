/**
 * Bedarfsanalyse: the target group's needs against the partners who work on them, on the
 * individual level (debts, health…) and the structural one (childcare places, transport…).
 * Done before a network starts, to see which partners it needs.
 */
import { z } from 'zod'
import { withName, type TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { headerRow } from './typography.ts'
import { opening, sum, table } from './table.ts'

const limits = { needs: 30 }

const text = {
  title: { de: 'Bedarfsanalyse', en: 'Needs analysis' },
  description: {
    de: 'Das Instrument des Leitfadens: die Bedarfe der Zielgruppe auf individueller und struktureller Ebene. Wer bearbeitet sie heute, wen bräuchten wir noch?',
    en: 'The guide’s instrument: the target group’s needs on the individual and structural level. Who works on them today, whom else would we need?',
  },
  intro: {
    de: 'Tabelle 1 des Leitfadens Kooperation: Wer bearbeitet einen Bedarf heute, wir selbst oder schon einbezogene Partner? Wen bräuchten wir noch? Weitere Bedarfe im Bereich „Vorlagen“.',
    en: 'Table 1 of the cooperation guide: who works on a need today, we ourselves or partners already involved? Whom else would we need? Add needs in the templates panel.',
  },
  need: { de: 'Bedarf', en: 'Need' },
  individual: { de: 'Individuelle Ebene', en: 'Individual level' },
  individualPrompt: { de: 'Was einzelne Menschen der Zielgruppe brauchen', en: 'What individual people in the target group need' },
  structural: { de: 'Strukturelle Ebene', en: 'Structural level' },
  structuralPrompt: { de: 'Was vor Ort fehlt oder zusammenspielen muss', en: 'What is missing locally or has to work together' },
  addIndividual: { de: 'Individuellen Bedarf hinzufügen', en: 'Add an individual need' },
  addStructural: { de: 'Strukturellen Bedarf hinzufügen', en: 'Add a structural need' },
  needName: { de: 'Bedarf', en: 'Need' },
  targetGroup: { de: 'Zielgruppe', en: 'Target group' },
  defaultTargetGroup: { de: 'Alleinerziehende', en: 'Single parents' },
}

/** R's five areas of single parents' needs (Bedarfslagen); a default need names its area. */
const areas = {
  arbeit: { de: 'Arbeit', en: 'Work' },
  gesundheit: { de: 'Gesundheit', en: 'Health' },
  sozial: { de: 'Soziale Integration', en: 'Social integration' },
  qualifikation: { de: 'Qualifikation', en: 'Qualification' },
  kinder: { de: 'Kinderbetreuung', en: 'Childcare' },
} satisfies Record<string, Labels>

type Need = { name: Labels; area?: Labels }

/**
 * R's Bedarfslagen with those L 5.1 adds, short enough for one line on a projector (related items
 * share a row). The Kinder(betreuung) area, support with parenting too, is a local offer: it stands
 * on the structural level, as the template always had childcare.
 */
const individualNeeds: Need[] = [
  { name: { de: '(Wieder-)Einstieg', en: '(Re-)entering work' }, area: areas.arbeit },
  { name: { de: 'Auskömmliche Arbeit', en: 'A living wage' }, area: areas.arbeit },
  { name: { de: 'Beruf und Familie', en: 'Work and family' }, area: areas.arbeit },
  { name: { de: 'Gesundheit, Sucht', en: 'Health, addiction' }, area: areas.gesundheit },
  { name: { de: 'Materielle Sicherung', en: 'Material security' }, area: areas.sozial },
  { name: { de: 'Unterhalt, Vorschuss', en: 'Child maintenance' }, area: areas.sozial },
  { name: { de: 'Wohnen', en: 'Housing' }, area: areas.sozial },
  { name: { de: 'Schulden, Haushalt', en: 'Debts, household' }, area: areas.sozial },
  { name: { de: 'Soziale Isolation', en: 'Social isolation' }, area: areas.sozial },
  { name: { de: 'Spracherwerb', en: 'Learning German' }, area: areas.sozial },
  { name: { de: 'Berufsvorbereitung', en: 'Job preparation' }, area: areas.qualifikation },
  { name: { de: 'Aus-, Weiterbildung', en: 'Training, education' }, area: areas.qualifikation },
]

const structuralNeeds: Need[] = [
  { name: { de: 'Kinderbetreuung: Plätze, Randzeiten', en: 'Childcare: places, hours' }, area: areas.kinder },
  { name: { de: 'Kinderbetreuung: Qualität', en: 'Childcare: quality' }, area: areas.kinder },
  { name: { de: 'Kinderbetreuung: Kosten, Notfälle', en: 'Childcare: costs, emergencies' }, area: areas.kinder },
  { name: { de: 'Unterstützung bei der Erziehung', en: 'Support with parenting' }, area: areas.kinder },
  { name: { de: 'Anbindung an Bus und Bahn', en: 'Public transport links' } },
  { name: { de: 'Praktikumsstellen', en: 'Internship places' }, area: areas.qualifikation },
  { name: { de: 'Arbeitgeber mit Teilzeitstellen', en: 'Employers offering part-time work' }, area: areas.arbeit },
  { name: { de: 'Zusammenarbeit der Stellen vor Ort', en: 'Cooperation between local services' } },
]

/** Earlier default names, so that boards made with them show the areas too. */
const earlierNames: Need[] = [
  { name: { de: 'Berufseinstieg und Wiedereinstieg', en: 'Entering or returning to work' }, area: areas.arbeit },
  { name: { de: 'Beruf und Familie vereinbaren', en: 'Combining work and family' }, area: areas.arbeit },
  { name: { de: 'Gesundheit, körperlich und seelisch', en: 'Physical and mental health' }, area: areas.gesundheit },
  { name: { de: 'Ausbildung und Weiterbildung', en: 'Training and further education' }, area: areas.qualifikation },
  { name: { de: 'Körper und Seele', en: 'Body and mind' }, area: areas.gesundheit },
  { name: { de: 'Sucht', en: 'Addiction' }, area: areas.gesundheit },
  { name: { de: 'Schulden', en: 'Debts' }, area: areas.sozial },
  { name: { de: 'Deutsch lernen', en: 'Learning German' }, area: areas.sozial },
  { name: { de: 'Kinderbetreuung: Plätze und Randzeiten', en: 'Childcare: places and hours outside the norm' }, area: areas.kinder },
]

/** The area of a need by its name, in either language (a need someone added has none). */
const areaOf = new Map(
  [...individualNeeds, ...structuralNeeds, ...earlierNames].flatMap((need) =>
    need.area ? [need.name.de, need.name.en].map((name) => [name, need.area!] as const) : [],
  ),
)

/**
 * The keys carry routes read (needs → Dienstleistungskette, further partners →
 * Beteiligtenanalyse): the layout below is built from them.
 */
export const bedarfsanalyseCells = Object.freeze({
  individual: Object.freeze({ section: 'individuell', row: (i: number) => `i${i}` }),
  structural: Object.freeze({ section: 'strukturell', row: (i: number) => `s${i}` }),
  col: Object.freeze({ schon: 'schon', partner: 'partner', weitere: 'weitere' }),
} as const)
const keys = bedarfsanalyseCells

export const needColumns: { key: string; title: Labels; w: number }[] = [
  // L 5.1 Tab. 1: the project's own work on a need, the partners already in, further partners.
  { key: keys.col.schon, title: { de: 'Wer bearbeitet das heute?', en: 'Who works on it today?' }, w: 500 },
  { key: keys.col.partner, title: { de: 'Welche Partner schon?', en: 'Which partners already?' }, w: 500 },
  { key: keys.col.weitere, title: { de: 'Wen noch einbeziehen?', en: 'Whom else to involve?' }, w: 450 },
]

const Needs = z.array(z.string().trim().min(1).max(80)).max(limits.needs).default([])
export const BedarfsanalyseOptions = z.object({
  individual: Needs,
  structural: Needs,
  /** For whom: the more precise, the better (L 5.1: e.g. single parents with children under three). */
  targetGroup: z.string().trim().max(200).default(''),
})
export type BedarfsanalyseOptions = z.infer<typeof BedarfsanalyseOptions>

const size = { labelW: 660, rowH: 150, gapX: 80, gap: 20 }
const headerScale = 2.8
const levelW = size.labelW + sum(needColumns.map((c) => c.w))
const width = 2 * levelW + size.gapX

function layout(options: BedarfsanalyseOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  const target = headerRow(
    [{ key: 'targetGroup', x: 0, w: width, tone: 'violet', title: `${t(text.targetGroup)}: ${options.targetGroup || t(text.defaultTargetGroup)}` }],
    open.y,
    headerScale,
  )
  // The target group heads both levels, as their common header.
  const levelsY = open.y + target.h
  // The two levels side by side, each under its own heading.
  const levels = [
    { ...keys.individual, x: 0, title: t(text.individual), prompt: t(text.individualPrompt), needs: options.individual },
    { ...keys.structural, x: levelW + size.gapX, title: t(text.structural), prompt: t(text.structuralPrompt), needs: options.structural },
  ]
  const heads = headerRow(
    levels.map((level) => ({ key: `level:${level.section}`, x: level.x, w: levelW, tone: 'violet' as const, title: level.title, prompt: level.prompt })),
    levelsY,
    headerScale,
  )
  const y = levelsY + heads.h + size.gap / 2
  const tables = levels.map((level) =>
    table({
      section: level.section,
      sectionTitle: level.title,
      rowsTitle: t(text.need),
      x: level.x,
      y,
      labelW: size.labelW,
      columns: needColumns.map((c) => ({ key: c.key, title: t(c.title), w: c.w })),
      rows: level.needs.map((need, i) => ({ key: level.row(i), label: need })),
      rowH: size.rowH,
      scale: headerScale,
      rowTone: 'light-violet',
    }),
  )
  // A need's area in the corner of its first cell, so that the rows read by R's areas.
  const areaCells = new Map<string, Labels | undefined>(
    levels.flatMap((level) => level.needs.map((need, i) => [`${level.section}:cell:${level.row(i)}:${keys.col.schon}`, areaOf.get(need)] as const)),
  )
  const blocks = tables.flatMap((table) =>
    table.blocks.map((block) => {
      const area = block.kind === 'cell' ? areaCells.get(block.key) : undefined
      return area ? { ...block, label: t(area) } : block
    }),
  )
  return {
    blocks: [...open.blocks, ...target.blocks, ...heads.blocks, ...blocks],
    w: width,
    h: y + Math.max(...tables.map((table) => table.h)),
  }
}

const addNeed = (options: BedarfsanalyseOptions, level: 'individual' | 'structural', input: string | undefined) => ({
  ...options,
  [level]: withName(options[level], input, limits.needs),
})

export const bedarfsanalyse: TemplateDefinition<BedarfsanalyseOptions> = {
  name: 'bedarfsanalyse',
  title: text.title,
  description: text.description,
  options: BedarfsanalyseOptions,
  prepare: (options, locale) =>
    options.individual.length + options.structural.length > 0
      ? options
      : { ...options, individual: individualNeeds.map((n) => pick(n.name, locale)), structural: structuralNeeds.map((n) => pick(n.name, locale)) },
  exportFacts: (options, locale) => [{ label: pick(text.targetGroup, locale), value: options.targetGroup || pick(text.defaultTargetGroup, locale) }],
  layout,
  actions: [
    { id: 'addIndividual', label: text.addIndividual, input: text.needName, apply: (options, input) => addNeed(options, 'individual', input) },
    { id: 'addStructural', label: text.addStructural, input: text.needName, apply: (options, input) => addNeed(options, 'structural', input) },
  ],
}

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
    de: 'Die Bedarfe der Zielgruppe auf individueller und struktureller Ebene: Bearbeiten wir sie schon, mit wem, wen bräuchten wir noch?',
    en: 'The target group’s needs on the individual and structural level: do we work on them already, with whom, whom else would we need?',
  },
  intro: {
    de: 'Eine Zeile je Bedarf. Prüfen Sie für jeden: Kümmert sich das Netzwerk schon darum, welche Partner sind beteiligt, und welche weiteren wären sinnvoll? Weitere Bedarfe ergänzen Sie im Bereich „Vorlagen“.',
    en: 'One row per need. For each, check: does the network take care of it already, which partners are involved, which others would help? Add missing needs in the templates panel.',
  },
  need: { de: 'Bedarf', en: 'Need' },
  individual: { de: 'Individuelle Ebene', en: 'Individual level' },
  individualPrompt: { de: 'Was einzelne Menschen der Zielgruppe brauchen', en: 'What individual people in the target group need' },
  structural: { de: 'Strukturelle Ebene', en: 'Structural level' },
  structuralPrompt: { de: 'Was vor Ort fehlt oder zusammenspielen muss', en: 'What is missing locally or has to work together' },
  addIndividual: { de: 'Individuellen Bedarf hinzufügen', en: 'Add an individual need' },
  addStructural: { de: 'Strukturellen Bedarf hinzufügen', en: 'Add a structural need' },
  needName: { de: 'Bedarf', en: 'Need' },
}

/** After the Bedarfslagen of single parents: work, health, social integration, qualification. */
const individualNeeds: Labels[] = [
  { de: 'Berufseinstieg und Wiedereinstieg', en: 'Entering or returning to work' },
  { de: 'Existenzsichernde Arbeit', en: 'Work that covers the cost of living' },
  { de: 'Beruf und Familie vereinbaren', en: 'Combining work and family' },
  { de: 'Ausbildung und Weiterbildung', en: 'Training and further education' },
  { de: 'Gesundheit, körperlich und seelisch', en: 'Physical and mental health' },
  { de: 'Sucht', en: 'Addiction' },
  { de: 'Schulden', en: 'Debts' },
  { de: 'Soziale Isolation', en: 'Social isolation' },
  { de: 'Deutsch lernen', en: 'Learning German' },
]

const structuralNeeds: Labels[] = [
  { de: 'Kinderbetreuung: Plätze und Randzeiten', en: 'Childcare: places and hours outside the norm' },
  { de: 'Kinderbetreuung: Kosten und Notfälle', en: 'Childcare: costs and emergencies' },
  { de: 'Anbindung an Bus und Bahn', en: 'Public transport links' },
  { de: 'Praktikumsstellen', en: 'Internship places' },
  { de: 'Arbeitgeber mit Teilzeitstellen', en: 'Employers offering part-time work' },
  { de: 'Zusammenarbeit der Stellen vor Ort', en: 'Cooperation between local services' },
]

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
  { key: keys.col.schon, title: { de: 'Bearbeiten wir schon?', en: 'Already handled?' }, w: 320 },
  { key: keys.col.partner, title: { de: 'Beteiligte Partner', en: 'Partners involved' }, w: 420 },
  { key: keys.col.weitere, title: { de: 'Weitere Partner sinnvoll?', en: 'More partners useful?' }, w: 420 },
]

const Needs = z.array(z.string().trim().min(1).max(80)).max(limits.needs).default([])
export const BedarfsanalyseOptions = z.object({ individual: Needs, structural: Needs })
export type BedarfsanalyseOptions = z.infer<typeof BedarfsanalyseOptions>

const size = { labelW: 460, rowH: 150, gapX: 120, gap: 20 }
const headerScale = 2.25
const levelW = size.labelW + sum(needColumns.map((c) => c.w))
const width = 2 * levelW + size.gapX

function layout(options: BedarfsanalyseOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  // The two levels side by side, each under its own heading.
  const levels = [
    { ...keys.individual, x: 0, title: t(text.individual), prompt: t(text.individualPrompt), needs: options.individual },
    { ...keys.structural, x: levelW + size.gapX, title: t(text.structural), prompt: t(text.structuralPrompt), needs: options.structural },
  ]
  const heads = headerRow(
    levels.map((level) => ({ key: `level:${level.section}`, x: level.x, w: levelW, tone: 'violet' as const, title: level.title, prompt: level.prompt })),
    open.y,
    headerScale,
  )
  const y = open.y + heads.h + size.gap
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
  return {
    blocks: [...open.blocks, ...heads.blocks, ...tables.flatMap((table) => table.blocks)],
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
      : { individual: individualNeeds.map((n) => pick(n, locale)), structural: structuralNeeds.map((n) => pick(n, locale)) },
  layout,
  actions: [
    { id: 'addIndividual', label: text.addIndividual, input: text.needName, apply: (options, input) => addNeed(options, 'individual', input) },
    { id: 'addStructural', label: text.addStructural, input: text.needName, apply: (options, input) => addNeed(options, 'structural', input) },
  ],
}

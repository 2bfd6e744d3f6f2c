/**
 * Fallübergreifende Zusammenschau: which problem themes come up across cases. Themes are rows,
 * fictional or fully anonymised cases are columns, a note marks each hit; the export counts the
 * cases per theme, which shows where the network needs a standing answer.
 */
import { z } from 'zod'
import { withName, type TemplateDefinition } from './definition.ts'
import type { ExportTable } from '../templates/definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import type { Block } from './model.ts'
import { opening, table } from './table.ts'
import { fallmatrixCells } from './fallmatrixCells.ts'

export { fallmatrixCells }

const limits = { themes: 30, cases: 12 }


const text = {
  title: { de: 'Fallübergreifende Zusammenschau', en: 'Cross-case overview' },
  description: {
    de: 'Welche Problemthemen in mehreren erfundenen oder vollständig anonymisierten Fällen vorkommen: ein Zettel je Treffer, der Export zählt die Fälle je Thema.',
    en: 'Problem themes across several fictional or anonymised cases: one note per hit, the export counts the cases per theme.',
  },
  intro: {
    de: 'Je Spalte ein erfundener oder vollständig anonymisierter Fall – keine Namen, nichts, woran man jemanden erkennt. Legen Sie einen Zettel mit „X“ in jedes Feld, in dem das Thema im Fall eine Rolle spielt.',
    en: 'One fictional or fully anonymised case per column: no names, nothing that identifies anyone. Put a note with an “X” into every field where the theme matters in the case.',
  },
  theme: { de: 'Problemthema', en: 'Problem theme' },
  matrix: { de: 'Themen und Fälle', en: 'Themes and cases' },
  caseWord: { de: 'Fall', en: 'Case' },
  counts: { de: 'Fälle je Thema', en: 'Cases per theme' },
  count: { de: 'Anzahl Fälle', en: 'Number of cases' },
  cases: { de: 'Fälle', en: 'Cases' },
  addCase: { de: 'Fall hinzufügen', en: 'Add a case' },
  addTheme: { de: 'Thema hinzufügen', en: 'Add a theme' },
  themeName: { de: 'Problemthema', en: 'Problem theme' },
  proposals: { de: 'Themen aus Fallkonferenzen', en: 'Themes from case conferences' },
  proposalsPrompt: {
    de: 'Noch keine eigene Zeile: Wiederkehrendes mit „Thema hinzufügen“ aufnehmen.',
    en: 'Not yet a row of their own: add what recurs with “Add a theme”.',
  },
}

const defaultThemes: Labels[] = [
  { de: 'Schulden', en: 'Debts' },
  { de: 'Psychische Belastung', en: 'Mental strain' },
  { de: 'Sucht', en: 'Addiction' },
  { de: 'Keine passende Kinderbetreuung', en: 'No suitable childcare' },
  { de: 'Wohnungsprobleme', en: 'Housing problems' },
  { de: 'Gesundheitliche Einschränkungen', en: 'Health limitations' },
  { de: 'Kein Berufsabschluss', en: 'No vocational qualification' },
  { de: 'Sprachbarrieren', en: 'Language barriers' },
  { de: 'Lange Wege, fehlende Mobilität', en: 'Long journeys, no transport' },
  // How the services work together on the case (R: the questions that came up in every case).
  { de: 'Wer weiß was, wer ist wofür zuständig?', en: 'Who knows what, who is in charge of what?' },
  { de: 'Wie werden Informationen weitergegeben?', en: 'How is information passed on?' },
]

export const FallmatrixOptions = z.object({
  themes: z.array(z.string().trim().min(1).max(80)).max(limits.themes).default([]),
  cases: z.number().int().min(1).max(limits.cases).default(6),
  /**
   * Height of a theme's row. Boards stored without it keep the rows they were built with (180);
   * new ones get lower rows (prepare), so that eleven themes stay readable at a glance.
   */
  rowHeight: z.number().int().min(120).max(180).optional(),
})
export type FallmatrixOptions = z.infer<typeof FallmatrixOptions>

const size = { labelW: 680, caseW: 220, rowH: 180, newRowH: 140, gap: 200, proposalsW: 460 }
const headerScale = 2
/** Cases are named by letter: they stand for no one. */
const caseName = (i: number, locale: Locale) => `${pick(text.caseWord, locale)} ${String.fromCharCode(65 + i)}`

function layout(options: FallmatrixOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const width = size.labelW + options.cases * size.caseW
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  const matrix = table({
    section: fallmatrixCells.matrix,
    sectionTitle: t(text.matrix),
    rowsTitle: t(text.theme),
    x: 0,
    y: open.y,
    labelW: size.labelW,
    columns: Array.from({ length: options.cases }, (_, i) => ({ key: fallmatrixCells.case(i + 1), title: caseName(i, locale), w: size.caseW })),
    rows: options.themes.map((theme, i) => ({ key: fallmatrixCells.theme(i), label: theme })),
    rowH: options.rowHeight ?? size.rowH,
    scale: headerScale,
    headTone: 'violet',
    rowTone: 'light-violet',
  })
  // Beside the matrix, as tall as it: themes waiting to become a row of their own.
  const proposalsTitle = t(text.proposals)
  const proposals: Block = {
    kind: 'cell',
    key: fallmatrixCells.vorschlaege,
    x: width + size.gap,
    y: open.y,
    w: size.proposalsW,
    h: matrix.h,
    tone: 'light-violet',
    label: `${proposalsTitle}: ${t(text.proposalsPrompt)}`,
    cell: { section: fallmatrixCells.vorschlaege, sectionTitle: proposalsTitle, rowsTitle: t(text.theme), row: fallmatrixCells.vorschlaege, rowLabel: proposalsTitle },
  }
  return { blocks: [...open.blocks, ...matrix.blocks, proposals], w: width + size.gap + size.proposalsW, h: open.y + matrix.h }
}

export const fallmatrix: TemplateDefinition<FallmatrixOptions> = {
  name: 'fallmatrix',
  title: text.title,
  description: text.description,
  options: FallmatrixOptions,
  prepare: (options, locale) => ({
    ...options,
    themes: options.themes.length > 0 ? options.themes : defaultThemes.map((th) => pick(th, locale)),
    rowHeight: options.rowHeight ?? size.newRowH,
  }),
  layout,
  actions: [
    {
      id: 'addCase',
      label: text.addCase,
      apply: (options) => (options.cases >= limits.cases ? options : { ...options, cases: options.cases + 1 }),
    },
    {
      id: 'addTheme',
      label: text.addTheme,
      input: text.themeName,
      apply: (options, input) => ({ ...options, themes: withName(options.themes, input, limits.themes) }),
    },
  ],
  exportTables(view, locale): ExportTable[] {
    // A case counts once per theme, however many notes lie in its field.
    const t = (labels: Labels) => pick(labels, locale)
    const byTheme = new Map<string, { label: string; cases: string[]; y: number }>()
    for (const cell of [...view.cells].sort((a, b) => a.shape.x - b.shape.x)) {
      const { section, row, rowLabel, colLabel } = cell.ref
      if (!row || section !== fallmatrixCells.matrix) continue
      const entry = byTheme.get(row) ?? { label: rowLabel ?? row, cases: [], y: cell.shape.y }
      if (cell.notes.length > 0) entry.cases.push(colLabel ?? '')
      byTheme.set(row, entry)
    }
    const rows = [...byTheme.values()]
      .sort((a, b) => b.cases.length - a.cases.length || a.y - b.y)
      .map((entry) => [[entry.label], [String(entry.cases.length)], entry.cases])
    return [{ title: t(text.counts), columns: [t(text.theme), t(text.count), t(text.cases)], rows }]
  },
}

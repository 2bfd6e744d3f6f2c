/**
 * A table of numbered rows (a partner, an organisation per row) under a title and an intro, that
 * grows by one row at a time up to a limit, dated: Ansprechpartner and Kooperationen are made of it.
 */
import { z } from 'zod'
import type { OpenItemTable, TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening, sum, table } from './table.ts'
import type { Tone } from './model.ts'

export interface NumberedColumn {
  key: string
  title: Labels
  prompt?: Labels
  w: number
}

export interface NumberedTable {
  name: string
  /** Its words: the template's title, description and intro, the table's title, the grow action's label (one more row). */
  text: { title: Labels; description: Labels; intro: Labels; section: Labels; addRow: Labels }
  section: string
  /** Row n's key. */
  row: (n: number) => string
  columns: readonly NumberedColumn[]
  rowH: number
  headTone?: Tone
  /** How many rows a fresh table has, and at most. */
  rows: { initial: number; max: number }
  openItemTables?: OpenItemTable[]
}

const numberW = 240
const headerScale = 3

export const numberedWidth = (spec: NumberedTable) => numberW + sum(spec.columns.map((c) => c.w))

export function numberedLayout(spec: NumberedTable, rows: number, date: string, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const width = numberedWidth(spec)
  const open = opening(dated(t(spec.text.title), date, locale), t(spec.text.intro), width, headerScale)
  const body = table({
    section: spec.section,
    sectionTitle: t(spec.text.section),
    rowsTitle: t({ de: 'Nr.', en: 'No.' }),
    x: 0,
    y: open.y,
    labelW: numberW,
    columns: spec.columns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows: Array.from({ length: rows }, (_, i) => ({ key: spec.row(i + 1), label: `${i + 1}` })),
    rowH: spec.rowH,
    scale: headerScale,
    headTone: spec.headTone,
  })
  return { blocks: [...open.blocks, ...body.blocks], w: width, h: open.y + body.h }
}

const dateLabel: Labels = { de: 'Datum', en: 'Date' }

/** The template of a numbered table: dated, growing by `addRow` up to its limit. */
export function numberedTemplate(spec: NumberedTable) {
  const options = z.object({ rows: z.number().int().min(1).max(spec.rows.max).default(spec.rows.initial), date: DateOption })
  const definition: TemplateDefinition<z.infer<typeof options>> = {
    name: spec.name,
    title: spec.text.title,
    description: spec.text.description,
    options,
    layout: (o, locale) => numberedLayout(spec, o.rows, o.date, locale),
    exportFacts: (o, locale) => (o.date ? [{ label: pick(dateLabel, locale), value: formatDate(o.date, locale) }] : []),
    ...(spec.openItemTables ? { openItemTables: spec.openItemTables } : {}),
    actions: [{ id: 'addRow', label: spec.text.addRow, apply: (o) => (o.rows >= spec.rows.max ? o : { ...o, rows: o.rows + 1 }) }],
  }
  return definition
}

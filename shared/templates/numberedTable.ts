/**
 * A table of numbered rows (a partner, an organisation per row) under a title and an intro, that
 * grows by one row at a time up to a limit: the shape of Ansprechpartner and Kooperationen.
 */
import { pick, type Labels, type Locale } from '../locale.ts'
import { dated } from '../dates.ts'
import { opening, sum, table } from './table.ts'
import type { Tone } from './model.ts'

export interface NumberedColumn {
  key: string
  title: Labels
  prompt?: Labels
  w: number
}

export interface NumberedTable {
  title: Labels
  intro: Labels
  section: string
  sectionTitle: Labels
  /** Row n's key. */
  row: (n: number) => string
  columns: readonly NumberedColumn[]
  rowH: number
  headTone?: Tone
}

const numberW = 240
const headerScale = 3

export const numberedWidth = (spec: NumberedTable) => numberW + sum(spec.columns.map((c) => c.w))

export function numberedLayout(spec: NumberedTable, rows: number, date: string, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const width = numberedWidth(spec)
  const open = opening(dated(t(spec.title), date, locale), t(spec.intro), width, headerScale)
  const body = table({
    section: spec.section,
    sectionTitle: t(spec.sectionTitle),
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

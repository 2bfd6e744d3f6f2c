/**
 * The parts most templates are made of: a title with an introduction, and tables of cells under a
 * row of column headers, with a header per row on the left. Block keys are prefixed by the
 * table's section, so that a template can hold several tables and grow each on its own.
 */
import type { Block, Tone } from './model.ts'
import { headerRow, promptHeight, titleBlock, type HeaderSpec } from './typography.ts'

/** The title and the introduction beneath it; returns the blocks and where the content starts. */
export function opening(title: string, intro: string, w: number, headerScale: number, gap = 20): { blocks: Block[]; y: number } {
  const head = titleBlock(title, w, headerScale)
  const introY = head.h + gap / 2
  const h = promptHeight(intro, w)
  return { blocks: [head, { kind: 'prompt', key: 'intro', x: 0, y: introY, w, h, text: intro }], y: introY + h + gap }
}

export interface TableColumn {
  key: string
  title: string
  prompt?: string
  w: number
}

export interface TableRow {
  key: string
  label: string
  prompt?: string
  tone?: Tone
  /** Words in the cells' top-left corner (a number, a level). */
  cellLabel?: string
  /** The columns drawn in this row (keys); the others stay empty space. Default: all. */
  only?: readonly string[]
}

export interface TableSpec {
  section: string
  sectionTitle: string
  /** Heading of the row headers' column, also the first column of the export. */
  rowsTitle: string
  rowsPrompt?: string
  x: number
  y: number
  /** Width of the row headers' column; 0 for a table without row headers (one row of fields). */
  labelW: number
  columns: TableColumn[]
  rows: TableRow[]
  rowH: number
  scale: number
  headTone?: Tone
  rowTone?: Tone
  cellTone?: Tone
  /** The least height of the column headers' row: tables side by side line their cells up. */
  headH?: number
}

/** A cell's block key: the one place its format is written (routes address cells by it). */
export const cellKey = (section: string, row: string, col: string) => `${section}:cell:${row}:${col}`

/** The key of the cell in another column of the same row as `key` (a cell key of `cellKey`'s). */
export const sameRowCellKey = (key: string, col: string) => `${key.slice(0, key.lastIndexOf(':') + 1)}${col}`

/** A table: headers, then one row of cells per row; rows grow where their header's words need it. */
export function table(spec: TableSpec): { blocks: Block[]; w: number; h: number } {
  const { section, x, scale } = spec
  const headTone = spec.headTone ?? 'blue'
  const blocks: Block[] = []
  let cx = x + spec.labelW
  const columnX = spec.columns.map((column) => {
    const at = cx
    cx += column.w
    return at
  })
  const w = cx - x
  const heads: HeaderSpec[] = spec.columns.map((column, c) => ({
    key: `${section}:head:${column.key}`,
    x: columnX[c],
    w: column.w,
    tone: headTone,
    title: column.title,
    prompt: column.prompt,
  }))
  // Over the row headers' column, a header only where it has something to say.
  if (spec.labelW > 0 && spec.rowsTitle)
    heads.unshift({ key: `${section}:head`, x, w: spec.labelW, tone: headTone, title: spec.rowsTitle, prompt: spec.rowsPrompt })
  const head = headerRow(heads, spec.y, scale, spec.headH)
  blocks.push(...head.blocks)
  let y = spec.y + head.h
  for (const row of spec.rows) {
    let h = spec.rowH
    if (spec.labelW > 0) {
      const label = headerRow(
        [{ key: `${section}:row:${row.key}`, x, w: spec.labelW, tone: row.tone ?? spec.rowTone ?? 'light-blue', title: row.label, prompt: row.prompt }],
        y,
        scale,
        spec.rowH,
      )
      blocks.push(...label.blocks)
      h = label.h
    }
    spec.columns.forEach((column, c) => {
      if (row.only && !row.only.includes(column.key)) return
      blocks.push({
        kind: 'cell',
        key: cellKey(section, row.key, column.key),
        x: columnX[c],
        y,
        w: column.w,
        h,
        tone: spec.cellTone ?? 'grey',
        ...(row.cellLabel ? { label: row.cellLabel } : {}),
        cell: {
          section,
          sectionTitle: spec.sectionTitle,
          rowsTitle: spec.rowsTitle,
          row: row.key,
          rowLabel: row.label,
          col: column.key,
          colLabel: column.title,
        },
      })
    })
    y += h
  }
  return { blocks, w, h: y - spec.y }
}

/** The width of columns side by side. */
export const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0)

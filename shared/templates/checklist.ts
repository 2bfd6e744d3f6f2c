/**
 * A handbook checklist on a board: sections of fixed questions (a row each, its label and the
 * handbook's prompt), answered in the same columns under each other. The instruments of the fifth
 * wave that are checklists (Befragung, Profil der Netzwerkkoordination, Experteninterviews) lay
 * out their sections with it; each keeps its own keys and columns.
 */
import type { Block, Tone } from './model.ts'
import type { OpenItemTable } from './definition.ts'
import { doneIn } from './taskTable.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { opening, sum, table } from './table.ts'

export type ChecklistRow = { key: string; label: Labels; prompt?: Labels }
export type ChecklistColumn = { key: string; title: Labels; prompt?: Labels; w: number }

export interface ChecklistSection {
  key: string
  title: Labels
  /** The row headers' column title (default: the section's title). */
  rowsTitle?: Labels
  rows: readonly ChecklistRow[]
  /** The row headers' width, where it differs from the others' (numbered rows). */
  labelW?: number
  columns: readonly ChecklistColumn[]
  tone: 'blue' | 'violet' | 'green' | 'orange'
}

const rowTones: Record<ChecklistSection['tone'], Tone> = { blue: 'light-blue', violet: 'light-violet', green: 'light-green', orange: 'yellow' }

/** The width of a section's table: its row headers and its columns. */
export const checklistWidth = (labelW: number, columns: readonly ChecklistColumn[]) => labelW + sum(columns.map((c) => c.w))

/** A section's width: its row headers and its columns. */
const sectionWidth = (section: ChecklistSection, labelW: number) => checklistWidth(section.labelW ?? labelW, section.columns)

/** The sections one under the other from (`x`, `y`). */
export function checklistSections(sections: readonly ChecklistSection[], y: number, size: ChecklistSize, locale: Locale, x = 0): { blocks: Block[]; w: number; h: number } {
  const t = (labels: Labels) => pick(labels, locale)
  const blocks: Block[] = []
  let at = y
  for (const section of sections) {
    const drawn = table({
      section: section.key,
      sectionTitle: t(section.title),
      rowsTitle: t(section.rowsTitle ?? section.title),
      x,
      y: at,
      labelW: section.labelW ?? size.labelW,
      columns: section.columns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
      rows: section.rows.map((r) => ({ key: r.key, label: t(r.label), prompt: r.prompt && t(r.prompt) })),
      rowH: size.rowH,
      scale: size.scale,
      headTone: section.tone,
      rowTone: rowTones[section.tone],
    })
    blocks.push(...drawn.blocks)
    at += drawn.h + size.gap
  }
  return { blocks, w: Math.max(...sections.map((s) => sectionWidth(s, size.labelW))), h: at - size.gap - y }
}

export interface ChecklistSize {
  labelW: number
  rowH: number
  gap: number
  scale: number
}

/** The width of stacks of sections side by side (`columnGap` apart). */
export const stacksWidth = (stacks: readonly (readonly ChecklistSection[])[], size: ChecklistSize & { columnGap: number }) =>
  sum(stacks.map((stack) => Math.max(...stack.map((s) => sectionWidth(s, size.labelW))))) + size.columnGap * (stacks.length - 1)

/**
 * A checklist template as made: its title and intro across the top, then stacks of sections side
 * by side, so that the whole list fits a laptop's screen readably (a long list in one column is
 * too tall to read at zoom-to-fit).
 */
export function checklistLayout(title: string, intro: string, stacks: readonly (readonly ChecklistSection[])[], size: ChecklistSize & { columnGap: number }, locale: Locale) {
  const w = stacksWidth(stacks, size)
  const open = opening(title, intro, w, size.scale)
  const blocks: Block[] = [...open.blocks]
  let x = 0
  let h = 0
  for (const stack of stacks) {
    const drawn = checklistSections(stack, open.y, size, locale, x)
    blocks.push(...drawn.blocks)
    x += drawn.w + size.columnGap
    h = Math.max(h, drawn.h)
  }
  return { blocks, w, h: open.y + h }
}

/** The answer columns of a checklist whose questions are settled (as Gründung und Koordination's). */
export const settleCols = Object.freeze({ antwort: 'antwort', wer: 'wer', bisWann: 'bisWann', geklaert: 'geklaert' } as const)

export const settleColumns = (antwortW: number): ChecklistColumn[] => [
  { key: settleCols.antwort, title: { de: 'Antwort', en: 'Answer' }, prompt: { de: 'So ist es bei uns, das haben wir vor', en: 'How it is for us, what we plan' }, w: antwortW },
  { key: settleCols.wer, title: { de: 'Wer klärt?', en: 'Who settles it?' }, w: 340 },
  { key: settleCols.bisWann, title: { de: 'Bis wann', en: 'By when' }, w: 320 },
  { key: settleCols.geklaert, title: { de: 'Geklärt?', en: 'Settled?' }, prompt: { de: 'Datum oder „ja“', en: 'The date or “yes”' }, w: 340 },
]

/** A question is a task once someone is named to settle it; it leaves the open items once settled. */
export const settleItems = (section: string): OpenItemTable => ({
  section,
  what: [settleCols.antwort],
  who: [settleCols.wer],
  when: [settleCols.bisWann],
  requires: [settleCols.wer, settleCols.bisWann],
  done: doneIn(settleCols.geklaert),
  rowLabel: true,
})

/**
 * The shape of a carry route (`carryOver.ts` gathers them; `routes/` holds one file per source
 * template): where its notes come from, by the source template's declared keys, and which target
 * cell each goes into.
 */
import type { CellRef } from '../board/scaffoldMeta.ts'
import type { Labels, Locale } from '../locale.ts'
import type { TemplateName } from '../templates/registry.ts'

/** A note in a source cell (for a row-label route: the row itself, `id` = `row:<row key>`). */
export interface SourceNote {
  id: string
  text: string
  cell: CellRef
  /** Who wrote it, as the source board's record of writers names her (`board/entries/writers.ts`); none on a case board. */
  writer?: string
}

/** Sections a source template's export gate holds back now, and why (read on another board). */
export interface HeldSections {
  sections: string[]
  reason: Labels
}

/** A source row: its key, its label and the notes in each of its columns. */
export interface RowView {
  row: string
  label: string
  notes: ReadonlyMap<string, readonly string[]>
}

export interface CarryContext {
  /** The texts of the notes in the same source row, in another column ("Zu welchem Ziel?"). */
  sameRow(col: string): string[]
  /** The source note's row. */
  row: RowView
  /** Every source row the route reads, in its fixed order (which milestone is the next period's). */
  rows: readonly RowView[]
  /** The target instance's block keys. */
  targetKeys: ReadonlySet<string>
  /** The texts of the notes lying in a target cell now. */
  targetNotes(key: string): string[]
  sourceOptions: unknown
  targetOptions: unknown
  targetLocale: Locale
  /**
   * The first of these numbered cells (`key(1)`, `key(2)` …) that holds no note yet and was given
   * none in this carry, one note per row; when all are taken, the last.
   */
  nextFree(key: (n: number) => string): string | undefined
  /** This numbered cell, or the last one before it the target has (a seventh scene, five rows). */
  orLast(key: (n: number) => string, n: number): string | undefined
}

export interface CarryRoute {
  id: string
  from: TemplateName
  to: TemplateName
  /** Names what is carried, as the button says it ("Was fehlt?"). */
  what: Labels
  /**
   * The source cells, by the source template's declared keys: a section (or several alike, as a
   * needs analysis's two levels), its columns (left out: every column), its rows (left out: all);
   * `order`: the rows in the order they are read (a case from its first line down), before the rest.
   */
  source: { section: string | readonly string[]; cols?: readonly string[]; rows?: (row: string) => boolean; order?: readonly string[] }
  /**
   * The target cell's block key for one note; undefined: no place for it (counted, not carried);
   * null: not meant for this target (an Arbeitsauftrag takes only its own Teilziel).
   */
  target(note: SourceNote, ctx: CarryContext): string | null | undefined
  /** What the carried note says (default: what the source note says). */
  text?(note: SourceNote, ctx: CarryContext): string
  /**
   * Why nothing may be carried yet, by the route's own rule (an Arbeitsauftrag that names no
   * Teilziel yet). The source's export gate is asked for every route (`planCarry`), not here.
   */
  holds?(notes: readonly SourceNote[], targetOptions: unknown): Labels | undefined
  /** Carries each source row's label, once, instead of its notes (a need, a theme). */
  rowLabels?: { when(row: RowView): boolean }
  /**
   * What travels with each carried note from its source row: the notes of a source column, into
   * the column of the same row in the target (who takes it on, by when, how it is measured). Only
   * where the target's row has that column; each keeps the note it belongs to (`CarriedFrom.item`).
   */
  companions?: ReadonlyArray<{ from: string; to: string; part: CarriedPart }>
}

/** What a companion note says of the note it travels with (`source`: where an indicator is read off). */
export type CarriedPart = 'who' | 'when' | 'indicator' | 'source'
export const carriedParts: readonly CarriedPart[] = ['who', 'when', 'indicator', 'source']

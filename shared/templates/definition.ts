/** The contract each template module fulfils. */
import type { TLArrowBinding, TLShape } from '@tldraw/tlschema'
import type { z } from 'zod'
import type { Box } from './geometry.ts'
import type { Layout } from './model.ts'
import type { CellRef } from '../board/scaffoldMeta.ts'
import type { Labels, Locale } from '../locale.ts'
import type { KnownNames } from './caseNames.ts'

/**
 * Growing a template: an action changes the options (one more partner, scene, group, lane,
 * row); the layout is generated again and the existing shapes move to their new places.
 */
export interface GrowAction<O> {
  id: string
  label: Labels
  /** Asks for a name first (a partner, an organisation). */
  input?: Labels
  /** The name is an organisation: the board's partner list is offered. */
  offersPartners?: boolean
  apply(options: O, input: string | undefined): O
}

/**
 * A list option with one more name, as a grow action adds it: trimmed to what the options accept
 * ("?" for none), and unchanged at `max`, which the caller reports as the template's limit.
 */
export const withName = (list: readonly string[], input: string | undefined, max: number): string[] =>
  list.length >= max ? [...list] : [...list, input?.trim().slice(0, 80).trim() || '?']

export interface TemplateDefinition<O = unknown> {
  name: string
  title: Labels
  /** One sentence for the Vorlagen panel. */
  description: Labels
  /** Parses raw options (from the API or the panel), filling in defaults. */
  options: z.ZodType<O>
  /** Fills in what depends on the language (default partners, default names) before layout. */
  prepare?(options: O, locale: Locale): O
  layout(options: O, locale: Locale): Layout
  actions: GrowAction<O>[]
  /** Tables beyond the generic one per section (e.g. a chain read along its arrows). */
  exportTables?(view: InstanceView, locale: Locale): ExportTable[]
  /** What the template was set up with, above its tables (a guiding question, a target group). */
  exportFacts?(options: O, locale: Locale): ExportFact[]
  /**
   * The template's tables of tasks (a Wer/Bis-wann table): each row someone wrote in is an open
   * item of the report. Declared rather than read by hand, so that no such table is forgotten.
   */
  openItemTables?: OpenItemTable[]
  /** The cells whose notes are „Entscheidungsbedarf“ for the steering group's pack (like `openItemTables`). */
  decisionNeeds?: readonly { section: string; what: readonly string[] }[]
  /**
   * Sections the export holds back until the board says they may leave it (a case before
   * everyone has confirmed consent): what is held back and the line shown instead, or nothing.
   */
  exportGate?(view: InstanceView, locale: Locale): ExportGate | undefined
}

/** Sections an export leaves out (tables, open items, the template's own tables), and why. */
export interface ExportGate {
  sections: string[]
  reason: ExportFact
  /** Single Zettel held back wherever they lie (a name written into the case), by shape id. */
  notes?: string[]
  /** The template's title while held, without what it holds back (a pseudonym). */
  title?: string
  /** Shown instead of the template's own facts while held. */
  facts?: ExportFact[]
  /** The options as they may leave the board while held (carried to the network's other boards). */
  options?: unknown
  /** Every comment thread on the board is held back too: a case is talked about in any of them. */
  comments?: boolean
}

/** A table whose rows are tasks, by its section and its columns' keys. */
export interface OpenItemTable {
  section: string
  /** Columns naming the task, tried in order: the first that holds a note names it. */
  what: string[]
  who?: string[]
  when?: string[]
  /** A row is a task once one of these columns holds a note (default: the `what` columns). */
  requires?: string[]
  /** Columns whose note closes the row's item when it says done („Erledigt?“, „Erreicht?“: ja, erledigt, ✓, a date; `answers.ts`). */
  done?: readonly string[]
  /** The item's date is a review's day (`when`, or the `what` itself): items of one instance on one day are one item (`openItems.ts`). */
  reviewDay?: 'when' | 'what'
  /** The row's label says what the task is about (a rule's area, a checklist's field). */
  rowLabel?: boolean
  /** Its tasks stay on the board (a case's ways forward): the board's own export lists them, the network's open items and the pack do not. */
  staysOnBoard?: boolean
}

/**
 * The templates a board's scaffold may name, by that name (`registry.ts` holds them all): the
 * generic functions of `instance.ts` take it, so they need not import the templates that use them.
 */
export type Catalogue<Name extends string = string> = { readonly [name in Name]: TemplateDefinition }

/** A template built on a board, found through its title shape. */
export interface Instance<Name extends string = string> {
  instance: string
  template: Name
  definition: TemplateDefinition
  options: unknown
  locale: Locale
  title: TLShape
  /** Scaffold shapes by block key. */
  shapes: Map<string, TLShape>
}

// What a template's own export reads and yields; `results/export.ts` reads the board and renders.

/** A table of notes: every cell holds the texts of the notes lying in it, in reading order. */
export interface ExportTable {
  title: string
  columns: string[]
  rows: string[][][]
}

export interface ExportFact {
  label: string
  value: string
}

/** A task from a template: what is to be done, who does it and by when (as written). */
export interface OpenItem {
  what: string[]
  who: string[]
  when: string[]
  /** The title of the table it stands in, where a template has several task tables. */
  table?: string
  /** Its template instance and the Zettel naming it, by id (what a carry of it refers to). */
  ref?: { instance: string; notes: string[] }
  /** Carried here from another template (`shared/results/carriedItems.ts` makes it one item with its source). */
  carried?: OpenItemOrigin
  /** Done: what closed it (the „Erledigt?“ Zettel, or a Statusbericht's row). Only in `taskItemsOf`; open items have none. */
  closed?: string
  /** Closed as no longer to be done („entfällt“, `taskWords.ts`): listed apart from the done ones. */
  dropped?: true
}

/** Where a carried open item came from, and which of its parts the target has changed since. */
export interface OpenItemOrigin {
  instance: string
  note: string
  /** The source's board, when another board of the network (none: the same board). */
  board?: string
  boardTitle?: string
  /** The source template's title and day (`YYYY-MM-DD`), as carried. */
  title?: string
  day?: string
  /** Who wrote the source Zettel, as carried (`CarriedFrom.writer`). */
  writer?: string
  /** Who or by when as carried no longer say what the source said then: changed here, so this side's word counts. */
  changed: { who: boolean; when: boolean }
}

export interface ExportCell {
  ref: CellRef
  shape: TLShape
  notes: string[]
  /** The notes' shapes, in the same order as `notes` (the export's reading order), where known. */
  noteShapes?: TLShape[]
}

/** What a template's own export sees of its instance. */
export interface InstanceView {
  instance: Instance
  cells: ExportCell[]
  shapes: Map<string, TLShape>
  bindings: TLArrowBinding[]
  boundsOf(shape: TLShape): Box | undefined
  textOf(shape: TLShape): string | undefined
  /** The cell of this instance a note lies in. */
  cellOf(shape: TLShape): ExportCell | undefined
  /** Names the board knows (its partner list, those present), which a gate may look for. */
  known?: KnownNames
  /** The board's recorded Fallkonferenz confirmations (`facilitation/consent`) as stored; none: nothing recorded, every case held. */
  consent?: unknown
  /**
   * The board's release (`facilitation/release`) as stored, given only where what is read is passed
   * on as released (the Dokumentation): what a template holds back from a release reads it.
   */
  release?: unknown
}

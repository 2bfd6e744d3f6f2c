/**
 * What a board offers to carry from it into a template on another board of its network: its
 * templates, each with the Zettel lying in its cells, read from the board's records as its export
 * reads them. What a template's export gate withholds (a Fallkonferenz before its confirmations)
 * is left out here too, and only named, so that a carry from it is refused as within a board.
 */
import type { TLShape } from '@tldraw/tlschema'
import { z } from 'zod'
import { scaffoldMeta } from '../board/scaffoldMeta.ts'
import type { HeldSections, SourceNote } from './carryRoute.ts'
import { heldBackReading, shapeText, templateViews } from './export.ts'
import { readMeeting } from '../board/entries/meeting.ts'
import { readWriters, writerName, type Writers } from '../board/entries/writers.ts'
import { holdsCase } from './caseBoards.ts'

export type { HeldSections }

export interface CarrySourceTemplate {
  instance: string
  template: string
  /** What its title says (with its date), as the facilitator named it. */
  title: string
  options: unknown
  locale: 'de' | 'en'
  notes: SourceNote[]
  held?: HeldSections
  /** Its day, `YYYY-MM-DD`: the template's own date, else the board's meeting date (none: neither is set). */
  day?: string
}

/** `GET /api/boards/:id/carry-source` (facilitator): a board's templates to carry from. */
export interface CarrySourceBoard {
  board: { id: string; title: string }
  templates: CarrySourceTemplate[]
}

const optional = z.string().optional()
const Labels = z.object({ de: z.string(), en: z.string() })
/** The answer as the client checks it. */
export const CarrySourceBoard: z.ZodType<CarrySourceBoard> = z.object({
  board: z.object({ id: z.string(), title: z.string() }),
  templates: z.array(
    z.object({
      instance: z.string(),
      template: z.string(),
      title: z.string(),
      options: z.unknown(),
      locale: z.enum(['de', 'en']),
      notes: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          cell: z.object({ section: z.string(), sectionTitle: z.string(), rowsTitle: optional, row: optional, rowLabel: optional, col: optional, colLabel: optional }),
          writer: optional,
        }),
      ),
      held: z.object({ sections: z.array(z.string()), reason: Labels }).optional(),
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    }),
  ),
})

export const carrySourcePath = (boardId: string) => `/api/boards/${boardId}/carry-source`

/** A template's own date (a Zielsystem's, a Protokoll's), when its options have one. */
const dateOption = (options: unknown) => {
  const date = (options as { date?: unknown } | undefined)?.date
  return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined
}

/**
 * What a board offers to carry (`carrySourcePath`): its title as it may leave the board (a case
 * board's, `caseBoardHold.ts`), and its templates. `writers`: the board's record of who wrote
 * (`board/entries/writers.ts`), each Zettel's name from it; none leaves a board that holds a case.
 */
export function carrySource(board: { id: string; title: string }, records: readonly unknown[], meeting?: unknown, consent?: unknown, writers?: unknown) {
  return { board: { ...board, title: heldBackReading(records, consent).boardTitle(board.title) }, templates: carrySources(records, meeting, consent, writers) }
}

/** The board's templates with the Zettel in their cells; what a gate withholds is left out. `meeting`: the board's meeting entry, for their day; `writers`: its record of who wrote. */
export function carrySources(records: Iterable<unknown>, meeting?: unknown, consent?: unknown, writers?: unknown): CarrySourceTemplate[] {
  const meetingDay = readMeeting(meeting).date || undefined
  const all = [...records]
  const named: Writers = writers === undefined || holdsCase(all) ? {} : readWriters(writers)
  const writerOf = (author: unknown) => (typeof author === 'string' && Object.hasOwn(named, author) ? writerName(named[author]) : undefined)
  return templateViews(all, consent).map(({ instance, view, gateIn: gate }) => {
    const de = gate('de')
    const en = gate('en')
    const held: HeldSections | undefined = de
      ? { sections: de.sections, reason: { de: `${de.reason.label}: ${de.reason.value}`, en: en ? `${en.reason.label}: ${en.reason.value}` : `${de.reason.label}: ${de.reason.value}` } }
      : undefined
    const notes: SourceNote[] = []
    for (const shape of view.shapes.values() as Iterable<TLShape>) {
      if (shape.type !== 'note' || scaffoldMeta(shape)) continue
      const cell = view.cellOf(shape)
      if (!cell || held?.sections.includes(cell.ref.section) || de?.notes?.includes(shape.id)) continue
      const text = shapeText(shape)
      const writer = writerOf((shape.meta as { author?: unknown } | undefined)?.author)
      if (text?.trim()) notes.push({ id: shape.id, text, cell: cell.ref, ...(writer ? { writer } : {}) })
    }
    return {
      instance: instance.instance,
      template: instance.template,
      // While held, as the gate gives them: without the pseudonym.
      title: de?.title ?? shapeText(instance.title)?.trim() ?? '',
      options: de?.options ?? instance.options,
      locale: instance.locale,
      notes,
      ...(held ? { held } : {}),
      ...((dateOption(instance.options) ?? meetingDay) ? { day: dateOption(instance.options) ?? meetingDay } : {}),
    }
  })
}

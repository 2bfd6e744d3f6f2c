/**
 * "Übernehmen nach …" on the board: copies a template's notes into another along a carry route,
 * on the same page or on another page of the board, or from a template on another board of the
 * network (read through the relay). Each instance's notes are read on its own
 * page; nothing in the target is moved or changed, notes are only added.
 */
import type { Editor, TLArrowBinding, TLNoteShape, TLShape, TLShapeId } from 'tldraw'
import { center, contains } from '../../shared/templates/geometry.ts'
import { templateViews } from '../../shared/results/export.ts'
import { consentOf } from '../board/boardConsent.ts'
import { carriedDay, carriedFrom, carriedFromKey, planCarry, type CarriedFrom, type CarryInput, type CarryRoute, type SourceNote, type TargetNote } from '../../shared/results/carryOver.ts'
import { localDay } from '../../shared/dates.ts'
import { holdsCase } from '../../shared/results/caseBoards.ts'
import type { CarrySourceTemplate } from '../../shared/results/carrySource.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import type { ExportCell, InstanceView } from '../../shared/templates/definition.ts'
import type { Labels } from '../../shared/locale.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { writerName, type Writers } from '../../shared/board/entries/writers.ts'
import { boardInstances } from './pageInstances.ts'
import { shapesOnPageOf, writeIntoCell } from './cellNotes.ts'

/** The notes lying in the instance's cells on its page, each with its cell (the smallest, where cells nest). */
function notesOf(editor: Editor, instance: Instance): (SourceNote & { shape: TLNoteShape; cellKey: string })[] {
  const cells = [...instance.shapes.values()]
    .filter((s) => scaffoldMeta(s)?.kind === 'cell')
    .map((shape) => ({ ref: scaffoldMeta(shape)!.cell!, key: scaffoldMeta(shape)!.key, box: editor.getShapePageBounds(shape)! }))
    .filter((c) => c.box)
  return shapesOnPageOf(editor, instance.title)
    .filter((s): s is TLNoteShape => s.type === 'note')
    .flatMap((shape) => {
      const point = center(editor.getShapePageBounds(shape)!)
      const cell = cells.filter((c) => contains(c.box, point)).sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0]
      return cell ? [{ id: shape.id, text: plainText(shape.props.richText), cell: cell.ref, cellKey: cell.key, shape }] : []
    })
}

/**
 * The source as the export reads it (`shared/results/export.ts`), for its export gate: with the
 * board's recorded consent and the names it knows, so that a released Fallkonferenz carries what
 * its export lets out and nothing more. Its gate too, for the title it gives (no pseudonym that
 * reads as a name).
 */
function exportViewOf(editor: Editor, instance: Instance, notes: ReturnType<typeof notesOf>): { view: InstanceView; title?: string } {
  const consent = consentOf(editor.store)
  const read = templateViews(editor.store.allRecords(), consent).find((t) => t.instance.title.id === instance.title.id)
  return read ? { view: read.view, title: read.gate?.title } : { view: { ...viewOf(editor, instance, notes), consent } }
}

/** The source's cells with their notes as this editor places them, where the export finds no instance. */
function viewOf(editor: Editor, instance: Instance, notes: ReturnType<typeof notesOf>): InstanceView {
  const cells = new Map<string, ExportCell>()
  for (const shape of instance.shapes.values()) {
    const meta = scaffoldMeta(shape)
    if (meta?.kind === 'cell' && meta.cell) cells.set(meta.key, { ref: meta.cell, shape, notes: [] })
  }
  for (const note of notes) cells.get(note.cellKey)?.notes.push(note.text)
  const cellOf = new Map(notes.map((n) => [n.id as string, cells.get(n.cellKey)]))
  const shapes = shapesOnPageOf(editor, instance.title)
  return {
    instance,
    cells: [...cells.values()],
    shapes: new Map(shapes.map((s) => [s.id as string, s])),
    bindings: shapes.flatMap((s) => editor.getBindingsFromShape<TLArrowBinding>(s, 'arrow')),
    boundsOf: (shape) => editor.getShapePageBounds(shape),
    textOf: (shape) => editor.getShapeUtil(shape).getText(shape),
    cellOf: (shape) => cellOf.get(shape.id),
  }
}

export interface CarryResult {
  written: number
  /** Notes the target has no place for (an old template not grown yet). */
  unassigned: number
  /** Why the route carries nothing yet. */
  held?: Labels
}

/** A template's own date, when its options have one (a Zielsystem's). */
const dateOption = (options: unknown) => {
  const date = (options as { date?: unknown } | undefined)?.date
  return typeof date === 'string' && date ? date : undefined
}

/**
 * Carries the notes, as one step to undo. The instances are named by their titles' shapes: an
 * instance id alone stands on every copy of a duplicated page. `meetingDay`: the board's meeting
 * date, the source's day when its template has none (else the day of the carry). `writers`: the
 * board's record of who wrote (`shared/board/entries/writers.ts`; the relay keeps none on a case board).
 */
export function carryNotes(editor: Editor, route: CarryRoute, fromTitle: TLShapeId, toTitle: TLShapeId, meetingDay?: string, writers: Writers = {}): CarryResult {
  const instances = boardInstances(editor)
  const from = instances.find((i) => i.title.id === fromTitle)
  if (!from) return { written: 0, unassigned: 0 }
  const sourceNotes = notesOf(editor, from).map((note) => {
    const author = note.shape.meta.author
    const writer = typeof author === 'string' && Object.hasOwn(writers, author) ? writerName(writers[author]) : undefined
    return writer ? { ...note, writer } : note
  })
  const source = exportViewOf(editor, from, sourceNotes)
  return carryInto(editor, route, toTitle, {
    sourceInstance: from.instance,
    sourceOptions: from.options,
    sourceNotes,
    sourceView: source.view,
    sourceTitle: source.title ?? (editor.getShapeUtil(from.title).getText(from.title)?.trim() || from.template),
    sourceDay: carriedDay(dateOption(from.options) ?? meetingDay, localDay(new Date())),
  })
}

/**
 * Carries the notes of a template on another board of the network (as that board's relay read
 * them, `carry-source`): the same plan as within a board, each note keeping its board.
 */
export function carryFromBoard(editor: Editor, route: CarryRoute, board: { id: string; title: string }, source: CarrySourceTemplate, toTitle: TLShapeId): CarryResult {
  return carryInto(editor, route, toTitle, {
    sourceInstance: source.instance,
    sourceBoard: board.id,
    sourceBoardTitle: board.title,
    sourceTitle: source.title || source.template,
    sourceDay: carriedDay(source.day, localDay(new Date())),
    sourceOptions: source.options,
    sourceNotes: source.notes,
    sourceHeld: source.held,
  })
}

type SourceInput = Pick<
  CarryInput,
  'sourceInstance' | 'sourceBoard' | 'sourceOptions' | 'sourceNotes' | 'sourceView' | 'sourceHeld' | 'sourceTitle' | 'sourceBoardTitle' | 'sourceDay'
>

function carryInto(editor: Editor, route: CarryRoute, toTitle: TLShapeId, source: SourceInput): CarryResult {
  const to = boardInstances(editor).find((i) => i.title.id === toTitle)
  if (!to) return { written: 0, unassigned: 0 }
  const targetNotes: TargetNote[] = notesOf(editor, to).map(({ cellKey, text, shape }) => ({ cellKey, text, from: carriedFrom(shape.meta) }))
  const { planned, unassigned, held } = planCarry(route, {
    ...source,
    targetOptions: to.options,
    targetLocale: to.locale,
    targetKeys: new Set(to.shapes.keys()),
    targetNotes,
  })
  // A board that holds a case keeps no writer's name; the relay refuses one there (`server/judge/caseNames.ts`).
  const caseBoard = holdsCase(editor.store.allRecords())
  const provenance = ({ writer, ...from }: CarriedFrom): CarriedFrom => (caseBoard || !writer ? from : { ...from, writer })
  const byCell = new Map<string, typeof planned>()
  for (const note of planned) byCell.set(note.cellKey, [...(byCell.get(note.cellKey) ?? []), note])
  let written = 0
  if (planned.length > 0) editor.markHistoryStoppingPoint('carry notes')
  editor.run(() => {
    for (const [key, notes] of byCell) {
      const cell = to.shapes.get(key) as TLShape
      written += writeIntoCell(editor, cell, notes.map((n) => ({ text: n.text, meta: { [carriedFromKey]: { ...provenance(n.from) } } }))).length
    }
  })
  return { written, unassigned, held }
}

/** A carried Zettel lying in the instance's cells now: its text and where it came from. */
export interface CarriedNote {
  id: TLShapeId
  text: string
  from: CarriedFrom
}

/** The carried Zettel in the instance's cells, in reading order. */
export function carriedNotesIn(editor: Editor, instance: Instance): CarriedNote[] {
  return notesOf(editor, instance)
    .flatMap(({ shape, text }) => {
      const from = carriedFrom(shape.meta)
      return from ? [{ id: shape.id, text, from, y: shape.y, x: shape.x }] : []
    })
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map(({ id, text, from }) => ({ id, text, from }))
}

/** The texts of a template's notes on this board now, by note id (its copies on duplicated pages together). */
export function noteTextsOf(editor: Editor, instanceId: string): Map<string, string> {
  const texts = new Map<string, string>()
  for (const instance of boardInstances(editor).filter((i) => i.instance === instanceId)) for (const note of notesOf(editor, instance)) texts.set(note.id, note.text)
  return texts
}

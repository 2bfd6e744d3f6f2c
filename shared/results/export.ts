/**
 * What people wrote into templates, read from a board's records: each note belongs to the
 * cell it was written in (see `writtenAt`). Used by the server's export endpoint.
 */
import type { TLArrowBinding, TLShape } from '@tldraw/tlschema'
import { contains, union, type Box } from '../templates/geometry.ts'
import { writtenAt } from '../templates/writtenAt.ts'
import { findInstances } from '../templates/catalogue.ts'
import type { ExportCell, ExportFact, ExportGate, ExportTable, Instance, InstanceView, OpenItem } from '../templates/definition.ts'
import { pageOf, shapesByPage, scaffoldMeta, type CellRef } from '../board/scaffoldMeta.ts'
import type { Locale } from '../locale.ts'
import { shapeText } from '../templates/richText.ts'
import { markdownCellText, markdownLine } from '../templates/markdownText.ts'
import { csvDocument, csvLine } from '../csv.ts'
import { openItemsOf, taskItemsOf } from './openItems.ts'
import { reviewDayOf } from './reviewDay.ts'
import { reportedDone, type ReportedDone } from './reportedDone.ts'
import { scopeLabel, tally, voteFactsLine, voteHeading, voteWords } from './voting.ts'
import type { VoteScope } from '../board/entries/vote.ts'
import type { KeptVote } from '../board/entries/voteRecord.ts'
import { exportedRecords, maxShapeDepth } from '../board/shapeTree.ts'
import { recordBounds } from '../board/shapeBounds.ts'
import { boardParts } from './boardParts.ts'
import type { Comment } from '../board/comments.ts'
import { openQuestionColumns, openQuestionRows, openQuestions, openQuestionWords, type OpenQuestion } from './openQuestions.ts'
import { knownNames } from './knownNames.ts'
import { isCaseTemplate } from '../templates/caseBoards.ts'
import { nameLike } from '../templates/caseNames.ts'
import { boardTitleShown, caseBoardState, companionGate, freeTextHeld, nameShown, type CaseBoard } from './caseBoardHold.ts'
import { textFingerprint } from '../board/contentFingerprint.ts'

export interface TemplateExport {
  template: string
  instance: string
  /** With the Kleingruppe's name, for a group's result (`boardParts.ts`). */
  title: string
  /** The Kleingruppe whose result it is. */
  group?: string
  /** How many Zettel people wrote in its cells: a template nobody wrote in is left out of the Dokumentation. */
  notes?: number
  facts: ExportFact[]
  tables: ExportTable[]
  openItems: OpenItem[]
  /** Its tasks marked done (`closed` says by what), for what closed since the last pack. */
  closedItems?: OpenItem[]
  /** A Statusbericht: the carried activities it reports done (`reportedDone.ts`). */
  reportedDone?: ReportedDone[]
}

export interface BoardExport {
  board: { id: string; title: string }
  templates: TemplateExport[]
  /** Notes outside every template cell (and every document). */
  otherNotes: string[]
  /** Notes written on a document's pages (a PDF placed on the board), by the document's name. */
  documents?: Array<{ name: string; notes: string[] }>
  /** Every dot vote of the meeting with a result, first started first (`voteRecord.ts`). */
  votes?: VoteExport[]
  /** Open comment threads (`openQuestions.ts`), when the board has any. */
  openQuestions?: OpenQuestion[]
}

export interface VoteExport {
  /** What the room was asked; '' when the facilitator gave no question. */
  question: string
  scope: VoteScope
  dotsPerPerson: number
  /** How many people gave how many dots: counts only. */
  voters: number
  dots: number
  /** Best first; `note` null for a note deleted since, or held back by a template's gate (`withheld`). */
  ranking: Array<{ rank: number; note: string | null; withheld?: true; dots: number }>
}

const words = {
  notes: { de: 'Zettel', en: 'Notes' },
  other: { de: 'Weitere Zettel', en: 'Other notes' },
}

export { shapeText } from '../templates/richText.ts'

/** A template on the board whose gate holds sections back, with the area it covers on its page. */
export interface HeldBack {
  instance: Instance
  title: string
  gate: ExportGate
  page: string
  box: Box
}

/**
 * The board's records as an export reads them: templates with their cells and views, and the free
 * notes. `release`: the board's release as stored, where the reading is passed on as released.
 */
function readBoard(records: Iterable<unknown>, consent?: unknown, release?: unknown) {
  const shapes = new Map<string, TLShape>()
  const bindings: TLArrowBinding[] = []
  const pageIndices = new Map<string, string>()
  for (const record of exportedRecords(records)) {
    const r = record as { typeName?: string; type?: string; id: string; index?: unknown }
    if (r.typeName === 'page' && typeof r.index === 'string') pageIndices.set(r.id, r.index)
    if (r.typeName === 'shape') shapes.set(r.id, record as TLShape)
    if (r.typeName === 'binding' && r.type === 'arrow') bindings.push(record as TLArrowBinding)
  }
  const boundsOf = (shape: TLShape) => recordBounds(shape, shapes)
  // Page by page: a duplicated page keeps its templates' instance ids, and each copy is its own case.
  const byPage = shapesByPage(shapes)
  const instances = [...byPage.values()].flatMap((onPage) => findInstances(onPage))

  const cells: ExportCell[] = []
  for (const shape of shapes.values()) {
    const ref = scaffoldMeta(shape)?.cell
    if (ref) cells.push({ ref, shape, notes: [], noteShapes: [] })
  }
  // A crafted cell record without bounds holds no notes; it must not break the export.
  const cellBoxes = cells.flatMap((cell) => {
    const box = boundsOf(cell.shape)
    return box ? [{ cell, box, page: pageOf(cell.shape, shapes) }] : []
  })
  const parts = boardParts(records, shapes, (shape) => pageOf(shape, shapes), boundsOf)
  const placed = new Map<string, ExportCell>()
  const freeNotes: { shape: TLShape; text: string; point: { x: number; y: number }; page: string }[] = []
  const notes = [...shapes.values()]
    .filter((s) => !scaffoldMeta(s) && !parts.isHeading(s))
    .map((shape) => ({ shape, text: shapeText(shape), box: boundsOf(shape) }))
    .filter((n): n is { shape: TLShape; text: string; box: Box } => !!n.text && !!n.box)
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)
  for (const note of notes) {
    const point = writtenAt(note.shape, note.box)
    const page = pageOf(note.shape, shapes)
    // The smallest cell wins where cells nest (a hand-over area inside a lane).
    const hit = cellBoxes
      .filter((c) => c.page === page && contains(c.box, point))
      .sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0]
    if (hit) {
      hit.cell.notes.push(note.text)
      hit.cell.noteShapes?.push(note.shape)
      placed.set(note.shape.id, hit.cell)
    } else freeNotes.push({ shape: note.shape, text: note.text, point, page })
  }

  const ordered = dayOrder(instances, (instance) => pageIndices.get(pageOf(instance.title, shapes)) ?? '', (instance) => onPage(instance.title, shapes).index)
  const known = knownNames(ordered, cells)
  const gated = ordered.map((instance) => {
    const page = pageOf(instance.title, shapes)
    const own = cells.filter((c) => scaffoldMeta(c.shape)?.instance === instance.instance && pageOf(c.shape, shapes) === page)
    const view: InstanceView = {
      instance,
      cells: own,
      shapes,
      bindings,
      boundsOf,
      textOf: shapeText,
      cellOf: (shape) => {
        const cell = placed.get(shape.id)
        return cell && own.includes(cell) ? cell : undefined
      },
      known,
      consent,
      ...(release === undefined ? {} : { release }),
    }
    const ownGate = (locale: Locale) => instance.definition.exportGate?.(view, locale)
    return { instance, view, ownGate, gate: ownGate(instance.locale) }
  })
  // A board holding a case is a case board, whole (`caseBoardHold.ts`): its other templates and free Zettel with it.
  const caseBoard = caseBoardState(gated.map((t) => ({ template: t.instance.template, gate: t.gate })))
  const templates = gated.map(({ ownGate, ...t }) => {
    const gateIn = (locale: Locale) => companionGate(t.view, caseBoard, locale, ownGate(locale))
    return { ...t, gateIn, gate: gateIn(t.instance.locale) }
  })
  const heldBack: HeldBack[] = templates.flatMap(({ instance, gate }) => {
    const box = union([...instance.shapes.values()].map(boundsOf).filter((b): b is Box => !!b))
    if (!gate || !box) return []
    return [{ instance, title: gate.title ?? shapeText(instance.title) ?? instance.template, gate, page: pageOf(instance.title, shapes), box }]
  })
  // A free Zettel on a gated template (on a row's label, between cells) may be part of the case.
  const withinHeld = (point: { x: number; y: number }, page: string) => heldBack.some((h) => h.page === page && contains(h.box, point))
  const heldNotes = new Set(templates.flatMap((t) => t.gate?.notes ?? []))
  // By id: a picture asks of every shape on a board of thousands.
  const freeById = new Map(freeNotes.map((n) => [n.shape.id as string, n]))
  const isHeld = (id: string) => {
    if (heldNotes.has(id)) return true
    const cell = placed.get(id)
    if (cell) {
      // The template whose cell it is on this page: a duplicated page's copy has the same instance id.
      const gate = templates.find((t) => t.view.cells.includes(cell))?.gate
      return !!gate?.sections.includes(cell.ref.section)
    }
    const free = freeById.get(id)
    return !!free && (withinHeld(free.point, free.page) || freeTextHeld(free.text, caseBoard, known))
  }
  // Once gates are known: a template's own tables follow arrows to any shape, so a held Zettel reads as empty.
  const textOf = (shape: TLShape) => (isHeld(shape.id) ? undefined : shapeText(shape))
  const viewed = templates.map((t) => ({ ...t, view: { ...t.view, textOf } }))
  // A collected group's free Zettel are on the plenary too: once is enough.
  const free = freeNotes.filter((n) => !withinHeld(n.point, n.page) && !parts.collectedPages.has(n.page) && !freeTextHeld(n.text, caseBoard, known))
  const documents = new Map<string, string[]>()
  const otherNotes: string[] = []
  for (const note of free) {
    const document = parts.documentAt(note.point, note.page)
    if (document === null) otherNotes.push(note.text)
    else documents.set(document, [...(documents.get(document) ?? []), note.text])
  }
  // A gate may hold back every comment on the board (a case is talked about in any thread).
  const commentsHeld = templates.some((t) => t.gate?.comments)
  // On a board holding a case, a comment that reads as a name stays on the board, released or not.
  const caseOnBoard = ordered.some((instance) => isCaseTemplate(instance.template))
  const shownComments = (comments: ReadonlyMap<string, Comment>): ReadonlyMap<string, Comment> =>
    caseOnBoard ? new Map([...comments].filter(([, comment]) => !nameLike(comment.text, known, 'case'))) : comments
  // The board's title, its documents' and pages' names are free text too; in the locale of its (first) case.
  const caseLocale = ordered.find((instance) => isCaseTemplate(instance.template))?.locale ?? 'de'
  const boardTitle = (title: string) => boardTitleShown(title, caseBoard, known, caseLocale)
  const textHeld = (text: string) => freeTextHeld(text, caseBoard, known)
  const shownName = (name: string) => nameShown(name, caseBoard, known, caseLocale)
  const shownDocuments = [...documents].map(([name, notes]) => ({ name: shownName(name), notes }))
  return { shapes, templates: viewed, heldBack, otherNotes, documents: shownDocuments, parts, isHeld, placed, commentsHeld, shownComments, boardTitle, textHeld, shownName, caseBoard }
}

/** The board's templates as an export reads them (their cells, notes and export gates): what a carry from another board reads. */
export const templateViews = (records: Iterable<unknown>, consent?: unknown) => readBoard(records, consent).templates

/** The templates on the board that hold sections back from every export now, and where they lie. */
export const heldBackTemplates = (records: Iterable<unknown>, consent?: unknown): HeldBack[] => readBoard(records, consent).heldBack

/** Where a written note lies: its text, and the template and cell it was written in, if any. */
export interface NotePlace {
  text: string
  template?: { name: string; instance: string; title: string }
  cell?: CellRef
  /** Held back from every export by a template's gate: nothing of it may be shown. */
  held: boolean
}

/** Every written note (a note, a text, a geo shape with text) by shape id, with where it lies; `release` as `exportBoard`'s. */
export function notePlaces(records: Iterable<unknown>, consent?: unknown, release?: unknown): Map<string, NotePlace> {
  const { shapes, templates, placed, isHeld } = readBoard(records, consent, release)
  const out = new Map<string, NotePlace>()
  for (const shape of shapes.values()) {
    if (scaffoldMeta(shape)) continue
    const text = shapeText(shape)
    if (!text) continue
    const cell = placed.get(shape.id)
    const owner = cell && templates.find((t) => t.view.cells.includes(cell))
    const template = owner && { name: owner.instance.template, instance: owner.instance.instance, title: titleOf(owner) }
    out.set(shape.id, { text, template, cell: cell?.ref, held: isHeld(shape.id) })
  }
  return out
}

/**
 * What the board holds back from every reading beyond it now: its gated templates, each held
 * Zettel, whether its comments are, and whether a free text typed about it (a meeting's place) is.
 */
export function heldBackReading(
  records: Iterable<unknown>,
  consent?: unknown,
  /** `facilitation/release` as stored, where the reading leaves a released board (what is not spruchreif stays back). */
  release?: unknown,
): {
  heldBack: HeldBack[]
  isHeld: (id: string) => boolean
  commentsHeld: boolean
  shownComments: (comments: ReadonlyMap<string, Comment>) => ReadonlyMap<string, Comment>
  textHeld: (text: string) => boolean
  /** The board's title as it may leave it (`caseBoardHold.ts`). */
  boardTitle: (title: string) => string
  /** A name typed about the board (a page's, a Gremium's, a Haus's) as it may leave it (`caseBoardHold.ts`). */
  shownName: (name: string) => string
  /** Whether the board holds a case, held or released (`caseBoardHold.ts`). */
  caseBoard: CaseBoard
} {
  const { heldBack, isHeld, commentsHeld, shownComments, textHeld, boardTitle, shownName, caseBoard } = readBoard(records, consent, release)
  return { heldBack, isHeld, commentsHeld, shownComments, textHeld, boardTitle, shownName, caseBoard }
}

/** Whether a note is held back from every export now (it lies in or on a gated template). */
export const heldBackNotes = (records: Iterable<unknown>, consent?: unknown): ((id: string) => boolean) => readBoard(records, consent).isHeld

/** The templates on the board in the order of the day, with how many Zettel lie in each one's cells (a network's overview counts, it does not read them). */
export const templateNoteCounts = (records: Iterable<unknown>, consent?: unknown): Array<{ template: string; title: string; notes: number; openItems: number; reviewOn?: string }> =>
  readBoard(records, consent).templates.map(({ instance, view, gate }) => countsOf(instance, view, gate))

function countsOf(instance: Instance, view: InstanceView, gate: ExportGate | undefined) {
  const reviewOn = reviewDayOf(view)
  return {
    template: instance.template,
    title: titleOf({ instance, gate }),
    notes: view.cells.reduce((sum, cell) => sum + cell.notes.length, 0),
    openItems: openItemsOf(view, instance.definition.openItemTables ?? []).length,
    ...(reviewOn ? { reviewOn } : {}),
  }
}

/** As `templateNoteCounts`, with each template's instance and the digest of its content: what a network's view reads of a board (`server/documents/templateDays.ts`). */
export const templateSummaries = (records: Iterable<unknown>, consent?: unknown): Array<ReturnType<typeof countsOf> & { instance: string; digest: string }> =>
  readBoard(records, consent).templates.map(({ instance, view, gate }) => ({ ...countsOf(instance, view, gate), instance: instance.instance, digest: templateDigest(instance, view) }))

/**
 * A template's own content in short, for when it last changed (`server/documents/templateDays.ts`):
 * its title, the Zettel in each of its cells and what its own tables read beyond them (a
 * Netzwerkkarte's arrows and their ratings). Only the relay keeps it, as a fingerprint. A Zettel
 * elsewhere on the board leaves it as it is.
 */
function templateDigest(instance: Instance, view: InstanceView): string {
  const cells = view.cells.map((cell) => `${cell.shape.id}\u0000${cell.notes.join('\u0001')}`).sort()
  const tables = instance.definition.exportTables?.(view, instance.locale) ?? []
  return textFingerprint(JSON.stringify([shapeText(instance.title) ?? '', cells, tables]))
}

export function exportBoard(
  board: { id: string; title: string },
  records: Iterable<unknown>,
  /** The meeting's votes with a result (`readVotes`). */
  votes: readonly KeptVote[] = [],
  comments?: ReadonlyMap<string, Comment>,
  /** `facilitation/consent` as stored: without it, every Fallkonferenz's case is held back. */
  consent?: unknown,
  /** `facilitation/release` as stored, only where the export is passed on as released (what is not spruchreif stays back). */
  release?: unknown,
): BoardExport {
  const { shapes, templates: all, otherNotes, documents, parts, isHeld, commentsHeld, shownComments, boardTitle, textHeld, shownName } = readBoard(records, consent, release)
  board = { ...board, title: boardTitle(board.title) }
  const questions = comments && !commentsHeld ? questionsOf(shownComments(comments), records, shapes, isHeld, shownName, textHeld) : []
  const withQuestions = (data: BoardExport): BoardExport => {
    const withDocuments = documents.length > 0 ? { ...data, documents } : data
    return questions.length > 0 ? { ...withDocuments, openQuestions: questions } : withDocuments
  }
  // Each Kleingruppe's result once, under its group's name.
  const read = all.flatMap((t) => {
    const { group, duplicate } = parts.groupOf(t.instance.title, t.instance.template)
    // A group's name is typed about the board, as a page's is (`caseBoardHold.ts`).
    return duplicate ? [] : [{ ...t, group: group === null ? null : shownName(group) }]
  })
  const templates = read.map(({ instance, view, gate, group }): TemplateExport => {
    const shown = gate ? withheld(view, gate.sections, gate.notes) : view
    const tables = sectionTables(shown.cells, instance.locale)
    tables.push(...(instance.definition.exportTables?.(shown, instance.locale) ?? []))
    const facts = gate?.facts ?? instance.definition.exportFacts?.(instance.options, instance.locale) ?? []
    const title = titleOf({ instance, gate })
    const tasks = taskItemsOf(shown, instance.definition.openItemTables ?? [])
    const closedItems = tasks.filter((item) => item.closed !== undefined)
    const reported = instance.template === 'statusbericht' ? reportedDone(shown, title) : []
    return {
      template: instance.template,
      instance: instance.instance,
      title: group ? `${title} · ${group}` : title,
      ...(group ? { group } : {}),
      notes: view.cells.reduce((sum, cell) => sum + cell.notes.length, 0),
      facts: gate ? [...facts, gate.reason] : facts,
      tables,
      openItems: tasks.filter((item) => item.closed === undefined),
      ...(closedItems.length > 0 ? { closedItems } : {}),
      ...(reported.length > 0 ? { reportedDone: reported } : {}),
    }
  })
  if (votes.length === 0) return withQuestions({ board, templates, otherNotes })
  const noteText = (id: string) => {
    const shape = shapes.get(id)
    return shape ? (shapeText(shape) ?? '') : null
  }
  // A question typed about a case reads as the case does (`caseBoardHold.ts`).
  const asked = (vote: KeptVote): KeptVote => (vote.question && textHeld(vote.question) ? { ...vote, question: '' } : vote)
  return withQuestions({ board, templates, otherNotes, votes: votes.map((vote) => voteExport(asked(vote), noteText, isHeld)) })
}

/** A vote as the record holds it, ranked: each note's text as it reads now, held back where a template's gate holds it. */
export function voteExport(vote: KeptVote, noteText: (id: string) => string | null, isHeld: (id: string) => boolean): VoteExport {
  return {
    question: vote.question ?? '',
    scope: vote.scope,
    dotsPerPerson: vote.dotsPerPerson,
    voters: vote.participation.voters,
    dots: vote.participation.dots,
    ranking: tally([vote.results]).map((e) =>
      isHeld(e.shapeId) ? { rank: e.rank, note: null, withheld: true as const, dots: e.count } : { rank: e.rank, note: noteText(e.shapeId), dots: e.count },
    ),
  }
}

/** The open threads, each named by what it is about; a Zettel a template's gate holds back is not quoted. */
function questionsOf(
  all: ReadonlyMap<string, Comment>,
  records: Iterable<unknown>,
  shapes: ReadonlyMap<string, TLShape>,
  isHeld: (id: string) => boolean,
  /** A page's name as it may leave the board. */
  shownName: (name: string) => string,
  /** A text the board holds back (on a case board: a frame's label that reads as a name). */
  textHeld: (text: string) => boolean,
): OpenQuestion[] {
  const pages = new Map<string, string>()
  for (const record of exportedRecords(records)) {
    const r = record as { typeName?: string; id: string; name?: unknown }
    if (r.typeName === 'page') pages.set(r.id, typeof r.name === 'string' ? shownName(r.name) : '')
  }
  return openQuestions(all, (target) => {
    if (target.kind === 'place') return pages.has(target.pageId) ? { kind: 'place', page: pages.get(target.pageId)! } : { kind: 'gone' }
    const shape = shapes.get(target.shapeId)
    if (!shape) return { kind: 'gone' }
    if (isHeld(shape.id)) return { kind: 'shape', text: null }
    const name = (shape.props as { name?: unknown }).name
    const text = shapeText(shape) ?? (typeof name === 'string' ? name : null)
    return { kind: 'shape', text: text !== null && textHeld(text) ? null : text }
  })
}

/** A template's title as an export may print it: its gate's while that holds (without a pseudonym). */
const titleOf = (t: { instance: Instance; gate?: ExportGate }) => t.gate?.title ?? shapeText(t.instance.title) ?? t.instance.template

/** What an export may read of an instance whose gate holds these sections (and these single Zettel) back: nothing of them. */
function withheld(view: InstanceView, sections: readonly string[], notes: readonly string[] = []): InstanceView {
  const open = (cell: ExportCell | undefined) => (cell && !sections.includes(cell.ref.section) ? cell : undefined)
  const held = new Set(notes)
  const without = (cell: ExportCell): ExportCell => {
    if (held.size === 0 || !cell.noteShapes) return cell
    const keep = cell.noteShapes.map((shape) => !held.has(shape.id))
    return { ...cell, notes: cell.notes.filter((_, i) => keep[i]), noteShapes: cell.noteShapes.filter((_, i) => keep[i]) }
  }
  const cells = view.cells.filter((cell) => open(cell)).map(without)
  const cellOf = (shape: TLShape) => {
    const cell = held.has(shape.id) ? undefined : open(view.cellOf(shape))
    return cell && cells.find((c) => c.shape.id === cell.shape.id)
  }
  return { ...view, cells, cellOf }
}

/**
 * Templates in the order of the day: the board's pages in their order, on each page in the order
 * they were put there (a new template goes above everything on its page, so its title's index is
 * higher; a collected group's copy by its frame's, put there after the plenum's own templates,
 * so each group's result follows them), reading order where that says nothing. Where a template happens to find room (left
 * of or above the others) says nothing about when it was worked on.
 */
function dayOrder(instances: Instance[], pageIndex: (instance: Instance) => string, placedIndex: (instance: Instance) => string): Instance[] {
  const before = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return [...instances].sort(
    (a, b) =>
      before(pageIndex(a), pageIndex(b)) ||
      before(placedIndex(a), placedIndex(b)) ||
      before(a.title.index, b.title.index) ||
      a.title.y - b.title.y ||
      a.title.x - b.title.x,
  )
}

/** The shape that holds `shape` on its page (a collected group's frame for its copy), or the shape itself. */
function onPage(shape: TLShape, shapes: ReadonlyMap<string, TLShape>): TLShape {
  let top = shape
  // Bounded: a corrupt parent cycle must not hang an export.
  for (let depth = 0; depth < maxShapeDepth; depth++) {
    const parent = shapes.get(top.parentId)
    if (!parent) break
    top = parent
  }
  return top
}

/** One table per section: rows × columns where cells have both, else one row per cell. */
function sectionTables(cells: ExportCell[], locale: Locale): ExportTable[] {
  const sections = new Map<string, ExportCell[]>()
  for (const cell of cells) {
    const list = sections.get(cell.ref.section) ?? []
    list.push(cell)
    sections.set(cell.ref.section, list)
  }
  return [...sections.values()].map((list) => {
    const ordered = [...list].sort((a, b) => a.shape.y - b.shape.y || a.shape.x - b.shape.x)
    const first = ordered[0].ref
    const rowKeys = unique(ordered.map((c) => c.ref.row ?? ''))
    const colKeys = unique(
      [...ordered].sort((a, b) => a.shape.x - b.shape.x).map((c) => c.ref.col ?? ''),
    ).filter((k) => k !== '')
    const rowLabel = (row: string) => ordered.find((c) => (c.ref.row ?? '') === row)?.ref.rowLabel ?? row
    if (colKeys.length === 0) {
      return {
        title: first.sectionTitle,
        columns: [first.rowsTitle ?? '', words.notes[locale]],
        rows: ordered.map((c) => [[c.ref.rowLabel ?? c.ref.sectionTitle], c.notes]),
      }
    }
    return {
      title: first.sectionTitle,
      columns: [
        first.rowsTitle ?? '',
        ...colKeys.map((k) => ordered.find((c) => c.ref.col === k)?.ref.colLabel ?? k),
      ],
      rows: rowKeys.map((row) => [
        [rowLabel(row)],
        ...colKeys.map((col) => ordered.find((c) => (c.ref.row ?? '') === row && c.ref.col === col)?.notes ?? []),
      ]),
    }
  })
}

const unique = <T,>(items: T[]) => [...new Set(items)]

export const exportFormats = ['md', 'csv', 'json'] as const
export type ExportFormat = (typeof exportFormats)[number]

/** Whether a table row holds nothing anyone wrote: beside its label, every cell is empty. */
export function isEmptyRow(table: ExportTable, row: string[][]): boolean {
  const first = table.columns.length > 1 ? 1 : 0
  return row.slice(first).every((notes) => notes.every((note) => !note.trim()))
}

export const isEmptyTable = (table: ExportTable): boolean => table.rows.every((row) => isEmptyRow(table, row))

/**
 * A table as Markdown lines, its header row first, each row on one line (a continued row, its
 * label cell empty, read as a row of its own once sorted or copied). A cell's several Zettel are
 * each on a line of their own (`<br>`, which GitHub, GitLab, Obsidian and pandoc's HTML show as a
 * break), each after a bullet, so that they stay apart where a viewer shows the `<br>` as nothing
 * and where a long Zettel wraps. Blank Zettel are left out.
 */
export function markdownTable(columns: string[], rows: string[][][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  const cell = (notes: string[]) => {
    // A Zettel's own lines stay lines ("Beistandschaft / Sorgerechtsberatung"), as its cell's Zettel do.
    const shown = notes.map((note) => note.split(/\r\n|\r|\n/).map(markdownCellText).filter((part) => part.trim()).join('<br>')).filter((note) => note.trim())
    return shown.length > 1 ? shown.map((note) => `• ${note}`).join('<br>') : shown.join('')
  }
  return [line(columns.map(markdownCellText)), `|${columns.map(() => ' --- ').join('|')}|`, ...rows.map((row) => line(row.map(cell))).filter((text) => text.replace(/[|\s]/g, ''))]
}

/** The heading of the Zettel written on a document's pages. */
export const documentHeading = (name: string, locale: Locale): string => (locale === 'de' ? `Zettel auf dem Dokument „${name}“` : `Notes on the document “${name}”`)

/** A template's facts and tables as Markdown, under headings of `level`. */
export function markdownTemplate(template: TemplateExport, level: number): string[] {
  const out = [`${'#'.repeat(level)} ${markdownLine(template.title)}`, '']
  if (template.facts.length > 0) out.push(...template.facts.map((f) => `**${markdownLine(f.label)}:** ${markdownLine(f.value)}  `), '')
  for (const table of template.tables) out.push(`${'#'.repeat(level + 1)} ${markdownLine(table.title)}`, '', ...markdownTable(table.columns, table.rows), '')
  return out
}

export function renderMarkdown(data: BoardExport, locale: Locale): string {
  const out: string[] = [`# ${markdownLine(data.board.title)}`, '']
  for (const template of data.templates) out.push(...markdownTemplate(template, 2))
  if (data.otherNotes.length > 0) {
    out.push(`## ${words.other[locale]}`, '', ...data.otherNotes.map((n) => `- ${markdownLine(n)}`), '')
  }
  for (const document of data.documents ?? []) {
    out.push(`## ${markdownLine(documentHeading(document.name, locale))}`, '', ...document.notes.map((n) => `- ${markdownLine(n)}`), '')
  }
  for (const [i, vote] of (data.votes ?? []).entries()) out.push(...markdownVote(vote, i, data.votes!.length, locale))
  if (data.openQuestions) {
    out.push(`## ${openQuestionWords.title[locale]}`, '', ...markdownTable(openQuestionColumns(locale), openQuestionRows(data.openQuestions, locale)), '')
  }
  return out.join('\n')
}

/** A ranked note's text as printed: held back by a gate, deleted since, or what it says. */
export const voteNoteText = (r: VoteExport['ranking'][number], locale: Locale): string =>
  r.withheld ? voteWords.withheld[locale] : (r.note ?? voteWords.deleted[locale])

/** A dot vote's result as Markdown: what it asked and how it was run, then the ranking. */
export function markdownVote(v: VoteExport, index: number, count: number, locale: Locale): string[] {
  return [
    `## ${markdownLine(voteHeading(v.question, index, count, locale))}`,
    '',
    markdownLine(voteFactsLine(v, locale)),
    '',
    ...markdownTable(voteColumns(locale), voteRows(v, locale)),
    '',
  ]
}

export const voteColumns = (locale: Locale): string[] => [voteWords.rank[locale], voteWords.note[locale], voteWords.count[locale]]
export const voteRows = (v: VoteExport, locale: Locale): string[][][] => v.ranking.map((r) => [[String(r.rank)], [voteNoteText(r, locale)], [String(r.dots)]])

/**
 * CSV (see `shared/csv.ts`): notes of one cell on separate lines inside the field. Each table
 * starts with its title on a line of its own.
 */
export function renderCsv(data: BoardExport, locale: Locale): string {
  const line = csvLine
  const out: string[] = []
  for (const template of data.templates) {
    if (template.facts.length > 0) {
      if (out.length > 0) out.push('')
      out.push(line([template.title]), ...template.facts.map((f) => line([f.label, f.value])))
    }
    for (const table of template.tables) {
      if (out.length > 0) out.push('')
      out.push(line([`${template.title}: ${table.title}`]))
      out.push(line(table.columns))
      for (const row of table.rows) out.push(line(row.map((notes) => notes.join('\n'))))
    }
  }
  if (data.otherNotes.length > 0) {
    if (out.length > 0) out.push('')
    out.push(line([words.other[locale]]), ...data.otherNotes.map((n) => line([n])))
  }
  for (const document of data.documents ?? []) {
    if (out.length > 0) out.push('')
    out.push(line([documentHeading(document.name, locale)]), ...document.notes.map((n) => line([n])))
  }
  for (const [i, v] of (data.votes ?? []).entries()) {
    if (out.length > 0) out.push('')
    out.push(
      line([voteHeading(v.question, i, data.votes!.length, locale)]),
      line([voteWords.scope[locale], scopeLabel(v.scope, locale)]),
      line([voteWords.dots[locale], v.dotsPerPerson]),
      line([voteWords.voters[locale], v.voters]),
      line([voteWords.count[locale], v.dots]),
      line(voteColumns(locale)),
      ...v.ranking.map((r) => line([r.rank, voteNoteText(r, locale), r.dots])),
    )
  }
  if (data.openQuestions) {
    if (out.length > 0) out.push('')
    out.push(line([openQuestionWords.title[locale]]), line(openQuestionColumns(locale)))
    for (const row of openQuestionRows(data.openQuestions, locale)) out.push(line(row.map((cell) => cell.join('\n'))))
  }
  return csvDocument(out)
}

/** The export as the text of a file in the given format. */
export function renderExport(data: BoardExport, format: ExportFormat, locale: Locale): string {
  if (format === 'json') return JSON.stringify(data, null, 2)
  return format === 'csv' ? renderCsv(data, locale) : renderMarkdown(data, locale)
}

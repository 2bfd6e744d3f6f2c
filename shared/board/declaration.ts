/**
 * The board document, declared: every entry it may hold, the value it must have, and which role
 * may create, change or delete it. The relay judges every update against this before the update
 * enters the board (`server/room/Room.ts`); the client asks the same questions to offer only what a
 * role may do. One module, so that the two cannot disagree.
 *
 * Entries:
 * - `tldraw/<record id>`: a record map (format 3, `ydoc.ts`), with fields as JSON and `props`
 *   and `meta` as maps of JSON values, `props.richText` a `Y.Text` judged as the JSON it reads as
 *   (a JSON value written over it, as a format 2 writer does, is judged as a replacement). Rights by record type, below. Values are checked with
 *   tldraw's validator for the record type (supplied by the caller: `RecordValidator`).
 * - `meta/schema`, `meta/formatVersion`: how to read the records, so the relay's. A client stamps
 *   only the format the relay writes and brings the schema forward to at most what the relay's
 *   own tldraw knows; nobody deletes them.
 * - References: a shape's parents lead to a page (no cycle, at most `maxShapeDepth` deep, `shapeTree.ts`),
 *   also for every shape below one that moved; a binding joins the shapes tldraw binds (an arrow
 *   to a shape that is no arrow); a record is deleted only with everything that refers to it.
 *   Judged on the graph as the update leaves it (`boardGraph.ts`).
 * - `facilitation/<key>`: the facilitator's tools, each entry declared in one file of `entries/`
 *   (its schema, who may write it, its own rule) and judged here from the list in
 *   `facilitation.ts`. A vote's `participation` and `results` (and its state `revealed`) are
 *   written only by the relay itself: ballots are secret (`entries/vote.ts`). A round of private
 *   writing is opened by the facilitator and ended only by the relay's reveal; meanwhile
 *   participants' new notes stay out of the board, and no private note ever enters it
 *   (`entries/private.ts`).
 *
 * Rights on shapes:
 * - template scaffold (any shape with `meta.netzwerkstatt`, cards included): the facilitator,
 *   and everyone who edits while the facilitator has unlocked it;
 * - notes and drawings: participants create and move any; they delete only their own (marked
 *   by `meta.author`, see `author.ts`), and change only their own text, strokes and pictures
 *   (`shapeContentChanged`), while "Zettel anderer schützen" is on (the default). Meanwhile
 *   others' shapes also stay in sight: not fainter, smaller, white, clipped away or moved off
 *   the board by another hand, nor by a frame or group of another's around them (`keptInSight.ts`);
 *   and others' arrows keep pointing where they were drawn: their bindings, free ends, heads,
 *   kind and bend are the arrow's author's and the facilitator's (`arrowRights.ts`). Locking
 *   another's shape is hers and the facilitator's too (`restyleRefusal`).
 * - assets (an image's or video's file): signed by their uploader like shapes; while "Zettel
 *   anderer schützen" is on, changed or deleted only by the uploader (one from before assets were
 *   signed: by whoever may change every shape showing it) and the facilitator.
 * - `comments/<id>`: a comment (`comments.ts`), judged by `commentRights.ts`: one's own only, a
 *   reply to a thread that is there, resolved by the facilitator; observers comment only while
 *   the facilitator allows it (`entries/commenting.ts`).
 * Observers write nothing else.
 */
import { z } from 'zod'
import { canEdit, isFacilitator, type Role } from './rights.ts'
import { nestedFields, type StoredRecord } from './records.ts'
import { pageRefusal } from './pages.ts'
import { shapeContentChanged, shapeTextRefusal } from './shapeText.ts'
import { enclosing, marksTemplate, restyleRefusal, shapeBox, sightRefusal, type Box } from './keptInSight.ts'
import { arrowRefusal, bindingRefusal, type ArrowView } from './arrowRights.ts'
import { graphProblem, maxGraphWalk, scannedGraph, type GraphNode, type GraphView, type References } from './boardGraph.ts'
import { facilitationEntry, facilitationKeys } from './facilitation.ts'
import { isScaffoldRecord, mayChangeScaffold as mayChangeScaffoldNow, scaffoldEntry } from './entries/scaffold.ts'
import { isPrivateRecord, writesPrivately } from './entries/private.ts'
import { readNoteProtection } from './entries/protection.ts'
import { commentRefusal, type CommentsView } from './commentRights.ts'
import { commentingEntry } from './entries/commenting.ts'
import { consentEntry } from './entries/consent.ts'
import { caseLockRefusal, movedCellRefusal, type CaseCell, type MovedCaseCell } from './caseLock.ts'
import { caseCellOf, caseCellsByPage } from './caseCells.ts'
import { commentsMapName, facilitationMapName, formatVersion, formatVersionKey, metaMapName, recordsMapName, schemaKey } from './ydoc.ts'
import { authorMetaKey, authorOf, mayDeleteShape } from './authorship.ts'

export { authorMetaKey, authorOf, mayDeleteShape }

/** `replacesText`: the value takes the place of a shape's text (a Y.Text), even one reading the same. */
export type WrittenValue = { kind: 'json'; value: unknown; replacesText?: boolean } | { kind: 'map' } | { kind: 'deleted' }

/** One entry an update writes: `value` null when it deletes the entry. */
export interface Write {
  path: readonly string[]
  value: WrittenValue | null
}

/** What judging needs to know about the board and the writer. */
export interface WriteContext {
  role: Role
  /** The writer's author id, or null for a client that gave none. */
  author: string | null
  /** A whole board taken in at once (an archive): comments are judged by shape and thread, not by writer. */
  wholeBoard?: boolean
  /** The entry under `tldraw/<id>` now, as JSON (whatever it is), before the update. */
  recordBefore(id: string): Record<string, unknown> | undefined
  /** The entry under `tldraw/<id>` as it will be after the update. */
  recordAfter(id: string): Record<string, unknown> | undefined
  /** What every record after the update refers to: its parent, a binding's two shapes. */
  referencesAfter(): Iterable<RecordReferences>
  /** Who refers to whom after the update, kept as an index (`server/judge/graphIndex.ts`); without it, `referencesAfter` is read. */
  graph?: GraphView
  /** The current value of a key of the document's `meta` map, before the update. */
  meta(key: string): unknown
  /** The tldraw schema the relay itself knows: no board may claim a newer one. */
  knownSchema: SerializedSchemaLike
  /** The current value of a facilitation key. */
  facilitation(key: string): unknown
  /** Throws when a record is not a valid record of its type. */
  validateRecord(record: StoredRecord): void
  /** The board's comments before and after the update; without it, no comment is taken. */
  comments?: CommentsView
  /**
   * The box of a page's template scaffold before the update, or null when it has none
   * (`keptInSight.ts`); without it, read from the records (slower).
   */
  templateBox?(pageId: string): Box | null
  /** The highest index among a page's template scaffold before the update, or null; without it, read from the records. */
  templateTop?(pageId: string): string | null
  /** A facilitation key's value after the update: a whole board is judged by what it brings (`caseLock.ts`). */
  facilitationAfter?(key: string): unknown
  /** The judge's clock, ms since 1970 (relay time); without it, `Date.now()`. */
  now?(): number
  /** A page's Fallkonferenz case cells before the update (`caseCells.ts`); without it, read from the records after it. */
  caseCells?(pageId: string): readonly CaseCell[]
}

/** A record's references to other records, as stored (any of them may be missing or wrong). */
export type RecordReferences = References

/** tldraw's serialized schema (version 2): the migration sequences and how far each went. */
export interface SerializedSchemaLike {
  schemaVersion: number
  sequences: Record<string, number>
}

export interface Refusal {
  /** The entry refused, e.g. `tldraw/shape:abc` or `facilitation/timer`. */
  entry: string
  /** Why, in words for the log and the writer (no contents). */
  reason: string
}

type Action = 'create' | 'change' | 'delete'

/** Whether the scaffold is open to everyone who edits (the facilitator unlocked it). */
export const scaffoldOpen = (scaffoldState: unknown) => scaffoldEntry.read(scaffoldState).unlocked

/** May `role` change template scaffold, given the stored `facilitation/scaffold` value? */
export const mayChangeScaffold = (role: Role, scaffoldState: unknown) => mayChangeScaffoldNow(role, scaffoldOpen(scaffoldState))

/**
 * May this writer change or delete this asset (an image's or video's file) now? While others'
 * notes are protected, what others' images show is theirs: the uploader's (`meta.author`) and the
 * facilitator's. An asset from before uploads were signed belongs to whoever may change every
 * shape that shows it (`users`); one no shape shows, shows nobody anything.
 */
export function mayChangeAsset(role: Role, author: string | null, asset: { meta?: unknown }, users: Iterable<{ meta?: unknown }>, protection: unknown): boolean {
  if (isFacilitator(role)) return true
  if (!canEdit(role)) return false
  if (!readNoteProtection(protection).othersNotes) return true
  const uploader = authorOf(asset)
  if (uploader !== undefined) return author !== null && uploader === author
  for (const shape of users) if (!mayDeleteShape(role, author, shape, protection)) return false
  return true
}

/** Who may do what to a record of one type, given it before and after; `null` allows, a string is the refusal's reason. */
type RecordRight = (
  action: Action,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  ctx: WriteContext,
) => string | null

/**
 * The record types a board holds, and the rights on each. Every other type stays out of the
 * document: tldraw's `user` records (name, colour) are per person and travel through awareness,
 * as do camera, selection and cursor.
 */
const recordRights = {
  document: (action) => (action === 'delete' ? 'the document record stays' : null),
  page: (action, before, after, ctx) => pageRefusal(action, before, after, { ...ctx, pagesAfter: () => pagesAfter(ctx) }),
  shape: shapeRight,
  binding: () => null,
  asset: assetRight,
} satisfies Record<string, RecordRight>

/** Pages after the update: from the index when the caller keeps one, else by reading every record. */
function pagesAfter(ctx: WriteContext): number {
  if (ctx.graph?.pages) return ctx.graph.pages()
  let pages = 0
  for (const { id } of ctx.referencesAfter()) if (ctx.recordAfter(id)?.typeName === 'page') pages++
  return pages
}

/** The record types a board's document holds (the client syncs these and no others). */
export const boardRecordTypes: ReadonlySet<string> = new Set(Object.keys(recordRights))

/** Rights per record type; `null` allows, a string is the refusal's reason. */
function recordRight(
  typeName: string,
  action: Action,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  ctx: WriteContext,
): string | null {
  if (!canEdit(ctx.role)) return 'observers change nothing'
  const right: RecordRight | undefined = Object.hasOwn(recordRights, typeName) ? recordRights[typeName as keyof typeof recordRights] : undefined
  return right ? right(action, before, after, ctx) : 'not a board record type'
}

function assetRight(
  action: Action,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  ctx: WriteContext,
): string | null {
  if (isFacilitator(ctx.role)) return null
  if (action === 'create') return authorOf(after) === undefined || authorOf(after) === ctx.author ? null : 'an image carries another author'
  if (action === 'change' && authorOf(after) !== authorOf(before)) return 'the author of an image is not changed'
  const id = String(before!.id)
  const users = function* () {
    for (const user of graphOf(ctx).referrers(id)) {
      const shape = ctx.recordBefore(user) ?? ctx.recordAfter(user)
      if (shape?.typeName === 'shape') yield shape
    }
  }
  return mayChangeAsset(ctx.role, ctx.author, before!, users(), ctx.facilitation(facilitationKeys.protection)) ? null : "others' images are protected"
}

/** The graph after the update: the caller's index, or one read from the records once per context. */
const scanned = new WeakMap<WriteContext, GraphView>()
function graphOf(ctx: WriteContext): GraphView {
  if (ctx.graph) return ctx.graph
  let graph = scanned.get(ctx)
  if (!graph) {
    graph = scannedGraph(ctx.referencesAfter(), (id) => ctx.recordAfter(id) as GraphNode | undefined)
    scanned.set(ctx, graph)
  }
  return graph
}

function shapeRight(
  action: Action,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  ctx: WriteContext,
): string | null {
  if ((isScaffoldRecord(before) || isScaffoldRecord(after)) && !mayChangeScaffold(ctx.role, ctx.facilitation(facilitationKeys.scaffold))) {
    return 'the template scaffold is locked'
  }
  // A private note belongs in its writer's browser and, until the reveal, on the relay only.
  if (isPrivateRecord(after)) return 'a private note stays out of the board'
  if (isFacilitator(ctx.role)) return null
  switch (action) {
    case 'create':
      if (after?.type === 'note' && writesPrivately(ctx.role) && ctx.facilitation(facilitationKeys.private) !== undefined) {
        return 'private writing: new notes go to the relay until the reveal'
      }
      return authorOf(after) === undefined || authorOf(after) === ctx.author ? null : 'a note carries another author'
    case 'change':
      if (authorOf(after) !== authorOf(before)) return 'the author of a note is not changed'
      // Scaffold labels are the template's, open to all who edit while unlocked (checked above);
      // so someone's note does not become scaffold by another hand, which would open its words.
      if (!isScaffoldRecord(before) && isScaffoldRecord(after)) return 'a shape does not become template scaffold'
      if (isScaffoldRecord(before) || mayDeleteShape(ctx.role, ctx.author, before!, ctx.facilitation(facilitationKeys.protection))) return null
      return shapeContentChanged(before?.props, after?.props) ? "others' words are protected" : restyleRefusal(before!, after!)
    case 'delete':
      return mayDeleteShape(ctx.role, ctx.author, before!, ctx.facilitation(facilitationKeys.protection))
        ? null
        : "others' notes are protected"
  }
}

/**
 * The writes that create `record` whole, as a client's `writeRecord` makes them: for records the
 * relay writes on someone's behalf (the reveal of private notes), judged as theirs would be.
 */
export function creationWrites(record: Record<string, unknown>): Write[] {
  const id = String(record.id)
  const writes: Write[] = [{ path: [recordsMapName, id], value: { kind: 'map' } }]
  for (const [field, value] of Object.entries(record)) {
    const nested = nestedFields.has(field) && typeof value === 'object' && value !== null && !Array.isArray(value)
    writes.push({ path: [recordsMapName, id, field], value: nested ? { kind: 'map' } : { kind: 'json', value } })
    if (nested) for (const [key, inner] of Object.entries(value)) writes.push({ path: [recordsMapName, id, field, key], value: { kind: 'json', value: inner } })
  }
  return writes
}

/** Judges all writes of one update; the first refusal refuses the whole update. */
export function judgeWrites(writes: readonly Write[], ctx: WriteContext): Refusal | null {
  if (!canEdit(ctx.role)) {
    const other = writes.find((write) => !isCommentWrite(write))
    if (other) return refuse(other, 'observers change nothing')
  }
  const byRecord = new Map<string, Write[]>()
  // A map entry written anew: its fields are the new map's, not the stored one's.
  const replaced = new Set(writes.filter((w) => w.path[0] === facilitationMapName && w.path.length === 2 && w.value?.kind === 'map').map((w) => w.path[1]!))
  for (const write of writes) {
    // Yjs lets a map hold items without a key, which no reader sees: bytes for ever.
    if (write.path.includes('')) return refuse(write, 'an entry without a key')
    const [root, key] = write.path
    if (root === recordsMapName && key !== undefined) {
      const list = byRecord.get(key) ?? []
      list.push(write)
      byRecord.set(key, list)
      continue
    }
    const refusal =
      root === metaMapName
        ? judgeMeta(write, ctx)
        : root === facilitationMapName
          ? judgeFacilitation(write, ctx, replaced)
          : root === commentsMapName
            ? judgeComment(write, ctx)
            : refuse(write, 'not a board entry')
    if (refusal) return refusal
  }
  for (const [id, recordWrites] of byRecord) {
    const refusal = judgeRecord(id, recordWrites, ctx)
    if (refusal) return refusal
  }
  if (byRecord.size === 0) return null
  // Parents, bindings and what refers to a deleted record: the graph as the update leaves it.
  const graph = graphOf(ctx)
  const problem = graphProblem(byRecord.keys(), { recordBefore: ctx.recordBefore, recordAfter: ctx.recordAfter, graph })
  if (problem) return { entry: `${recordsMapName}/${problem.id}`, reason: problem.reason }
  const misdirected = othersArrowsChanged([...byRecord.keys()], ctx, graph)
  if (misdirected) return { entry: `${recordsMapName}/${misdirected.id}`, reason: misdirected.reason }
  const hidden = othersHidden(byRecord.keys(), ctx, graph)
  if (hidden) return { entry: `${recordsMapName}/${hidden.id}`, reason: hidden.reason }
  const shut = caseShut(byRecord.keys(), ctx, graph)
  return shut ? { entry: `${recordsMapName}/${shut.id}`, reason: shut.reason } : null
}

/**
 * A shape written into a Fallkonferenz's case cell before its confirmations are recorded
 * (`caseLock.ts`), by anyone. A live update is judged by the record before it, so that recording
 * consent and writing the case are two acts; a whole board (an archive, a version) by the record
 * it brings, read from its own cells.
 */
function caseShut(ids: Iterable<string>, ctx: WriteContext, graph: GraphView): { id: string; reason: string } | null {
  const whole = ctx.wholeBoard === true || !ctx.caseCells
  let scanned: Map<string, CaseCell[]> | undefined
  const cellsAfter = (page: string) => {
    scanned ??= caseCellsByPage(recordsAfter(ctx))
    return scanned.get(page) ?? []
  }
  const consent = ctx.wholeBoard && ctx.facilitationAfter ? ctx.facilitationAfter(consentEntry.key) : ctx.facilitation(consentEntry.key)
  const view = { after: ctx.recordAfter, children: (id: string) => graph.children(id), caseCells: whole ? cellsAfter : ctx.caseCells!, consent }
  const written = [...ids]
  const refusal = caseLockRefusal(written, view, maxGraphWalk)
  if (refusal || whole) return refusal
  return movedCellRefusal(movedCaseCells(written, ctx), { ...view, before: ctx.recordBefore }, maxGraphWalk)
}

/** The case cells a live update moved or resized (a scaffold change, once the scaffold is unlocked). */
function movedCaseCells(ids: readonly string[], ctx: WriteContext): MovedCaseCell[] {
  const moved: MovedCaseCell[] = []
  for (const id of ids) {
    const after = ctx.recordAfter(id)
    const cell = after && caseCellOf(after)
    if (!cell || typeof after.parentId !== 'string') continue
    const beforeRecord = ctx.recordBefore(id)
    const before = beforeRecord && caseCellOf(beforeRecord)
    const same = before && beforeRecord.parentId === after.parentId && before.box.x === cell.box.x && before.box.y === cell.box.y && before.box.w === cell.box.w && before.box.h === cell.box.h
    if (!same) moved.push({ cell, before: before && beforeRecord.parentId === after.parentId ? before.box : { x: 0, y: 0, w: -1, h: -1 }, page: after.parentId })
  }
  return moved
}

function* recordsAfter(ctx: WriteContext): Iterable<Record<string, unknown>> {
  for (const { id } of ctx.referencesAfter()) {
    const record = ctx.recordAfter(id)
    if (record) yield record
  }
}

/**
 * Others' shapes the update changed, or hangs below a shape it changed, still in sight
 * (`keptInSight.ts`)? Only while they are protected from this writer.
 */
function othersHidden(ids: Iterable<string>, ctx: WriteContext, graph: GraphView): { id: string; reason: string } | null {
  const protection = ctx.facilitation(facilitationKeys.protection)
  if (isFacilitator(ctx.role) || !readNoteProtection(protection).othersNotes) return null
  const changed = [...ids].filter((id) => ctx.recordBefore(id)?.typeName === 'shape' && ctx.recordAfter(id) !== undefined)
  if (changed.length === 0) return null
  const boxes = new Map<string, Box | null>()
  const tops = new Map<string, string | null>()
  return sightRefusal(
    changed,
    (shape) => !isScaffoldRecord(shape) && !mayDeleteShape(ctx.role, ctx.author, shape, protection),
    {
      before: ctx.recordBefore,
      after: ctx.recordAfter,
      children: (id) => graph.children(id),
      templateBox: (page) => {
        if (!boxes.has(page)) boxes.set(page, ctx.templateBox ? ctx.templateBox(page) : scannedTemplateBox(page, ctx))
        return boxes.get(page)!
      },
      templateTop: (page) => {
        if (!tops.has(page)) tops.set(page, ctx.templateTop ? ctx.templateTop(page) : scannedTemplateTop(page, ctx))
        return tops.get(page)!
      },
    },
    maxGraphWalk,
  )
}

/** Whether this writer may change the arrow, or what it points to (`arrowRights.ts`). */
export function mayChangeArrow(role: Role, author: string | null, arrow: { meta?: unknown }, protection: unknown, scaffoldUnlocked: boolean): boolean {
  return isScaffoldRecord(arrow) ? mayChangeScaffoldNow(role, scaffoldUnlocked) : mayDeleteShape(role, author, arrow, protection)
}

/** Others' arrows still point where they did, with their free ends, heads and course as they were (`arrowRights.ts`)? */
function othersArrowsChanged(ids: string[], ctx: WriteContext, graph: GraphView): { id: string; reason: string } | null {
  if (isFacilitator(ctx.role)) return null
  const protection = ctx.facilitation(facilitationKeys.protection)
  const unlocked = scaffoldOpen(ctx.facilitation(facilitationKeys.scaffold))
  const view: ArrowView = {
    before: ctx.recordBefore,
    after: ctx.recordAfter,
    mayChange: (arrow) => mayChangeArrow(ctx.role, ctx.author, arrow, protection, unlocked),
    bindings: function* (arrow) {
      yield* graph.referrers(arrow)
      // Bindings this update deletes are no longer in the graph after it.
      for (const id of ids) if (ctx.recordAfter(id) === undefined && ctx.recordBefore(id)?.fromId === arrow) yield id
    },
  }
  for (const id of ids) {
    const reason = bindingRefusal(id, view) ?? arrowRefusal(id, view)
    if (reason) return { id, reason }
  }
  return null
}

/** The box of a page's template scaffold, read from the records before the update. */
function scannedTemplateBox(page: string, ctx: WriteContext): Box | null {
  const boxes: Box[] = []
  for (const { id, parentId } of ctx.referencesAfter()) {
    if (parentId !== page) continue
    const shape = ctx.recordBefore(id)
    if (shape?.typeName === 'shape' && marksTemplate(shape.meta)) boxes.push(shapeBox(shape))
  }
  return enclosing(boxes)
}

/** The highest index among a page's template scaffold, read from the records before the update. */
function scannedTemplateTop(page: string, ctx: WriteContext): string | null {
  let top: string | null = null
  for (const { id, parentId } of ctx.referencesAfter()) {
    if (parentId !== page) continue
    const shape = ctx.recordBefore(id)
    if (shape?.typeName === 'shape' && marksTemplate(shape.meta) && (top === null || String(shape.index) > top)) top = String(shape.index)
  }
  return top
}

const entryName = (path: readonly string[]) => path.join('/')
const refuse = (write: Write, reason: string): Refusal => ({ entry: entryName(write.path), reason })
const isDeletion = (write: Write) => write.value === null || write.value.kind === 'deleted'

/**
 * The document's `meta` says how to read every record: a wrong value there makes the board
 * unreadable for everyone. So it is the relay's: a client only stamps the format the relay writes,
 * and brings the schema forward to at most what the relay's own tldraw knows.
 */
function judgeMeta(write: Write, ctx: WriteContext): Refusal | null {
  const [, key, ...deeper] = write.path
  if (deeper.length > 0 || (key !== schemaKey && key !== formatVersionKey)) return refuse(write, 'not a board entry')
  if (isDeletion(write) || write.value!.kind !== 'json') return refuse(write, "the document's meta is the relay's")
  const value = (write.value as { value: unknown }).value
  if (key === formatVersionKey) return value === formatVersion ? null : refuse(write, 'not the format this relay writes')
  return schemaRefusal(value, ctx.meta(schemaKey), ctx.knownSchema) ? refuse(write, 'not a schema this relay knows') : null
}

/** tldraw's serialized schema, version 2, as the relay accepts it in `meta/schema`. */
export const SerializedSchema = z.object({ schemaVersion: z.literal(2), sequences: z.record(z.string(), z.number().int().min(0)) })

/**
 * True when `value` is not a schema between the board's current one and the relay's own
 * (`current` undefined: at most the relay's own).
 */
export function schemaRefusal(value: unknown, current: unknown, known: SerializedSchemaLike): boolean {
  const parsed = SerializedSchema.safeParse(value)
  if (!parsed.success) return true
  const { sequences } = parsed.data
  for (const [name, version] of Object.entries(sequences)) {
    // Own names only: `constructor` is in every object, and tldraw would look it up as a sequence.
    if (!Object.hasOwn(known.sequences, name) || version > known.sequences[name]) return true
  }
  // Forward only: a sequence dropped or set back would make clients migrate records again.
  const before = SerializedSchema.safeParse(current)
  if (before.success) {
    for (const [name, version] of Object.entries(before.data.sequences)) {
      if (Object.hasOwn(known.sequences, name) && !((Object.hasOwn(sequences, name) ? sequences[name] : -1) >= version)) return true
    }
  }
  return false
}

/** Whether a write is a comment's, whole: all an observer may ever write. */
export const isCommentWrite = (write: Write) => write.path[0] === commentsMapName && write.path.length === 2

/** A write of `comments/<id>`: a JSON value written whole, or deleted. */
function judgeComment(write: Write, ctx: WriteContext): Refusal | null {
  const [, id] = write.path
  if (write.path.length !== 2 || id === undefined) return refuse(write, 'not a board entry')
  if (!ctx.comments) return refuse(write, 'comments are not taken here')
  if (write.value && write.value.kind === 'map') return refuse(write, 'must be a JSON value')
  const after = isDeletion(write) ? undefined : (write.value as { value: unknown }).value
  const reason = commentRefusal(id, after, ctx, ctx.facilitation(commentingEntry.key), ctx.comments)
  return reason ? refuse(write, reason) : null
}

/** A write into `facilitation/<key>`, judged by the entry's own declaration. */
function judgeFacilitation(write: Write, ctx: WriteContext, replaced: ReadonlySet<string>): Refusal | null {
  const [, key, field, deeper] = write.path
  const entry = facilitationEntry(key)
  if (entry === undefined) return refuse(write, 'not a board entry')
  if (!entry.mayWrite(ctx.role)) return refuse(write, "the facilitator's tools are the facilitator's")
  const refusal = entry.refuses?.(ctx.facilitation(key))
  if (refusal) return refuse(write, refusal)
  // A whole entry's deletion is its writer's; a map's field is judged below, as the field written undefined.
  if (isDeletion(write) && field === undefined) return null
  if (field === undefined) {
    if (entry.kind === 'map') return write.value!.kind === 'map' ? null : refuse(write, 'must be a map')
    const value = write.value!.kind === 'json' ? (write.value as { value: unknown }).value : undefined
    if (write.value!.kind !== 'json' || !entry.schema.safeParse(value).success) return refuse(write, 'invalid value')
    const valueRefusal = entry.refusesValue?.(ctx.facilitation(key), value, ctx.now?.() ?? Date.now())
    return valueRefusal ? refuse(write, valueRefusal) : null
  }
  if (entry.kind !== 'map' || deeper !== undefined) return refuse(write, 'not a board entry')
  const fieldSchema = Object.hasOwn(entry.fields, field) ? entry.fields[field] : undefined
  // RULE mapFieldDeletedAsWritten: a writer deletes only a field she may write (a relay's field
  // stays the relay's), and the entry's own rule judges it, value undefined (a revealed vote's question).
  const deleting = isDeletion(write)
  const value = !deleting && write.value!.kind === 'json' ? (write.value as { value: unknown }).value : undefined
  if (deleting ? !fieldSchema && !entry.deletesAnyField : !fieldSchema || write.value!.kind !== 'json' || !fieldSchema.safeParse(value).success) {
    return refuse(write, deleting ? 'not a field the writer writes' : 'invalid value')
  }
  const fieldRefusal = entry.refusesField?.({ field, value, stored: ctx.facilitation(key), replaced: replaced.has(key), facilitation: ctx.facilitation })
  return fieldRefusal ? refuse(write, fieldRefusal) : null
}

/** The record after the update: built from scratch, patched, or gone. */
function judgeRecord(id: string, writes: Write[], ctx: WriteContext): Refusal | null {
  const entry = `${recordsMapName}/${id}`
  const whole = writes.find((w) => w.path.length === 2)
  if (whole && whole.value?.kind === 'json') return { entry, reason: 'a record must be a map (format 2)' }
  const before = ctx.recordBefore(id)
  let after: Record<string, unknown> | undefined
  if (whole && isDeletion(whole)) {
    after = undefined
  } else {
    // Copied where the writes go (the record and the one nested map each writes into), not
    // deeply: nothing below is changed, and the deep clone was 2 % of the relay's time under
    // many writers (bench/README.md). `before` stays as read: the rules read it once per judgement.
    after = whole ? {} : { ...before }
    // Fields before their keys: a new `props` map first, then what goes into it.
    for (const write of [...writes].sort((a, b) => a.path.length - b.path.length)) {
      if (write === whole) continue
      const refusal = applyFieldWrite(after, write)
      if (refusal) return refusal
    }
  }
  const action: Action | null = before ? (after ? 'change' : 'delete') : after ? 'create' : null
  if (!action) return null
  if (after) {
    try {
      if (after.id !== id) throw new Error('id differs from its key')
      ctx.validateRecord(after as StoredRecord)
    } catch {
      return { entry, reason: 'not a valid record' }
    }
  }
  const typeName = String((after ?? before)!.typeName)
  if (before && after && before.typeName !== after.typeName) return { entry, reason: 'a record keeps its type' }
  const reason = recordRight(typeName, action, before, after, ctx) ?? textReplacedRefusal(action, before, writes, ctx) ?? shapeTextRefusal(before, after)
  return reason ? { entry, reason } : null
}

/**
 * A shape's text replaced by another, even one reading the same, changes its words: what its
 * author types into the one replaced meanwhile is lost. Only those who may change them replace it.
 */
function textReplacedRefusal(action: Action, before: Record<string, unknown> | undefined, writes: readonly Write[], ctx: WriteContext): string | null {
  if (action !== 'change' || before?.typeName !== 'shape' || isScaffoldRecord(before)) return null
  if (!writes.some((write) => write.value?.kind === 'json' && write.value.replacesText)) return null
  return mayDeleteShape(ctx.role, ctx.author, before, ctx.facilitation(facilitationKeys.protection)) ? null : "others' words are protected"
}

function applyFieldWrite(record: Record<string, unknown>, write: Write): Refusal | null {
  const [, , field, key, ...deeper] = write.path
  if (deeper.length > 0) return refuse(write, 'not a board entry')
  const deleting = isDeletion(write)
  if (key === undefined) {
    if (deleting) delete record[field]
    else if (nestedFields.has(field)) {
      if (write.value!.kind !== 'map') return refuse(write, 'must be a map')
      record[field] = {}
    } else if (write.value!.kind === 'json') record[field] = (write.value as { value: unknown }).value
    else return refuse(write, 'must be a JSON value')
    return null
  }
  if (!nestedFields.has(field)) return refuse(write, 'not a board entry')
  const nested = record[field]
  const target = typeof nested === 'object' && nested !== null ? copyOf(nested) : {}
  record[field] = target
  if (deleting) delete target[key]
  else if (write.value!.kind === 'json') target[key] = (write.value as { value: unknown }).value
  else return refuse(write, 'must be a JSON value')
  return null
}

/** A copy of one level of a stored value: an array stays one, as a deep clone kept it. */
const copyOf = (value: object): Record<string, unknown> => (Array.isArray(value) ? Object.assign([], value) : { ...value }) as Record<string, unknown>

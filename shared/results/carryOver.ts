/**
 * Results carried from one method to the next ("Übernehmen nach …"), as the handbook hands them
 * on: which cells' notes of one template go into which cell of another. Routes name their ends by
 * the keys the templates declare (`zielsystemCells` …), never by spelling a key format again.
 * Carrying only adds notes, into free places: nothing a person wrote in the target is moved,
 * changed or deleted. Each carried note keeps where it came from (`meta.carriedFrom`), so that
 * carrying twice adds nothing.
 */
import type { CellRef } from '../board/scaffoldMeta.ts'
import type { Labels, Locale } from '../locale.ts'
import { type CarryContext, type CarryRoute, type HeldSections, type RowView, type SourceNote } from './carryRoute.ts'
import type { InstanceView } from '../templates/definition.ts'
import { templates } from '../templates/registry.ts'
import { sameRowCellKey } from '../templates/table.ts'
import { writerName } from '../board/entries/writers.ts'
import { carriedFromKey } from '../board/carriedWriter.ts'
import { carriedName, clipped, isDay, type CarriedFrom } from './carriedFrom.ts'
import { routes as zukunftskonferenzRoutes } from './routes/zukunftskonferenz.ts'
import { routes as zielsystemRoutes } from './routes/zielsystem.ts'
import { routes as statusberichtRoutes } from './routes/statusbericht.ts'
import { routes as planspielRoutes } from './routes/planspiel.ts'
import { routes as bedarfsanalyseRoutes } from './routes/bedarfsanalyse.ts'
import { routes as gruendungsveranstaltungRoutes } from './routes/gruendungsveranstaltung.ts'
import { routes as fallkonferenzRoutes } from './routes/fallkonferenz.ts'
import { routes as fallmatrixRoutes } from './routes/fallmatrix.ts'
import { routes as laufzettelRoutes } from './routes/laufzettel.ts'
import { routes as angebotsuebersichtRoutes } from './routes/angebotsuebersicht.ts'
import { routes as netzwerkkarteRoutes } from './routes/netzwerkkarte.ts'
import { routes as dienstleistungsketteRoutes } from './routes/dienstleistungskette.ts'
import { routes as arbeitsauftragRoutes } from './routes/arbeitsauftrag.ts'
import { routes as erfolgRoutes } from './routes/erfolg.ts'
import { routes as steuerungsgruppeRoutes } from './routes/steuerungsgruppe.ts'
import { routes as befragungRoutes } from './routes/befragung.ts'
import { routes as experteninterviewsRoutes } from './routes/experteninterviews.ts'
import { routes as koordinationsprofilRoutes } from './routes/koordinationsprofil.ts'
import { routes as anlaufstelleRoutes } from './routes/anlaufstelle.ts'
import { routes as fallbeispieleRoutes } from './routes/fallbeispiele.ts'
import { routes as quickWinsRoutes } from './routes/quickWins.ts'
import { routes as beteiligtenanalyseRoutes } from './routes/beteiligtenanalyse.ts'

export type { CarriedPart, CarryContext, CarryRoute, HeldSections, RowView, SourceNote } from './carryRoute.ts'
export { matchTeilziel } from './matchTeilziel.ts'

export const carryRoutes: CarryRoute[] = [
  ...zukunftskonferenzRoutes,
  ...zielsystemRoutes,
  ...statusberichtRoutes,
  ...planspielRoutes,
  ...bedarfsanalyseRoutes,
  ...gruendungsveranstaltungRoutes,
  ...fallkonferenzRoutes,
  ...fallmatrixRoutes,
  ...laufzettelRoutes,
  ...angebotsuebersichtRoutes,
  ...netzwerkkarteRoutes,
  ...dienstleistungsketteRoutes,
  ...arbeitsauftragRoutes,
  ...erfolgRoutes,
  ...steuerungsgruppeRoutes,
  ...befragungRoutes,
  ...experteninterviewsRoutes,
  ...koordinationsprofilRoutes,
  ...anlaufstelleRoutes,
  ...fallbeispieleRoutes,
  ...quickWinsRoutes,
  ...beteiligtenanalyseRoutes,
]

export { carriedFromKey }

export { carriedFrom, maxCarriedText, type CarriedFrom } from './carriedFrom.ts'

/** A source Zettel's writer as its provenance keeps her. */
const writerOf = (note: SourceNote) => (writerName(note.writer) ? { writer: writerName(note.writer) } : {})

/** The day a carry records: the source's own (`YYYY-MM-DD`), else the day it is carried. */
export const carriedDay = (sourceDay: string | undefined, today: string): string => (isDay(sourceDay) ? sourceDay : today)

/**
 * How a carried Zettel stands to its source now: `changed` when the source note says something
 * else than when it was carried, `deleted` when it is gone; undefined when that cannot be known
 * (a row's name carried, or a carry older than kept texts). `sourceNotes`: the source template's
 * notes now, by id.
 */
export function carriedState(from: CarriedFrom, sourceNotes: ReadonlyMap<string, string>): 'unchanged' | 'changed' | 'deleted' | undefined {
  if (from.note.startsWith('row:')) return undefined
  const now = sourceNotes.get(from.note)
  if (now === undefined) return 'deleted'
  if (from.text === undefined) return undefined
  return sameText(clipped(now)) === sameText(from.text) ? 'unchanged' : 'changed'
}

/** A note lying in a cell of the target instance now. */
export interface TargetNote {
  cellKey: string
  text: string
  from?: CarriedFrom
}

export interface CarryInput {
  sourceInstance: string
  /** The source's board, when another board of the network (none: the target's board). */
  sourceBoard?: string
  sourceOptions?: unknown
  /** Every note lying in the source instance's cells. */
  sourceNotes: readonly SourceNote[]
  /** The source as its export sees it: its `exportGate` decides what may leave it. */
  sourceView?: InstanceView
  /** Or, read on another board, what that gate holds back (its notes there are left out). */
  sourceHeld?: HeldSections
  /** The source template's title, its board's (another board only) and its day, for the provenance. */
  sourceTitle?: string
  sourceBoardTitle?: string
  sourceDay?: string
  targetOptions?: unknown
  targetLocale?: Locale
  targetKeys: ReadonlySet<string>
  targetNotes: readonly TargetNote[]
}

export interface CarriedNote {
  /** The block key of the target cell. */
  cellKey: string
  text: string
  from: CarriedFrom
}

export interface CarryPlan {
  planned: CarriedNote[]
  /** Source notes the target has no place for (an old template not grown yet). */
  unassigned: number
  /** Why the route carries nothing yet (the source's own rule, e.g. consent first). */
  held?: Labels
}

/** At most this many notes of one companion column travel with one note (a row is a task, not a list). */
const maxCompanions = 8

/** The source rows, each with its notes by column, in the order first met. */
function rowsOf(notes: readonly SourceNote[], inSection: (section: string) => boolean) {
  const rows = new Map<string, { ref: CellRef; notes: Map<string, string[]>; members: SourceNote[] }>()
  for (const note of notes) {
    if (!inSection(note.cell.section)) continue
    const key = `${note.cell.section}\u0000${note.cell.row ?? ''}`
    const row = rows.get(key) ?? { ref: note.cell, notes: new Map<string, string[]>(), members: [] }
    const col = note.cell.col ?? ''
    if (note.text.trim()) row.notes.set(col, [...(row.notes.get(col) ?? []), note.text])
    row.members.push(note)
    rows.set(key, row)
  }
  return rows
}

/** Texts that say the same, whatever the spaces and case (a carried Zettel against its source). */
export const sameText = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de')

/**
 * Why the source's own export gate holds back the sections a route reads (a Fallkonferenz before
 * its consent is recorded): what its export withholds must not leave it by another way. Once it
 * lets the sections out, the Zettel it still holds alone (a name in a released case) stay too.
 */
function gateHolds(route: CarryRoute, sections: readonly string[], view: InstanceView | undefined, read?: HeldSections): { reason?: Labels; notes?: ReadonlySet<string> } {
  if (read) return sections.some((s) => read.sections.includes(s)) ? { reason: read.reason } : {}
  if (!view) return {}
  const gate = templates[route.from].exportGate
  const heldDe = gate?.(view, 'de')
  const reason = (locale: Locale) => {
    const held = locale === 'de' ? heldDe : gate?.(view, locale)
    return held && sections.some((s) => held.sections.includes(s)) ? `${held.reason.label}: ${held.reason.value}` : undefined
  }
  const de = reason('de')
  if (de) return { reason: { de, en: reason('en') ?? de } }
  return heldDe?.notes?.length ? { notes: new Set(heldDe.notes) } : {}
}

/** What carrying along `route` writes: each source note not carried before, into its target cell. */
export function planCarry(route: CarryRoute, input: CarryInput): CarryPlan {
  const { section, cols, rows: rowFilter } = route.source
  const sections: readonly string[] = typeof section === 'string' ? [section] : section
  const gate = gateHolds(route, sections, input.sourceView, input.sourceHeld)
  const held = gate.reason ?? route.holds?.(input.sourceNotes, input.targetOptions)
  if (held) return { planned: [], unassigned: 0, held }
  const sourceNotes = gate.notes ? input.sourceNotes.filter((note) => !gate.notes!.has(note.id)) : input.sourceNotes
  const rows = rowsOf(sourceNotes, (s) => sections.includes(s))
  const inTarget = new Map<string, string[]>()
  for (const note of input.targetNotes) inTarget.set(note.cellKey, [...(inTarget.get(note.cellKey) ?? []), note.text])
  // Notes carried before routes had ids count as carried along any route. A source note changed
  // since is not carried again: the Herkunft shows the change, the group decides what its copy says.
  const sameSource = (from: CarriedFrom) => from.instance === input.sourceInstance && from.board === input.sourceBoard
  const carried = new Set(
    input.targetNotes.flatMap(({ from }) => (from && sameSource(from) && (!from.route || from.route === route.id) ? [from.note] : [])),
  )
  const planned: CarriedNote[] = []
  const given = new Map<string, number>()
  const taken = (key: string) => (inTarget.get(key)?.length ?? 0) + (given.get(key) ?? 0) > 0
  const has = (key: string) => input.targetKeys.has(key)
  const orLast = (key: (n: number) => string, n: number) => {
    for (let i = n; i >= 1; i--) if (has(key(i))) return key(i)
    return undefined
  }
  const nextFree = (key: (n: number) => string) => {
    let last: string | undefined
    for (let n = 1; has(key(n)); n++) {
      if (!taken(key(n))) return key(n)
      last = key(n)
    }
    return last
  }
  let unassigned = 0
  const written = new Set(input.targetNotes.map((n) => `${n.cellKey}\u0000${sameText(n.text)}`))

  const candidates: { note: SourceNote; row: RowView; members: readonly SourceNote[] }[] = []
  // Rows in a fixed order (by section as listed, then as the route reads them, then by row key,
  // numbers as numbers), not as notes were made.
  const order = (ref: CellRef) => sections.indexOf(ref.section)
  const read = (ref: CellRef) => {
    const at = route.source.order?.indexOf(ref.row ?? '') ?? -1
    return at < 0 ? Number.MAX_SAFE_INTEGER : at
  }
  const sorted = [...rows.values()]
    .sort((a, b) => order(a.ref) - order(b.ref) || read(a.ref) - read(b.ref) || (a.ref.row ?? '').localeCompare(b.ref.row ?? '', 'en', { numeric: true }))
    .filter(({ ref }) => !rowFilter || rowFilter(ref.row ?? ''))
    .map((r) => ({ ...r, view: { row: r.ref.row ?? '', label: r.ref.rowLabel ?? r.ref.row ?? '', notes: r.notes } satisfies RowView }))
  const rowViews: readonly RowView[] = sorted.map((r) => r.view)
  for (const { ref, members, view: row } of sorted) {
    const rowKey = ref.row ?? ''
    if (route.rowLabels) {
      if (route.rowLabels.when(row)) candidates.push({ note: { id: `row:${rowKey}`, text: row.label, cell: { ...ref, col: undefined, colLabel: undefined } }, row, members })
      continue
    }
    for (const note of members) if ((!cols || cols.includes(note.cell.col ?? '')) && note.text.trim()) candidates.push({ note, row, members })
  }

  const origin: Omit<CarriedFrom, 'note'> = {
    instance: input.sourceInstance,
    route: route.id,
    ...(input.sourceBoard ? { board: input.sourceBoard } : {}),
    ...(carriedName(input.sourceBoardTitle) && input.sourceBoard ? { boardTitle: carriedName(input.sourceBoardTitle) } : {}),
    ...(carriedName(input.sourceTitle) ? { title: carriedName(input.sourceTitle) } : {}),
    ...(isDay(input.sourceDay) ? { day: input.sourceDay } : {}),
  }
  for (const { note, row, members } of candidates) {
    if (carried.has(note.id)) continue
    const ctx: CarryContext = {
      sameRow: (col) => [...(row.notes.get(col) ?? [])],
      row,
      rows: rowViews,
      targetKeys: input.targetKeys,
      targetNotes: (key) => [...(inTarget.get(key) ?? [])],
      sourceOptions: input.sourceOptions,
      targetOptions: input.targetOptions,
      targetLocale: input.targetLocale ?? 'de',
      nextFree,
      orLast,
    }
    const cellKey = route.target(note, ctx)
    if (cellKey === null) continue
    if (!cellKey || !has(cellKey)) {
      unassigned++
      continue
    }
    const text = route.text ? route.text(note, ctx) : note.text
    // A name written in several rows ("Schuldnerberatung") is one Zettel, and none where it stands already.
    const same = `${cellKey}\u0000${sameText(text)}`
    if (written.has(same)) continue
    written.add(same)
    given.set(cellKey, (given.get(cellKey) ?? 0) + 1)
    planned.push({ cellKey, text, from: { ...origin, note: note.id, text: clipped(note.text), ...writerOf(note) } })
    // Who, by when, how measured: into the same row of the target, each note as it was written.
    for (const { from, to, part } of route.companions ?? []) {
      const key = sameRowCellKey(cellKey, to)
      if (!has(key)) continue
      const companions = members.filter((m) => m.cell.col === from && m.text.trim()).slice(0, maxCompanions)
      for (const companion of companions) {
        given.set(key, (given.get(key) ?? 0) + 1)
        planned.push({ cellKey: key, text: companion.text, from: { ...origin, note: companion.id, text: clipped(companion.text), part, item: note.id, ...writerOf(companion) } })
      }
    }
  }
  return { planned, unassigned }
}

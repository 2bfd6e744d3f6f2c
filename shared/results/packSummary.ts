/**
 * What the steering group's pack takes from one board, small enough that a pack of 500 boards
 * holds 500 of these and never two boards (`server/documents/steeringPackJobs.ts` reads the boards one by
 * one, each in a worker job, and composes the pack from the summaries): the release, the
 * meeting's day and who was there, the Beschlüsse, the open items, the Fachgruppen's reports
 * and the Ressourcen its Steuerungsgruppe heard, the board's newest Statusbericht and
 * Zielsystem, which methods were worked on, and the open comment threads.
 * Pure.
 */
import type { OpenItem } from '../templates/definition.ts'
import type { PhaseId } from '../templates/phases.ts'
import { readBeschluesse } from '../board/entries/beschluesse.ts'
import { refusedProposals, type RefusedProposal } from './refusedProposals.ts'
import { meetingHead, writtenDay } from './meetingHead.ts'
import { readRelease } from '../board/entries/release.ts'
import { exportBoard, notePlaces, templateNoteCounts, type NotePlace, type TemplateExport } from './export.ts'
import { workshopReport } from './report.ts'
import { beschluesseOf, placeName, presentOf, publicationOf, type Beschluss, type DokumentationEntries } from './dokumentation.ts'
import { decisionNeedsOf, type DecisionNeed } from './decisions.ts'
import type { OpenQuestion } from './openQuestions.ts'
import { holdsCase } from './caseBoards.ts'
import type { ReportedDone } from './reportedDone.ts'
import { closedTasks } from './itemLifeCycle.ts'
import { withoutInternalParts } from './internalParts.ts'
import { steuerungsgruppeCells } from '../templates/steuerungsgruppe.ts'

/** A board as the pack reads it: its records and facilitation entries as stored. */
export interface SteeringPackBoard {
  id: string
  title: string
  phase: PhaseId | null
  internal: boolean
  /** Which body (Gremium) meets on it (`networkBodies.ts`); '' or absent if nobody said. */
  body?: string
  records: readonly unknown[]
  /** The board's facilitation entries as stored (Beschlüsse, release, meeting, comments); none: nothing marked, not released. */
  facilitation?: DokumentationEntries
  /** Read from the released version while the live board has changed since. */
  changedSinceRelease?: boolean
}

export interface PackBoardSummary {
  id: string
  title: string
  phase: PhaseId | null
  internal: boolean
  /** The board's Gremium, '' if nobody said: the pack takes the newest Statusbericht of each. */
  body: string
  release: { released: boolean; day?: string; changedSince?: boolean; verteiler?: string[]; rule?: string }
  /** The meeting's day from the board's header, `YYYY-MM-DD`; '' when none was written. */
  meetingDate: string
  /** Who chaired the meeting, from the board's header (`meetingHead`); absent for an internal board. */
  moderation?: string
  /** Those present, as the board's Dokumentation lists them (`presentOf`). */
  present: string[]
  /** The Fachgruppen's reports its Steuerungsgruppe heard, those with something reported (`reportsOf`). */
  berichte: PackReport[]
  /** What its Steuerungsgruppe's „Ressourcen“ holds: who gives staff, money, rooms, until when. */
  ressourcen: string[]
  beschluesse: Beschluss[]
  /** What an „Einverstanden?“ round refused (`refusedProposals.ts`); absent for an internal board. */
  refused?: RefusedProposal[]
  /** Notes in the cells templates declare as „Entscheidungsbedarf“, not marked as Beschluss. */
  decisionNeeds: DecisionNeed[]
  openItems: Array<OpenItem & { source: string }>
  /** Its tasks marked done, and the Zielsystem activities its Statusberichte report done (`itemLifeCycle.ts`); absent: none. */
  closedItems?: Array<OpenItem & { source: string }>
  reportedDone?: ReportedDone[]
  /** The board's newest Statusbericht by its written date ('' undated). */
  statusbericht: { template: TemplateExport; day: string } | null
  /** The board's last Zielsystem in the order of the day, in short form. */
  zielsystem: TemplateExport | null
  /** Every template on the board, with how many Zettel it holds: what the Fahrplan counts as done. */
  methods: Array<{ template: string; notes: number }>
  /** Comment threads not resolved. */
  openComments: OpenQuestion[]
}

const { sitzung, berichte } = steuerungsgruppeCells
type ReportColumn = keyof typeof berichte.col

/** One row of a Steuerungsgruppe's „Berichte der Fachgruppen“: the Zettel of each column. */
export type PackReport = Record<ReportColumn, string[]>

const reportColumnOf = new Map<string, ReportColumn>(Object.entries(berichte.col).map(([name, key]) => [key, name as ReportColumn]))

/**
 * The Fachgruppen's reports on a board's Steuerungsgruppen, in each table's row order. A row
 * that names a group and nothing else is prepared, not reported: the pack leaves it out.
 */
export function reportsOf(places: ReadonlyMap<string, NotePlace>): PackReport[] {
  const rows = new Map<string, { instance: number; row: number; report: PackReport }>()
  const instances: string[] = []
  for (const place of places.values()) {
    if (place.held || place.template?.name !== 'steuerungsgruppe' || place.cell?.section !== berichte.section || !place.cell.row) continue
    const column = reportColumnOf.get(place.cell.col ?? '')
    if (!column) continue
    if (!instances.includes(place.template.instance)) instances.push(place.template.instance)
    const key = `${place.template.instance}\n${place.cell.row}`
    const found = rows.get(key) ?? { instance: instances.indexOf(place.template.instance), row: Number(place.cell.row.slice(1)) || 0, report: { fachgruppe: [], ergebnis: [], beurteilung: [], konsequenzen: [] } }
    found.report[column].push(place.text.trim())
    rows.set(key, found)
  }
  return [...rows.values()]
    .sort((a, b) => a.instance - b.instance || a.row - b.row)
    .map((r) => r.report)
    .filter((r) => r.ergebnis.length + r.beurteilung.length + r.konsequenzen.length > 0)
}

/** The Zettel in the board's Steuerungsgruppen's „Ressourcen“ (H 6.1: who secures the network's work). */
export function ressourcenOf(places: ReadonlyMap<string, NotePlace>): string[] {
  return [...places.values()]
    .filter((p) => !p.held && p.template?.name === 'steuerungsgruppe' && p.cell?.section === sitzung.section && p.cell.col === sitzung.col.ressourcen)
    .map((p) => p.text.trim())
}

/** The day each Statusbericht on a board is dated, by instance id. */
function statusberichtDays(places: Map<string, NotePlace>): Map<string, string> {
  const days = new Map<string, string>()
  for (const place of places.values()) {
    if (place.held || place.template?.name !== 'statusbericht' || place.cell?.section !== 'bericht' || place.cell.col !== 'datum') continue
    const day = writtenDay(place.text)
    const known = days.get(place.template.instance)
    if (day && (!known || day > known)) days.set(place.template.instance, day)
  }
  return days
}

/** An internal board: counted, nothing of it read but which methods it holds with Zettel (the Fahrplan's counts). */
export const internalSummary = (board: { id: string; title: string; phase: PhaseId | null; body?: string }, methods: ReadonlyArray<{ template: string; notes: number }> = []): PackBoardSummary => ({
  id: board.id,
  title: board.title,
  phase: board.phase,
  internal: true,
  body: board.body ?? '',
  release: { released: false },
  meetingDate: '',
  present: [],
  berichte: [],
  ressourcen: [],
  beschluesse: [],
  decisionNeeds: [],
  openItems: [],
  statusbericht: null,
  zielsystem: null,
  methods: methods.map(({ template, notes }) => ({ template, notes })),
  openComments: [],
})

export function packBoardSummary(board: SteeringPackBoard, day: string): PackBoardSummary {
  // A board holding a case is internal whatever else it holds (`caseBoards.ts`).
  if (board.internal || holdsCase(board.records)) return internalSummary(board, templateNoteCounts(board.records, board.facilitation?.consent))
  const entries = board.facilitation ?? {}
  // An inserted Beteiligtenanalyse is the coordination's (`internalParts.ts`): read without it, counted below from the whole board.
  const { records, comments } = withoutInternalParts(board.records, entries.comments)
  const release = readRelease(entries.release)
  // The pack goes to the steering group, a Weitergabe: a released board passes on only what its templates released (an Anlass spruchreif), as its Dokumentation does.
  const passedOn = release.released ? entries.release : undefined
  const data = exportBoard({ id: board.id, title: board.title }, records, undefined, comments, entries.consent, passedOn)
  const report = workshopReport(data, records, day)
  const places = notePlaces(records, entries.consent, passedOn)
  const days = statusberichtDays(places)
  let statusbericht: PackBoardSummary['statusbericht'] = null
  for (const template of report.templates) {
    if (template.template !== 'statusbericht') continue
    const dated = days.get(template.instance) ?? ''
    if (!statusbericht || dated >= statusbericht.day) statusbericht = { template, day: dated }
  }
  const marked = readBeschluesse(entries.beschluesse)
  return {
    id: board.id,
    title: board.title,
    phase: board.phase,
    internal: false,
    body: board.body ?? '',
    release: release.released
      ? { released: true, day: release.day, ...(board.changedSinceRelease ? { changedSince: true } : {}), ...publicationOf(release) }
      : { released: false },
    ...meetingOf(meetingHead(entries.meeting, records, places, entries.consent)),
    present: presentOf(places),
    berichte: reportsOf(places),
    ressourcen: ressourcenOf(places),
    beschluesse: beschluesseOf(places, marked, undefined, entries.rounds),
    refused: refusedProposals(places, marked, entries.rounds ?? [], placeName),
    decisionNeeds: decisionNeedsOf(places, marked.notes, placeName),
    openItems: report.openItems,
    ...closedTasks(report.templates),
    statusbericht,
    zielsystem: report.templates.findLast((t) => t.template === 'zielsystem' && t.tables.length > 0) ?? null,
    methods: templateNoteCounts(board.records, entries.consent).map(({ template, notes }) => ({ template, notes })),
    openComments: data.openQuestions ?? [],
  }
}

/** The meeting's day and chair as the pack lists them (a pack holds no case board: nothing to hold back). */
const meetingOf = ({ date, moderation }: { date: string; moderation: string }) => ({ meetingDate: date, moderation })

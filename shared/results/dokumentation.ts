/**
 * The Dokumentation of one board: what a network files and, once the facilitator releases it,
 * sends on (H 4.3.2). The workshop report (`report.ts`: every template in short form, every dot
 * vote of the meeting, the open items of every task table) with a meeting header, the Beschlüsse a facilitator
 * marked, the Planspiel's case before its scenes, and a release line. Laid out once
 * (`dokumentationLayout`) for Markdown and the PDF; the open items also as CSV.
 */
import { csvDocument, csvLine } from '../csv.ts'
import type { Locale } from '../locale.ts'
import { formatDate } from '../dates.ts'
import type { OpenItem } from '../templates/definition.ts'
import { planspielCaseHead } from '../templates/planspiel.ts'
import { readBeschluesse, type Beschluesse, type ReadTerms } from '../board/entries/beschluesse.ts'
import { boardBeschluesse, pendingConsents, type PendingConsent } from './beschlussLife.ts'
import type { MeetingHeader } from '../board/entries/meeting.ts'
import { meetingHead } from './meetingHead.ts'
import { readRelease } from '../board/entries/release.ts'
import { withoutInternalParts } from './internalParts.ts'
import type { KeptVote } from '../board/entries/voteRecord.ts'
import type { KeptHaus, KeptRound } from '../board/entries/zustimmungen.ts'
import type { CellRef } from '../board/scaffoldMeta.ts'
import { documentHeading, exportBoard, heldBackReading, notePlaces, voteColumns, voteRows, type NotePlace, type TemplateExport } from './export.ts'
import { openItemRow, reportLine, reportWords, workshopReport, type ReportOptions, type WorkshopReport } from './report.ts'
import { voteFactsLine, voteHeading } from './voting.ts'
import { layoutMarkdown, type DocumentLayout, type LayoutBlock } from './layout.ts'
import { openQuestionColumns, openQuestionRows, openQuestionWords } from './openQuestions.ts'
import type { Comment } from '../board/comments.ts'
import { withOrigin } from './carriedItems.ts'
import { bindewirkungWithConsent, decisionWords, gremiumLabel, publicationFacts, roundLine } from './decisions.ts'
import { holdsCase } from './caseBoards.ts'
import { openOnce } from './itemLifeCycle.ts'
import { overdueShown, withOverdue } from './dueDay.ts'
import { isStandingBody } from '../networkBodies.ts'
import { listsPresent } from './presentCells.ts'
import { refusedBlocks, refusedProposals, refusingRounds, type RefusedProposal } from './refusedProposals.ts'

export const dokumentationWords = {
  title: { de: 'Dokumentation', en: 'Documentation' },
  date: { de: 'Datum', en: 'Date' },
  place: { de: 'Ort', en: 'Place' },
  moderation: { de: 'Moderation', en: 'Facilitation' },
  present: { de: 'Anwesend', en: 'Present' },
  beschluesse: { de: 'Beschlüsse', en: 'Decisions' },
  beschluss: { de: 'Beschluss', en: 'Decision' },
  number: { de: 'Nr.', en: 'No.' },
  where: { de: 'Wo', en: 'Where' },
  onTheBoard: { de: 'Frei auf dem Board', en: 'On the board' },
  results: { de: 'Ergebnisse', en: 'Results' },
  internal: { de: 'Intern – noch nicht zur Weitergabe freigegeben', en: 'Internal – not yet released to be passed on' },
  releasedOn: { de: 'Zur Weitergabe freigegeben am {day}', en: 'Released to be passed on on {day}' },
  released: { de: 'Zur Weitergabe freigegeben', en: 'Released to be passed on' },
  changedSince: { de: 'Intern – geändert seit der Freigabe am {day}', en: 'Internal – changed since the release on {day}' },
  changedSinceUndated: { de: 'Intern – geändert seit der Freigabe', en: 'Internal – changed since the release' },
  caseInternal: { de: 'Intern – mit einer Fallkonferenz nur für die Beteiligten', en: 'Internal – holds a case conference, for those involved only' },
  when: { de: 'Bis wann', en: 'By when' },
  who: { de: 'Wer', en: 'Who' },
  page: { de: 'Seite {n} von {total}', en: 'Page {n} of {total}' },
  board: { de: 'Board', en: 'Board' },
}

/** A decision as the Dokumentation lists it: its text, who decided and what it binds, and where on the board it was written. */
export interface Beschluss extends ReadTerms {
  text: string
  /** The condition its row wrote under „Verbindlichkeit“ („vorbehaltlich Zustimmung Kreistag 03/2027“); absent: none beyond the Bindewirkung. */
  condition?: string
  /** "Template · cell", or null for a note outside every template. */
  where: string | null
  /** The „Einverstanden?“ round it was asked in last: its day and each Haus' answer (`zustimmungen.ts`). */
  runde?: { day: string; haeuser: KeptHaus[] }
}

/** The last round closed on the Zettel `id` that made it a Beschluss, its Häuser named as the board's other typed names are. */
function roundOf(rounds: readonly KeptRound[], id: string, shownName: (name: string) => string): { runde?: Beschluss['runde'] } {
  const round = rounds.findLast((r) => r.note === id && r.outcome !== 'nicht-beschlossen')
  return round ? { runde: { day: round.day, haeuser: round.haeuser.map((h) => ({ ...h, haus: shownName(h.haus) })) } } : {}
}

export interface Dokumentation extends WorkshopReport {
  /** `overdue`: its Bis wann passed before the Dokumentation's day, as the pack and the Fahrplan say (`dueDay.ts`). */
  openItems: Array<OpenItem & { source: string; overdue?: true }>
  meeting: MeetingHeader
  /** Those present, as a Protokoll on the board lists them. */
  present: string[]
  beschluesse: Beschluss[]
  /** What an „Einverstanden?“ round refused, and so is no Beschluss. */
  refused: RefusedProposal[]
  /** `changedSince`: the day of the release the board has changed from since (the facilitator's own copy); `case`: a board holding a case, internal whatever its release. */
  release: { released: boolean; day?: string; changedSince?: string; verteiler?: string[]; rule?: string; case?: true }
}

/** The board's facilitation entries the Dokumentation reads, as stored (each read leniently). */
export interface DokumentationEntries {
  /** The meeting's votes with a result (`readVotes`). */
  votes?: readonly KeptVote[]
  /** The closed „Einverstanden?“ rounds (`readRounds`): a Beschluss shows what each Haus answered. */
  rounds?: readonly KeptRound[]
  /** The board's comments (`shared/board/comments.ts`): open threads become open questions. */
  comments?: ReadonlyMap<string, Comment>
  beschluesse?: unknown
  release?: unknown
  meeting?: unknown
  /** `facilitation/consent`: a Fallkonferenz's case leaves the board only with its recorded confirmations. */
  consent?: unknown
}

/** A cell in words: its section, row and column, as the board labels them. */
export function cellName(cell: CellRef): string {
  const parts = [cell.sectionTitle, cell.rowLabel, cell.colLabel].filter((p): p is string => !!p && !!p.trim())
  return [...new Set(parts)].join(' · ')
}

/** Where a note lies, in words: its template and cell. */
export const placeName = (place: NotePlace): string | null =>
  place.template ? [place.template.title, place.cell && cellName(place.cell)].filter(Boolean).join(' · ') : null

/**
 * The board's Beschlüsse that still exist and may be shown: the marked ones in the order they were
 * marked, then the Steuerungsgruppe's table's (`beschlussLife.ts`). A Fachgruppe's Gremium and the
 * Häuser are typed in the Beschluss dialog: `shownName` reads them as the board's other typed
 * names (on a case board, `caseBoardHold.ts`); a standing body is a key, never typed.
 */
export function beschluesseOf(
  places: Map<string, NotePlace>,
  marked: Beschluesse,
  shownName: (name: string) => string = (name) => name,
  rounds: readonly KeptRound[] = [],
): Beschluss[] {
  // A proposal the room said no to is no Beschluss, even written in a table of Beschlüsse.
  const refused = refusingRounds(rounds)
  return boardBeschluesse(places, marked).filter(({ id }) => !refused.has(id) || marked.notes.includes(id)).map(({ id, place, terms, condition }) => ({
    text: place.text,
    ...terms,
    ...(condition ? { condition } : {}),
    ...roundOf(rounds, id, shownName),
    gremium: isStandingBody(terms.gremium) || !terms.gremium.trim() ? terms.gremium : shownName(terms.gremium),
    ...(terms.haeuser ? { haeuser: terms.haeuser.map((h) => ({ ...h, haus: shownName(h.haus) })) } : {}),
    where: placeName(place),
  }))
}

/** Those present, from every Protokoll's and Steuerungsgruppe's „Anwesende“ on the board; a name written in both, once. */
export function presentOf(places: Map<string, NotePlace>): string[] {
  const names: string[] = []
  for (const place of places.values()) {
    if (place.held || !listsPresent(place.template?.name, place.cell)) continue
    const name = place.text.replace(/\s+/g, ' ').trim()
    if (!names.includes(name)) names.push(name)
  }
  return names
}

/** A Planspiel's case table first: the case is what the scenes play. */
function caseFirst(template: TemplateExport): TemplateExport {
  if (template.template !== 'planspiel') return template
  const isCase = (title: string) => title === planspielCaseHead.de || title === planspielCaseHead.en
  return { ...template, tables: [...template.tables.filter((t) => isCase(t.title)), ...template.tables.filter((t) => !isCase(t.title))] }
}

/** The meeting's header as it may leave a case board: its place and moderation are free text (`caseBoardHold.ts`). */
function meetingShown(meeting: MeetingHeader, textHeld: (text: string) => boolean): MeetingHeader {
  if (!meeting.place && !meeting.moderation) return meeting
  return { ...meeting, place: textHeld(meeting.place) ? '' : meeting.place, moderation: textHeld(meeting.moderation) ? '' : meeting.moderation }
}

export function dokumentation(
  board: { id: string; title: string },
  allRecords: readonly unknown[],
  allEntries: DokumentationEntries,
  day: string,
  options: ReportOptions = {},
): Dokumentation {
  const release = readRelease(allEntries.release)
  const caseBoard = holdsCase(allRecords)
  // Released, it is passed on: what a template has not released itself (an Anlass not spruchreif) stays back.
  const passedOn = !caseBoard && release.released ? allEntries.release : undefined
  // And it goes beyond the board: a Beteiligtenanalyse stays with the coordination (H 2.3.1), as in the pack.
  const read = passedOn ? withoutInternalParts(allRecords, allEntries.comments) : { records: allRecords, comments: allEntries.comments }
  const records = read.records
  const entries: DokumentationEntries = { ...allEntries, comments: read.comments }
  const report = workshopReport(exportBoard(board, records, entries.votes, entries.comments, entries.consent, passedOn), records, day, options)
  const places = notePlaces(records, entries.consent, passedOn)
  // Typed about the board (the meeting's place, a Gremium, a Haus): read by the board's name rule once.
  const { textHeld, shownName } = heldBackReading(records, entries.consent)
  const marked = readBeschluesse(entries.beschluesse)
  return {
    ...report,
    templates: report.templates.map(caseFirst),
    openItems: withOverdue(openOnce(board.id, report.openItems, report.templates), day),
    meeting: meetingShown(meetingHead(entries.meeting, records, places, entries.consent), textHeld),
    present: presentOf(places),
    beschluesse: beschluesseOf(places, marked, shownName, entries.rounds),
    refused: refusedProposals(places, marked, entries.rounds ?? [], placeName, shownName),
    release: caseBoard ? { released: false, case: true } : release.released ? { released: true, day: release.day, ...publicationOf(release) } : { released: false },
  }
}

/** A release's Verteiler and rule, where given. */
export const publicationOf = (release: { verteiler?: string[]; rule?: string }): { verteiler?: string[]; rule?: string } => ({
  ...(release.verteiler?.length ? { verteiler: release.verteiler } : {}),
  ...(release.rule ? { rule: release.rule } : {}),
})

/** The release line: on top of the document and on every page of the PDF. */
export function releaseLine(release: { released: boolean; day?: string; changedSince?: string; case?: true }, locale: Locale): string {
  const w = dokumentationWords
  if (release.case) return w.caseInternal[locale]
  if (!release.released && release.changedSince !== undefined) {
    return release.changedSince ? w.changedSince[locale].replace('{day}', formatDate(release.changedSince, locale)) : w.changedSinceUndated[locale]
  }
  if (!release.released) return w.internal[locale]
  return release.day ? w.releasedOn[locale].replace('{day}', formatDate(release.day, locale)) : w.released[locale]
}

/** An open item as a row of a table: what, who and by when, where it comes from. */
export const openItemCells = (item: OpenItem & { source: string }, board?: string): string[][] => [
  item.what,
  item.who,
  item.when,
  [board ? `${board} · ${item.source}` : item.source],
]

export const openItemColumns = (locale: Locale, withBoard = false): string[] => {
  const w = dokumentationWords
  return [reportWords.what[locale], w.who[locale], w.when[locale], withBoard ? `${w.board[locale]} · ${reportWords.source[locale]}` : reportWords.source[locale]]
}

/** The open items as a table to read: what, then who and by when in one column (as written), where from. */
export function openItemsTable(items: ReadonlyArray<OpenItem & { source: string; board?: string }>, locale: Locale): LayoutBlock {
  const w = reportWords
  return {
    kind: 'table',
    columns: [w.what[locale], w.who[locale], w.source[locale]],
    rows: items.map((item) => openItemRow(withOrigin(item.board ? { ...item, source: `${item.board} · ${item.source}` } : item, locale))),
  }
}

/** The template sections of a report, each under its heading, tables in short form. */
export function templateBlocks(templates: readonly TemplateExport[], locale: Locale, level: 2 | 3 = 2): LayoutBlock[] {
  const sub = (level + 1) as 3
  return templates.flatMap((template): LayoutBlock[] => [
    { kind: 'heading', level, text: template.title },
    ...(template.facts.length > 0 ? [{ kind: 'facts' as const, facts: template.facts }] : []),
    ...template.tables.flatMap((table): LayoutBlock[] => [
      { kind: 'heading', level: level === 2 ? sub : 3, text: table.title },
      { kind: 'table', columns: table.columns, rows: table.rows },
    ]),
    ...(template.tables.length === 0 ? [{ kind: 'line' as const, text: reportWords.nothingYet[locale] }] : []),
  ])
}

export function beschlussBlocks(beschluesse: ReadonlyArray<Beschluss & { board?: string }>, locale: Locale): LayoutBlock[] {
  const w = dokumentationWords
  const heading: LayoutBlock = { kind: 'heading', level: 2, text: w.beschluesse[locale] }
  if (beschluesse.length === 0) return [heading, { kind: 'line', text: reportWords.none[locale] }]
  return [
    heading,
    {
      kind: 'table',
      columns: [w.number[locale], w.beschluss[locale], decisionWords.gremium[locale], decisionWords.bindewirkung[locale], w.where[locale]],
      rows: beschluesse.map((b, i) => [
        [String(i + 1)],
        [b.text],
        [gremiumLabel(b.gremium, locale)],
        // The written condition on the same line: two lines would read as two Bindewirkungen.
        [[bindewirkungWithConsent(b, locale), b.condition].filter(Boolean).join(' – '), ...(b.runde ? [roundLine(b.runde, locale)] : [])],
        [[b.board, b.where ?? w.onTheBoard[locale]].filter(Boolean).join(' · ')],
      ]),
    },
  ]
}

/**
 * The Häuser's pending consent as a section of its own, apart from the tasks (H 4.3.9): which
 * Haus, which Beschluss, since when, where; nothing while no Beschluss waits. `board`: the pack's
 * rows say theirs.
 */
export function consentBlocks(consents: ReadonlyArray<PendingConsent & { board?: string }>, locale: Locale): LayoutBlock[] {
  if (consents.length === 0) return []
  return [
    { kind: 'heading', level: 2, text: decisionWords.consentHeading[locale] },
    { kind: 'line', text: decisionWords.consentHint[locale] },
    { kind: 'table', columns: consentColumns(locale), rows: consents.map((c) => consentCells(c, locale).map((cell) => [cell].filter(Boolean))) },
  ]
}

/** The same as CSV lines below the tasks: a blank line, the heading, the columns, a row per Haus; none while no Beschluss waits. */
export const consentCsvLines = (consents: ReadonlyArray<PendingConsent & { board?: string }>, locale: Locale): string[] =>
  consents.length === 0 ? [] : ['', csvLine([decisionWords.consentHeading[locale]]), csvLine(consentColumns(locale)), ...consents.map((c) => csvLine(consentCells(c, locale)))]

const consentColumns = (locale: Locale) => [decisionWords.haus[locale], dokumentationWords.beschluss[locale], decisionWords.consentSince[locale], dokumentationWords.where[locale]]

const consentCells = (c: PendingConsent & { board?: string }, locale: Locale): string[] => [
  c.haus,
  c.beschluss,
  c.since ? formatDate(c.since, locale) : '',
  [c.board, c.where ?? dokumentationWords.onTheBoard[locale]].filter(Boolean).join(' · '),
]

export function dokumentationLayout(doc: Dokumentation, locale: Locale): DocumentLayout {
  const w = dokumentationWords
  const title = `${w.title[locale]}: ${doc.board.title}`
  const release = releaseLine(doc.release, locale)
  const header = [
    doc.meeting.date && { label: w.date[locale], value: formatDate(doc.meeting.date, locale) },
    doc.meeting.place && { label: w.place[locale], value: doc.meeting.place },
    doc.meeting.moderation && { label: w.moderation[locale], value: doc.meeting.moderation },
    doc.present.length > 0 && { label: w.present[locale], value: doc.present.join(', ') },
    ...(doc.release.released ? publicationFacts(doc.release, locale) : []),
  ].filter((f): f is { label: string; value: string } => !!f)
  const blocks: LayoutBlock[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'line', text: release, strong: true },
    { kind: 'line', text: reportLine(doc, locale) },
  ]
  if (header.length > 0) blocks.push({ kind: 'facts', facts: header })
  blocks.push(...beschlussBlocks(doc.beschluesse, locale))
  blocks.push(...refusedBlocks(doc.refused, locale))
  if (doc.templates.length > 1) blocks.push({ kind: 'heading', level: 2, text: reportWords.contents[locale] }, { kind: 'list', numbered: true, items: doc.templates.map((t) => t.title) })
  blocks.push(...templateBlocks(doc.templates, locale))
  for (const [i, v] of (doc.votes ?? []).entries()) {
    blocks.push(
      { kind: 'heading', level: 2, text: voteHeading(v.question, i, doc.votes!.length, locale) },
      { kind: 'line', text: voteFactsLine(v, locale) },
      { kind: 'table', columns: voteColumns(locale), rows: voteRows(v, locale) },
    )
  }
  blocks.push({ kind: 'heading', level: 2, text: reportWords.openItems[locale] })
  if (doc.openItems.length === 0) blocks.push({ kind: 'line', text: reportWords.none[locale] })
  else blocks.push(openItemsTable(overdueShown(doc.openItems, locale), locale))
  // A „vorbehaltlich“ Beschluss waits for each Haus that has not agreed yet (H 4.3.9): apart from the tasks.
  blocks.push(...consentBlocks(dokumentationConsents(doc), locale))
  if (doc.openQuestions) {
    blocks.push(
      { kind: 'heading', level: 2, text: openQuestionWords.title[locale] },
      { kind: 'table', columns: openQuestionColumns(locale), rows: openQuestionRows(doc.openQuestions, locale) },
    )
  }
  if (doc.otherNotes.length > 0) blocks.push({ kind: 'heading', level: 2, text: reportWords.other[locale] }, { kind: 'list', items: doc.otherNotes })
  for (const document of doc.documents ?? []) blocks.push({ kind: 'heading', level: 2, text: documentHeading(document.name, locale) }, { kind: 'list', items: document.notes })
  return { title, release, blocks }
}

/** The Dokumentation as Markdown: its layout, written out. */
export const dokumentationMarkdown = (doc: Dokumentation, locale: Locale): string => layoutMarkdown(dokumentationLayout(doc, locale))

/**
 * The open items as CSV (`shared/csv.ts`): one row each, what, who, by when and where from, the
 * release line above them so that a forwarded file still says whether it may be.
 */
export function openItemsCsv(
  items: ReadonlyArray<OpenItem & { source: string; board?: string }>,
  release: string,
  locale: Locale,
  consents: ReadonlyArray<PendingConsent & { board?: string }> = [],
): string {
  const withBoard = items.some((item) => item.board)
  return csvDocument([
    csvLine([release]),
    csvLine(openItemColumns(locale, withBoard)),
    ...items.map((item) => csvLine(openItemCells(withOrigin(item, locale), item.board).map((notes) => notes.join('\n')))),
    ...consentCsvLines(consents, locale),
  ])
}

/** The Häuser the board's Beschlüsse wait for; a Haus asked before its day was kept waits since the meeting. */
export const dokumentationConsents = (doc: Dokumentation): PendingConsent[] => pendingConsents(doc.beschluesse, doc.meeting.date)

export const dokumentationCsv = (doc: Dokumentation, locale: Locale): string =>
  openItemsCsv(overdueShown(doc.openItems, locale), releaseLine(doc.release, locale), locale, dokumentationConsents(doc))

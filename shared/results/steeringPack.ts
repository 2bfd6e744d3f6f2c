/**
 * The steering group's pack (Steuerungsgruppe, H 4.3): what a network's coordinator sends before
 * its meeting, gathered from the network's boards. The newest Statusbericht, every Beschluss and
 * every open item of every board with the board as source, and each board's release state.
 * Internal boards (a Beteiligtenanalyse with its Widerstände) are only counted: nothing of them
 * appears. The pack goes out released as a whole: a board not yet released is left out and
 * counted too, so that one such board (the coming meeting's) never holds the pack back. Pure:
 * the caller reads the boards; laid out once for Markdown and the PDF, the open items also as CSV.
 */
import { counted, pick, type Locale } from '../locale.ts'
import type { OpenItem } from '../templates/definition.ts'
import { formatDate } from '../dates.ts'
import { owedInPhase, phases, type PhaseId } from '../templates/phases.ts'
import { templates as templateDefinitions, type TemplateName } from '../templates/registry.ts'
import type { TemplateExport } from './export.ts'
import { reportWords } from './report.ts'
import { beschlussBlocks, consentBlocks, openItemsCsv, openItemsTable, releaseLine, templateBlocks, type Beschluss } from './dokumentation.ts'
import { refusedBlocks, type RefusedProposal } from './refusedProposals.ts'
import type { DocumentLayout, LayoutBlock } from './layout.ts'
import { gremiumLabel } from './decisions.ts'
import { pendingConsents, type PendingConsent } from './beschlussLife.ts'
import { layoutMarkdown } from './layout.ts'
import { overdueShown, withOverdue } from './dueDay.ts'
import { itemsOnce, type LifeCycleBoard, type PackMemory } from './itemLifeCycle.ts'
import { openQuestionColumns, openQuestionRows, type OpenQuestion } from './openQuestions.ts'
import { packBoardSummary, type PackBoardSummary, type PackReport, type SteeringPackBoard } from './packSummary.ts'
import { reportColumns, steuerungsgruppeTitles } from '../templates/steuerungsgruppe.ts'
import { decisionNeedBlocks, newestReportPerBody, publicationLines, type PackDecisionNeed, type PackStatusbericht } from './packDecisions.ts'

export type { SteeringPackBoard } from './packSummary.ts'

export interface SteeringPackInput {
  network: { name: string; targetGroup: string }
  boards: readonly SteeringPackBoard[]
}

export interface PackBoard {
  id: string
  title: string
  phase: PhaseId | null
  /** The phase's title in the pack's language, "" for a board in no phase. */
  phaseTitle: string
  /** `changedSince`: the pack holds the released version; the board has changed since. */
  release: { released: boolean; day?: string; changedSince?: boolean; verteiler?: string[]; rule?: string }
  /** The meeting's day, '' when the board's header names none. */
  meetingDate: string
  /** Who chaired it, '' when the board's header names nobody. */
  moderation: string
  /** Those present, as its Dokumentation lists them. */
  present: string[]
  /** The Fachgruppen's reports its Steuerungsgruppe heard; none: the pack shows no heading for it. */
  berichte: PackReport[]
  /** Its Steuerungsgruppe's „Ressourcen“ Zettel. */
  ressourcen: string[]
}

/** Where the network stands on the handbook's way: each phase's methods, done or open, from the boards in the pack. */
export interface PackPhase {
  phase: PhaseId
  title: string
  boards: number
  methods: Array<{ template: TemplateName; title: string; done: boolean }>
}

export interface SteeringPack {
  network: { name: string; targetGroup: string }
  /** The day the pack was made, `YYYY-MM-DD`. */
  date: string
  /** The newest Statusbericht of the boards, in short form, and the board it is on. */
  statusbericht: { board: string; template: TemplateExport } | null
  /** The newest Zielsystem of the boards (the last board holding one), with its goals and activities. */
  zielsystem: { board: string; template: TemplateExport } | null
  /** The newest Statusbericht of each working group (the boards' Gremium), in the order the groups first appear. */
  statusberichte: PackStatusbericht[]
  beschluesse: Array<Beschluss & { board: string }>
  /** What the boards' „Einverstanden?“ rounds refused. */
  refused: Array<RefusedProposal & { board: string }>
  /** What the boards ask to decide and is not decided yet (`decisionNeeds`), from the reports taken. */
  decisionNeeds: PackDecisionNeed[]
  /** `overdue`: its Bis wann passed before the pack's day, as the Fahrplan's due list says (`dueDay.ts`). */
  openItems: Array<OpenItem & { source: string; board: string; overdue?: true }>
  /** Each Haus a „vorbehaltlich“ Beschluss still waits for (H 4.3.9), with its board: open, but no task; gone once the Haus agreed. */
  pendingConsents: Array<PendingConsent & { board: string }>
  /** Items the last pack (made on an earlier day, `PackMemory`) listed as open that are closed now; `lastPack`: that pack's day. */
  closedSince: Array<OpenItem & { source: string; board: string }>
  /** Of those, the ones closed as no longer to be done („entfällt“): listed apart, not in `closedSince`. */
  droppedSince: Array<OpenItem & { source: string; board: string }>
  lastPack?: string
  /** What this pack lists as open, by the key the next pack finds each item by. */
  openKeys: string[]
  /** Comment threads not resolved, with their board. */
  openComments: Array<OpenQuestion & { board: string }>
  fahrplan: PackPhase[]
  boards: PackBoard[]
  /** How many internal boards were left out. */
  internalLeftOut: number
  /** How many boards were left out as not yet released (internal ones apart). */
  unreleasedLeftOut: number
}

export const packWords = {
  title: { de: 'Unterlagen für die Steuerungsgruppe', en: 'Steering group pack' },
  network: { de: 'Netzwerk', en: 'Network' },
  targetGroup: { de: 'Zielgruppe', en: 'Target group' },
  date: { de: 'Stand', en: 'As of' },
  statusbericht: { de: 'Statusbericht', en: 'Status report' },
  from: { de: 'aus', en: 'from' },
  noStatusbericht: { de: 'Noch kein Statusbericht.', en: 'No status report yet.' },
  boards: { de: 'Boards und Freigabe', en: 'Boards and release' },
  board: { de: 'Board', en: 'Board' },
  phase: { de: 'Phase', en: 'Phase' },
  release: { de: 'Freigabe', en: 'Release' },
  internalNone: { de: 'Kein internes Board ausgelassen.', en: 'No internal board left out.' },
  internal: {
    one: { de: '{n} internes Board ist nicht enthalten; nichts daraus erscheint hier.', en: '{n} internal board is left out; nothing of it appears here.' },
    other: { de: '{n} interne Boards sind nicht enthalten; nichts daraus erscheint hier.', en: '{n} internal boards are left out; nothing of them appears here.' },
  },
  unreleased: {
    one: { de: '{n} Board noch nicht freigegeben, nicht enthalten.', en: '{n} board not yet released, not included.' },
    other: { de: '{n} Boards noch nicht freigegeben, nicht enthalten.', en: '{n} boards not yet released, not included.' },
  },
  meeting: { de: 'Sitzung am', en: 'Meeting on' },
  attendees: { de: 'Anwesende', en: 'Attendees' },
  moderation: { de: 'Moderation', en: 'Facilitation' },
  fahrplan: { de: 'Fahrplan', en: 'Roadmap' },
  phaseBoards: { de: 'Boards', en: 'Boards' },
  methodsDone: { de: 'Bearbeitet', en: 'Worked on' },
  methodsOpen: { de: 'Noch nicht bearbeitet', en: 'Not worked on yet' },
  // Nothing is ever done for good: H 1.1 plans "rekursive Schleifen".
  fahrplanHint: {
    de: 'Eine Methode gilt als bearbeitet, wenn ein Board dieser Unterlagen sie mit Zetteln darin enthält; das Handbuch sieht vor, Methoden im Verlauf wieder aufzugreifen.',
    en: 'A method counts as worked on when a board in this pack holds it with notes in it; the handbook plans to take methods up again as the network goes on.',
  },
  zielsystem: { de: 'Zielsystem', en: 'Goal system' },
  noZielsystem: { de: 'Noch kein Zielsystem.', en: 'No goal system yet.' },
  openComments: { de: 'Offene Kommentare', en: 'Open comments' },
  closedSince: { de: 'Erledigt seit den Unterlagen vom {day}', en: 'Done since the pack of {day}' },
  closedFirst: { de: 'Erledigt', en: 'Done' },
  closedFirstLine: {
    de: 'Dies sind die ersten Unterlagen dieses Netzwerks: Die nächsten zeigen hier, was von den offenen Punkten seither erledigt wurde.',
    en: 'This is the network’s first pack: the next one shows here which of the open items have been done since.',
  },
  closedBy: { de: 'erledigt: {by}', en: 'done: {by}' },
  droppedSince: { de: 'Entfallen seit den Unterlagen vom {day}', en: 'Dropped since the pack of {day}' },
  droppedBy: { de: 'entfallen: {by}', en: 'dropped: {by}' },
  changedSince: {
    de: '{release}; seither geändert (hier der freigegebene Stand)',
    en: '{release}; changed since (this pack holds the released state)',
  },
  periodSince: {
    de: 'Aufgeführt sind die Boards mit einer Sitzung oder Freigabe seit den Unterlagen vom {day}, dazu die seither geänderten; die übrigen sind je Phase gezählt.',
    en: 'Listed are the boards with a meeting or release since the pack of {day}, and those changed since; the others are counted per phase.',
  },
  periodMonths: {
    de: 'Aufgeführt sind die Boards mit einer Sitzung oder Freigabe seit dem {day} (drei Monate), dazu die seither geänderten; die übrigen sind je Phase gezählt.',
    en: 'Listed are the boards with a meeting or release since {day} (three months), and those changed since; the others are counted per phase.',
  },
  noPhase: { de: 'Ohne Phase', en: 'No phase' },
  earlier: {
    one: { de: '{n} weiteres Board, zur Weitergabe freigegeben', en: '{n} more board, released to be passed on' },
    other: { de: '{n} weitere Boards, zur Weitergabe freigegeben', en: '{n} more boards, released to be passed on' },
  },
  lastDay: { de: 'zuletzt {day}', en: 'last {day}' },
  allReleased: { de: 'Alle enthaltenen Boards sind zur Weitergabe freigegeben', en: 'Every board in this pack is released to be passed on' },
  noneReleased: { de: 'Noch kein Board zur Weitergabe freigegeben: Diese Unterlagen enthalten keines.', en: 'No board is released to be passed on yet: this pack holds none.' },
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))

export function steeringPack(input: SteeringPackInput, day: string, locale: Locale, previous?: PackMemory): SteeringPack {
  return composeSteeringPack(
    input.network,
    input.boards.map((board) => packBoardSummary(board, day)),
    day,
    locale,
    previous,
  )
}

/** The pack from each board's summary (`packSummary.ts`), in the network's order. */
export function composeSteeringPack(network: SteeringPackInput['network'], summaries: readonly PackBoardSummary[], day: string, locale: Locale, previous?: PackMemory): SteeringPack {
  const shown = summaries.filter(passesOn)
  const beschluesse: SteeringPack['beschluesse'] = []
  const refused: SteeringPack['refused'] = []
  const openItems: SteeringPack['openItems'] = []
  const consents: SteeringPack['pendingConsents'] = []
  const boardItems: LifeCycleBoard<SteeringPack['openItems'][number]>[] = []
  const openComments: SteeringPack['openComments'] = []
  const boards: PackBoard[] = []
  // The newest by its written date; undated ones count as older, and later boards win a tie.
  let newest: { board: string; template: TemplateExport; day: string } | null = null
  let zielsystem: SteeringPack['zielsystem'] = null
  for (const board of shown) {
    beschluesse.push(...board.beschluesse.map((b) => ({ ...b, board: board.title })))
    refused.push(...(board.refused ?? []).map((r) => ({ ...r, board: board.title })))
    consents.push(...pendingConsents(board.beschluesse, board.meetingDate).map((c) => ({ ...c, board: board.title })))
    boardItems.push({
      board: board.id,
      items: [...board.openItems, ...(board.closedItems ?? [])].map((item) => ({ ...item, board: board.title })),
      // What closed an activity names the report's board: „Steuerungsgruppe 25. November · Statusbericht: …“.
      reportedDone: board.reportedDone?.map((r) => ({ ...r, by: `${board.title} · ${r.by}` })),
    })
    openComments.push(...board.openComments.map((q) => ({ ...q, board: board.title })))
    if (board.statusbericht && (!newest || board.statusbericht.day >= newest.day)) newest = { board: board.title, ...board.statusbericht }
    if (board.zielsystem) zielsystem = { board: board.title, template: board.zielsystem }
    const phase = phases.find((p) => p.id === board.phase)
    boards.push({
      id: board.id,
      title: board.title,
      phase: board.phase,
      phaseTitle: phase ? phase.title[locale] : '',
      release: board.release,
      meetingDate: board.meetingDate,
      moderation: board.moderation ?? '',
      present: board.present,
      berichte: board.berichte,
      ressourcen: board.ressourcen,
    })
  }
  const items = packItems(boardItems)
  openItems.push(...withOverdue(items.open.map(({ key: _key, ...item }) => item), day))
  const wasOpen = new Set(previous?.open ?? [])
  const sinceLast = items.closed.filter((item) => wasOpen.has(item.key)).map(({ key: _key, ...item }) => item)
  const closedSince = sinceLast.filter((item) => !item.dropped)
  const droppedSince = sinceLast.filter((item) => item.dropped)
  const { statusberichte, decisionNeeds } = newestReportPerBody(shown)
  return {
    network: { name: network.name, targetGroup: network.targetGroup },
    date: day,
    statusbericht: newest && { board: newest.board, template: newest.template },
    zielsystem,
    statusberichte,
    beschluesse,
    refused,
    decisionNeeds,
    openItems,
    pendingConsents: consents,
    closedSince,
    droppedSince,
    ...(previous ? { lastPack: previous.day } : {}),
    openKeys: items.open.map((item) => item.key),
    openComments,
    // Internal boards too: whether their methods were worked is a count, not their content.
    fahrplan: fahrplanStatus(summaries, locale),
    boards,
    internalLeftOut: summaries.filter((board) => board.internal).length,
    unreleasedLeftOut: summaries.filter((board) => !board.internal && !board.release.released).length,
  }
}

/** What the pack passes on: a board neither internal nor unreleased (a released board changed since goes as released). */
const passesOn = (board: PackBoardSummary): boolean => !board.internal && board.release.released

/** A carried item and its source, on whichever boards: one item, closed when either copy or a Statusbericht closed it. */
const packItems = <T extends OpenItem>(boards: ReadonlyArray<LifeCycleBoard<T>>) => itemsOnce(boards)

/** The keys of the items a pack of these summaries lists as open, for the next pack (`server/documents/packMemory.ts`). */
export function packOpenKeys(summaries: readonly PackBoardSummary[]): string[] {
  const boards = summaries
    .filter(passesOn)
    .map((board) => ({ board: board.id, items: [...board.openItems, ...(board.closedItems ?? [])], reportedDone: board.reportedDone }))
  return packItems(boards).open.map((item) => item.key)
}

/** Each phase's methods, done where a board (internal ones too) holds the template with Zettel in it (as the Fahrplan counts). */
function fahrplanStatus(boards: readonly PackBoardSummary[], locale: Locale): PackPhase[] {
  const written = new Set(boards.flatMap((b) => b.methods.filter((m) => m.notes > 0).map((m) => m.template)))
  return phases.map((phase) => ({
    phase: phase.id,
    title: phase.title[locale],
    boards: boards.filter((b) => b.phase === phase.id).length,
    // An instrument merely offered there (`owedInPhase`) is named once worked, never as still open.
    methods: phase.methods
      .filter((template) => owedInPhase(template) || written.has(template))
      .map((template) => ({ template, title: templateDefinitions[template].title[locale], done: written.has(template) })),
  }))
}

/** The pack's release line: only released boards are let in, so the pack goes out as a whole (or says it holds none). */
const packReleaseLine = (pack: SteeringPack, locale: Locale): string => (pack.boards.length > 0 ? packWords.allReleased : packWords.noneReleased)[locale]

/** "2 interne Boards sind nicht enthalten…", in the language's plural. */
export const internalLine = (count: number, locale: Locale): string => (count === 0 ? packWords.internalNone[locale] : counted(packWords.internal, count, locale))

export function steeringPackLayout(pack: SteeringPack, locale: Locale): DocumentLayout {
  const w = packWords
  const title = `${w.title[locale]}: ${pack.network.name}`
  const release = packReleaseLine(pack, locale)
  const blocks: LayoutBlock[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'line', text: release, strong: true },
    {
      kind: 'facts',
      facts: [
        { label: w.network[locale], value: pack.network.name },
        ...(pack.network.targetGroup ? [{ label: w.targetGroup[locale], value: pack.network.targetGroup }] : []),
        { label: w.date[locale], value: formatDate(pack.date, locale) },
      ],
    },
    { kind: 'line', text: internalLine(pack.internalLeftOut, locale) },
    ...(pack.unreleasedLeftOut > 0 ? [{ kind: 'line' as const, text: counted(w.unreleased, pack.unreleasedLeftOut, locale) }] : []),
  ]
  for (const { body, board, template } of pack.statusberichte) {
    blocks.push({ kind: 'heading', level: 2, text: `${w.statusbericht[locale]}: ${gremiumLabel(body, locale)} (${w.from[locale]} ${board})` }, ...templateBlocks([template], locale, 3).slice(1))
  }
  if (pack.statusberichte.length === 0) blocks.push({ kind: 'heading', level: 2, text: w.statusbericht[locale] }, { kind: 'line', text: w.noStatusbericht[locale] })
  blocks.push(...reportBlocks(packPeriod(pack).listed, locale))
  blocks.push(...beschlussBlocks(pack.beschluesse, locale))
  blocks.push(...refusedBlocks(pack.refused, locale))
  blocks.push(...decisionNeedBlocks(pack.decisionNeeds, locale))
  blocks.push({ kind: 'heading', level: 2, text: reportWords.openItems[locale] })
  if (pack.openItems.length === 0) blocks.push({ kind: 'line', text: reportWords.none[locale] })
  else blocks.push(openItemsTable(shownOpenItems(pack, locale), locale))
  blocks.push(...consentBlocks(pack.pendingConsents, locale))
  blocks.push(...closedSinceBlocks(pack, locale))
  blocks.push(...packExtraBlocks(pack, locale))
  blocks.push({ kind: 'heading', level: 2, text: w.boards[locale] })
  if (pack.boards.length > 0) {
    const { since, listed, earlier } = packPeriod(pack)
    blocks.push({
      kind: 'table',
      columns: [w.board[locale], w.phase[locale], w.meeting[locale], w.release[locale]],
      rows: [
        ...listed.map((b) => [
          [b.title],
          b.phaseTitle ? [b.phaseTitle] : [],
          b.meetingDate ? [formatDate(b.meetingDate, locale)] : [],
          [packBoardRelease(b, locale), ...(b.release.released ? publicationLines(b.release, locale) : [])],
        ]),
        // The earlier boards, one row per phase: how many, and the last of them.
        ...earlierPerPhase(earlier, locale).map(({ phase, count, last }) => [
          [phase],
          [[counted(w.earlier, count, locale), ...(last ? [fill(w.lastDay[locale], { day: formatDate(last, locale) })] : [])].join(', ')],
          [],
          [],
        ]),
      ],
    })
    if (earlier.length > 0) blocks.push({ kind: 'line', text: fill(pack.lastPack ? w.periodSince[locale] : w.periodMonths[locale], { day: formatDate(since, locale) }) })
  }
  return { title, release, blocks }
}

/** How far back the pack lists its boards one by one: since the last pack, else three months. */
const periodMonths = 3

/**
 * A pack of hundreds of boards would be mostly its boards table (27 pages at 500 boards): it lists
 * one by one the boards that met or were released since the last pack (without one: the last three
 * months), and those changed since their release (the pack holds an older state of them); the
 * others are counted per phase.
 */
function packPeriod(pack: SteeringPack): { since: string; listed: PackBoard[]; earlier: PackBoard[] } {
  const since = pack.lastPack ?? monthsBefore(pack.date, periodMonths)
  const recent = (b: PackBoard) => b.release.changedSince || (b.meetingDate || b.release.day || '') >= since
  return { since, listed: pack.boards.filter(recent), earlier: pack.boards.filter((b) => !recent(b)) }
}

/** `YYYY-MM-DD` the given months before, on the same day of the month (the month's last where it has fewer). */
function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 - months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10)
}

/** The earlier boards per phase, in the handbook's order (boards in no phase last), with the last day one met or was released. */
function earlierPerPhase(boards: readonly PackBoard[], locale: Locale): Array<{ phase: string; count: number; last: string }> {
  return [...phases.map((p) => p.id), null].flatMap((id) => {
    const here = boards.filter((b) => b.phase === id)
    if (here.length === 0) return []
    const last = here.map((b) => b.meetingDate || b.release.day || '').reduce((a, b) => (b > a ? b : a), '')
    return [{ phase: id ? here[0]!.phaseTitle : packWords.noPhase[locale], count: here.length, last }]
  })
}

/** What of the last pack's open items is done now, and by what. */
function closedSinceBlocks(pack: SteeringPack, locale: Locale): LayoutBlock[] {
  const w = packWords
  if (!pack.lastPack) return [{ kind: 'heading', level: 2, text: w.closedFirst[locale] }, { kind: 'line', text: w.closedFirstLine[locale] }]
  const heading: LayoutBlock = { kind: 'heading', level: 2, text: fill(w.closedSince[locale], { day: formatDate(pack.lastPack, locale) }) }
  if (pack.closedSince.length === 0) return [heading, { kind: 'line', text: reportWords.none[locale] }, ...droppedSinceBlocks(pack, locale)]
  const items = pack.closedSince.map((item) => ({ ...item, source: `${item.source} (${fill(w.closedBy[locale], { by: item.closed ?? '' })})` }))
  return [heading, openItemsTable(items, locale), ...droppedSinceBlocks(pack, locale)]
}

/** What of the last pack's open items was dropped since („entfällt“): apart from the done ones, and only when there is any. */
function droppedSinceBlocks(pack: SteeringPack, locale: Locale): LayoutBlock[] {
  const w = packWords
  if (!pack.lastPack || pack.droppedSince.length === 0) return []
  const items = pack.droppedSince.map((item) => ({ ...item, source: `${item.source} (${fill(w.droppedBy[locale], { by: item.closed ?? '' })})` }))
  return [{ kind: 'heading', level: 2, text: fill(w.droppedSince[locale], { day: formatDate(pack.lastPack, locale) }) }, openItemsTable(items, locale)]
}

/** A board's release in the pack: a board changed since its release is sent as released, and says so. */
function packBoardRelease(board: PackBoard, locale: Locale): string {
  const line = releaseLine({ released: board.release.released, day: board.release.day }, locale)
  return board.release.changedSince ? fill(packWords.changedSince[locale], { release: line }) : line
}

/**
 * What the Fachgruppen reported to the Steuerungsgruppen of the boards the boards table lists one
 * by one (H 4.3: the steering group steers by these reports), laid out as the Beschlüsse are: a row
 * each, its board last. Nothing, not even the heading, where no board has one: a pack stays short.
 */
function reportBlocks(boards: readonly PackBoard[], locale: Locale): LayoutBlock[] {
  const rows = boards.flatMap((b) => b.berichte.map((report) => [...reportColumns.map((c) => report[c.key as keyof PackReport] ?? []), [b.title]]))
  if (rows.length === 0) return []
  return [
    { kind: 'heading', level: 2, text: pick(steuerungsgruppeTitles.reports, locale) },
    { kind: 'table', columns: [...reportColumns.map((c) => pick(c.title, locale)), packWords.board[locale]], rows },
  ]
}

/** The Ressourcen those Steuerungsgruppen recorded (H 6.1), beside who was there; only where a board has them. */
function resourceBlocks(boards: readonly PackBoard[], locale: Locale): LayoutBlock[] {
  const w = packWords
  const withResources = boards.filter((b) => b.ressourcen.length > 0)
  if (withResources.length === 0) return []
  const title = pick(steuerungsgruppeTitles.resources, locale)
  return [
    { kind: 'heading', level: 2, text: title },
    {
      kind: 'table',
      columns: [w.board[locale], w.meeting[locale], title],
      rows: withResources.map((b) => [[b.title], b.meetingDate ? [formatDate(b.meetingDate, locale)] : [], b.ressourcen]),
    },
  ]
}

/** The Fahrplan's status, the Zielsystem, who was at which meeting and the Ressourcen, the open comments. */
function packExtraBlocks(pack: SteeringPack, locale: Locale): LayoutBlock[] {
  const w = packWords
  const blocks: LayoutBlock[] = [
    { kind: 'heading', level: 2, text: w.fahrplan[locale] },
    { kind: 'line', text: w.fahrplanHint[locale] },
    {
      kind: 'table',
      columns: [w.phase[locale], w.phaseBoards[locale], w.methodsDone[locale], w.methodsOpen[locale]],
      rows: pack.fahrplan.map((p) => [
        [p.title],
        [String(p.boards)],
        // One line per phase: the methods as a list in their cell.
        [p.methods.filter((m) => m.done).map((m) => m.title).join(', ')].filter(Boolean),
        [p.methods.filter((m) => !m.done).map((m) => m.title).join(', ')].filter(Boolean),
      ]),
    },
  ]
  if (pack.zielsystem) {
    const { board, template } = pack.zielsystem
    blocks.push({ kind: 'heading', level: 2, text: `${w.zielsystem[locale]} (${w.from[locale]} ${board})` }, ...templateBlocks([template], locale, 3).slice(1))
  } else blocks.push({ kind: 'heading', level: 2, text: w.zielsystem[locale] }, { kind: 'line', text: w.noZielsystem[locale] })
  // Who chaired and who was present at the meetings of the boards the boards table lists one by one.
  const present = packPeriod(pack).listed.filter((b) => b.present.length > 0 || b.moderation)
  if (present.length > 0) {
    blocks.push(
      { kind: 'heading', level: 2, text: w.attendees[locale] },
      {
        kind: 'table',
        columns: [w.board[locale], w.meeting[locale], w.moderation[locale], w.attendees[locale]],
        rows: present.map((b) => [[b.title], b.meetingDate ? [formatDate(b.meetingDate, locale)] : [], b.moderation ? [b.moderation] : [], b.present]),
      },
    )
  }
  blocks.push(...resourceBlocks(packPeriod(pack).listed, locale))
  blocks.push({ kind: 'heading', level: 2, text: w.openComments[locale] })
  if (pack.openComments.length === 0) blocks.push({ kind: 'line', text: reportWords.none[locale] })
  else {
    const rows = openQuestionRows(pack.openComments, locale)
    blocks.push({
      kind: 'table',
      columns: [w.board[locale], ...openQuestionColumns(locale)],
      rows: pack.openComments.map((q, i) => [[q.board], ...rows[i]!]),
    })
  }
  return blocks
}

export const steeringPackMarkdown = (pack: SteeringPack, locale: Locale): string => layoutMarkdown(steeringPackLayout(pack, locale))

/** The open items as every format shows them: „überfällig“ beside a Bis wann that has passed. */
const shownOpenItems = (pack: SteeringPack, locale: Locale) => overdueShown(pack.openItems, locale)

export const steeringPackCsv = (pack: SteeringPack, locale: Locale): string => openItemsCsv(shownOpenItems(pack, locale), packReleaseLine(pack, locale), locale, pack.pendingConsents)

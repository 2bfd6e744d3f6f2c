/**
 * The steering group's pack (Steuerungsgruppe, H 4.3): what a network's coordinator sends before
 * its meeting, gathered from the network's boards. The newest Statusbericht, every Beschluss and
 * every open item of every board with the board as source, and each board's release state.
 * Internal boards (a Beteiligtenanalyse with its Widerstände) are only counted: nothing of them
 * appears. Pure: the caller reads the boards; laid out once for Markdown and the PDF, the open
 * items also as CSV.
 */
import type { Locale } from '../locale.ts'
import type { OpenItem } from '../templates/definition.ts'
import { formatDate } from '../templates/dates.ts'
import { phases, type PhaseId } from '../templates/phases.ts'
import { exportBoard, notePlaces, type NotePlace, type TemplateExport } from './export.ts'
import { reportWords, workshopReport } from './report.ts'
import {
  beschlussBlocks,
  beschluesseOf,
  openItemsCsv,
  openItemsTable,
  releaseLine,
  templateBlocks,
  type Beschluss,
  type DokumentationEntries,
} from './dokumentation.ts'
import { readBeschluesse } from '../board/entries/beschluesse.ts'
import { readRelease } from '../board/entries/release.ts'
import type { DocumentLayout, LayoutBlock } from './layout.ts'
import { layoutMarkdown } from './layout.ts'
import { oneItemEach, type BoardItems } from './carriedItems.ts'

export interface SteeringPackBoard {
  id: string
  title: string
  phase: PhaseId | null
  internal: boolean
  records: readonly unknown[]
  /** The board's facilitation entries as stored (Beschlüsse, release); none: nothing marked, not released. */
  facilitation?: DokumentationEntries
}

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
  release: { released: boolean; day?: string }
}

export interface SteeringPack {
  network: { name: string; targetGroup: string }
  /** The day the pack was made, `YYYY-MM-DD`. */
  date: string
  /** The newest Statusbericht of the boards, in short form, and the board it is on. */
  statusbericht: { board: string; template: TemplateExport } | null
  beschluesse: Array<Beschluss & { board: string }>
  openItems: Array<OpenItem & { source: string; board: string }>
  boards: PackBoard[]
  /** How many internal boards were left out. */
  internalLeftOut: number
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
  internalOne: { de: '{n} internes Board ist nicht enthalten; nichts daraus erscheint hier.', en: '{n} internal board is left out; nothing of it appears here.' },
  internalOther: { de: '{n} interne Boards sind nicht enthalten; nichts daraus erscheint hier.', en: '{n} internal boards are left out; nothing of them appears here.' },
  allReleased: { de: 'Alle enthaltenen Boards sind zur Weitergabe freigegeben', en: 'Every board in this pack is released to be passed on' },
  notAllReleased: {
    de: 'Intern – {n} von {total} Boards noch nicht zur Weitergabe freigegeben',
    en: 'Internal – {n} of {total} boards not yet released to be passed on',
  },
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))

/** A Statusbericht's date as written in its "Datum" cell (24.11.2026, 24.11.26, 2026-11-24), for comparing. */
function writtenDay(text: string | undefined): string | null {
  if (!text) return null
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text)
  if (iso) return `${iso[1]}-${iso[2].padStart(2, '0')}-${iso[3].padStart(2, '0')}`
  const de = /(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2,4})/.exec(text)
  if (!de) return null
  const year = de[3].length === 2 ? `20${de[3]}` : de[3]
  return `${year}-${de[2].padStart(2, '0')}-${de[1].padStart(2, '0')}`
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

export function steeringPack(input: SteeringPackInput, day: string, locale: Locale): SteeringPack {
  const shown = input.boards.filter((board) => !board.internal)
  const beschluesse: SteeringPack['beschluesse'] = []
  const openItems: SteeringPack['openItems'] = []
  const boardItems: BoardItems<SteeringPack['openItems'][number]>[] = []
  const boards: PackBoard[] = []
  // The newest by its written date; undated ones count as older, and later boards win a tie.
  let newest: { board: string; template: TemplateExport; day: string } | null = null
  for (const board of shown) {
    const entries = board.facilitation ?? {}
    const report = workshopReport(exportBoard({ id: board.id, title: board.title }, board.records), board.records, day)
    const places = notePlaces(board.records)
    beschluesse.push(...beschluesseOf(places, readBeschluesse(entries.beschluesse).notes).map((b) => ({ ...b, board: board.title })))
    boardItems.push({ board: board.id, items: report.openItems.map((item) => ({ ...item, board: board.title })) })
    const days = statusberichtDays(places)
    for (const template of report.templates) {
      if (template.template !== 'statusbericht') continue
      const dated = days.get(template.instance) ?? ''
      if (!newest || dated >= newest.day) newest = { board: board.title, template, day: dated }
    }
    const release = readRelease(entries.release)
    const phase = phases.find((p) => p.id === board.phase)
    boards.push({
      id: board.id,
      title: board.title,
      phase: board.phase,
      phaseTitle: phase ? phase.title[locale] : '',
      release: release.released ? { released: true, day: release.day } : { released: false },
    })
  }
  // A carried item and its source, on whichever boards: one item.
  openItems.push(...oneItemEach(boardItems))
  return {
    network: { name: input.network.name, targetGroup: input.network.targetGroup },
    date: day,
    statusbericht: newest && { board: newest.board, template: newest.template },
    beschluesse,
    openItems,
    boards,
    internalLeftOut: input.boards.length - shown.length,
  }
}

/** The pack's release line: released only when every board in it is. */
export function packReleaseLine(pack: SteeringPack, locale: Locale): string {
  const open = pack.boards.filter((b) => !b.release.released).length
  return open === 0 ? packWords.allReleased[locale] : fill(packWords.notAllReleased[locale], { n: open, total: pack.boards.length })
}

export const packIsInternal = (pack: SteeringPack): boolean => pack.boards.some((b) => !b.release.released)

/** "2 interne Boards sind nicht enthalten…", in the language's plural. */
export function internalLine(count: number, locale: Locale): string {
  if (count === 0) return packWords.internalNone[locale]
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? packWords.internalOne : packWords.internalOther
  return fill(form[locale], { n: count })
}

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
  ]
  if (pack.statusbericht) {
    const { board, template } = pack.statusbericht
    blocks.push({ kind: 'heading', level: 2, text: `${template.title} (${w.from[locale]} ${board})` }, ...templateBlocks([template], locale, 3).slice(1))
  } else blocks.push({ kind: 'heading', level: 2, text: w.statusbericht[locale] }, { kind: 'line', text: w.noStatusbericht[locale] })
  blocks.push(...beschlussBlocks(pack.beschluesse, locale))
  blocks.push({ kind: 'heading', level: 2, text: reportWords.openItems[locale] })
  if (pack.openItems.length === 0) blocks.push({ kind: 'line', text: reportWords.none[locale] })
  else blocks.push(openItemsTable(pack.openItems, locale))
  blocks.push({ kind: 'heading', level: 2, text: w.boards[locale] })
  if (pack.boards.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [w.board[locale], w.phase[locale], w.release[locale]],
      rows: pack.boards.map((b) => [[b.title], b.phaseTitle ? [b.phaseTitle] : [], [releaseLine(b.release, locale)]]),
    })
  }
  return { title, release, blocks }
}

export const steeringPackMarkdown = (pack: SteeringPack, locale: Locale): string => layoutMarkdown(steeringPackLayout(pack, locale))

export const steeringPackCsv = (pack: SteeringPack, locale: Locale): string => openItemsCsv(pack.openItems, packReleaseLine(pack, locale), locale)

/**
 * What a network reads of one of its boards between meetings (`shared/networkBetween.ts`): the
 * search results on it, cut to what a list shows, and what changed on it since a device last
 * looked from the Fahrplan. Pure but for the Y.Doc read: the relay runs both in its document
 * worker, one board at a time.
 */
import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import type { Comment } from '../board/comments.ts'
import { changesSince } from '../board/changesSince.ts'
import { readRelease } from '../board/entries/release.ts'
import type { TextRange } from '../board/textMatch.ts'
import { dueSoonDays, maxSearchHitsPerBoard, searchSnippetLength, type BoardSince, type DueItem, type NetworkSearchHit } from '../networkBetween.ts'
import { boardTexts, searchBoard, type SearchItem } from './boardTexts.ts'
import { foldText } from '../board/textMatch.ts'
import { exportBoard, heldBackReading, shapeText } from './export.ts'
import { workshopReport } from './report.ts'
import { forNetwork, holdsCase } from './caseBoards.ts'
import { closedTasks, itemsOnce } from './itemLifeCycle.ts'
import { withoutInternalParts } from './internalParts.ts'
import { daysBetween, dueDay } from './dueDay.ts'
import type { ReportedDone } from './reportedDone.ts'

/** The text cut to a window around the first part found, the ranges moved with it. */
export function snippet(text: string, ranges: readonly TextRange[], length = searchSnippetLength): Pick<NetworkSearchHit, 'text' | 'ranges' | 'cutBefore' | 'cutAfter'> {
  const first = ranges[0]?.[0] ?? 0
  const start = text.length > length && first > length / 3 ? first - 40 : 0
  const end = Math.min(text.length, start + length)
  const inside = ranges.filter(([from, to]) => to > start && from < end).map(([from, to]): [number, number] => [Math.max(from, start) - start, Math.min(to, end) - start])
  return { text: text.slice(start, end), ranges: inside, cutBefore: start > 0, cutAfter: end < text.length }
}

/**
 * The board's results for `query`, in its reading order: the first `max`, and how many there are.
 * `consent`: the board's `facilitation/consent`, without which every Fallkonferenz's case is held.
 * `internal`: the board is filed internal, the coordination's whole (its Beteiligtenanalyse found too).
 */
export function searchHits(
  records: Iterable<unknown>,
  comments: ReadonlyMap<string, Comment>,
  query: string,
  { max = maxSearchHitsPerBoard, consent, internal = false, release }: { max?: number; consent?: unknown; internal?: boolean; release?: unknown } = {},
): { total: number; hits: NetworkSearchHit[] } {
  // A case board is found by nobody (`caseBoardHold.ts`): its link reaches more than the Stellen at the table.
  const all = [...records]
  if (holdsCase(all)) return { total: 0, hits: [] }
  // Nor is a Beteiligtenanalyse inserted into an ordinary board: the coordination's own (`internalParts.ts`).
  const read = internal ? { records: all, comments } : withoutInternalParts(all, comments)
  // A released board's search is a Weitergabe too: what a template has not released itself (an Anlass not spruchreif) stays back.
  const passedOn = readRelease(release).released ? release : undefined
  const found = searchBoard(outsideTheBoard(read.records, read.comments, consent, passedOn), query)
  const hits = found.slice(0, max).map(({ item, ranges }): NetworkSearchHit => ({
    key: item.key,
    kind: item.kind,
    ...snippet(item.text, ranges),
    pageId: item.pageId,
    pageName: item.pageName,
    ...(item.shapeId ? { shapeId: item.shapeId } : {}),
    ...(item.point ? { point: item.point } : {}),
    where: item.where,
    ...(item.author !== undefined ? { author: item.author } : {}),
  }))
  return { total: found.length, hits }
}

/**
 * The board's texts as a search from outside it may find them (the network's search): without
 * what a template's gate holds back from every export (a case before consent, a name in it), its
 * title as the gate gives it, and no comment while a gate holds them. Search on the board finds all.
 */
function outsideTheBoard(records: Iterable<unknown>, comments: ReadonlyMap<string, Comment>, consent: unknown, release: unknown): SearchItem[] {
  const all = [...records]
  const { heldBack, isHeld, commentsHeld, shownComments } = heldBackReading(all, consent, release)
  const titles = new Map(heldBack.filter((h) => h.gate.title).map((h) => [h.instance.title.id as string, h.title]))
  const renamed = new Map(heldBack.filter((h) => h.gate.title).map((h) => [shapeText(h.instance.title)?.trim() ?? '', h.title]))
  return boardTexts(all, commentsHeld ? new Map() : shownComments(comments)).flatMap((item): SearchItem[] => {
    if (item.kind !== 'comment' && item.shapeId && isHeld(item.shapeId)) return []
    const where = item.where.length > 0 && renamed.has(item.where[0]) ? [renamed.get(item.where[0])!, ...item.where.slice(1)] : item.where
    const title = titles.get(item.key)
    return [title ? { ...item, text: title, folded: foldText(title), where } : { ...item, where }]
  })
}

export { dueDay }

/** Open items due within `dueSoonDays` of `today`, and those overdue, soonest first. */
export function dueItems(board: { id: string; title: string }, records: readonly unknown[], today: string): DueItem[] {
  return dueAndDone(board, records, today).due.filter((item) => !item.closed)
}

/**
 * The board's due items, and its done ones whatever their date (`closed`: they close their copies
 * on the other boards in `dueOnce`), and what its Statusberichte report done.
 */
export function dueAndDone(board: { id: string; title: string }, records: readonly unknown[], today: string): { due: DueItem[]; reportedDone?: ReportedDone[] } {
  // A case's ways forward stay on its board (`caseBoards.ts`); the coordination's own instruments too (`internalParts.ts`).
  const read = withoutInternalParts(records).records
  const report = workshopReport(forNetwork(exportBoard(board, read)), read, today)
  const { closedItems = [], reportedDone } = closedTasks(report.templates)
  const due: DueItem[] = []
  for (const item of [...report.openItems, ...closedItems]) {
    const when = item.when.join(', ')
    const day = dueDay(when, today) ?? ''
    const left = day ? daysBetween(today, day) : Infinity
    const closed = item.closed !== undefined
    if (!closed && left > dueSoonDays) continue
    due.push({ what: item.what.join(', '), who: item.who.join(', '), when, day, overdue: left < 0, ...(item.ref ? { ref: item.ref } : {}), ...(item.carried ? { carried: item.carried } : {}), ...(closed ? { closed } : {}) })
  }
  due.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
  return { due, ...(reportedDone ? { reportedDone } : {}) }
}

/**
 * What changed on the board since `seen` (a state vector this device kept from the Fahrplan):
 * Zettel and comments written since, a release since `since`, and open items due. Without `seen`
 * nothing counts as new: the board is remembered from now on.
 */
export function boardSince(
  doc: Y.Doc,
  board: { id: string; title: string },
  read: { records: readonly unknown[]; release: unknown; consent?: unknown },
  seen: string | undefined,
  since: number | null,
  today: string,
): BoardSince {
  let notes = 0
  let comments = 0
  if (seen !== undefined) {
    let vector: Map<number, number> | null = null
    try {
      vector = Y.decodeStateVector(fromBase64(seen))
    } catch {
      // Not a state vector: nothing to compare with.
    }
    if (vector) {
      const changes = changesSince(doc, Y.encodeSnapshot(Y.createSnapshot(Y.createDeleteSet(), vector)))
      if (changes.comparable) {
        notes = changes.shapes.filter((shape) => shape.kind === 'new' && shape.note).length
        comments = changes.comments.filter((comment) => comment.kind === 'new').length
      }
    }
  }
  const release = readRelease(read.release)
  const released = release.released && release.day && since !== null && (release.at ?? 0) > since ? release.day : null
  return {
    boardId: board.id,
    // The Fahrplan and the digest mail name the board: a case board's title as it may leave it (`caseBoardHold.ts`).
    title: heldBackReading(read.records, read.consent).boardTitle(board.title),
    seen: toBase64(Y.encodeStateVector(doc)),
    firstSeen: seen === undefined,
    notes,
    comments,
    released,
    ...dueAndDone(board, read.records, today),
  }
}

/**
 * The boards' due items with each carried item once, as the pack lists it (`carriedItems.ts`): an
 * action carried from the Zukunftskonferenz into the Zielsystem is due where it was carried last,
 * not on both boards. The Zettel references are dropped: the browser needs none.
 */
export function dueOnce(boards: readonly BoardSince[]): BoardSince[] {
  const lists = boards.map((b) => ({
    board: b.boardId,
    items: b.due.map((due) => ({ what: [due.what], who: [due.who], when: [due.when], ref: due.ref, carried: due.carried, ...(due.closed ? { closed: 'done' } : {}), due })),
    reportedDone: b.reportedDone,
  }))
  // Done on any copy, or reported done by a Statusbericht: not due anywhere.
  const kept = new Set(itemsOnce(lists).open.map((item) => item.due))
  return boards.map(({ reportedDone: _reported, ...b }) => ({ ...b, due: b.due.filter((due) => kept.has(due)).map(({ ref: _ref, carried: _carried, closed: _closed, ...due }) => due) }))
}

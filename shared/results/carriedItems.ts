/**
 * A carried item is one item wherever it is. An action planned at the Zukunftskonferenz and
 * carried into the Zielsystem (on the same board or another board of the network) is one open
 * item in the Dokumentation and the pack, not two with two dates: it is listed where it was
 * carried last (where the work on it goes on), with where it came from („aus: …, 12.03.2025“).
 *
 * Who and by when, when copy and source disagree: the copy's own word counts where someone changed
 * it there since the carry (its Zettel no longer says what the source said then); otherwise the
 * source's word now, which is the same or newer than what was carried. Without timestamps on
 * Zettel, "changed since the carry" is the only later-than that both sides can tell.
 */
import type { Locale } from '../locale.ts'
import { formatDate } from '../dates.ts'
import type { OpenItem } from '../templates/definition.ts'

/** The open items of one board, with the board's id (carries name their source board by it). */
export interface BoardItems<T extends OpenItem> {
  board: string
  items: readonly T[]
}

const noteKey = (board: string, instance: string, note: string) => `${board}\u0000${instance}\u0000${note}`

interface Entry<T> {
  item: T
  board: string
  at: number
  parent?: Entry<T>
}

/**
 * The items of these boards, in their order, each carried item merged with its source (and its
 * source's source): one item per thing to do. Items carried from elsewhere keep `carried`, for
 * the origin line; the refs by which they were matched are dropped.
 */
export function oneItemEach<T extends OpenItem>(boards: ReadonlyArray<BoardItems<T>>): Array<Omit<T, 'ref'>> {
  const entries: Entry<T>[] = []
  for (const { board, items } of boards) for (const item of items) entries.push({ item, board, at: entries.length })
  const byNote = new Map<string, Entry<T>>()
  for (const entry of entries) for (const note of entry.item.ref?.notes ?? []) byNote.set(noteKey(entry.board, entry.item.ref!.instance, note), entry)
  for (const entry of entries) {
    const from = entry.item.carried
    if (!from) continue
    const source = byNote.get(noteKey(from.board ?? entry.board, from.instance, from.note))
    if (source && source !== entry) entry.parent = source
  }
  // Copies that name each other (carried back and forth): the first listed of the loop is its source.
  for (const entry of entries) {
    const walk: Entry<T>[] = []
    const seen = new Set<Entry<T>>()
    for (let e: Entry<T> | undefined = entry; e; e = e.parent) {
      if (seen.has(e)) {
        walk.slice(walk.indexOf(e)).reduce((a, b) => (b.at < a.at ? b : a)).parent = undefined
        break
      }
      seen.add(e)
      walk.push(e)
    }
  }
  // Each chain up to its first item.
  const chain = (entry: Entry<T>) => {
    const seen: Entry<T>[] = [entry]
    for (let up = entry.parent; up && !seen.includes(up); up = up.parent) seen.push(up)
    return seen
  }
  const groups = new Map<Entry<T>, Entry<T>[][]>()
  for (const entry of entries) {
    if (!entry.parent) continue
    const line = chain(entry)
    const root = line[line.length - 1]
    groups.set(root, [...(groups.get(root) ?? []), line])
  }
  const out: Array<{ at: number; item: Omit<T, 'ref'> }> = []
  const dropped = new Set<Entry<T>>()
  for (const [root, lines] of groups) {
    // The copy carried furthest lives on; a tie (carried to two places) goes to the first listed.
    const line = lines.reduce((best, l) => (l.length > best.length || (l.length === best.length && l[0].at < best[0].at) ? l : best))
    for (const l of lines) for (const e of l) dropped.add(e)
    out.push({ at: line[0].at, item: merged(line) })
    // A source item of several Zettel keeps those nobody carried.
    const rest = leftOver(root.item, lines)
    if (rest) out.push({ at: root.at, item: withoutRef(rest) })
  }
  for (const entry of entries) if (!dropped.has(entry)) out.push({ at: entry.at, item: withoutRef(entry.item) })
  return out.sort((a, b) => a.at - b.at).map((o) => o.item)
}

function withoutRef<T extends OpenItem>(item: T): Omit<T, 'ref'> {
  const { ref: _ref, ...rest } = item
  return rest
}

/** The copy's item, with who and by when by the rule above (`line`: the copy first, its first source last). */
function merged<T extends OpenItem>(line: readonly Entry<T>[]): Omit<T, 'ref'> {
  const [copy] = line
  const source = line[line.length - 1].item
  const word = (part: 'who' | 'when') => {
    const changed = line.find((e) => e.item.carried?.changed[part])
    if (changed) return changed.item[part]
    return source[part].length > 0 ? source[part] : copy.item[part]
  }
  // The origin named is where it came from first, with that source's day.
  const first = line.length > 1 ? line[line.length - 2].item.carried : copy.item.carried
  // Done on either side is done: the copy and its source are one item (`itemLifeCycle.ts`).
  const closer = line.find((e) => e.item.closed !== undefined)?.item
  const closed = closer?.closed
  // What the pack remembers an item by (`key`, where given) is its first source's: a later carry keeps it.
  const key = (source as { key?: unknown }).key
  return withoutRef({ ...copy.item, who: word('who'), when: word('when'), ...(first ? { carried: first } : {}), ...(closed !== undefined ? { closed, dropped: closer?.dropped } : {}), ...(key !== undefined ? { key } : {}) })
}

/** What of a source item of several Zettel nobody carried, or nothing when all of them were. */
function leftOver<T extends OpenItem>(item: T, lines: readonly (readonly Entry<T>[])[]): T | undefined {
  const notes = item.ref?.notes ?? []
  if (notes.length < 2) return undefined
  const carried = new Set(lines.map((l) => l[l.length - 2]?.item.carried?.note).filter(Boolean))
  const label = item.what.length - notes.length
  const kept = notes.flatMap((note, i) => (carried.has(note) ? [] : [{ note, text: item.what[label + i] }]))
  if (kept.length === 0) return undefined
  return { ...item, what: [...item.what.slice(0, label), ...kept.map((k) => k.text)], ref: { instance: item.ref!.instance, notes: kept.map((k) => k.note) } }
}

/** The one wording of a provenance, wherever it is shown (the canvas, the Dokumentation, the pack, the Herkunft). */
export const originWords = { from: { de: 'aus', en: 'from' }, by: { de: 'von {name}', en: 'by {name}' } }

type Origin = { boardTitle?: string; title?: string; day?: string; writer?: string }

/** „von Anna“: who wrote a carried Zettel, as its source board recorded her. */
export const writtenBy = (writer: string, locale: Locale): string => originWords.by[locale].replace('{name}', writer)

/** „aus: Zukunftskonferenz März“, „12.03.2025“ and „von Anna“, for a label that sets them on lines of their own. */
export function originParts(origin: Origin, locale: Locale): { where: string; day?: string; by?: string } | undefined {
  const name = origin.boardTitle || origin.title
  if (!name && !origin.day) return undefined
  return {
    where: name ? `${originWords.from[locale]}: ${name}` : `${originWords.from[locale]}:`,
    ...(origin.day ? { day: formatDate(origin.day, locale) } : {}),
    ...(origin.writer ? { by: writtenBy(origin.writer, locale) } : {}),
  }
}

/** „aus: Zukunftskonferenz März, 12.03.2025 · von Anna“: where a carried item or Zettel came from, its day, and who wrote it. */
export function originLine(origin: Origin, locale: Locale): string | undefined {
  const parts = originParts(origin, locale)
  if (!parts) return undefined
  const where = parts.day ? `${parts.where}${parts.where.endsWith(':') ? ' ' : ', '}${parts.day}` : parts.where
  return parts.by ? `${where} · ${parts.by}` : where
}

/** The item with its origin after its source, as the documents list it. */
export function withOrigin<T extends OpenItem & { source: string }>(item: T, locale: Locale): T {
  const line = item.carried && originLine(item.carried, locale)
  return line ? { ...item, source: `${item.source} (${line})` } : item
}

/**
 * The meeting's header as the record carries it (Dokumentation, pack): what the facilitator
 * saved with „Kopf übernehmen“ (`facilitation/meeting`) wins field by field; a field left blank
 * there is read from what the board holds, so that a release without the click still names its
 * meeting (issue 62). The board holds the day: a Protokoll's own date, else the Zettel in its
 * „Datum“ cell. Place and moderation are written nowhere else on the board. Pure.
 */
import { readMeeting, type MeetingHeader } from '../board/entries/meeting.ts'
import { templateViews, type NotePlace } from './export.ts'

/** A date as written on a Zettel (24.11.2026, 24.11.26, 2026-11-24), as `YYYY-MM-DD`; null when none is. */
export function writtenDay(text: string | undefined): string | null {
  if (!text) return null
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text)
  if (iso) return `${iso[1]}-${iso[2].padStart(2, '0')}-${iso[3].padStart(2, '0')}`
  const de = /(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2,4})/.exec(text)
  if (!de) return null
  const year = de[3].length === 2 ? `20${de[3]}` : de[3]
  return `${year}-${de[2].padStart(2, '0')}-${de[1].padStart(2, '0')}`
}

const isDay = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)

/**
 * The day the board's Protokolle name: each Protokoll's own date, else its „Datum“ Zettel; of
 * several, the newest (a board continued from an earlier meeting keeps that one's Protokoll).
 */
export function protokollDay(records: Iterable<unknown>, places: ReadonlyMap<string, NotePlace>, consent?: unknown): string {
  const days = new Map<string, string>()
  for (const { instance } of templateViews(records, consent)) {
    const date = (instance.options as { date?: unknown } | undefined)?.date
    if (instance.template === 'protokoll' && isDay(date)) days.set(instance.instance, date)
  }
  for (const place of places.values()) {
    if (place.held || place.template?.name !== 'protokoll' || place.cell?.section !== 'sitzung' || place.cell.col !== 'datum') continue
    const day = writtenDay(place.text)
    if (day && !days.has(place.template.instance)) days.set(place.template.instance, day)
  }
  return [...days.values()].reduce((newest, day) => (day > newest ? day : newest), '')
}

/** The header the record carries: the saved entry's fields, the board's day where none was saved. */
export function meetingHead(entry: unknown, records: Iterable<unknown>, places: ReadonlyMap<string, NotePlace>, consent?: unknown): MeetingHeader {
  const saved = readMeeting(entry)
  return saved.date ? saved : { ...saved, date: protokollDay(records, places, consent) }
}

/**
 * The meeting's header as the record carries it (Dokumentation, pack): what the facilitator
 * saved with „Kopf übernehmen“ (`facilitation/meeting`) wins field by field; a field left blank
 * there is read from what the board holds, so that a release without the click still names its
 * meeting (issue 62). The board holds the day (a Protokoll's or a Steuerungsgruppe's own date,
 * else the Zettel in a Protokoll's „Datum“ cell) and who chaired (the Steuerungsgruppe's
 * „Sitzungsleitung“). The place is written nowhere else on the board. Pure.
 */
import { readMeeting, type MeetingHeader } from '../board/entries/meeting.ts'
import { steuerungsgruppeCells } from '../templates/steuerungsgruppe.ts'
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

/** The templates that record a meeting, each dated by its own options. */
const meetingTemplates: readonly string[] = ['protokoll', 'steuerungsgruppe']

/**
 * The day the board's meeting templates name: each one's own date, else a Protokoll's „Datum“
 * Zettel; of several, the newest (a board continued from an earlier meeting keeps that one's).
 */
export function meetingDay(records: Iterable<unknown>, places: ReadonlyMap<string, NotePlace>, consent?: unknown): string {
  const days = new Map<string, string>()
  for (const { instance } of templateViews(records, consent)) {
    const date = (instance.options as { date?: unknown } | undefined)?.date
    if (meetingTemplates.includes(instance.template) && isDay(date)) days.set(instance.instance, date)
  }
  for (const place of places.values()) {
    if (place.held || place.template?.name !== 'protokoll' || place.cell?.section !== 'sitzung' || place.cell.col !== 'datum') continue
    const day = writtenDay(place.text)
    if (day && !days.has(place.template.instance)) days.set(place.template.instance, day)
  }
  return [...days.values()].reduce((newest, day) => (day > newest ? day : newest), '')
}

const { sitzung } = steuerungsgruppeCells

/** Who chaired, as the Steuerungsgruppe's „Sitzungsleitung“ names them; '' when nobody wrote it. */
export function chairOf(places: ReadonlyMap<string, NotePlace>): string {
  const names: string[] = []
  for (const place of places.values()) {
    if (place.held || place.template?.name !== 'steuerungsgruppe' || place.cell?.section !== sitzung.section || place.cell.col !== sitzung.col.leitung) continue
    const name = place.text.replace(/\s+/g, ' ').trim()
    if (name && !names.includes(name)) names.push(name)
  }
  return names.join(', ')
}

/** The header the record carries: the saved entry's fields, what the board holds where a field was not saved. */
export function meetingHead(entry: unknown, records: Iterable<unknown>, places: ReadonlyMap<string, NotePlace>, consent?: unknown): MeetingHeader {
  const saved = readMeeting(entry)
  return {
    date: saved.date || meetingDay(records, places, consent),
    place: saved.place,
    moderation: saved.moderation || chairOf(places),
  }
}

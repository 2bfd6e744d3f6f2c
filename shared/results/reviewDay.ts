/**
 * The day a network agreed to review its rules, as written on a Netzwerkregeln (H 4.3.9, H 6.2.3):
 * the „Nächste Überprüfung“ of its Beschluss (of several dates there, the latest: a new one is
 * written after each review), else the earliest „Überprüfung am“ of its rules. The Fahrplan asks
 * for the rules again once that day has come (`client/network/revisit.ts`).
 */
import type { InstanceView } from '../templates/definition.ts'
import { netzwerkregelnCells } from '../templates/netzwerkregelnCells.ts'
import { writtenDate } from './writtenDate.ts'

const months: Record<string, number> = {
  jan: 1, januar: 1, january: 1, feb: 2, februar: 2, february: 2, mär: 3, märz: 3, maerz: 3, mar: 3, march: 3, apr: 4, april: 4,
  mai: 5, may: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  okt: 10, oktober: 10, oct: 10, october: 10, nov: 11, november: 11, dez: 12, dezember: 12, dec: 12, december: 12,
}

const day = (year: number, month: number, date: number): string | null =>
  month >= 1 && month <= 12 && date >= 1 && date <= 31 ? `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}` : null

/**
 * A day in a written review date: 1.3.2027, 01.03.27, 2027-03-01; a month alone (03/2027, 3.2027,
 * „März 2027“) stands for its first day. A date without a year says too little and is not read.
 */
export function reviewDayIn(text: string): string | null {
  const written = writtenDate(text, { yearNeeded: true })
  if (written) return day(Number(written.year), written.month, written.day)
  const monthOnly = /(?<![\d.])(\d{1,2})\s*[./]\s*(\d{4})(?!\d)/.exec(text)
  if (monthOnly) return day(Number(monthOnly[2]), Number(monthOnly[1]), 1)
  const named = /([A-Za-zÄÖÜäöü]+)\.?\s+(\d{4})(?!\d)/.exec(text)
  const month = named && months[named[1].toLowerCase()]
  return month ? day(Number(named![2]), month, 1) : null
}

/** The Netzwerkregeln' review day (YYYY-MM-DD), if one is written; undefined for any other template. */
export function reviewDayOf(view: InstanceView): string | undefined {
  if (view.instance.template !== 'netzwerkregeln') return undefined
  const { beschluss, regeln } = netzwerkregelnCells
  const daysIn = (section: string, col: string) =>
    view.cells
      .filter((cell) => cell.ref.section === section && cell.ref.col === col)
      .flatMap((cell) => cell.notes.map(reviewDayIn))
      .filter((d): d is string => d !== null)
      .sort()
  const agreed = daysIn(beschluss.section, beschluss.col.naechste)
  if (agreed.length > 0) return agreed.at(-1)
  return daysIn(regeln.section, regeln.col.ueberpruefung)[0]
}

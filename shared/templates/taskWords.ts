/**
 * What a task's Zettel say beyond "done" (issue 61): a task can be dropped („entfällt“, „hat sich
 * erledigt“), put off to a new date („bis 15.3. verlängert“), half done („fertig bis auf …“) or
 * handed to someone else („abgegeben an …“). Only a plain done closes a task as done; a dropped
 * one closes too, and is listed apart; the rest leave it open, with the new date or owner as its
 * Bis-wann or Wer. And „Wer und bis wann?“ in one cell (the Protokoll's) holds both: its date is
 * read as the Bis-wann.
 */
import { saysDone } from './answers.ts'

const word = (words: readonly string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'iu')

/** A task that is no longer to be done: closed, but not done. */
const droppedWords = word([
  'entf(?:ä|ae)llt', 'entfallen', 'gestrichen', 'streichen', 'hat sich erledigt', 'erledigt sich', 'hat sich erübrigt', 'erübrigt sich', 'erübrigt', 'obsolet',
  'nicht mehr nötig', 'nicht mehr notwendig', 'nicht mehr erforderlich', 'wird nicht mehr gebraucht', 'fällt weg', 'abgesagt',
  'dropped', 'cancell?ed', 'no longer needed', 'not needed any more', 'obsolete', 'scrapped',
])

/** A new date, not a done one: the task goes on until then. */
const newDateWords = word([
  'verl(?:ä|ae)ngert', 'verschoben', 'vertagt', 'neu', 'neuer termin', 'neue frist', 'neues datum', 'aufgeschoben',
  'extended', 'postponed', 'rescheduled', 'moved', 'new date', 'new deadline',
])

/** Done but for something: not done. */
const allButWords = word(['bis auf', 'außer', 'ausser', 'abgesehen von', 'except', 'but for', 'apart from', 'all but'])

/** Handed over: the one it was handed to is the new Wer (what follows the marker, or stands between „an“ and it). */
const handedAfter = /(?<![\p{L}\p{N}])(?:(?:ab|über|weiter)gegeben|übergeben|handed (?:over )?to|passed (?:on )?to|reassigned to)\s+(?:an\s+)?(.+)$/iu
const handedBefore = /(?<![\p{L}\p{N}])an\s+(.+?)\s+(?:ab|weiter)?(?:gegeben|übergeben)(?![\p{L}\p{N}])/iu
const handedTakes = /^(.+?)\s+übernimmt(?![\p{L}\p{N}])/iu

/** A day as people write it in a task's date: 24.11.2026, 24.11.26, 24.11., 2026-11-24. */
const dayPattern = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\s*\d{1,2}\.(?:\s*(?:\d{4}|\d{2})(?!\d))?/u

/** What a Zettel in a done column says of its task. */
export type DoneReading =
  | { state: 'done' }
  | { state: 'dropped' }
  /** Not closed; `when`: a new Bis-wann it names, `who`: the one it was handed to. */
  | { state: 'open'; when?: string; who?: string }

export function readDone(text: string): DoneReading {
  if (droppedWords.test(text)) return { state: 'dropped' }
  const handed = handedAfter.exec(text) ?? handedBefore.exec(text) ?? handedTakes.exec(text)
  const who = handed ? handed[1].replace(/^(?:an|to)\s+/iu, '').replace(/[\s,;:!]+$/u, '').trim() : undefined
  const rescheduled = newDateWords.test(text)
  const day = dayPattern.exec(text)?.[0]
  if (handed || rescheduled || allButWords.test(text)) {
    return { state: 'open', ...(rescheduled && day ? { when: day } : {}), ...(who ? { who } : {}) }
  }
  return saysDone(text) ? { state: 'done' } : { state: 'open' }
}

/**
 * A „Wer und bis wann?“ Zettel split in two: its date (with a „bis“ before it) is the Bis-wann,
 * the rest the Wer. „Frau K., 15.1.“ → „Frau K.“ and „15.1.“; no date: all of it is the Wer.
 */
export function splitWhoWhen(text: string): { who: string; when: string } {
  const found = new RegExp(`(?:(?<![\\p{L}\\p{N}])(?:bis(?:\\s+zum)?|by|until)\\s+)?(${dayPattern.source})`, 'iu').exec(text)
  if (!found) return { who: text.trim(), when: '' }
  const who = `${text.slice(0, found.index)} ${text.slice(found.index + found[0].length)}`
    .replace(/\s+/gu, ' ')
    .replace(/^[\s,;:–—-]+|[\s,;:(–—-]+$/gu, '')
    .replace(/\(\s*\)/gu, '')
    .trim()
  return { who, when: found[1] }
}

/**
 * A Fallkonferenz speaks of its person by a generated pseudonym („FK-2026-11-25-1“: the day and a
 * running number) and never by a name. What looks like a name where the pseudonym or the case is
 * typed („Frau Yilmaz“, „Ayşe Yilmaz“, a name on the partner or people list) is warned about and
 * held back from every output: a person is recognised by less than a full name, so the rules
 * err towards holding back.
 */
import { localDay } from '../dates.ts'

/** Why an entry reads as a name: a form of address, two capitalised words, a name the board knows. */
export type NameLike = 'address' | 'twoWords' | 'known'

/** Names the board or its network knows: organisations (partner list) and people (people list, Anwesende). */
export interface KnownNames {
  partners?: readonly string[]
  people?: readonly string[]
}

const letter = '\\p{L}'
// „Frau Y.“, „Herrn Yilmaz“, „Fam. Kern“, „Mrs Smith“: a form of address before a capitalised word.
const address = new RegExp(`(?<!${letter})(?:frau|herrn?|hr\\.|fr\\.|fam\\.|familie|mr\\.?|mrs\\.?|ms\\.?|miss|mister)\\s+\\p{Lu}`, 'iu')
const capitalised = /^\p{Lu}[\p{Ll}'’-]*\p{Ll}[\p{L}'’-]*$/u

/**
 * Capitalised words that are German nouns rather than names, by their ending or as they are: in
 * case text every noun is capitalised, so two of them side by side („Jobcenter Leistungen“) say
 * nothing about a person. A pseudonym has no such excuse beyond its own words („Fall Nord“).
 */
const nounEndings = [
  'ung', 'ungen', 'heit', 'keit', 'schaft', 'amt', 'ämter', 'stelle', 'stellen', 'center', 'zentrum', 'dienst', 'dienste', 'hilfe', 'hilfen',
  'platz', 'plätze', 'ion', 'ionen', 'tät', 'nis', 'geld', 'recht', 'schule', 'arbeit', 'verlust', 'kosten', 'miete', 'schulden', 'antrag',
  'kind', 'kinder', 'eltern', 'mutter', 'vater', 'familie', 'wohnung', 'job', 'jobs', 'kita', 'termin', 'termine', 'gericht', 'behörde',
  'büro', 'verein', 'träger', 'ärztin', 'arzt', 'frist', 'fristen', 'bescheid', 'leistung', 'leistungen', 'lage', 'problem', 'probleme', 'plan',
  'konferenz', 'gespräch', 'sucht', 'schwester', 'bruder', 'tochter', 'sohn', 'partner', 'partnerin', 'kollegin', 'kollege', 'nachbarin',
  'ausbildung', 'abend', 'morgen', 'woche', 'monat', 'jahr', 'jahre', 'ort', 'stadt', 'kreis', 'land', 'bund', 'fall', 'fälle',
]
const nounWords = new Set([
  'fall', 'case', 'fk', 'fallkonferenz', 'kita', 'schule', 'jugendamt', 'jobcenter', 'sozialamt', 'wohngeld', 'bürgergeld', 'elterngeld',
  'kindergeld', 'unterhalt', 'schuldnerberatung', 'beratung', 'alleinerziehende', 'alleinerziehender', 'die', 'der', 'das', 'ein', 'eine',
  'bisher', 'seit', 'nach', 'vor', 'mit', 'ohne', 'und', 'oder', 'aber', 'auch', 'sie', 'er', 'es', 'wir', 'ihr', 'mutter', 'vater',
  'the', 'and', 'mother', 'father', 'child', 'nord', 'süd', 'ost', 'west', 'mitte', 'montag', 'dienstag', 'mittwoch', 'donnerstag',
  'freitag', 'samstag', 'sonntag', 'januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober',
  'november', 'dezember',
])
const isNoun = (word: string) => {
  const lower = word.toLocaleLowerCase('de')
  return nounWords.has(lower) || nounEndings.some((ending) => lower.endsWith(ending))
}

const words = (text: string) => text.split(/[\s,;:()/„“"»«]+/u).map((w) => w.replace(/[.!?]+$/u, '')).filter(Boolean)

/** Two capitalised words side by side that are not both nouns: „Ayşe Yilmaz“, „Anna-Lena Kern“. */
function twoCapitalised(text: string): boolean {
  const list = words(text)
  for (let i = 0; i + 1 < list.length; i++) {
    const [a, b] = [list[i], list[i + 1]]
    if (capitalised.test(a) && capitalised.test(b) && !isNoun(a) && !isNoun(b)) return true
  }
  return false
}

const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase('de')
/** A known name standing in the text as a word of its own (or words), whatever the case. */
function mentions(text: string, name: string): boolean {
  const wanted = fold(name.trim())
  // One or two letters match too much („AB“ in every abbreviation).
  if (wanted.length < 3) return false
  return wordPattern(wanted, 'u').test(fold(text))
}

/** A name as a word of its own (or words) in a text. */
function wordPattern(name: string, flags: string): RegExp {
  const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, flags)
}

/** Every person's name, and its parts of 3 letters or more: „Ayşe Yilmaz“ is found as „Yilmaz“ too. */
const nameParts = (people: readonly string[]) => people.flatMap((name) => [name, ...name.split(/\s+/).filter((part) => part.length >= 3 && !isNoun(part))])

/**
 * Whether a pseudonym or a case text reads as a name, and why; undefined where it does not.
 * `where`: a pseudonym is checked against the partner list too (an organisation is no pseudonym),
 * case text only against people (the case names the Stellen involved, and it may).
 */
export function nameLike(text: string, known: KnownNames = {}, where: 'pseudonym' | 'case' = 'case'): NameLike | undefined {
  const entry = text.trim()
  if (!entry || isGeneratedPseudonym(entry)) return undefined
  if (address.test(entry)) return 'address'
  const listed = [...nameParts(known.people ?? []), ...(where === 'pseudonym' ? (known.partners ?? []) : [])]
  if (listed.some((name) => mentions(entry, name))) return 'known'
  // A partner organisation named in the case („Diakonie Görlitz“) is no person's name.
  const withoutPartners = where === 'case' ? (known.partners ?? []).reduce((text, name) => (mentions(text, name) ? text.replace(wordPattern(name, 'giu'), ' , ') : text), entry) : entry
  if (twoCapitalised(withoutPartners)) return 'twoWords'
  return undefined
}

const generated = /^FK-(\d{4}-\d{2}-\d{2})-(\d{1,3})$/

/** A pseudonym as the app makes it: „FK-2026-11-25-1“. */
export const isGeneratedPseudonym = (text: string): boolean => generated.test(text.trim())

/**
 * The pseudonym for the next Fallkonferenz on `day` (today when none): the day and the next
 * running number after those taken that day (the board's, or the network's when it is in one).
 * `taken` may hold pseudonyms or just the days of other Fallkonferenzen.
 */
export function nextPseudonym(day: string, taken: Iterable<string> = [], today: () => Date = () => new Date()): string {
  const date = day || localDay(today())
  let highest = 0
  let sameDay = 0
  for (const other of taken) {
    const match = generated.exec(other.trim())
    if (match) {
      if (match[1] !== date) continue
      highest = Math.max(highest, Number(match[2]))
      sameDay++
    } else if (other.trim() === date) sameDay++
  }
  // Past the highest number and past the count of that day's conferences: a network's other boards are known by their day alone.
  return `FK-${date}-${Math.max(highest, sameDay) + 1}`
}

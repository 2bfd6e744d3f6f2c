/**
 * A Fallkonferenz speaks of its person by a generated pseudonym („FK-2026-11-25-1“: the day and a
 * running number) and never by a name. What looks like a name where the pseudonym or the case is
 * typed („Frau Yilmaz“, „Ayşe Yilmaz“, a name on the partner or people list) is warned about and
 * held back from every output: a person is recognised by less than a full name, so the rules
 * err towards holding back.
 */
import { localDay } from '../dates.ts'
import { directIdentifier } from './caseIdentifiers.ts'
import { firstNames } from './firstNames.ts'

/**
 * Why an entry reads as a name: a form of address, two capitalised words, a name the board knows,
 * initials with or without a surname („M. Yilmaz“, „S.K.“), a word in capitals („YILMAZ“), a name
 * after a word that introduces one („Fall Kowalski“, „Tochter Lena“), a common first name alone
 * („Was braucht Sabine?“, `firstNames.ts`), or a direct identifier that is no name at all
 * (`caseIdentifiers.ts`).
 */
export type NameLike = 'address' | 'twoWords' | 'known' | 'initials' | 'capitals' | 'introduced' | 'firstName' | 'identifier'

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
  'kindern', 'bedarf', 'grad', 'zuschlag', 'vorschuss', 'beistand', 'bericht', 'unterlagen', 'klage', 'verfahren',
]
const nounWords = new Set([
  'fall', 'case', 'fk', 'fallkonferenz', 'kita', 'schule', 'jugendamt', 'jobcenter', 'sozialamt', 'wohngeld', 'bürgergeld', 'elterngeld',
  'kindergeld', 'unterhalt', 'schuldnerberatung', 'beratung', 'alleinerziehende', 'alleinerziehender', 'die', 'der', 'das', 'ein', 'eine',
  'bisher', 'seit', 'nach', 'vor', 'mit', 'ohne', 'und', 'oder', 'aber', 'auch', 'sie', 'er', 'es', 'wir', 'ihr', 'mutter', 'vater',
  'the', 'and', 'mother', 'father', 'child', 'nord', 'süd', 'ost', 'west', 'mitte', 'montag', 'dienstag', 'mittwoch', 'donnerstag',
  'freitag', 'samstag', 'sonntag', 'januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober',
  'november', 'dezember', 'uhr', 'euro', 'raum', 'vermieter', 'vermieterin', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn',
])
const isNoun = (word: string) => {
  const lower = word.toLocaleLowerCase('de')
  return nounWords.has(lower) || nounEndings.some((ending) => lower.endsWith(ending))
}

/**
 * Abbreviations and shouted words a case holds in capitals; any other word of four letters or
 * more in capitals is read as a name („ÖZTÜRK“, „MÜLLER, ANNA“): case files write surnames so.
 */
const capitalWords = new Set([
  'spdi', 'spfh', 'bamf', 'kjhg', 'sgbii', 'hartz', 'bafög', 'gmbh', 'ggmbh', 'wichtig', 'dringend', 'achtung', 'info', 'hinweis',
  'eilt', 'offen', 'erledigt', 'todo', 'nein', 'nicht', 'kein', 'keine', 'frist', 'stand', 'update', 'notiz', 'neu', 'alle', 'noch',
  'unbedingt', 'heute', 'morgen', 'sofort', 'nachtrag', 'stop', 'stopp', 'vorsicht', 'anonym',
])
const roman = /^[IVXLC]+$/u
const inCapitals = /^\p{Lu}[\p{Lu}'’-]*\p{Lu}$/u
const shouted = (word: string) => {
  const lower = word.toLocaleLowerCase('de')
  return inCapitals.test(word) && !roman.test(word) && word.replace(/[^\p{L}]/gu, '').length >= 4 && !capitalWords.has(lower) && !isNoun(word)
}

/** Words after which a capitalised word is a name: a case file, a client, a relative („Fall Kowalski“, „Tochter Lena“). */
const introducing = new Set([
  'fall', 'case', 'akte', 'klientin', 'klient', 'kundin', 'kunde', 'tochter', 'sohn', 'kind', 'kinder', 'kindsvater', 'kindesvater',
  'kindsmutter', 'kindesmutter', 'vater', 'mutter', 'ex-partner', 'ex-partnerin', 'expartner', 'partner', 'partnerin', 'lebensgefährte',
  'lebensgefährtin', 'freund', 'freundin', 'oma', 'opa', 'großmutter', 'großvater', 'tante', 'onkel', 'schwester', 'bruder',
  'nachbarin', 'nachbar', 'ehemann', 'ehefrau', 'baby', 'daughter', 'son', 'mother', 'father', 'client', 'file',
])

/** Initials: „S.K.“, „M. Yilmaz“ (an initial before a surname), „Nicole S.“ (a first name before an initial). */
const initialsOnly = /(?<!\p{L})\p{Lu}\.\s?\p{Lu}\.(?!\p{L})/u
const initial = /^\p{Lu}\.$/u

const words = (text: string) => rawWords(text).map((w) => w.replace(/[.!?]+$/u, '')).filter(Boolean)
const rawWords = (text: string) => text.split(/[\s,;:()/„“"»«–]+/u).filter(Boolean)
/** A capitalised word or one in capitals that is not a noun: a name's shape. */
const nameShaped = (word: string) => (capitalised.test(word) || inCapitals.test(word)) && !isNoun(word) && !capitalWords.has(word.toLocaleLowerCase('de'))

/** Initials, with or without a surname beside them. */
function initials(text: string): boolean {
  if (initialsOnly.test(text)) return true
  const list = rawWords(text)
  return list.some((word, i) => initial.test(word) && ((i + 1 < list.length && nameShaped(list[i + 1])) || (i > 0 && nameShaped(list[i - 1]) && capitalised.test(list[i - 1]))))
}

/** A capitalised word after a word that introduces a name. */
function introduced(text: string): boolean {
  const list = words(text)
  return list.some((word, i) => i + 1 < list.length && introducing.has(word.toLocaleLowerCase('de')) && nameShaped(list[i + 1]))
}

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

/**
 * Every person's name, and its parts of 3 letters or more: „Ayşe Yilmaz“ is found as „Yilmaz“ too.
 * A Protokoll's „Anwesende“ lists Stellen as often as people: a lone noun („Jugendamt“) is no name.
 */
const nameParts = (people: readonly string[]) =>
  people.flatMap((name) => [...(isNoun(name.trim()) ? [] : [name]), ...name.split(/\s+/).filter((part) => part.length >= 3 && !isNoun(part))])

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
  if (directIdentifier(entry)) return 'identifier'
  if (initials(withoutPartners)) return 'initials'
  if (introduced(withoutPartners)) return 'introduced'
  if (twoCapitalised(withoutPartners)) return 'twoWords'
  if (words(withoutPartners).some(shouted)) return 'capitals'
  if (words(withoutPartners).some((word) => nameShaped(word) && firstNames.has(word.toLocaleLowerCase('de')))) return 'firstName'
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

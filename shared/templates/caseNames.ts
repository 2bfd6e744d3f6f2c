/**
 * A Fallkonferenz speaks of its person by a generated pseudonym („FK-2026-11-25-1“: the day and a
 * running number) and never by a name. What looks like a name where the pseudonym or the case is
 * typed („Frau Yilmaz“, „Ayşe Yilmaz“, a name on the partner or people list) is warned about and
 * held back from every output: a person is recognised by less than a full name, so the rules
 * err towards holding back.
 */
import { localDay } from '../dates.ts'
import { directIdentifier } from './caseIdentifiers.ts'
import { firstNames, foldName } from './firstNames.ts'

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
 * Stellen a Protokoll's „Anwesende“ lists beside people („Jugendamt“, „ASD“): known by the word
 * or by an ending only a Stelle has. Not by a noun's ending in general: surnames end so too
 * („Jung“, „Hartung“).
 */
const stelleWords = new Set([
  'asd', 'spdi', 'spfh', 'kita', 'krippe', 'hort', 'schule', 'jobcenter', 'jugendamt', 'sozialamt', 'gesundheitsamt', 'wohnungsamt',
  'ausländerbehörde', 'agentur', 'arbeitsagentur', 'familienzentrum', 'familienhilfe', 'schuldnerberatung', 'suchtberatung',
  'erziehungsberatung', 'migrationsberatung', 'beratungsstelle', 'frauenhaus', 'diakonie', 'caritas', 'awo', 'drk', 'paritätischer',
  'polizei', 'familiengericht', 'schulsozialarbeit', 'straßensozialarbeit', 'streetwork', 'koordination', 'moderation', 'protokoll',
  'vhs', 'hebamme', 'kinderarzt', 'kinderärztin', 'wohnungsgesellschaft', 'vermieter', 'steuerungsgruppe', 'netzwerk', 'stadt', 'landkreis',
])
const stelleEndings = ['amt', 'ämter', 'stelle', 'beratung', 'zentrum', 'center', 'dienst', 'hilfe', 'verein', 'büro', 'behörde', 'gericht', 'schule']
const isStelle = (word: string, partners: readonly string[]) => {
  const lower = word.trim().toLocaleLowerCase('de')
  return (
    stelleWords.has(lower) ||
    (nounWords.has(lower) && !surnameWords.has(lower)) ||
    stelleEndings.some((ending) => lower.endsWith(ending)) ||
    partners.some((p) => p.trim().toLocaleLowerCase('de') === lower)
  )
}
/** Words of the noun list that are surnames too: a lone one among those present is a person („Freitag“). */
const surnameWords = new Set(['freitag', 'montag', 'mai', 'august', 'april', 'juni', 'juli', 'west', 'ost', 'nord', 'süd'])
/** Forms of address and titles beside a name: no name of their own, and what makes the entry a person's. */
const addressWords = new Set(['frau', 'herr', 'herrn', 'hr.', 'fr.', 'dr.', 'dr', 'prof.', 'prof', 'fam.', 'familie', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.'])

/**
 * Every person's name, and its parts of 3 letters or more: „Ayşe Yilmaz“ is found as „Yilmaz“ too.
 * A Protokoll's „Anwesende“ lists Stellen as often as people: a Stelle („Jugendamt“) is no name.
 * In an entry that is a person's (a first name or a form of address in it) every other part is a
 * name whatever it ends in („Tina Hartung“); in any other, a part with a noun's ending is no name
 * („Beratungsstelle Wohnen“).
 */
const nameParts = (people: readonly string[], partners: readonly string[]) =>
  people.flatMap((name) => {
    // „Tina Hartung (Jobcenter)“, „Krüger, Sabine“: a part without the brackets and commas around it.
    const parts = name.trim().split(/\s+/).map((part) => part.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, '')).filter(Boolean)
    if (parts.length === 1) return isStelle(parts[0], partners) ? [] : [name]
    const person = parts.some((part) => firstNames.has(foldName(part)) || addressWords.has(part.toLocaleLowerCase('de')))
    const kept = parts.filter(
      (part) =>
        part.length >= 3 &&
        !addressWords.has(part.toLocaleLowerCase('de')) &&
        !isStelle(part, partners) &&
        // Elsewhere only a capitalised part that is no noun: „selbst (mit Dolmetscherin)“ names nobody by „selbst“.
        (person || (!isNoun(part) && /^\p{Lu}/u.test(part))),
    )
    return [...(isNoun(name.trim()) && !person ? [] : [name]), ...kept]
  })

/** Words that are first names too but a sentence may begin with in lower case („frank und frei“, „max. 3“). */
const lowerCaseWords = new Set(['frank', 'max'])

/**
 * A common first name in the text: capitalised or in capitals, alone, as a part of a double name
 * („Anna-Lena“), in the genitive („Sabines“, „Kevin’s“), typed without its special letters
 * („Ayse“, „Jurgen“); in lower case only as the entry's first word („sabine braucht …“): in the
 * middle of a sentence a lower-case word is a word.
 */
function firstNamed(text: string): boolean {
  const isName = (word: string) => {
    const folded = foldName(word.replace(/['’]s$/u, ''))
    return firstNames.has(folded) || (folded.length > 3 && folded.endsWith('s') && firstNames.has(folded.slice(0, -1)))
  }
  if (words(text).some((word) => nameShaped(word) && word.split('-').some((part) => part && (capitalised.test(part) || inCapitals.test(part)) && isName(part)))) return true
  const first = rawWords(text)[0] ?? ''
  return /^\p{Ll}+$/u.test(first) && !lowerCaseWords.has(first) && firstNames.has(foldName(first))
}

/**
 * Whether a pseudonym or a case text reads as a name, and why; undefined where it does not.
 * `where`: a pseudonym is checked against the partner list too (an organisation is no pseudonym),
 * case text only against people (the case names the Stellen involved, and it may).
 */
export function nameLike(text: string, known: KnownNames = {}, where: 'pseudonym' | 'case' = 'case'): NameLike | undefined {
  const entry = text.trim()
  if (!entry || isGeneratedPseudonym(entry)) return undefined
  if (address.test(entry)) return 'address'
  const listed = [...nameParts(known.people ?? [], known.partners ?? []), ...(where === 'pseudonym' ? (known.partners ?? []) : [])]
  if (listed.some((name) => mentions(entry, name))) return 'known'
  // A partner organisation named in the case („Diakonie Görlitz“) is no person's name.
  const withoutPartners = where === 'case' ? (known.partners ?? []).reduce((text, name) => (mentions(text, name) ? text.replace(wordPattern(name, 'giu'), ' , ') : text), entry) : entry
  if (directIdentifier(entry)) return 'identifier'
  if (initials(withoutPartners)) return 'initials'
  if (introduced(withoutPartners)) return 'introduced'
  if (twoCapitalised(withoutPartners)) return 'twoWords'
  if (words(withoutPartners).some(shouted)) return 'capitals'
  if (firstNamed(withoutPartners)) return 'firstName'
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

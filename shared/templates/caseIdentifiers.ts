/**
 * Direct identifiers that are not names: what identifies a person in a Fallkonferenz's text as
 * surely as her name does (issue 61): a BG- or Kundennummer, an Aktenzeichen, a date of birth, a
 * street with its house number or a postcode with its town, a phone number, an e-mail address.
 * Meeting dates, amounts, rooms and years pass: only a date after „geb.“ is a birth.
 */

const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u

/** A number with a dialling shape: a leading 0 or +, spaces, slashes or hyphens, 8 digits or more. */
const phoneShape = /(?<![\p{N}.,\/])(?:\+|0)\d[\d \/-]{5,}\d(?![\p{N}.,])/gu
const phoneWord = /(?<!\p{L})(?:tel|telefon|handy|mobil|fon|phone|rückruf)\b\.?\s*:?\s*(?:unter\s*)?\+?\d/iu

/** The Jobcenter's BG-Nummer („12345BG0067890“), a Kundennummer, an Aktenzeichen, a social-security or tax number, an IBAN. */
const bgNumber = /\d{5}\s?BG\s?\d{5,7}/i
const numberWord =
  /(?<!\p{L})(?:bg|bedarfsgemeinschafts?|kunden|kd|versicherten|sv|sozialversicherungs|steuer|personal|ausweis|akten)[-. ]*(?:nummer|nr|id)\b\.?\s*:?\s*[\p{L}\p{N}./-]*\d/iu
const fileNumber = /(?<!\p{L})az\.?\s*:?\s*[\p{L}\p{N}./-]*\d/iu
const iban = /(?<!\p{L})[A-Z]{2}\d{2}(?:\s?\d{4}){4}/u

/** „geb. 12.03.1989“, „*03.07.1991“, „geboren am 4. Mai 1990“, „geb. Krüger“ (a birth name is a name). */
const birthWord = /(?<!\p{L})(?:geb\.|geboren|geburtsdatum|geburtstag|date of birth|dob|born)\s*(?:am|on|in)?\s*:?\s*[\p{N}\p{Lu}]/iu
const birthStar = /\*\s?\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}/

/** A street with its house number („Lindenstraße 12“, „Hauptstr. 5“, „Am Lindenweg 3a“). */
const street = /(\p{L}[\p{L}-]*(?:straße|strasse|str\.|weg|gasse|allee|ring|damm|ufer|chaussee|pfad|platz|markt))\s*\d{1,4}\s?[a-h]?(?![\p{N}.,]?\d)/giu
/** Words with a street's ending that name no street: a place in a Kita, a way forward. */
const notStreet = /(?:kita|krippen|betreuungs|ausbildungs|arbeits|praktikums|kindergarten|hort|schul|studien|wohn|heim|spiel|lösungs|bildungs|rechts|dienst)-?(?:platz|weg)$|^(?:weg|platz|ring|markt)$/iu
/** A postcode with its town („02826 Görlitz“); not an amount („12000 Euro“). */
const postcode = /(?<![\p{N}.,])\d{5}\s+(\p{Lu}\p{Ll}+)/gu
const notTown = new Set(['euro', 'eur', 'stunden', 'tage', 'wochen', 'monate', 'jahre', 'einwohner', 'menschen', 'fälle', 'kinder'])

const digits = (text: string) => text.replace(/\D/g, '').length

/** Whether the text holds a direct identifier that is not a name. */
export function directIdentifier(text: string): boolean {
  if (email.test(text) || phoneWord.test(text) || bgNumber.test(text) || numberWord.test(text) || fileNumber.test(text) || iban.test(text)) return true
  if (birthWord.test(text) || birthStar.test(text)) return true
  if ([...text.matchAll(phoneShape)].some((m) => digits(m[0]) >= 8)) return true
  if ([...text.matchAll(street)].some((m) => !notStreet.test(m[1]))) return true
  return [...text.matchAll(postcode)].some((m) => !notTown.has(m[1].toLocaleLowerCase('de')))
}

/**
 * The Fallkonferenz's confirmations (`facilitation/consent`), recorded by the facilitator as an
 * act, per Fallkonferenz on the board (by its instance id): the person's consent, the written
 * release from confidentiality and the Stellen it covers, the Stellen present, pseudonym only,
 * moderation not by the Stelle bringing the case, the date and who confirmed. Keyed by its page
 * and instance (`consentKey`): a page duplicated for a small group carries the template's
 * instance id, and its copy is a case of its own, confirmed on its own. H 5.3.5: a
 * Fallkonferenz may only take place with consent and Schweigepflichtsentbindung.
 *
 * Nothing on the board is read as consent: only this record releases a case, and only when it is
 * complete (`consentState`). Until then the case cells are locked for everyone, the facilitator
 * included (`caseLock.ts`, judged by the relay), and every export holds the case back (the
 * template's `exportGate`). Below the templates, so that the relay judges it without loading one:
 * the template and section names the lock covers are declared here, and the template takes them.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

/** The template whose case cells wait for the confirmations. */
export const consentTemplate = 'fallkonferenz'
/** Its sections that hold the case itself (Fallbeschreibung, Lösungswege, Erkenntnisse). */
export const caseSections: readonly string[] = ['fall', 'loesungen', 'erkenntnisse']

export const consentLimits = { cases: 24, stellen: 30, name: 80, initials: 40 } as const

/**
 * How each of the person's two acts stands. Only `liegt-vor` (for the release: in writing) counts;
 * every other answer a facilitator may honestly have holds the case: „steht aus“, „angefragt“,
 * „wird eingeholt“ are `offen`, „mündlich zugesagt“ is `muendlich`, a refusal or withdrawal is
 * `abgelehnt`.
 */
export const consentStatuses = ['offen', 'muendlich', 'liegt-vor', 'abgelehnt'] as const
export type ConsentStatus = (typeof consentStatuses)[number]

const name = z.string().trim().min(1).max(consentLimits.name)
const stellen = z.array(name).max(consentLimits.stellen)

export const CaseConsent = z.object({
  /** Einverständnis der Person. */
  einverstaendnis: z.enum(consentStatuses),
  /** Schweigepflichtsentbindung: `liegt-vor` means in writing. */
  entbindung: z.enum(consentStatuses),
  /** The Stellen the release names. */
  entbundeneStellen: stellen,
  /**
   * The Stellen at the table today. Kept here and not only in the case's „Beteiligte Stellen“ row:
   * that row lies in the case cells, which stay locked until the record is complete, so the
   * comparison must be possible before anything is written there.
   */
  anwesendeStellen: stellen,
  /**
   * „Die Person nimmt selbst teil“: the person is at the table herself. She is no Stelle (no
   * release covers her, none is needed), so she is recorded here and never among the Stellen,
   * where whatever was typed about her would be kept and compared (`presentRecord`).
   */
  personSelbst: z.boolean().optional(),
  /** The board holds the pseudonym only, nothing recognisable. */
  nurPseudonym: z.boolean(),
  /** Who chairs, and that it is not the Stelle bringing the case. */
  moderation: z.string().trim().max(consentLimits.name),
  moderationNichtEinbringend: z.boolean(),
  /** When it was checked (YYYY-MM-DD). */
  datum: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).or(z.literal('')),
  /** Who confirmed: the facilitator's name or initials. */
  bestaetigtVon: z.string().trim().max(consentLimits.initials),
})
export type CaseConsent = z.infer<typeof CaseConsent>

export const ConsentRecords = z.object({
  cases: z.record(z.string().min(1).max(200), CaseConsent).refine((cases) => Object.keys(cases).length <= consentLimits.cases, 'too many cases'),
})
export type ConsentRecords = z.infer<typeof ConsentRecords>

export const consentEntry = defineEntry({
  key: 'consent',
  schema: ConsentRecords,
  default: { cases: {} } as ConsentRecords,
  mayWrite: isFacilitator,
  write: (value) => (Object.keys(value.cases).length === 0 ? null : value),
})

export const readConsent = consentEntry.read

/** An empty record: what the dialog starts from; it holds everything. */
export const emptyConsent = (): CaseConsent => ({
  einverstaendnis: 'offen',
  entbindung: 'offen',
  entbundeneStellen: [],
  anwesendeStellen: [],
  nurPseudonym: false,
  moderation: '',
  moderationNichtEinbringend: false,
  datum: '',
  bestaetigtVon: '',
})

/** What is still missing before a case is released; each a reason the case is held. */
export type ConsentGap =
  | { kind: 'record' }
  | { kind: 'einverstaendnis'; status: ConsentStatus }
  | { kind: 'entbindung'; status: ConsentStatus }
  | { kind: 'stellen-anwesend' }
  | { kind: 'stelle-nicht-entbunden'; stelle: string }
  | { kind: 'pseudonym' }
  | { kind: 'moderation' }
  | { kind: 'datum' }
  | { kind: 'bestaetigt' }

export type ConsentVerdict = { released: true } | { released: false; missing: ConsentGap[] }

/** Common short forms of the Stellen a network brings to the table, by their normal form. */
const abbreviations: Record<string, string> = {
  jc: 'jobcenter',
  aa: 'agenturfürarbeit',
  ba: 'agenturfürarbeit',
  arbeitsagentur: 'agenturfürarbeit',
  bundesagenturfürarbeit: 'agenturfürarbeit',
  asd: 'jugendamt',
  allgemeinersozialerdienst: 'jugendamt',
  sb: 'schuldnerberatung',
  schuldnerundinsolvenzberatung: 'schuldnerberatung',
  spdi: 'sozialpsychiatrischerdienst',
}

/** One Stelle's name for comparison: case, spaces, punctuation and the usual short forms aside. */
export function normalStelle(stelle: string): string {
  const plain = plainStelle(stelle.replace(/\(.*?\)/g, ''))
  return abbreviations[plain] ?? plain
}

const plainStelle = (text: string) => text.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '')
/** Words that only say a bracket restricts („nur Vermittlung“ is „Vermittlung“). */
const restricting = /(?<!\p{L})(?:nur|only|ausschließlich|lediglich|bereich|abteilung|team)(?!\p{L})/giu

/**
 * A Stelle and the part of it a bracket names („Jobcenter (nur Vermittlung)“): '' for the whole
 * Stelle. A bracket that only repeats the Stelle („Jugendamt (ASD)“) names no part.
 */
function stelleKey(stelle: string): { stelle: string; part: string } {
  const base = normalStelle(stelle)
  const parts = [...stelle.matchAll(/\((.*?)\)/g)]
    .map((match) => plainStelle(match[1].replace(restricting, '')))
    .map((part) => abbreviations[part] ?? part)
    .filter((part) => part && part !== base)
  return { stelle: base, part: [...new Set(parts)].sort().join('+') }
}

/**
 * The present Stellen the release does not cover, as written. A release of the whole Stelle
 * covers every part of it; a release restricted in brackets covers that part only, never the
 * whole Stelle nor another part („Jobcenter (nur Vermittlung)“ does not cover „Jobcenter (Leistung)“).
 */
export function uncoveredStellen(present: readonly string[], covered: readonly string[]): string[] {
  const released = covered.map(stelleKey).filter((key) => key.stelle)
  const seen = new Set<string>()
  return present.filter((stelle) => {
    const key = stelleKey(stelle)
    const id = `${key.stelle}(${key.part})`
    if (!key.stelle || seen.has(id) || released.some((r) => r.stelle === key.stelle && (r.part === '' || r.part === key.part))) return false
    seen.add(id)
    return true
  })
}

/** A line among the Stellen that names the person herself („Mutter selbst (mit Dolmetscherin)“, „Klientin“), not a Stelle. */
const herself = /(?<!\p{L})(?:selbst|klientin|klient|betroffene[r]?|die person|the person|herself|himself|themselves|client)(?!\p{L})/iu
export const isPersonHerself = (line: string): boolean => herself.test(line)

/** The Stellen at the table as the dialog records them: a line naming the person herself becomes „Die Person nimmt selbst teil“. */
export function presentRecord(lines: readonly string[], personSelbst: boolean): { anwesendeStellen: string[]; personSelbst: boolean } {
  const stellen = lines.filter((line) => !isPersonHerself(line))
  return { anwesendeStellen: stellen, personSelbst: personSelbst || stellen.length < lines.length }
}

/**
 * Released only when every confirmation is recorded and complete; else every gap, in the order a
 * facilitator goes through them. `extraPresent`: Stellen named elsewhere as present (the case's
 * „Beteiligte Stellen“ once it is open), compared like the recorded ones.
 */
export function consentState(record: CaseConsent | undefined, extraPresent: readonly string[] = []): ConsentVerdict {
  if (!record) return { released: false, missing: [{ kind: 'record' }] }
  const missing: ConsentGap[] = []
  if (record.einverstaendnis !== 'liegt-vor') missing.push({ kind: 'einverstaendnis', status: record.einverstaendnis })
  if (record.entbindung !== 'liegt-vor') missing.push({ kind: 'entbindung', status: record.entbindung })
  if (record.anwesendeStellen.length === 0) missing.push({ kind: 'stellen-anwesend' })
  const present = [...record.anwesendeStellen, ...extraPresent].filter((line) => !isPersonHerself(line))
  for (const stelle of uncoveredStellen(present, record.entbundeneStellen)) {
    missing.push({ kind: 'stelle-nicht-entbunden', stelle })
  }
  if (!record.nurPseudonym) missing.push({ kind: 'pseudonym' })
  if (!record.moderation.trim() || !record.moderationNichtEinbringend) missing.push({ kind: 'moderation' })
  if (!record.datum) missing.push({ kind: 'datum' })
  if (!record.bestaetigtVon.trim()) missing.push({ kind: 'bestaetigt' })
  return missing.length === 0 ? { released: true } : { released: false, missing }
}

/** Where a Fallkonferenz's record is kept in `cases`: by its page and its instance id. */
export const consentKey = (instance: string, page: string) => `${page}/${instance}`

/** The record kept for one Fallkonferenz, if any. */
export function consentFor(stored: unknown, instance: string, page: string): CaseConsent | undefined {
  const { cases } = readConsent(stored)
  const key = consentKey(instance, page)
  return Object.hasOwn(cases, key) ? cases[key] : undefined
}

/** Whether the stored `facilitation/consent` value releases the case of `instance` on `page` (the lock's question). */
export const caseOpen = (stored: unknown, instance: string, page: string): boolean => consentState(consentFor(stored, instance, page)).released

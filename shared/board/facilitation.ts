/**
 * Facilitation state lives in the board's Y.Doc (so it survives reloads and reaches everyone):
 * `Y.Map` named `facilitation`, one entry per tool, each declared in one file of `entries/`
 * (`entry.ts` says how). This is the list of them: the relay's judgement (`declaration.ts`) and
 * the client's facilitation atoms are made from it, so an entry added here is judged and shown
 * everywhere. Each entry says who may write it (the facilitator, for all of them but `writers`,
 * which the relay alone writes); the relay refuses everyone else.
 */
import { agendaEntry } from './entries/agenda.ts'
import { beschluesseEntry } from './entries/beschluesse.ts'
import { commentingEntry } from './entries/commenting.ts'
import { consentEntry } from './entries/consent.ts'
import { exportsEntry } from './entries/exports.ts'
import { focusEntry } from './entries/focus.ts'
import { groupsEntry } from './entries/groups.ts'
import { meetingEntry } from './entries/meeting.ts'
import { privateEntry } from './entries/private.ts'
import { protectionEntry } from './entries/protection.ts'
import { releaseEntry } from './entries/release.ts'
import { rolesEntry } from './entries/roles.ts'
import { scaffoldEntry } from './entries/scaffold.ts'
import { slideEntry } from './entries/slide.ts'
import { stepEntry } from './entries/step.ts'
import { timerEntry } from './entries/timer.ts'
import { voteEntry } from './entries/vote.ts'
import { voteRecordEntry } from './entries/voteRecord.ts'
import { zustimmungEntry } from './entries/zustimmung.ts'
import { zustimmungenEntry } from './entries/zustimmungen.ts'
import { writersEntry } from './entries/writers.ts'
import type { FacilitationEntry } from './entry.ts'

export { facilitationMap } from './entry.ts'
export { facilitationMapName } from './ydoc.ts'

export const facilitationEntries = [
  timerEntry,
  stepEntry,
  slideEntry,
  agendaEntry,
  rolesEntry,
  voteEntry,
  voteRecordEntry,
  scaffoldEntry,
  protectionEntry,
  exportsEntry,
  privateEntry,
  beschluesseEntry,
  releaseEntry,
  meetingEntry,
  groupsEntry,
  commentingEntry,
  consentEntry,
  focusEntry,
  zustimmungEntry,
  zustimmungenEntry,
  writersEntry,
] as const satisfies readonly FacilitationEntry[]

type Entries = (typeof facilitationEntries)[number]
export type FacilitationKey = Entries['key']
/** The entry declared under `key`. */
export type EntryOf<K extends FacilitationKey> = Extract<Entries, { key: K }>
/** What readers see of the entry under `key`. */
export type EntryValue<K extends FacilitationKey> = ReturnType<EntryOf<K>['read']>

/** Each entry's key by its name, e.g. `facilitationKeys.timer`. */
export const facilitationKeys = Object.fromEntries(facilitationEntries.map((entry) => [entry.key, entry.key])) as {
  readonly [K in FacilitationKey]: K
}

const byKey = new Map<string, FacilitationEntry>(facilitationEntries.map((entry) => [entry.key, entry]))

/** The entry declared under `key`, or undefined when the board has no such entry. */
export const facilitationEntry = (key: string): FacilitationEntry | undefined => byKey.get(key)

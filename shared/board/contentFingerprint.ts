/**
 * A board's content in a short string: its records (pages, shapes, bindings, assets) and what the
 * Dokumentation reads of its facilitation (Beschlüsse, meeting header, the kept „Einverstanden?“ rounds). Equal on every copy that
 * holds the same content, whatever order its updates came in, so that a release
 * (`entries/release.ts`) can tell whether the board changed since; the timer, the vote's
 * progress or who is where do not count.
 */
import type * as Y from 'yjs'
import { facilitationMap } from './entry.ts'
import { readRecords } from './records.ts'

/** JSON with every object's keys sorted: two copies of a record stringify alike. */
function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`
}

/** cyrb53 (a well-spread 53-bit string hash), as hex: a fingerprint, not a secret. */
function hash(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}

/** A text in short (cyrb53 as hex): whether it changed, never what it says (`templateNoteCounts`' digest). */
export const textFingerprint = (text: string): string => hash(text)

/**
 * The facilitation entries that are part of what a release sends. Those after the first two count
 * only where the board holds them, so that a release fingerprinted before they existed still
 * matches its unchanged board.
 */
const releasedEntries = ['beschluesse', 'meeting', 'zustimmungen'] as const
const alwaysCounted: ReadonlySet<string> = new Set(['beschluesse', 'meeting'])

/** The fingerprint of records and entries as stored (plain JSON). */
export function fingerprintOf(records: ReadonlyArray<{ id: string }>, entries: Readonly<Record<string, unknown>>): string {
  // Record by record, so that no string of the whole board is ever built.
  const parts = records.map((record) => `${record.id}=${hash(stable(record))}`).sort()
  for (const key of releasedEntries) if (alwaysCounted.has(key) || entries[key] !== undefined) parts.push(`${key}=${hash(stable(entries[key] ?? null))}`)
  return hash(parts.join('\n'))
}

export function contentFingerprint(doc: Y.Doc): string {
  const map = facilitationMap(doc)
  const entries: Record<string, unknown> = {}
  for (const key of releasedEntries) {
    const value = map.get(key)
    entries[key] = value && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value
  }
  return fingerprintOf(readRecords(doc).records, entries)
}

/**
 * The `facilitation` map of one open board as atoms: one per entry the board declares
 * (`shared/board/facilitation.ts`), as that entry's own reader reads it, and single keys as
 * stored. All follow one observer, which `disposers` ends.
 */
import { atom, type Atom } from '@tldraw/state'
import type * as Y from 'yjs'
import { facilitationEntries, facilitationEntry, facilitationMap, type EntryValue, type FacilitationKey } from '../../../shared/board/facilitation.ts'
import type { Disposers } from '../../sync/disposers.ts'

/** Every declared entry, read, re-read whenever it changes (inside it too: the vote's fields). */
export type EntryAtoms = { readonly [K in FacilitationKey]: Atom<EntryValue<K>> }

export interface FacilitationValues {
  readonly entries: EntryAtoms
  /** One key as stored; atoms made on first ask. */
  value(key: string): Atom<unknown>
}

export function createFacilitationValues(doc: Y.Doc, disposers: Disposers): FacilitationValues {
  const map = facilitationMap(doc)
  const entries = Object.fromEntries(
    facilitationEntries.map((entry) => [entry.key, atom<unknown>(`facilitation ${entry.key}`, entry.read(map.get(entry.key)))]),
  ) as Record<string, Atom<unknown>>
  const stored = new Map<string, Atom<unknown>>()
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const changed = new Set<string>()
    for (const event of events) {
      if (event.target === map) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) changed.add(key)
      // A change inside a nested entry (the vote's map): the entry's key leads the path.
      else changed.add(String(event.path[0]))
    }
    for (const key of changed) {
      const entry = facilitationEntry(key)
      if (entry) entries[key].set(entry.read(map.get(key)))
      stored.get(key)?.set(map.get(key))
    }
  }
  map.observeDeep(onChange)
  disposers.add(() => map.unobserveDeep(onChange))
  return {
    entries: entries as unknown as EntryAtoms,
    value(key) {
      let value = stored.get(key)
      if (!value) {
        value = atom(`facilitation ${key} as stored`, map.get(key))
        stored.set(key, value)
      }
      return value
    },
  }
}

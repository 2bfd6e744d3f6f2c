/**
 * What this device saw of a network's boards at its last visit of the Fahrplan: when, and each
 * board's state vector (`SinceLastVisit.tsx`). In localStorage only, as a board's own memory
 * (`sinceMemory.ts`); forgotten with the network (`knownNetworks.ts`).
 */
import { fahrplanSinceKey } from '../sinceMemory.ts'

export interface FahrplanMemory {
  /** ms since 1970. */
  at: number
  seen: Record<string, string>
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>

export function readFahrplanMemory(storage: KeyValueStorage, networkId: string): FahrplanMemory | null {
  try {
    const value = JSON.parse(storage.getItem(fahrplanSinceKey(networkId)) ?? 'null') as Partial<FahrplanMemory> | null
    if (!value || typeof value.at !== 'number' || typeof value.seen !== 'object' || value.seen === null) return null
    const seen = Object.fromEntries(Object.entries(value.seen).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    return { at: value.at, seen }
  } catch {
    return null
  }
}

export function writeFahrplanMemory(storage: KeyValueStorage, networkId: string, memory: FahrplanMemory): void {
  try {
    storage.setItem(fahrplanSinceKey(networkId), JSON.stringify(memory))
  } catch {
    // Storage full or refused: the next visit compares with the one before, or says it is the first.
  }
}

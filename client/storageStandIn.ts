/**
 * Storage this page may use. In a frame on another site with third-party cookies blocked (an
 * embed in a video tool: docs/embedding.md), Chromium refuses the frame every kind of storage
 * (measured in Chromium 156: localStorage, sessionStorage, IndexedDB, Cache Storage, even reading
 * `window.localStorage` throws); only partitioned (CHIPS) cookies are left. The app's modules read
 * `localStorage` and `sessionStorage` as globals, as they may in a page of its own: rather than
 * guard each of them, a Storage in memory stands in for a refused one, first thing on load
 * (`main.tsx`), and the page says that nothing outlasts it (`StorageNote.tsx`). The board itself
 * is on the relay either way; what lives in memory is this browser's name, links and views.
 */

/** A Storage that lasts as long as the page. */
export class MemoryStorage implements Storage {
  [name: string]: unknown
  readonly #items = new Map<string, string>()
  get length(): number {
    return this.#items.size
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null
  }
  getItem(key: string): string | null {
    return this.#items.get(String(key)) ?? null
  }
  setItem(key: string, value: string): void {
    this.#items.set(String(key), String(value))
  }
  removeItem(key: string): void {
    this.#items.delete(String(key))
  }
  clear(): void {
    this.#items.clear()
  }
}

const storageNames = ['localStorage', 'sessionStorage'] as const
export type StorageName = (typeof storageNames)[number]

/**
 * Whether the page may use this storage: where refused, reading the property (or an item) throws.
 * Writing is not tried: a full storage refuses writes but still holds this browser's boards, which
 * each writer's own `catch` already copes with.
 */
function usable(target: Record<StorageName, Storage>, name: StorageName): boolean {
  try {
    target[name].getItem('netzwerkstatt:probe')
    return true
  } catch {
    return false
  }
}

/**
 * Puts a `MemoryStorage` in place of each of `target`'s storages that is refused (a window's own
 * property, which the globals read) and returns their names.
 */
export function standInForRefusedStorage(target: object): StorageName[] {
  const replaced: StorageName[] = []
  for (const name of storageNames) {
    if (usable(target as Record<StorageName, Storage>, name)) continue
    Object.defineProperty(target, name, { value: new MemoryStorage(), configurable: true, enumerable: true })
    replaced.push(name)
  }
  return replaced
}

let inMemory: StorageName[] = []

/** Called first thing on load (`main.tsx`), before any module reads storage. */
export function standInOnLoad(): void {
  inMemory = standInForRefusedStorage(window)
  if (inMemory.length > 0) console.info('netzwerkstatt: storage refused, kept in memory', inMemory.join(', '))
}

/** Whether this page keeps its local memory only until it closes (storage refused on load). */
export const storageInMemory = (): boolean => inMemory.includes('localStorage')

/** An update's structs as the update rules read them (`updateRules.ts`), before Yjs applies them. */
export type Id = readonly [client: number, clock: number]

/** One struct as `Y.applyUpdate` reads it; items keep only what the rules look at. */
export interface Struct {
  kind: 'item' | 'gc' | 'skip'
  client: number
  clock: number
  length: number
  origin: Id | null
  rightOrigin: Id | null
  /** A root type's name, or the id of the item holding the parent type. */
  parent: string | Id | null
  parentSub: string | null
  /** What an item holds: JSON values, a nested map or text, a text's characters, formats or embeds, or nothing (deleted content). */
  content: ItemContent
}

export type ItemContent =
  | { kind: 'json'; values: unknown[] }
  | { kind: 'map' }
  | { kind: 'deleted' }
  | { kind: 'text' }
  | { kind: 'string' }
  | { kind: 'format' }
  | { kind: 'embed' }

export interface Deletion {
  client: number
  clock: number
  len: number
}

/** One client's structs in this update, walked in clock order while dependencies resolve. */
export interface ClientRun {
  structs: Struct[]
  next: number
  /** Clocks below this exist: known to the doc, or integrated earlier in this update. */
  available: number
  end: number
}

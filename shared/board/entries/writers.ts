/**
 * Who wrote under which author id (`facilitation/writers`): a Zettel carries only its writer's
 * per-board author id (`../../author.ts`), never a name, so a Zettel carried to another board
 * could say where and when it came from but not who wrote it. The relay alone writes this entry
 * (`server/room/writerNames.ts`): when a connection adds a Zettel under its own author id while
 * its presence carries a name (the sign-in's on a board that requires one), it records that name
 * here. A carry copies it into the provenance (`results/carryOver.ts`, `carriedFrom.writer`).
 *
 * Never on a board that holds a case (`results/caseBoards.ts`): there no name is recorded, and the
 * entry goes when a board becomes one; a writer's name goes with her last Zettel on the board. It
 * lives in the board's document, so it goes with the board.
 * Bounded: a name is clipped, and past `maxWriters` no new writer is recorded.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { defineMapEntry, facilitationMap } from '../entry.ts'

/** A name as presence shows it is clipped to this (a sign-in's name with its organisation fits). */
export const maxWriterName = 80
/** Writers one board keeps a name for; beyond, a new writer keeps none (the entry stays small). */
export const maxWriters = 500

/** An author id: 16 bytes, base64url (`authorId`). */
const authorIdPattern = /^[A-Za-z0-9_-]{22}$/

export const Writers = z
  .record(z.string().regex(authorIdPattern), z.string().min(1).max(maxWriterName))
  .refine((writers) => Object.keys(writers).length <= maxWriters, 'too many writers')
export type Writers = Readonly<Record<string, string>>

export const writersEntry = defineMapEntry({
  key: 'writers',
  schema: Writers,
  // Every field is the relay's: no writer sets one.
  fields: {},
  default: {} as Writers,
  read: (writers): Writers => writers,
  // Nobody but the relay: a name written by a client could put words in another's mouth.
  mayWrite: () => false,
})

export const readWriters = writersEntry.read

/** A presence name as the entry keeps it: one line, trimmed, clipped; undefined when there is none. */
export function writerName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined
  const line = name.replace(/\s+/g, ' ').trim()
  return line ? [...line].slice(0, maxWriterName).join('').trim() : undefined
}

/** Whether `name` is news for `author` and the board has room for it (a known writer may change her name). */
export function writerToRecord(writers: Writers, author: string, name: string): boolean {
  if (!authorIdPattern.test(author)) return false
  if (Object.hasOwn(writers, author)) return writers[author] !== name
  return Object.keys(writers).length < maxWriters
}

/** Records `author`'s name, if it is news and there is room (the relay's own change). */
export function recordWriter(doc: Y.Doc, author: string, name: string): void {
  const clipped = writerName(name)
  if (!clipped || !writerToRecord(writersEntry.get(doc), author, clipped)) return
  const facilitation = facilitationMap(doc)
  doc.transact(() => {
    let map = writersEntry.map(doc)
    if (!map) {
      map = new Y.Map<unknown>()
      facilitation.set(writersEntry.key, map)
    }
    map.set(author, clipped)
  })
}

/** The board keeps no names (it became a case board). */
export function forgetWriters(doc: Y.Doc): void {
  const facilitation = facilitationMap(doc)
  if (facilitation.has(writersEntry.key)) facilitation.delete(writersEntry.key)
}

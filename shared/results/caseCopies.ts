/**
 * Where a Fallkonferenz's case has copies, for „Fall vom Board entfernen“ after a withdrawn
 * consent (Art. 7(3), 17(1)(b) DSGVO): a withdrawal locks the case again, but its Zettel stay in
 * its cells, on the pages duplicated from its page (a small group's copy keeps the instance id),
 * in the board's saved versions, and in carried Zettel, whose provenance keeps the source text
 * (`meta.carriedFrom`, up to 1000 characters) on this board or another board of the network.
 * Each document is read alone (`caseCopiesIn.ts`); the relay adds them up (`server/http/caseRemovalApi.ts`).
 * The list names no case text, only counts and places.
 */
import { z } from 'zod'
import { counted, type CountedLabels, type Locale } from '../locale.ts'

/** The case to look for: a Fallkonferenz's instance, on the board it was written on. */
export interface CaseSource {
  board: string
  instance: string
}

/** What one document (the board, a version of it, another board of the network) holds of the case (`caseCopiesIn.ts`). */
export interface CaseCopiesIn {
  /** Zettel written into the case's cells, on every page holding the instance. */
  notes: string[]
  /** The pages holding the instance: its own and each copy (a small group's). */
  pages: number
  /** Zettel carried from the case: within the source board, or from it onto another. */
  carried: string[]
}

/** `GET /api/boards/:id/case-copies?instance=…` (facilitator): the case's copies, counted and placed. */
export interface CaseCopies {
  board: CaseCopiesIn
  /** The saved versions holding the case; removing the case deletes them whole. */
  versions: string[]
  /** The network's other boards holding carried Zettel of the case, each with their ids. */
  boards: Array<{ id: string; carried: string[] }>
  /** The network's boards that could not be read (over MAX_BOARD_BYTES): what they hold is not known. */
  unread: number
}

export const CaseCopies: z.ZodType<CaseCopies> = z.object({
  board: z.object({ notes: z.array(z.string()), pages: z.number().int().nonnegative(), carried: z.array(z.string()) }),
  versions: z.array(z.string()),
  boards: z.array(z.object({ id: z.string(), carried: z.array(z.string()) })),
  unread: z.number().int().nonnegative(),
})

export const caseCopiesPath = (boardId: string, instance: string) => `/api/boards/${boardId}/case-copies?instance=${encodeURIComponent(instance)}`
export const caseRemovalPath = (boardId: string, instance: string) => `/api/boards/${boardId}/case-removal?instance=${encodeURIComponent(instance)}`

/** Whether anything of the case is left to remove. */
export const anyCopies = (copies: CaseCopies) =>
  copies.board.notes.length + copies.board.carried.length + copies.versions.length + copies.boards.reduce((n, b) => n + b.carried.length, 0) > 0


const words = {
  notes: { one: { de: '{n} Zettel im Fall', en: '{n} Zettel in the case' }, other: { de: '{n} Zettel im Fall', en: '{n} Zettel in the case' } },
  pages: {
    one: { de: 'auf {n} Seite', en: 'on {n} page' },
    other: { de: 'auf {n} Seiten (mit den Kopien für Kleingruppen)', en: 'on {n} pages (with the small groups’ copies)' },
  },
  carriedHere: {
    one: { de: '{n} daraus übernommener Zettel auf diesem Board', en: '{n} Zettel carried from it on this board' },
    other: { de: '{n} daraus übernommene Zettel auf diesem Board', en: '{n} Zettel carried from it on this board' },
  },
  versions: {
    one: { de: '{n} gespeicherte Version, die den Fall enthält (sie wird ganz gelöscht)', en: '{n} saved version holding the case (deleted whole)' },
    other: { de: '{n} gespeicherte Versionen, die den Fall enthalten (sie werden ganz gelöscht)', en: '{n} saved versions holding the case (deleted whole)' },
  },
  carriedElsewhere: {
    one: { de: '{n} übernommener Zettel', en: '{n} carried Zettel' },
    other: { de: '{n} übernommene Zettel', en: '{n} carried Zettel' },
  },
  boards: {
    one: { de: 'auf {n} anderen Board des Netzwerks', en: 'on {n} other board of the network' },
    other: { de: 'auf {n} anderen Boards des Netzwerks', en: 'on {n} other boards of the network' },
  },
  unread: {
    one: { de: '{n} Board des Netzwerks konnte nicht gelesen werden (zu groß): dort bitte von Hand nachsehen', en: '{n} board of the network could not be read (too large): please look there by hand' },
    other: { de: '{n} Boards des Netzwerks konnten nicht gelesen werden (zu groß): dort bitte von Hand nachsehen', en: '{n} boards of the network could not be read (too large): please look there by hand' },
  },
} satisfies Record<string, CountedLabels>

/** The list in words, one line per kind of copy: counts and places, never what the case says. */
export function caseCopiesLines(copies: CaseCopies, locale: Locale): string[] {
  const elsewhere = copies.boards.filter((b) => b.carried.length > 0)
  const carriedElsewhere = elsewhere.reduce((n, b) => n + b.carried.length, 0)
  return [
    ...(copies.board.notes.length > 0 ? [`${counted(words.notes, copies.board.notes.length, locale)} ${counted(words.pages, Math.max(1, copies.board.pages), locale)}`] : []),
    ...(copies.board.carried.length > 0 ? [counted(words.carriedHere, copies.board.carried.length, locale)] : []),
    ...(copies.versions.length > 0 ? [counted(words.versions, copies.versions.length, locale)] : []),
    ...(carriedElsewhere > 0 ? [`${counted(words.carriedElsewhere, carriedElsewhere, locale)} ${counted(words.boards, elsewhere.length, locale)}`] : []),
    ...(copies.unread > 0 ? [counted(words.unread, copies.unread, locale)] : []),
  ]
}

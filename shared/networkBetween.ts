/**
 * The network between meetings: one search over every board the network's link may read, and
 * what changed on them since this device last looked at the Fahrplan. Both take the network's
 * token as `Authorization: Bearer <token>` and read the boards one after the other, off the
 * relay's thread (`server/http/networkBetweenApi.ts`):
 *
 * - `POST /api/networks/:id/search` { query } → `NetworkSearchAnswer`
 * - `POST /api/networks/:id/since` { since, seen } → `NetworkSinceAnswer`
 *
 * The query travels in the body, not the URL: what someone looks for (a name) stays out of
 * access logs.
 */
import { z } from 'zod'

/** Longer than anyone types into a search field; a longer query is refused, not cut. */
export const maxSearchQuery = 200
/** Results per board, and over the whole network: more than a person reads; the counts say how many there were. */
export const maxSearchHitsPerBoard = 20
export const maxSearchHits = 200
/** Around the part found, at most this many characters of a long text travel. */
export const searchSnippetLength = 160

export const networkSearchPath = (id: string) => `/api/networks/${id}/search`
export const networkSincePath = (id: string) => `/api/networks/${id}/since`

export const NetworkSearchRequest = z.object({
  query: z.string().trim().min(1, 'type something to search for').max(maxSearchQuery, `a search is at most ${maxSearchQuery} characters`),
})

export const searchKinds = ['note', 'text', 'shape', 'template', 'heading', 'cell', 'card', 'frame', 'comment'] as const

export const NetworkSearchHit = z.object({
  key: z.string(),
  kind: z.enum(searchKinds),
  /** The text, cut to a window around the first part found (`cutBefore`/`cutAfter`). */
  text: z.string(),
  cutBefore: z.boolean(),
  cutAfter: z.boolean(),
  /** The parts found in `text`, [from, to). */
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
  pageId: z.string(),
  pageName: z.string(),
  shapeId: z.string().optional(),
  point: z.object({ x: z.number(), y: z.number() }).optional(),
  where: z.array(z.string()),
  author: z.string().optional(),
})
export type NetworkSearchHit = z.infer<typeof NetworkSearchHit>

/** One board's results: the first `maxSearchHitsPerBoard`, and how many there are. */
export const BoardSearchHits = z.object({ boardId: z.string(), title: z.string(), internal: z.boolean(), total: z.number().int(), hits: z.array(NetworkSearchHit) })
export type BoardSearchHits = z.infer<typeof BoardSearchHits>

export const NetworkSearchAnswer = z.object({
  query: z.string(),
  boards: z.array(BoardSearchHits),
  /** Boards the link may read and that were searched; boards not read (too large, unreadable) are counted apart. */
  searched: z.number().int(),
  unread: z.number().int(),
  /** More results than `maxSearchHits`: the rest were left out. */
  truncated: z.boolean(),
})
export type NetworkSearchAnswer = z.infer<typeof NetworkSearchAnswer>

/** A board's state vector (base64), as this device last saw it from the Fahrplan: a few bytes per writer. */
export const maxSeenBytes = 8 * 1024
/** Open items due within so many days (and those overdue) are named. */
export const dueSoonDays = 14

export const NetworkSinceRequest = z.object({
  /** When this device last looked (ms since 1970); null: never, only what is due is told. */
  since: z.number().int().nonnegative().nullable(),
  /** Per board id, what this device had seen of it. */
  seen: z.record(z.string().max(32), z.string().max(maxSeenBytes)),
  /** The reader's calendar day, for what is due. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
})
export type NetworkSinceRequest = z.infer<typeof NetworkSinceRequest>

/** Which Zettel an open item stands on, and where a carried one came from: only for making it one item across the boards (`dueOnce`); never sent to the browser. */
const DueRef = z.object({ instance: z.string(), notes: z.array(z.string()) })
const DueOrigin = z.object({
  instance: z.string(),
  note: z.string(),
  board: z.string().optional(),
  boardTitle: z.string().optional(),
  title: z.string().optional(),
  day: z.string().optional(),
  changed: z.object({ who: z.boolean(), when: z.boolean() }),
})

export const DueItem = z.object({
  what: z.string(),
  who: z.string(),
  when: z.string(),
  day: z.string(),
  overdue: z.boolean(),
  ref: DueRef.optional(),
  carried: DueOrigin.optional(),
  /** Done (its „Erledigt?“ Zettel): kept only until `dueOnce` has closed its copies on the other boards; never sent to the browser. */
  closed: z.boolean().optional(),
})
export type DueItem = z.infer<typeof DueItem>

export const BoardSince = z.object({
  boardId: z.string(),
  title: z.string(),
  /** What this device remembers of the board now (base64 state vector). */
  seen: z.string(),
  /** The board was not seen from the Fahrplan before: its Zettel are not counted as new. */
  firstSeen: z.boolean(),
  notes: z.number().int(),
  comments: z.number().int(),
  /** Released since the last visit, on this day. */
  released: z.string().nullable(),
  due: z.array(DueItem),
  /** The Zielsystem Zettel this board's Statusberichte report done (`shared/results/reportedDone.ts`): for `dueOnce`, never sent to the browser. */
  reportedDone: z.array(z.object({ board: z.string().optional(), instance: z.string(), note: z.string(), by: z.string() })).optional(),
})
export type BoardSince = z.infer<typeof BoardSince>

export const NetworkSinceAnswer = z.object({ boards: z.array(BoardSince) })
export type NetworkSinceAnswer = z.infer<typeof NetworkSinceAnswer>

/**
 * The digest by e-mail (`server/digest/`): `GET …/digest` → `DigestState`; `PUT …/digest` { locale }
 * asks for it with the sign-in's e-mail, `DELETE …/digest` stops it. Each with the network's link
 * and a sign-in through the provider (which gives the address).
 */
export const networkDigestPath = (id: string) => `/api/networks/${id}/digest`

export const DigestState = z.object({
  /** The operator set up a mail relay (SMTP_URL): without it no mail is ever sent. */
  available: z.boolean(),
  everyDays: z.number(),
  /** Signed in through the provider, which gave an e-mail address. */
  signedIn: z.boolean(),
  email: z.string().nullable(),
  subscribed: z.boolean(),
})
export type DigestState = z.infer<typeof DigestState>

export const DigestRequest = z.object({ locale: z.enum(['de', 'en']).default('de') })

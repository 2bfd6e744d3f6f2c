/**
 * Retention as the relay announces it (BOARD_RETENTION_DAYS, `server/ops/retention.ts`): when a board
 * or a network's boards will be deleted unless somebody uses them, what a network keeps of a
 * board that went, and the one click that keeps them („Behalten“, which counts as a use).
 *
 * Routes:
 * - `POST /api/retention` { boards: [{ id, token }], networks: [{ id, token }] } → `RetentionDates`:
 *   the deletion dates of the boards and networks a browser knows, for its start page; a read
 *   that is no use (nothing is kept by asking). Entries whose link is not valid are left out.
 * - `POST /api/boards/:id/keep` with any link of the board (`Authorization: Bearer`) → `KeptUntil`
 * - `POST /api/networks/:id/keep` with the network's link → `KeptUntil`
 * - `GET /api/networks/:id/archives` with the network's link → `KeptArchives`: the boards retention
 *   deleted from the network, kept as board archives for RETENTION_ARCHIVE_DAYS
 * - `GET /api/networks/:id/archives/:board` with the network's link → the board archive
 *   (`docs/board-archive.md`, `application/octet-stream`); 404 once its days are over
 */
import { z } from 'zod'
import { boardIdPattern, tokenPattern } from './access.ts'

/** How many days before its deletion a board is announced. */
export const announceDays = 30
const dayMs = 24 * 60 * 60_000

export const retentionLookupPath = '/api/retention'
export const boardKeepPath = (id: string) => `/api/boards/${id}/keep`
export const networkKeepPath = (id: string) => `/api/networks/${id}/keep`
export const networkArchivesPath = (id: string) => `/api/networks/${id}/archives`
export const networkArchivePath = (id: string, boardId: string) => `${networkArchivesPath(id)}/${boardId}`

const Known = z.object({ id: z.string().regex(boardIdPattern), token: z.string().regex(tokenPattern) })
/** As many as a browser remembers (50 boards, 20 networks). */
export const RetentionLookup = z.object({ boards: z.array(Known).max(50).default([]), networks: z.array(Known).max(20).default([]) })
export type RetentionLookup = z.infer<typeof RetentionLookup>

/** ISO timestamp; null: nothing of it will be deleted (retention off, or a network without boards). */
const DeleteAfter = z.string().nullable()

export const RetentionDates = z.object({
  boards: z.array(z.object({ id: z.string(), deleteAfter: DeleteAfter })),
  networks: z.array(z.object({ id: z.string(), deleteAfter: DeleteAfter })),
})
export type RetentionDates = z.infer<typeof RetentionDates>

export const KeptUntil = z.object({ deleteAfter: DeleteAfter })
export type KeptUntil = z.infer<typeof KeptUntil>

/** A board retention took from a network: what the Fahrplan shows in its place. */
export const NetworkTombstone = z.object({ title: z.string(), phase: z.string(), deletedAt: z.string() })
export type NetworkTombstone = z.infer<typeof NetworkTombstone>

/** A board retention deleted from a network, kept as its board archive until `keepUntil`. */
export const KeptArchive = z.object({ boardId: z.string(), title: z.string(), phase: z.string(), archivedAt: z.string(), keepUntil: z.string(), bytes: z.number() })
export type KeptArchive = z.infer<typeof KeptArchive>
export const KeptArchives = z.object({ archives: z.array(KeptArchive) })
export type KeptArchives = z.infer<typeof KeptArchives>

/** Part of a network's view: when its boards go unless it is used, which went, and which of those are still kept as archives (absent from older relays). */
export const NetworkRetention = z.object({ deleteAfter: DeleteAfter, deleted: z.array(NetworkTombstone), archives: z.array(KeptArchive).optional() })
export type NetworkRetention = z.infer<typeof NetworkRetention>

/** Whether a deletion date is close enough to be announced. */
export const isAnnounced = (deleteAfter: string | null | undefined, now = Date.now()) =>
  typeof deleteAfter === 'string' && Date.parse(deleteAfter) - now <= announceDays * dayMs

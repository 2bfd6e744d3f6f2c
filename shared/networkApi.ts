/**
 * A Netzwerk's HTTP API shapes, shared by the relay and the client. A network groups a
 * coordinator's boards along the handbook's phases (`templates/phases.ts`). It has two links of
 * its own (`networkCredential.ts`): the coordinator's (`/n/<id>#<token>`), and the pack link for
 * the Steuerungsgruppe, which downloads the pack and nothing else; both can be renewed, the old
 * one refused at once. Participant and read-only links of its boards never reveal either.
 *
 * The network opens its boards *through the network*: the board page presents the network link
 * (a network credential, `<networkId>.<token>`), which the relay checks against the network's hash
 * and the board's place in it, and grants the facilitator's role, internal boards included. No
 * board token ever reaches the browser from here (`NetworkBoard.token` is always null; `link`
 * opens the board from the Fahrplan and holds no secret). Why not hand out the sealed board link:
 * the browser would hold every board's facilitator token, which no renewal of the network link
 * could take back. The server presents the sealed link instead: the network holds a board while
 * the facilitator token it keeps (sealed under the network link) is the board's current one. A
 * coordinator renewing it through the network keeps the new one; a facilitator renewing it on the
 * board (a link that leaked, someone who left) ends the network's hold, as the operator's
 * `board-links` does, until the coordinator adds the board again with the new link. Taking the
 * board out of the network (either side) ends the network's access too and closes what it had
 * open. The pack follows the board's place in the network (the pack link cannot unseal anything).
 *
 * Routes (all but creating one take the network's token as `Authorization: Bearer <token>`):
 * - `POST /api/networks` { name, targetGroup } → 201 `CreatedNetwork` (who may create boards may create networks)
 * - `GET /api/networks/:id` → `NetworkView`
 * - `POST /api/networks/:id/boards` { boardId, token, phase, internal, body } → 201 `NetworkBoard`:
 *   adds a board whose facilitator link (`token`) the caller holds
 * - `POST /api/networks/:id/boards/new` { title, templates, locale, phase, internal, body } → 201
 *   `CreatedNetworkBoard`: a new board made and added in one step, or neither (`server/http/networkNewBoard.ts`)
 * - `PATCH /api/networks/:id/boards/:boardId` { phase?, internal?, body? } → `NetworkBoard`
 * - `DELETE /api/networks/:id/boards/:boardId` → 204: the board leaves the network, and stays
 * - `DELETE /api/boards/:boardId/network` with the board's facilitator link (not the network's) →
 *   204: the board leaves whichever network holds it; its facilitator decides where it belongs
 * - `DELETE /api/networks/:id?boards=keep|delete` → 204: one explicit decision about its boards;
 *   without `boards` → 400
 * - `GET /api/networks/:id/pack?format=md|csv|pdf&locale=&day=` (network link or pack link) → the
 *   steering group's pack (`results/steeringPack.ts`) as a download; internal boards are never read for it
 * - `POST /api/networks/:id/link` → `RenewedNetworkLink`: the network link renewed
 * - `GET /api/networks/:id/pack-link` → `PackLinkView`; `POST` makes or renews it
 * - `POST /api/networks/:id/release` { day, locale, boards } → `NetworkReleaseAnswer`: several boards
 *   released at once, each as its own release does; internal and case boards never
 * Every route but the pack answers the pack link with 403.
 */
import { z } from 'zod'
import { CreatedBoard, maxBoardTemplates, maxTitleLength } from './api.ts'
import { boardIdPattern, tokenPattern } from './access.ts'
import { locales, type Locale } from './locale.ts'
import { phaseIds } from './templates/phases.ts'
import { NetworkRetention } from './retentionApi.ts'
import { templateNames } from './templates/templateNames.ts'
import { NetworkBodyName } from './networkBodies.ts'
import { Day } from './dates.ts'

/**
 * A network with monthly steering and a few working groups makes 60 boards in 15 months; 500 is
 * years of it with room to spare, and still a view the relay answers from its summaries
 * (`server/documents/networkBoardSummaries.ts`) rather than from the boards themselves.
 */
export const maxNetworkBoards = 500
export const maxTargetGroupLength = 200

export const networkPath = (id: string) => `/n/${id}`
export const networkLink = (id: string, token: string) => `${networkPath(id)}#${token}`
export const networkApiPath = (id: string) => `/api/networks/${id}`
export const networkBoardsPath = (id: string) => `${networkApiPath(id)}/boards`
export const newNetworkBoardPath = (id: string) => `${networkBoardsPath(id)}/new`
export const networkBoardPath = (id: string, boardId: string) => `${networkBoardsPath(id)}/${boardId}`

export const packFormats = ['md', 'csv', 'pdf', 'pdfa', 'odt', 'docx'] as const
export type PackFormat = (typeof packFormats)[number]
/** `day`: the reader's own calendar day, which the pack is dated by (the server may run in UTC). */
export const networkPackPath = (id: string, format: PackFormat, locale: Locale, day: string) =>
  `${networkApiPath(id)}/pack?format=${format}&locale=${locale}&day=${encodeURIComponent(day)}`

export const PhaseId = z.enum(phaseIds)

export const CreateNetworkRequest = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(maxTitleLength),
  /** Whom the network's services are for ("Alleinerziehende im Landkreis"). */
  targetGroup: z.string().trim().max(maxTargetGroupLength).default(''),
})
export type CreateNetworkRequest = z.infer<typeof CreateNetworkRequest>

export const NetworkMeta = z.object({ id: z.string(), name: z.string(), targetGroup: z.string(), createdAt: z.string() })
export type NetworkMeta = z.infer<typeof NetworkMeta>

/** `POST /api/networks`: the only moment the network's token is readable; the relay keeps its hash. */
export const CreatedNetwork = NetworkMeta.extend({ token: z.string(), link: z.string() })
export type CreatedNetwork = z.infer<typeof CreatedNetwork>

/** A template on a board of the network, and how many Zettel people wrote into it. */
export const NetworkBoardTemplate = z.object({
  template: z.enum(templateNames),
  title: z.string(),
  notes: z.number().int().nonnegative(),
  /** Open items in its task tables (`results/openItems.ts`): rows with a task and nothing done yet. */
  openItems: z.number().int().nonnegative().optional(),
  /** The review day written on it (YYYY-MM-DD; the Netzwerkregeln' next review, `results/reviewDay.ts`). */
  reviewOn: z.string().optional(),
  /**
   * When its own content last changed, as the relay noted it (`server/documents/templateDays.ts`):
   * the Fahrplan's revisits count from it; absent, from the board's last change.
   */
  editedAt: z.string().optional(),
})
export type NetworkBoardTemplate = z.infer<typeof NetworkBoardTemplate>

export const NetworkBoard = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** When someone last changed it, as the relay noted it (null: not since it began noting). */
  changedAt: z.string().nullable().optional(),
  addedAt: z.string(),
  phase: PhaseId,
  /** Only for the coordinator (a Beteiligtenanalyse with its Widerstände): never in a pack that leaves the network. */
  internal: z.boolean(),
  /** Which of the network's bodies met on it (`networkBodies.ts`); '' if nobody said. */
  body: z.string().optional(),
  templates: z.array(NetworkBoardTemplate),
  /** Never a token: the network opens its boards with its own link (see above). Kept so that older readers parse the view. */
  token: z.null(),
  /** Opens the board from the Fahrplan (`/b/<board>#n.<network>`): no secret in it, the browser's network link opens it. */
  link: z.string(),
})
export type NetworkBoard = z.infer<typeof NetworkBoard>

/** `GET /api/networks/:id`: the network and its boards, oldest first. */
export const NetworkView = NetworkMeta.extend({ boards: z.array(NetworkBoard), retention: NetworkRetention.optional() })
export type NetworkView = z.infer<typeof NetworkView>

export const AddNetworkBoard = z.object({
  boardId: z.string().regex(boardIdPattern),
  /** The board's facilitator token: only who holds it may put the board into a network. */
  token: z.string().regex(tokenPattern),
  phase: PhaseId,
  internal: z.boolean().default(false),
  body: NetworkBodyName.default(''),
})
/** As sent: `internal` and `body` may be left out. */
export type AddNetworkBoard = z.input<typeof AddNetworkBoard>

export const UpdateNetworkBoard = z.object({ phase: PhaseId.optional(), internal: z.boolean().optional(), body: NetworkBodyName.optional() })
export type UpdateNetworkBoard = z.infer<typeof UpdateNetworkBoard>

/** What deleting a network does with its boards: the caller must say it. */
export const networkBoardsOnDelete = ['keep', 'delete'] as const
export type NetworkBoardsOnDelete = (typeof networkBoardsOnDelete)[number]

/** `POST /api/networks/:id/boards/new`: a board started with a phase's methods, made inside the network. */
export const NewNetworkBoard = z.object({
  title: z.string().trim().min(1, 'title must not be empty').max(maxTitleLength),
  templates: z.array(z.enum(templateNames)).max(maxBoardTemplates, `a new board holds at most ${maxBoardTemplates} templates`).default([]),
  locale: z.enum(locales).default('de'),
  phase: PhaseId,
  internal: z.boolean().default(false),
  body: NetworkBodyName.default(''),
  /** The meeting's day, for each template that names one (its title, the Dokumentation's and the pack's „Sitzung am“). */
  date: Day.optional(),
})
export type NewNetworkBoard = z.input<typeof NewNetworkBoard>

/** The new board's three links (only now readable, as for `POST /api/boards`) and its place in the network. */
export const CreatedNetworkBoard = z.object({ board: CreatedBoard, entry: NetworkBoard })
export type CreatedNetworkBoard = z.infer<typeof CreatedNetworkBoard>

/** `POST /api/networks/:id/release` (network link): several boards released at once from the Fahrplan (`server/http/networkRelease.ts`). */
export const networkReleasePath = (id: string) => `${networkApiPath(id)}/release`

export const NetworkReleaseRequest = z.object({
  /** The coordinator's calendar day, as a board's own release takes it. */
  day: Day,
  locale: z.enum(locales).default('de'),
  boards: z.array(z.string().regex(boardIdPattern)).min(1).max(maxNetworkBoards),
})
export type NetworkReleaseRequest = z.input<typeof NetworkReleaseRequest>

/**
 * What became of each board asked for: released (its current state saved as the release's version);
 * or left as it is: already released as it stands, its facilitator kept the old release, internal
 * or holding a case (those are released one by one on the board), not (or no longer) opened by the
 * network, requiring a sign-in this request has not, too many named versions this hour, unreadable.
 */
/**
 * Templates, none with a Zettel yet: the coming meeting's board, made in advance. The Fahrplan's
 * release of a phase leaves it out, and the relay refuses it there (`empty`): nothing to send yet.
 */
export const nothingWritten = (board: { templates: ReadonlyArray<{ notes: number }> }): boolean => board.templates.length > 0 && board.templates.every((m) => m.notes === 0)

export const networkReleaseOutcomes = ['released', 'unchanged', 'kept', 'internal', 'case', 'not-in-network', 'sign-in', 'wait', 'unreadable', 'empty'] as const
export const NetworkReleaseAnswer = z.object({
  boards: z.array(z.object({ id: z.string(), outcome: z.enum(networkReleaseOutcomes), retryAfter: z.number().optional() })),
})
export type NetworkReleaseAnswer = z.infer<typeof NetworkReleaseAnswer>

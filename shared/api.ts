/** HTTP API shapes shared by the relay and the client. */
import { z } from 'zod'
import type { ExportFormat } from './results/export.ts'
import { joinReaches, joinRoles } from './joinCode.ts'
import { boardIdPattern, KeptLink, Role, RoleTokens } from './access.ts'
import type { Locale } from './locale.ts'
import type { LicenceReading } from './tldrawLicence.ts'
import { Answer } from './board/roundAnswer.ts'
import { Day } from './dates.ts'

/** What the relay read from TLDRAW_LICENSE_KEY; nothing secret (the key goes to every browser). */
const LicenceReadingSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }),
  z.object({ state: z.literal('unreadable'), problem: z.enum(['format', 'signature']) }),
  z.object({
    state: z.literal('read'),
    id: z.string(),
    kind: z.enum(['annual', 'perpetual', 'evaluation', 'unknown']),
    hosts: z.array(z.string()),
    expiry: z.string(),
    watermark: z.boolean(),
    native: z.boolean(),
  }),
]) satisfies z.ZodType<LicenceReading>

export const maxTitleLength = 200
/** Templates a new board may start with (`CreateBoardRequest.templates`, `boardCreationApi.ts`). */
export const maxBoardTemplates = 6

export const BoardMeta = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  url: z.string(),
})
export type BoardMeta = z.infer<typeof BoardMeta>

/** `POST /api/boards`: the only moment all three tokens are readable; the relay keeps hashes. */
export const CreatedBoard = BoardMeta.extend({ access: RoleTokens, links: RoleTokens })
export type CreatedBoard = z.infer<typeof CreatedBoard>

/**
 * `GET /api/boards/:id` with a token: the board, the role that token grants, and retention: after
 * how many days without use the relay deletes a board (null: never), and when this one would go
 * if nobody opened it from now on (opening it counts as use).
 */
export const BoardWithRole = BoardMeta.extend({
  role: Role,
  retentionDays: z.number().nullable().default(null),
  deleteAfter: z.string().nullable().default(null),
  /** Links of this board also need a sign-in; the name shown is then the sign-in's. */
  signInRequired: z.boolean().default(false),
})
export type BoardWithRole = z.infer<typeof BoardWithRole>

/** Settings the client reads from `GET /api/config` before it mounts the editor. */
export const ClientConfig = z.object({
  tldrawLicenseKey: z.string().nullable(),
  maxAssetBytes: z.number().int().positive(),
  /** The key as the relay read it (`shared/tldrawLicence.ts`): the page judges it for its own address before mounting the editor. */
  tldrawLicence: LicenceReadingSchema.default({ state: 'none' }),
})
export type ClientConfig = z.infer<typeof ClientConfig>

export const UploadedAsset = z.object({ url: z.string() })
export type UploadedAsset = z.infer<typeof UploadedAsset>

/** How much of the board's room for images and videos is taken: asked before a document's pages are uploaded. */
export const AssetSpace = z.object({ usedBytes: z.number().int().nonnegative(), maxBytes: z.number().int().positive() })
export type AssetSpace = z.infer<typeof AssetSpace>
export const assetSpacePath = (boardId: string) => `/api/boards/${boardId}/asset-space`

export const assetPath = (boardId: string, assetId: string) =>
  `/api/boards/${boardId}/assets/${assetId}`

export const exportPath = (boardId: string, format: ExportFormat) =>
  `/api/boards/${boardId}/export?format=${format}`

/**
 * The board's Dokumentation (`results/dokumentation.ts`): Markdown, a PDF file (also as PDF/A-2a
 * for an E-Akte: `pdfa`), ODT and DOCX to edit, the open items as CSV, its data as JSON.
 */
export const reportFormats = ['md', 'json', 'csv', 'pdf', 'pdfa', 'odt', 'docx'] as const
export type ReportFormat = (typeof reportFormats)[number]
/** The file name's extension of a document format: PDF/A is a PDF. */
export const formatExtension = (format: string) => (format === 'pdfa' ? 'pdf' : format)
/** `day`: the reader's own calendar day, which the report is dated by (the server may run in UTC). */
export const reportPath = (boardId: string, format: ReportFormat, locale: Locale, day: string, emptyTables = false) =>
  `/api/boards/${boardId}/report?format=${format}&locale=${locale}&day=${encodeURIComponent(day)}${emptyTables ? '&empty=1' : ''}`

// The routes without zod, for a phone's list: shared/ownPaths.ts.
export { ballotPath, privateNotesPath, privateRevealPath, revealPath, roundAnswerPath, roundClosePath, writerHeader } from './ownPaths.ts'

export const OwnBallot = z.object({
  voteId: z.string().min(1).max(200),
  /** Note shape id → dots; at most the vote's dots per person together. */
  dots: z.record(z.string().max(200), z.number().int().positive().max(10)),
})
export type OwnBallot = z.infer<typeof OwnBallot>

/** One person's answer for their Haus; `roundId`: the round it answers (a later round refuses it). */
export const RoundAnswer = Answer.extend({ roundId: z.string().min(1).max(200) })
export type RoundAnswer = z.infer<typeof RoundAnswer>
/** Closing a round: which one, and the facilitator's day (what a Haus consulting at home is asked from). */
export const RoundClose = z.object({ roundId: z.string().min(1).max(200), day: Day })
export const RevealRequest = z.object({ voteId: z.string().min(1).max(200) })

/** Versions of a board (facilitator): automatic ones have no name. */
export const BoardVersion = z.object({ id: z.string(), createdAt: z.string(), name: z.string().nullable() })
export type BoardVersion = z.infer<typeof BoardVersion>
export const versionsPath = (boardId: string) => `/api/boards/${boardId}/versions`
export const maxVersionNameLength = 120
/**
 * How far the asking client has written to the board: its Yjs client id and the clock of its next
 * item (`Y.getState`). A release or a named version waits for that much (`server/room/untilWritten.ts`).
 */
export const WrittenUpTo = z.object({ client: z.number().int().nonnegative().max(2 ** 32), clock: z.number().int().nonnegative().max(2 ** 40) })
export type WrittenUpTo = z.infer<typeof WrittenUpTo>
/** Said when `written` is of the wrong shape. */
export const writtenRefusal = '"written" is { "client": <Yjs client id>, "clock": <its next clock> }, both whole numbers of 0 or more'

export const NewVersion = z.object({ name: z.string().trim().min(1).max(maxVersionNameLength), written: WrittenUpTo.optional() })
export const versionIdPattern = /^[A-Za-z0-9_-]{8,32}$/

/**
 * `GET /api/auth/status`: whether this browser may create boards, and how it could sign in.
 * Requests from the server's own machine need no sign-in; others need the creator password or
 * the organisation's OpenID Connect login, whichever the operator set up.
 */
export const CreatorStatus = z.object({
  mayCreate: z.boolean(),
  local: z.boolean(),
  methods: z.object({ password: z.boolean(), oidc: z.boolean() }),
  /** Who is signed in (absent: nobody): the provider's name and what the sign-in allows. */
  session: z
    .object({ name: z.string().nullable(), rights: z.array(z.enum(['create', 'facilitate', 'member'])), provider: z.boolean() })
    .optional(),
})
export type CreatorStatus = z.infer<typeof CreatorStatus>
export const PasswordSignIn = z.object({ password: z.string().min(1).max(1024) })
export const authPaths = {
  status: '/api/auth/status',
  password: '/api/auth/password',
  oidcLogin: '/api/auth/oidc/login',
  oidcCallback: '/api/auth/oidc/callback',
  signOut: '/api/auth/sign-out',
} as const
/** The start page's query after a failed OpenID Connect sign-in. */
export const signInFailedParam = 'anmeldung'
/** Its value when the provider signed the person in but none of their groups may do anything here. */
export const signInRefusedValue = 'abgelehnt'
/** `POST /api/auth/sign-out` answers this when the provider should sign the person out too. */
export const SignOutAnswer = z.object({ signOutAt: z.string() })

/** `POST /api/boards/:id/join-code` (facilitator): a join code for a role whose link the caller holds. */
export const NewJoinCode = z.object({ role: z.enum(joinRoles), token: z.string().min(1).max(64) })
/** `POST /api/join` with `{ code }`: the code in the body, never in an address that proxies log. */
export const JoinRedeem = z.object({ code: z.string().max(64) })
export const joinRedeemPath = '/api/join'
/** The answer to it: the board and the link the code stands for. */
export const JoinTarget = z.object({
  // A board's id, or the page the code opens would not be a board's (and keep its key in the address).
  boardId: z.string().regex(boardIdPattern),
  role: z.enum(joinRoles),
  token: z.string(),
  /** A group's code (`groupJoinCode`): the number of the group its holder belongs to. */
  group: z.number().int().min(1).max(12).optional(),
})
export type JoinTarget = z.infer<typeof JoinTarget>

/**
 * Where people should go to join: `origin` is PUBLIC_URL, or this machine's LAN address when the
 * facilitator opened the app as localhost; null: the page's own address. `reach` says who can
 * get there: anyone, people in the same network, or only this computer (the join screen warns).
 */
export const JoinAddress = z.object({ origin: z.string().nullable(), reach: z.enum(joinReaches) })
export type JoinAddress = z.infer<typeof JoinAddress>

/**
 * `GET /api/boards/:id/links` (facilitator): the links to pass on, as the relay keeps them (null:
 * it keeps none, e.g. a board from before it did), and the address to show on the join screen.
 * Any device holding the facilitator link gets them, so none has to replace a link to show one.
 */
export const SharedLinks = z.object({ participant: KeptLink.nullable(), observer: KeptLink.nullable(), address: JoinAddress })
export type SharedLinks = z.infer<typeof SharedLinks>
export const sharedLinksPath = (boardId: string) => `/api/boards/${boardId}/links`

/** A board's own API paths for its sign-in setting (`GET`: facilitator; `PUT` { required }: facilitator signed in with facilitate rights). */
export const boardSignInPath = (boardId: string) => `/api/boards/${boardId}/sign-in`
/** A board's sign-in setting as its facilitator sees it. */
export const BoardSignIn = z.object({
  required: z.boolean(),
  /** The server has an OpenID Connect provider (without one, sign-in cannot be required). */
  available: z.boolean(),
  /** The facilitator is signed in with the right to facilitate such boards (so cannot lock themselves out). */
  mayRequire: z.boolean(),
  /** The signed-in person's name, if any. */
  signedInAs: z.string().nullable(),
  /** The links the server's SIGN_IN_POLICY asks a sign-in of on every board, whatever this board's switch says. */
  policyFloor: z.array(Role).default([]),
})
export type BoardSignIn = z.infer<typeof BoardSignIn>
export const SetBoardSignIn = z.object({ required: z.boolean() })
/**
 * The body of a 401/403 from a board that requires sign-in: `required` (nobody signed in, or the
 * sign-in ended), `forbidden` (signed in, but without the right this link's role needs).
 */
export const SignInRefusal = z.object({ error: z.string(), signIn: z.enum(['required', 'forbidden']) })
export type SignInRefusal = z.infer<typeof SignInRefusal>

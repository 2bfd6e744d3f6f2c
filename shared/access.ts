/**
 * Who may do what on a board. Every board has three capability links, one per role; the token
 * sits in the link's fragment (`/b/<id>#<token>`), so it never travels in an HTTP request line.
 * The client sends it as the websocket's `token` query parameter and as `Authorization: Bearer`.
 */
import { z } from 'zod'
import { BoardMeta, boardPath } from './api.ts'
import { Role } from './board/rights.ts'

// The roles live with the board's rights, below every template: the relay's judgement asks them.
export { canEdit, Role, roleAtLeast, roles } from './board/rights.ts'

/** 24 random bytes (192 bits), base64url. */
export const tokenPattern = /^[A-Za-z0-9_-]{32}$/
export const tokenQueryParam = 'token'

export const boardLink = (boardId: string, token: string) => `${boardPath(boardId)}#${token}`

/** The token in a board URL's fragment (`#<token>`), if it looks like one. */
export function tokenFromFragment(hash: string): string | undefined {
  const token = hash.replace(/^#/, '')
  return tokenPattern.test(token) ? token : undefined
}

export const RoleTokens = z.object({ facilitator: z.string(), participant: z.string(), observer: z.string() })
export type RoleTokens = z.infer<typeof RoleTokens>

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

/** The links a facilitator may replace: the old one stops working at once. */
export const rotatableRoles = ['participant', 'observer'] as const satisfies readonly Role[]
export type RotatableRole = (typeof rotatableRoles)[number]

/** `POST /api/boards/:id/links/:role` (facilitator): a fresh link for that role. */
export const RotatedLink = z.object({ role: z.enum(rotatableRoles), token: z.string(), link: z.string() })
export type RotatedLink = z.infer<typeof RotatedLink>

export const rotatePath = (boardId: string, role: RotatableRole) => `/api/boards/${boardId}/links/${role}`

/** `GET /api/time`: the relay's clock, so that every timer counts from the same start. */
export const ServerTime = z.object({ now: z.number() })
export type ServerTime = z.infer<typeof ServerTime>

/**
 * Our client hands the relay its link token and writer secret as websocket subprotocols
 * (`Sec-WebSocket-Protocol`), not in the URL, where a reverse proxy's access log would keep them.
 * The relay selects `relayProtocol`; plain y-websocket clients still use the query parameters.
 */
export const relayProtocol = 'netzwerkstatt.v1'
const tokenProtocolPrefix = 'token.'
const writerProtocolPrefix = 'writer.'

export const credentialProtocols = (token: string, writer?: string): string[] => [
  relayProtocol,
  tokenProtocolPrefix + token,
  ...(writer ? [writerProtocolPrefix + writer] : []),
]

/** The credentials in a `Sec-WebSocket-Protocol` header, if our client sent any. */
export function credentialsFromProtocols(header: string | undefined): { token?: string; writer?: string } {
  const offered = (header ?? '').split(',').map((p) => p.trim())
  const after = (prefix: string) => offered.find((p) => p.startsWith(prefix))?.slice(prefix.length)
  return { token: after(tokenProtocolPrefix), writer: after(writerProtocolPrefix) }
}

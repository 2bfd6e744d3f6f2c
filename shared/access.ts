/**
 * Who may do what on a board. Every board has three capability links, one per role; the token
 * sits in the link's fragment (`/b/<id>#<token>`), so it never travels in an HTTP request line.
 * The client sends it as the websocket's `token` query parameter and as `Authorization: Bearer`.
 */
import { z } from 'zod'
import { joinRoles } from './joinCode.ts'

export const roles = ['facilitator', 'participant', 'observer'] as const
export type Role = (typeof roles)[number]
export const Role = z.enum(roles)

const rank: Record<Role, number> = { observer: 0, participant: 1, facilitator: 2 }
export const roleAtLeast = (role: Role, needed: Role) => rank[role] >= rank[needed]
/** Observers see everything live but change nothing; the relay drops their document updates. */
export const canEdit = (role: Role) => role !== 'observer'

export { boardIdPattern } from './addresses.ts'

export const boardPath = (id: string) => `/b/${id}`
/** A board's capability link: the token in the fragment. */
export const boardLink = (boardId: string, token: string) => `${boardPath(boardId)}#${token}`

/** 24 random bytes (192 bits), base64url. */
export const tokenPattern = /^[A-Za-z0-9_-]{32}$/
export const tokenQueryParam = 'token'

/** The token in a board URL's fragment (`#<token>`), if it looks like one. */
export function tokenFromFragment(hash: string): string | undefined {
  const token = hash.replace(/^#/, '')
  return tokenPattern.test(token) ? token : undefined
}

export const RoleTokens = z.object({ facilitator: z.string(), participant: z.string(), observer: z.string() })
export type RoleTokens = z.infer<typeof RoleTokens>

/** The links kept for facilitators (`server/links/keptLinks.ts`), which a facilitator passes on and replaces. */
export const rotatableRoles = ['participant', 'observer'] as const satisfies readonly Role[]
export type RotatableRole = (typeof rotatableRoles)[number]

/** A join code for a role's link, and until when it works. */
export const JoinCode = z.object({ role: z.enum(joinRoles), code: z.string(), expiresAt: z.string() })
export type JoinCode = z.infer<typeof JoinCode>

/** A participant or read-only link the relay keeps for facilitators, with its current join code. */
export const KeptLink = z.object({
  token: z.string(),
  joinCode: JoinCode.omit({ role: true }).nullable(),
})
export type KeptLink = z.infer<typeof KeptLink>

/**
 * `POST /api/boards/:id/links/:role` (facilitator): a fresh link for that role, the facilitator's
 * own too (renewed: every socket opened with the old one closes; a network's stay, `networkApi.ts`).
 */
export const RotatedLink = z.object({ role: Role, token: z.string(), link: z.string() })
export type RotatedLink = z.infer<typeof RotatedLink>

export const rotatePath = (boardId: string, role: Role) => `/api/boards/${boardId}/links/${role}`

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

/**
 * How the relay names a socket opened with a network credential (`server/links/access.ts`
 * socketLink): never a board token's hash (hex, no colon). A shape, so rooms tell the two apart
 * without knowing links.
 */
export const networkLinkPrefix = 'network:'
export const isNetworkSocketLink = (link: string) => link.startsWith(networkLinkPrefix)

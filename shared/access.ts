/**
 * Who may do what on a board. Every board has three capability links, one per role; the token
 * sits in the link's fragment (`/b/<id>#<token>`), so it never travels in an HTTP request line.
 * The client sends it as the websocket's `token` query parameter and as `Authorization: Bearer`.
 */
import { z } from 'zod'
import { joinRoles } from './joinCode.ts'
import { roles, type Role as RoleName } from './accessRoles.ts'

// What the client needs before it talks to the relay lives in zod-free modules (a phone's list
// loads them without zod, test/integration/phoneFirstLoad.test.ts); re-exported here for everyone else.
export { roles, roleAtLeast, canEdit, rotatableRoles, type RotatableRole } from './accessRoles.ts'
export { boardIdPattern, boardPath, boardLink, tokenPattern, tokenQueryParam, tokenFromFragment } from './addresses.ts'
export { relayProtocol, credentialProtocols, credentialsFromProtocols } from './socketCredentials.ts'

export type Role = RoleName
/** The relay's check of a role it reads from a request. */
export const Role = z.enum(roles)

export const RoleTokens = z.object({ facilitator: z.string(), participant: z.string(), observer: z.string() })
export type RoleTokens = z.infer<typeof RoleTokens>

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
 * How the relay names a socket opened with a network credential (`server/links/access.ts`
 * socketLink): never a board token's hash (hex, no colon). A shape, so rooms tell the two apart
 * without knowing links.
 */
export const networkLinkPrefix = 'network:'
export const isNetworkSocketLink = (link: string) => link.startsWith(networkLinkPrefix)

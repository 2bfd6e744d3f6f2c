/**
 * Capability tokens: three per board, one per role, 192 random bits each. Only their SHA-256
 * hashes are stored; a token is checked by hashing what the client sent and looking it up.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { boardLink, networkLinkPrefix, roleAtLeast, roles, tokenPattern, type Role, type RoleTokens } from '../../shared/access.ts'
import { parseNetworkCredential } from '../../shared/networkCredential.ts'
import { unsealForNetwork } from './networkBoardSeal.ts'
import type { BoardLinks, Networks, TokenHashes } from '../storage/Storage.ts'

export const newToken = () => randomBytes(24).toString('base64url')

// Tokens are random, so a plain hash (no salt, no stretching) cannot be reversed by guessing.
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export function issueTokens(): { tokens: RoleTokens; hashes: TokenHashes } {
  const tokens = Object.fromEntries(roles.map((role) => [role, newToken()])) as RoleTokens
  const hashes = Object.fromEntries(roles.map((role) => [role, hashToken(tokens[role])])) as TokenHashes
  return { tokens, hashes }
}

export const linksFor = (boardId: string, tokens: RoleTokens): RoleTokens =>
  Object.fromEntries(roles.map((role) => [role, boardLink(boardId, tokens[role])])) as RoleTokens

/**
 * The role a token grants on a board; undefined for anything else, including malformed input. A
 * network credential (`shared/networkCredential.ts`) grants the facilitator's role on the boards
 * of its network, for as long as the board is in it and the network link is the current one.
 */
/** What telling a link's role reads: the board's token hashes, and for a network's credential the network's copy. */
export type LinkStorage = BoardLinks & Networks

export async function roleForToken(storage: LinkStorage, boardId: string, token: string | undefined): Promise<Role | undefined> {
  const network = parseNetworkCredential(token)
  if (network) return (await networkHoldsBoard(storage, boardId, network)) ? 'facilitator' : undefined
  if (!token || !tokenPattern.test(token)) return undefined
  return storage.roleForTokenHash(boardId, hashToken(token))
}

/**
 * Whether `token` is the network's current link (compared in constant time), the board is in that
 * network, and the facilitator token the network keeps of it is the board's current one. A
 * facilitator who renews her link on the board (a link that leaked, someone who left) thereby ends
 * every network's hold on it, as the operator's `board-links` does; a coordinator renewing it
 * through the network keeps the new one (`linkRenewal.ts`).
 */
export async function networkHoldsBoard(storage: LinkStorage, boardId: string, { networkId, token }: { networkId: string; token: string }): Promise<boolean> {
  const network = await storage.getNetwork(networkId)
  if (!network || !matchesHash(token, network.tokenHash)) return false
  // One row, not the network's whole list: this runs on every request and socket a network opens.
  const record = await storage.networkBoard(networkId, boardId)
  const kept = record && unsealForNetwork(token, networkId, boardId, record.sealedToken)
  return kept !== undefined && tokenPattern.test(kept) && (await storage.roleForTokenHash(boardId, hashToken(kept))) === 'facilitator'
}

/** A presented token against a stored hash: SHA-256 hex on both sides, so of equal length, compared in constant time. */
export const matchesHash = (token: string, hash: string) => {
  const presented = Buffer.from(hashToken(token))
  const stored = Buffer.from(hash)
  return presented.length === stored.length && timingSafeEqual(presented, stored)
}

/**
 * Which link a socket was opened with, for closing exactly those sockets when it is replaced: a
 * hash of the board token, or for a network credential one per network (its link is renewed, or
 * the board leaves it, without the server knowing the token then).
 */
export const socketLink = (token: string) => {
  const network = parseNetworkCredential(token)
  return network ? networkSocketLink(network.networkId) : hashToken(token)
}
export const networkSocketLink = (networkId: string) => `${networkLinkPrefix}${hashToken(`network:${networkId}`).slice(0, 32)}`

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  return match?.[1]
}

/** What a token may do on a board: its role, or why not (the HTTP layer answers 401 or 403, `http/boardRole.ts`). */
export type RoleCheck = { ok: true; role: Role } | { ok: false; refused: 'no-link' } | { ok: false; refused: 'role-too-low'; needed: Role }

/** The caller's role if it is at least `needed`; else no valid link, or a role too low. */
export async function checkRole(storage: LinkStorage, boardId: string, token: string | undefined, needed: Role): Promise<RoleCheck> {
  const role = await roleForToken(storage, boardId, token)
  if (!role) return { ok: false, refused: 'no-link' }
  if (!roleAtLeast(role, needed)) return { ok: false, refused: 'role-too-low', needed }
  return { ok: true, role }
}

/** Compares a presented secret with the expected one in constant time (hashes: equal lengths). */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  return presented !== undefined && timingSafeEqual(Buffer.from(hashToken(presented)), Buffer.from(hashToken(expected)))
}

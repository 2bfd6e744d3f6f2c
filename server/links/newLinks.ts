/**
 * Fresh links for all three roles of a board, for the operator's tools (`boardLinks.ts`,
 * `npm run admin -- import-board`): printed once, on stdout, never logged.
 */
import { roles, rotatableRoles, type RoleTokens } from '../../shared/access.ts'
import { linksFor } from './access.ts'
import { keepLink } from './keptLinks.ts'
import type { BoardLinks } from '../storage/Storage.ts'

/** Keeps the participant and read-only links for the facilitator, as a board's creation does. */
export async function keepNewLinks(storage: BoardLinks, boardId: string, tokens: RoleTokens): Promise<void> {
  for (const role of rotatableRoles) await keepLink(storage, boardId, tokens.facilitator, role, { token: tokens[role], joinCode: null })
}

/** One line per role: `facilitator: https://…/b/<id>#<token>`. */
export function linkLines(boardId: string, tokens: RoleTokens, baseUrl: string): string[] {
  const links = linksFor(boardId, tokens)
  return roles.map((role) => `${role}: ${new URL(links[role], baseUrl).href}`)
}

/**
 * The participant and read-only links, kept for facilitators. A facilitator's second device (the
 * projector laptop) holds only the facilitator link, yet must show the join screen and pass the
 * links on without replacing them. The relay keeps each such link, with its current join code,
 * sealed under a key derived from the facilitator token, which it stores only as a hash: the
 * database alone yields neither link nor code. A new facilitator link leaves them unreadable
 * until they are kept again (`boardLinks.ts` does so).
 */
import { KeptLink, rotatableRoles, type RotatableRole } from '../../shared/access.ts'
import { hashToken } from './access.ts'
import { seal, unseal } from '../base/seal.ts'
import type { BoardLinks } from '../storage/Storage.ts'

const sealInfo = (role: RotatableRole) => `netzwerkstatt-kept-link:${role}`

/** Keeps the role's link for whoever holds `facilitatorToken`; false if it is no longer the role's link. */
export function keepLink(storage: BoardLinks, boardId: string, facilitatorToken: string, role: RotatableRole, kept: KeptLink): Promise<boolean> {
  const sealed = seal(facilitatorToken, boardId, sealInfo(role), JSON.stringify(KeptLink.parse(kept)))
  return storage.keepSealedLink(boardId, role, hashToken(kept.token), sealed)
}

/** The links kept for this facilitator token, by role; null where none is kept (or readable). */
export async function keptLinks(storage: BoardLinks, boardId: string, facilitatorToken: string): Promise<Record<RotatableRole, KeptLink | null>> {
  const now = new Date().toISOString()
  const entries = await Promise.all(
    rotatableRoles.map(async (role) => {
      const sealed = await storage.sealedLink(boardId, role)
      let kept: KeptLink | null = null
      try {
        kept = sealed ? KeptLink.parse(JSON.parse(unseal(facilitatorToken, boardId, sealInfo(role), sealed))) : null
      } catch {
        // Sealed under an earlier facilitator link: unreadable now, as it should be.
      }
      if (kept?.joinCode && kept.joinCode.expiresAt <= now) kept = { ...kept, joinCode: null }
      return [role, kept] as const
    }),
  )
  return Object.fromEntries(entries) as Record<RotatableRole, KeptLink | null>
}

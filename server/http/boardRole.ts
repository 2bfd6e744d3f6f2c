/** A board link's capability check (`access.ts`) as HTTP: the role, or 401 (no or wrong token) / 403 (role too low). */
import type { Role } from '../../shared/access.ts'
import { checkRole } from '../links/access.ts'
import type { BoardLinks, Networks } from '../storage/Storage.ts'
import { HTTPException } from 'hono/http-exception'

/** The caller's role, or 401 (no or wrong token) / 403 (role too low). */
export async function requireRole(storage: BoardLinks & Networks, boardId: string, token: string | undefined, needed: Role): Promise<Role> {
  const check = await checkRole(storage, boardId, token, needed)
  if (check.ok) return check.role
  if (check.refused === 'no-link') throw new HTTPException(401, { message: 'a valid board link is needed' })
  throw new HTTPException(403, { message: `only a ${check.needed} link may do this` })
}

/** Who is asking: the address every per-address limit (connections, board creation) counts by. */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The client's address; behind a trusted reverse proxy, the one that proxy added: the last entry
 * of X-Forwarded-For (the entries before it were written by the client and prove nothing).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined
  return forwarded || getConnInfo(c).remote.address || 'unknown'
}

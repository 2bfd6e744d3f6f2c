/** Who is asking: the address every per-address limit (connections, board creation) counts by. */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/** The client's address; behind a trusted reverse proxy, the first one it forwarded. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined
  return forwarded || getConnInfo(c).remote.address || 'unknown'
}

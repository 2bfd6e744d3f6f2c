/**
 * How far the relay reaches, and what follows from it. A relay listening on loopback without
 * PUBLIC_URL is the laptop of `npm start`: only this machine can ask it anything, and `/metrics`
 * stays open to it. Listening beyond loopback (HOST=0.0.0.0, a LAN address) or reached through a
 * public address (PUBLIC_URL), others reach it: `/metrics` then answers only with METRICS_TOKEN.
 * Beyond loopback on plain HTTP with no proxy named, links, tokens and sign-in cookies cross the
 * network unencrypted: the relay says so at start.
 */
import type { Context } from 'hono'
import { isLoopbackHost } from '../links/joinAddress.ts'
import type { Config } from '../ops/config.ts'
import { sameSecret, bearerToken } from '../links/access.ts'
import { HTTPException } from 'hono/http-exception'
import { carriesForwarding } from './localCreation.ts'

type Reach = Pick<Config, 'host' | 'publicUrl' | 'metricsToken'> & Partial<Pick<Config, 'auditKey'>> & { limits: Pick<Config['limits'], 'trustedProxies'> }

/**
 * Whether people other than this machine's reach the relay. A proxy named in TRUST_PROXY passes
 * others' requests on, even to a relay on loopback (a same-host nginx without PUBLIC_URL).
 */
export const reachedByOthers = (config: Reach) => !isLoopbackHost(config.host) || config.publicUrl !== null || config.limits.trustedProxies !== null

/** What the relay warns of at start (empty: nothing). */
export function exposureWarnings(config: Reach): string[] {
  const warnings: string[] = []
  const https = config.publicUrl?.startsWith('https:') === true
  if (!isLoopbackHost(config.host) && !https && !config.limits.trustedProxies) {
    warnings.push(
      `HOST=${config.host} serves plain HTTP beyond this machine: board links, their tokens and sign-in cookies cross the network unencrypted. ` +
        'Put an HTTPS reverse proxy in front and set PUBLIC_URL=https://… and TRUST_PROXY (docs/operations.md, "Container and HTTPS"), or HOST=127.0.0.1',
    )
  }
  if (reachedByOthers(config) && !config.metricsToken) {
    warnings.push('/metrics answers 401 to everyone: others reach this server, so it needs METRICS_TOKEN (16 characters or more, sent as Authorization: Bearer)')
  }
  if (reachedByOthers(config) && config.auditKey === null) {
    warnings.push('the audit trail is not keyed: whoever can write the database could rewrite it unseen. Set AUDIT_KEY or AUDIT_KEY_FILE (32 characters or more; docs/operations.md, "Audit-Protokoll")')
  }
  return warnings
}

/** The check before `GET /metrics`: the token where set or where others reach the relay; open on a laptop. */
export function checkMetricsAccess(c: Context, config: Reach): void {
  if (config.metricsToken) {
    if (!sameSecret(bearerToken(c.req.header('authorization')), config.metricsToken)) throw new HTTPException(401, { message: 'metrics need the METRICS_TOKEN' })
    return
  }
  // A proxy's header means someone else asked, whatever the settings say (a proxy nobody named).
  if (reachedByOthers(config) || carriesForwarding(c.req.raw.headers)) {
    throw new HTTPException(401, { message: 'this server is reached beyond its own machine: set METRICS_TOKEN to read /metrics' })
  }
}

/**
 * Creation without sign-in "from this machine" (LOCAL_CREATION): the facilitator at the laptop
 * that runs `npm start`, by localhost or by its own LAN address (the README's LAN workshop). It
 * counts only for a request whose socket comes from this machine itself and that carries no
 * header any proxy writes. A reverse proxy on the same host also connects from
 * loopback, and one that adds no header (nginx's plain `proxy_pass`) cannot be told apart from a
 * browser at all: that is why the setting is `deny` by default once PUBLIC_URL is https (a
 * server with a TLS proxy in front), and why a server behind any proxy should set it to `deny`.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { isOwnAddress, normalise } from './clientAddress.ts'

/** Headers proxies and CDNs write about the client they pass on; any of them means "not the browser itself". */
const forwardingHeaders = [
  'forwarded', 'via', 'x-real-ip', 'x-client-ip', 'true-client-ip', 'cf-connecting-ip', 'fastly-client-ip', 'x-cluster-client-ip',
  'client-ip', 'forwarded-for', 'x-forwarded', 'x-originating-ip', 'x-remote-addr', 'x-remote-ip', 'x-proxyuser-ip',
]
// Envoy (and so Istio) adds x-envoy-… headers to every request it passes on.
const forwardingPrefixes = ['x-forwarded-', 'x-original-', 'x-envoy-']

/** Whether the request names any client, host or scheme on someone's behalf. */
export function carriesForwarding(headers: Headers): boolean {
  for (const name of headers.keys()) {
    const lower = name.toLowerCase()
    if (forwardingHeaders.includes(lower) || forwardingPrefixes.some((prefix) => lower.startsWith(prefix))) return true
  }
  return false
}

/** A request straight from this machine (its socket's peer is one of its own addresses), passed on by nobody. */
export function isDirectFromThisMachine(c: Context): boolean {
  return isOwnAddress(normalise(getConnInfo(c).remote.address ?? '')) && !carriesForwarding(c.req.raw.headers)
}

/** The check `creatorAccess` asks: may this request create boards without a sign-in? */
export const localCreation = (allowed: boolean) => (c: Context) => allowed && isDirectFromThisMachine(c)

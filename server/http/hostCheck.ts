/**
 * Only the relay's own names: DNS rebinding lets a page of another site point its name at
 * 127.0.0.1 (or at the relay's LAN address) and reach the relay from the facilitator's own
 * browser, where it counts as "this machine" (`clientAddress.ts`: creating boards without sign-in,
 * learning the LAN address) or as someone in the room. The browser still sends the attacker's name
 * as Host, so the relay answers, on HTTP and the websocket alike, only requests that name it:
 * loopback, this machine's interface addresses (the LAN join link) and host name, HOST when it
 * names one, PUBLIC_URL's host and ALLOWED_HOSTS (names a proxy passes on, e.g. its upstream
 * name). `ALLOWED_HOSTS=*` switches the check off. The port is not part of it: a rebound name
 * differs in its name.
 */
import type { MiddlewareHandler } from 'hono'
import { hostname as machineName, networkInterfaces } from 'node:os'
import { hostName, isLoopbackHost } from '../links/joinAddress.ts'

export interface HostNames {
  publicUrl: string | null
  /** HOST: the address the relay listens on (a name, or 0.0.0.0 / :: for all). */
  listenHost: string
  /** ALLOWED_HOSTS: further names, lower case; '*' for any. */
  allowedHosts: string[] | '*'
}

const ownNames = () => {
  const machine = machineName().toLowerCase()
  return [machine, `${machine}.local`, ...Object.values(networkInterfaces()).flatMap((infos) => infos ?? []).map((a) => a.address.toLowerCase())]
}

export function isOwnName(name: string, names: HostNames): boolean {
  if (names.allowedHosts === '*' || isLoopbackHost(name)) return true
  if (names.allowedHosts.includes(name) || name === names.listenHost.toLowerCase()) return true
  if (names.publicUrl && name === hostName(new URL(names.publicUrl).host)) return true
  // Read each time, as `clientAddress.ts` does: a laptop's LAN address changes with the room.
  return ownNames().includes(name)
}

export function hostCheck(names: HostNames): MiddlewareHandler {
  return async (c, next) => {
    // No Host header (HTTP/1.0, in-process requests): the URL's, which Node built from the socket.
    const name = hostName(c.req.header('host') ?? new URL(c.req.url).host)
    if (name !== null && isOwnName(name, names)) return next()
    return c.json({ error: 'this server does not answer to that name (Host); if it is one of its own, its operator adds it to ALLOWED_HOSTS' }, 421)
  }
}

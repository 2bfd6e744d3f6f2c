/** Who is asking: the address every per-address limit (connections, board creation) counts by. */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { BlockList, isIP } from 'node:net'
import { networkInterfaces } from 'node:os'
import type { TrustedProxies } from '../limits/trustedProxies.ts'

/** A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; the rest of the world writes a.b.c.d. */
export const normalise = (address: string) => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped ? mapped[1] : address
}

const listed = (proxies: TrustedProxies, address: string) => {
  const family = isIP(address)
  return family !== 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/** Whether a socket's peer is one of the trusted reverse proxies (exempt from per-address caps: it speaks for many). */
export const isTrustedProxy = (proxies: TrustedProxies | null, peer: string) => proxies !== null && listed(proxies, normalise(peer))

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

/** Loopback, or one of this machine's own interface addresses (its LAN IP opened in its own browser). */
export function isOwnAddress(address: string): boolean {
  if (listed(loopback, address)) return true
  return Object.values(networkInterfaces()).some((addresses) => addresses?.some((a) => a.address === address))
}

/**
 * Whether the request comes from the server's own machine (the facilitator at the laptop that
 * runs it, by localhost or by its LAN address): what the join screen shows (`joinApi.ts`). Who
 * may create boards without a sign-in is stricter (`localCreation.ts`). A request passed on by a proxy that is not trusted never counts as local, even if
 * that proxy runs on this machine: it speaks for someone else. Nor does one passed on by a trusted
 * proxy on another machine: no client of its is on this one (and in Kubernetes, where TRUST_PROXY
 * names every pod's range, any pod could claim to forward for loopback).
 */
export function isLocalRequest(c: Context, proxies: TrustedProxies | null): boolean {
  const peer = normalise(getConnInfo(c).remote.address ?? '')
  const forwarded = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((name) => c.req.header(name) !== undefined)
  if (forwarded && !(proxies && listed(proxies, peer) && isOwnAddress(peer))) return false
  return isOwnAddress(clientAddress(c, proxies))
}

/**
 * The client's address. Behind trusted proxies: walking X-Forwarded-For from the right (the
 * entries proxies appended), the first address that is not one of them. Everything left of it
 * was written by the client and proves nothing; a request that does not come from a trusted
 * proxy is judged by its own address whatever headers it carries.
 */
export function clientAddress(c: Context, proxies: TrustedProxies | null): string {
  const peer = normalise(getConnInfo(c).remote.address ?? '') || 'unknown'
  if (!proxies || !listed(proxies, peer)) return peer
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => normalise(entry.trim()))
    .filter(Boolean)
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!listed(proxies, forwarded[i])) return forwarded[i]
  }
  // Only proxies all the way: the left-most is as close to the client as we can know.
  return forwarded[0] ?? peer
}

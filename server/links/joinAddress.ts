/**
 * The address the join screen shows. A facilitator who opened the app as `localhost` (as the
 * README's start suggests) must not project `localhost`: nobody else reaches it. PUBLIC_URL wins
 * when set; otherwise a page opened on loopback gets this machine's LAN address (if the relay
 * listens there); otherwise the page's own address is right. Only one address is told, and only
 * to facilitators (`joinApi.ts`).
 */
import { isIPv4 } from 'node:net'
import type { NetworkInterfaceInfo } from 'node:os'
import type { JoinAddressShape as JoinAddress } from '../../shared/joinCode.ts'

export interface JoinAddressInput {
  /** PUBLIC_URL, if set. */
  publicUrl: string | null
  /** HOST: the address the relay listens on. */
  listenHost: string
  /** The request's Host header: where the facilitator's browser reached the relay. */
  requestHost: string | undefined
  /**
   * The request came through a reverse proxy (X-Forwarded-For or Forwarded): its Host may be the
   * proxy's upstream name, and the machine's LAN address is no way in. The forwarded host, if told.
   */
  proxied?: { host: string | undefined }
  /**
   * False when the socket's peer is another machine (a port forward, a container's mapped port,
   * or anyone writing `Host: localhost`): its localhost is not this one, and this machine's LAN
   * address is not for it to know.
   */
  fromThisComputer?: boolean
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>
}

const bareHost = (hostname: string) => hostname.toLowerCase().replace(/^\[|\]$/g, '')

export function isLoopbackHost(hostname: string): boolean {
  const host = bareHost(hostname)
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || (isIPv4(host) && host.startsWith('127.'))
}

/** The name of a Host header, lower case, without port, brackets or a trailing dot; null if it is none. */
export function hostName(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')
  } catch {
    return null
  }
}

const listensEverywhere = (host: string) => host === '0.0.0.0' || host === '::'

/** Private ranges and single-label or `.local` names: reachable in the same network only. */
function isNetworkHost(hostname: string): boolean {
  const host = bareHost(hostname)
  if (isIPv4(host)) return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/.test(host)
  if (host.includes(':')) return /^(fc|fd|fe80)/.test(host)
  return !host.includes('.') || host.endsWith('.local') || host.endsWith('.lan') || host.endsWith('.home.arpa')
}

const reachOf = (hostname: string): JoinAddress['reach'] =>
  isLoopbackHost(hostname) ? 'this-computer' : isNetworkHost(hostname) ? 'network' : 'public'

/** Bridges of containers and virtual machines on this machine: nobody in the room reaches them. */
const virtualInterface = /^(docker|br-|veth|virbr|vboxnet|vmnet|lxc|lxd|cni|podman)/

/** Home and office networks first (192.168/16, 10/8), then 172.16/12 (often container bridges), then the rest. */
const rank = (address: string) =>
  address.startsWith('192.168.') ? 0 : address.startsWith('10.') ? 1 : isNetworkHost(address) ? 2 : 3

/** This machine's IPv4 address others can reach, most likely the room's network first; the listening one if HOST names one. */
export function lanAddress(interfaces: JoinAddressInput['interfaces'], listenHost: string): string | undefined {
  const candidates = Object.entries(interfaces)
    .filter(([name]) => !virtualInterface.test(name))
    .flatMap(([, infos]) => infos ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.'))
    .map((a) => a.address)
  if (!listensEverywhere(listenHost)) return candidates.find((a) => a === listenHost)
  return candidates.sort((a, b) => rank(a) - rank(b))[0]
}

export function joinAddress({ publicUrl, listenHost, requestHost, proxied, fromThisComputer = true, interfaces }: JoinAddressInput): JoinAddress {
  if (publicUrl) {
    const url = new URL(publicUrl)
    return { origin: url.origin, reach: reachOf(url.hostname) }
  }
  let opened: URL
  try {
    opened = new URL(`http://${(proxied ? proxied.host : requestHost) ?? ''}`)
  } catch {
    return { origin: null, reach: 'public' }
  }
  if (proxied || !isLoopbackHost(opened.hostname)) return { origin: null, reach: reachOf(opened.hostname) }
  const lan = isLoopbackHost(listenHost) || !fromThisComputer ? undefined : lanAddress(interfaces, listenHost)
  if (!lan) return { origin: null, reach: 'this-computer' }
  return { origin: `http://${lan}${opened.port ? `:${opened.port}` : ''}`, reach: 'network' }
}

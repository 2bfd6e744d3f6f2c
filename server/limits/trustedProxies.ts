/**
 * TRUST_PROXY: the reverse proxies that speak for many addresses, so their X-Forwarded-For is
 * believed and no per-address cap counts them as one (`server/http/clientAddress.ts`).
 */
import { BlockList, isIP } from 'node:net'

/** The reverse proxies whose X-Forwarded-For entries are believed (TRUST_PROXY). */
export type TrustedProxies = BlockList

/**
 * Parses TRUST_PROXY: addresses and CIDR ranges separated by commas. Throws with the entry that
 * is neither, so a typo fails at startup instead of silently trusting nobody (or everybody).
 */
export function parseTrustedProxies(setting: string): TrustedProxies | null {
  const entries = setting.split(',').map((entry) => entry.trim()).filter(Boolean)
  if (entries.length === 0 || (entries.length === 1 && entries[0] === '0')) return null
  const list = new BlockList()
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = prefix === undefined ? undefined : Number(prefix)
    const maxBits = family === 6 ? 128 : 32
    if (!family || extra !== undefined || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))) {
      throw new Error(`"${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1 or 172.28.0.0/16)`)
    }
    const type = family === 6 ? 'ipv6' : 'ipv4'
    if (bits === undefined) list.addAddress(address, type)
    else list.addSubnet(address, bits, type)
  }
  return list
}

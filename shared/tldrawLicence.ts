/**
 * What a tldraw licence key says, and how tldraw's editor judges it on a page.
 *
 * Mirrors `LicenseManager` in @tldraw/editor 5 (production build): a key is
 * `tldraw-<anything>/<base64 JSON [id, hosts, flags, expiryDate]>.<base64 ECDSA P-256 signature>`.
 * The editor hides itself five seconds after load when its verdict is `expired` or
 * `unlicensed-production`; both are `rejected` here, with the reason, so the page can say why
 * instead of going blank. The signature is checked by the relay (`server/base/tldrawLicence.ts`).
 */

/** tldraw's flag bits (`FLAGS` in LicenseManager). */
export const licenceFlags = {
  annual: 1,
  perpetual: 1 << 1,
  internal: 1 << 2,
  watermark: 1 << 3,
  evaluation: 1 << 4,
  native: 1 << 5,
} as const

/** Annual and perpetual keys keep working this many days past their date (evaluation keys do not). */
export const licenceGraceDays = 30

/**
 * When the installed tldraw's minor version was published (`publishDates.minor` in
 * @tldraw/editor's version.ts; a unit test compares it): a perpetual key covers releases up to its
 * date plus the grace days.
 */
export const tldrawMinorPublished = '2026-09-02T11:04:02.901Z'

/** From this many days before the canvas stops, the log and the facilitators are told. */
export const licenceWarningDays = 60

export type LicenceKind = 'annual' | 'perpetual' | 'evaluation' | 'unknown'

/** The key as the relay read it: nothing secret (the key itself goes to every browser). */
export type LicenceReading =
  | { state: 'none' }
  /** `format`: not tldraw's layout or no readable payload; `signature`: not signed by tldraw (damaged or made up). */
  | { state: 'unreadable'; problem: 'format' | 'signature' }
  | {
      state: 'read'
      id: string
      kind: LicenceKind
      hosts: string[]
      /** The key's date, `YYYY-MM-DD` (UTC). */
      expiry: string
      watermark: boolean
      native: boolean
    }

export interface LicencePayload {
  id: string
  hosts: string[]
  flags: number
  expiryDate: string
}

/** The key's parts, cleaned as tldraw cleans them (zero-width characters and line breaks go). */
export function licenceKeyParts(key: string): { payload: string; signature: string } | null {
  const cleaned = key.replace(/[\u200B-\u200D\uFEFF]/g, '').replace(/\r?\n|\r/g, '')
  const [data, signature] = cleaned.split('.')
  const [prefix, payload] = (data ?? '').split('/')
  if (!prefix?.startsWith('tldraw-') || !payload || !signature) return null
  return { payload, signature }
}

/** The payload's JSON array, or null where tldraw could not read it either. */
export function decodeLicencePayload(payload: string): LicencePayload | null {
  let decoded: unknown
  try {
    decoded = JSON.parse(atob(payload))
  } catch {
    return null
  }
  if (!Array.isArray(decoded)) return null
  const [id, hosts, flags, expiryDate] = decoded as unknown[]
  if (!Array.isArray(hosts) || !hosts.every((h) => typeof h === 'string')) return null
  if (typeof flags !== 'number' || typeof expiryDate !== 'string' || Number.isNaN(new Date(expiryDate).getTime())) return null
  return { id: String(id), hosts, flags, expiryDate }
}

const has = (flags: number, flag: number) => (flags & flag) === flag

export function readingOf(payload: LicencePayload): LicenceReading & { state: 'read' } {
  const { flags } = payload
  const kind: LicenceKind = has(flags, licenceFlags.evaluation)
    ? 'evaluation'
    : has(flags, licenceFlags.annual)
      ? 'annual'
      : has(flags, licenceFlags.perpetual)
        ? 'perpetual'
        : 'unknown'
  return {
    state: 'read',
    id: payload.id,
    kind,
    hosts: payload.hosts,
    expiry: new Date(payload.expiryDate).toISOString().slice(0, 10),
    watermark: has(flags, licenceFlags.watermark),
    native: has(flags, licenceFlags.native),
  }
}

export interface LicencePage {
  protocol: string
  hostname: string
}

export type LicenceVerdict =
  /** tldraw does not judge the key here (plain http or loopback with no key it can read): the editor runs. */
  | { verdict: 'development' }
  | { verdict: 'licensed'; kind: LicenceKind; watermark: boolean; expiry: string; daysLeft: number | null; lastDay: string | null; inGrace: boolean }
  | { verdict: 'rejected'; reason: 'missing' | 'unreadable' | 'not-signed' | 'wrong-host' | 'expired'; hosts?: string[]; expiry?: string }

const dayMs = 86_400_000

/** Start of the UTC day `days` after the key's date: tldraw's cut-off instants. */
function dayAfter(expiry: string, days: number): number {
  const date = new Date(expiry)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days)
}

const bare = (hostname: string) => hostname.toLowerCase().replace(/^\[|\]$/g, '')
const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)

/** Whether tldraw counts this page as development (LicenseManager.getIsDevelopment, production build). */
export function isDevelopmentPage({ protocol, hostname }: LicencePage): boolean {
  const host = bare(hostname)
  // tldraw decides *.localhost (e.g. Tauri) by NODE_ENV, which is production in our build.
  if (host.endsWith('.localhost')) return false
  if (protocol === 'http:') return true
  return protocol === 'https:' && isLoopback(host)
}

/** Whether the browser gives this page WebCrypto (a secure context): without it tldraw cannot check a key at all. */
export function hasWebCrypto({ protocol, hostname }: LicencePage): boolean {
  const host = bare(hostname)
  return protocol === 'https:' || isLoopback(host) || host.endsWith('.localhost')
}

/** LicenseManager.isDomainValid: exact name, with or without `www.`, `*`, and `*.example.org` globs. */
export function hostMatches(hosts: string[], hostname: string): boolean {
  const current = hostname.toLowerCase()
  return hosts.some((host) => {
    const wanted = host.toLowerCase().trim()
    if (wanted === current || `www.${wanted}` === current || wanted === `www.${current}`) return true
    if (host === '*') return true
    if (host.includes('*')) {
      const glob = new RegExp(wanted.replace(/\./g, '\\.').replace(/\*/g, '.*?') + '$')
      return glob.test(current) || glob.test(`www.${current}`)
    }
    return false
  })
}

/**
 * The editor's verdict on a page at `page` at time `now` (getLicenseState). `daysLeft`: whole
 * days until the editor would go dark (null: never, for this tldraw version).
 *
 * In development (plain http, loopback) tldraw lets a missing or unreadable key pass and skips the
 * host, but a key it can read still expires there: an expired key blanks the canvas on
 * `http://localhost` too. On plain http elsewhere the browser has no WebCrypto, so tldraw reads no key.
 */
export function judgeLicence(reading: LicenceReading, page: LicencePage, now: Date): LicenceVerdict {
  const development = isDevelopmentPage(page)
  if (development && (reading.state !== 'read' || !hasWebCrypto(page))) return { verdict: 'development' }
  if (reading.state === 'none') return { verdict: 'rejected', reason: 'missing' }
  if (reading.state === 'unreadable') return { verdict: 'rejected', reason: reading.problem === 'signature' ? 'not-signed' : 'unreadable' }
  const { kind, expiry, hosts, watermark } = reading
  // Native keys match the page's address by pattern: not a web deployment, judged as a host mismatch unless one matches.
  if (!development && !hostMatches(reading.native ? [] : hosts, page.hostname)) return { verdict: 'rejected', reason: 'wrong-host', hosts }
  const t = now.getTime()
  let darkAt: number | null
  if (kind === 'evaluation') darkAt = dayAfter(expiry, 1)
  else if (kind === 'annual') darkAt = dayAfter(expiry, licenceGraceDays + 1)
  else if (kind === 'perpetual') darkAt = new Date(tldrawMinorPublished).getTime() >= dayAfter(expiry, licenceGraceDays + 1) ? -Infinity : null
  else darkAt = null // neither annual, perpetual nor evaluation: tldraw never calls it expired
  if (darkAt !== null && t >= darkAt) return { verdict: 'rejected', reason: 'expired', expiry }
  const inGrace = kind !== 'evaluation' && darkAt !== null && t >= dayAfter(expiry, 1)
  return {
    verdict: 'licensed',
    kind,
    // tldraw shows no watermark on a valid evaluation key (it still reports it to its CDN), nor
    // from the first whole day past the key's date (its grace branch returns before the watermark).
    watermark: watermark && kind !== 'evaluation' && daysSinceExpiry(kind, darkAt, expiry, t) === 0,
    expiry,
    daysLeft: darkAt === null ? null : Math.floor((darkAt - t) / dayMs),
    lastDay: darkAt === null ? null : new Date(darkAt - dayMs).toISOString().slice(0, 10),
    inGrace,
  }
}

/** LicenseManager.getDaysSinceExpiry: whole days past the key's last day; 0 for a perpetual key still covering this tldraw. */
function daysSinceExpiry(kind: LicenceKind, darkAt: number | null, expiry: string, t: number): number {
  if (kind === 'perpetual' && darkAt === null) return 0
  return Math.max(0, Math.floor((t - dayAfter(expiry, 1)) / dayMs))
}

/** Whether tldraw's code would ask its CDN for a tracking image from such a page (LicenseManager.maybeTrack). */
export function tldrawWouldCallHome(reading: LicenceReading, page: LicencePage, now: Date): boolean {
  if (isDevelopmentPage(page)) return false
  const verdict = judgeLicence(reading, page, now)
  // An evaluation key is reported even once expired; other expired keys are not.
  if (reading.state === 'read' && reading.kind === 'evaluation') return true
  if (verdict.verdict === 'rejected') return verdict.reason !== 'expired'
  return verdict.verdict === 'licensed' && verdict.watermark
}

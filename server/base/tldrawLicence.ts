/**
 * The configured tldraw licence key, read once at start: what it says (kind, date, hosts),
 * whether tldraw signed it, and how tldraw's editor will judge it at PUBLIC_URL. The relay tells
 * the operator (log line, `/metrics`, `npm run admin -- licence`) and hands the reading to the
 * browser (`GET /api/config`), which judges it for its own address before mounting the editor.
 * The key itself is never logged.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import {
  decodeLicencePayload,
  judgeLicence,
  licenceKeyParts,
  licenceWarningDays,
  readingOf,
  tldrawWouldCallHome,
  type LicenceReading,
  type LicenceVerdict,
} from '../../shared/tldrawLicence.ts'
import type { Logger } from './logger.ts'

/** The public key tldraw signs licence keys with (LicenseManager.publicKey; a unit test compares). */
export const tldrawPublicKey =
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEHJh0uUfxHtCGyerXmmatE368Hd9rI6LH9oPDQihnaCryRFWEVeOvf9U/SPbyxX74LFyJs5tYeAHq5Nc0Ax25LQ'

function spki(base64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' })
}

/**
 * Reads a key as tldraw does: the layout, then the signature over the payload's bytes (WebCrypto's
 * ECDSA signature is r‖s, `ieee-p1363` here), then the payload. `publicKey` is tldraw's unless a
 * test passes its own.
 */
export function readLicenceKey(key: string | null, publicKey: string = tldrawPublicKey): LicenceReading {
  if (!key) return { state: 'none' }
  const parts = licenceKeyParts(key)
  if (!parts) return { state: 'unreadable', problem: 'format' }
  let signed = false
  try {
    signed = verify('sha256', Buffer.from(parts.payload, 'base64'), { key: spki(publicKey), dsaEncoding: 'ieee-p1363' }, Buffer.from(parts.signature, 'base64'))
  } catch {
    signed = false
  }
  if (!signed) return { state: 'unreadable', problem: 'signature' }
  const payload = decodeLicencePayload(parts.payload)
  return payload ? readingOf(payload) : { state: 'unreadable', problem: 'format' }
}

export interface LicenceReport {
  reading: LicenceReading
  /** PUBLIC_URL's origin, or null: then the verdict is for https at the key's first host (expiry only), or for plain http without a key. */
  publicUrl: string | null
  verdict: LicenceVerdict
  /** Whether tldraw's code on that page asks its CDN for a tracking image (our CSP blocks it). */
  callsHome: boolean
}

/** How tldraw will judge the key at PUBLIC_URL. */
export function licenceReport(reading: LicenceReading, publicUrl: string | null, now = new Date()): LicenceReport {
  const page = publicUrl ? new URL(publicUrl) : assumedPage(reading)
  return { reading, publicUrl, verdict: judgeLicence(reading, page, now), callsHome: tldrawWouldCallHome(reading, page, now) }
}

/** Without PUBLIC_URL: a key is meant for the host it names; no key, a LAN workshop on plain http. */
function assumedPage(reading: LicenceReading): { protocol: string; hostname: string } {
  if (reading.state === 'none') return { protocol: 'http:', hostname: 'localhost' }
  const host = reading.state === 'read' ? reading.hosts[0]?.replace(/\*\.?/g, '') : undefined
  return { protocol: 'https:', hostname: host || 'netzwerkstatt.invalid' }
}

/** One line for people: what the key is and what tldraw will do with it. Never the key. */
export function describeLicence({ reading, publicUrl, verdict, callsHome }: LicenceReport): string {
  // Without PUBLIC_URL a key is judged at its own host (`assumedPage`); the line ends saying so.
  const where = publicUrl ?? 'the key’s own host'
  const what =
    reading.state === 'none'
      ? 'no TLDRAW_LICENSE_KEY'
      : reading.state === 'unreadable'
        ? reading.problem === 'signature'
          ? 'TLDRAW_LICENSE_KEY is not signed by tldraw (damaged when copied, or not a tldraw key)'
          : 'TLDRAW_LICENSE_KEY is not in tldraw’s format'
        : `${reading.kind} key ${reading.id}, dated ${reading.expiry}, for ${reading.hosts.join(', ') || 'no host'}${reading.watermark ? ', with watermark' : ''}`
  const judged =
    verdict.verdict === 'development'
      ? `tldraw does not check keys on plain http or loopback (${publicUrl ?? 'PUBLIC_URL is not set'}): the editor runs`
      : verdict.verdict === 'licensed'
        ? `tldraw accepts it at ${where}${verdict.lastDay ? `; the canvas works until ${verdict.lastDay} (${verdict.daysLeft} days)` : ''}${verdict.inGrace ? ' (in tldraw’s 30 days of grace: renew now)' : ''}`
        : reading.state === 'none'
          ? `tldraw needs one at ${where}: boards show an explanation instead of the canvas`
          : `tldraw REJECTS it at ${where} (${verdict.reason}): boards show an explanation instead of the canvas`
  const unset = publicUrl === null && verdict.verdict !== 'development' ? '; PUBLIC_URL is not set: set it to judge the key at the address people open' : ''
  return `${what}; ${judged}${callsHome ? '; tldraw’s code asks its CDN for a tracking image (the CSP blocks it)' : ''}${unset}`
}

/** Days left for `/metrics`: 0 once rejected, +Inf for a key that does not expire, null where tldraw checks nothing. */
export function licenceDaysLeft(report: LicenceReport): number | null {
  const { verdict } = report
  if (verdict.verdict === 'development') return null
  if (verdict.verdict === 'rejected') return 0
  return verdict.daysLeft ?? Infinity
}

/** The key of this server's settings, read. */
export function configuredLicence(config: { tldrawLicenseKey: string | null; tldrawLicensePublicKey: string | null }): LicenceReading {
  return readLicenceKey(config.tldrawLicenseKey, config.tldrawLicensePublicKey ?? undefined)
}

/** The start's log line: `warn` when tldraw rejects the key at PUBLIC_URL or stops it within 60 days, else `info`. */
export function logLicence(config: Parameters<typeof configuredLicence>[0] & { publicUrl: string | null }, logger: Logger, now = new Date()): void {
  const report = licenceReport(configuredLicence(config), config.publicUrl, now)
  const { verdict, reading } = report
  const fields = {
    licence: verdict.verdict === 'rejected' ? `rejected:${verdict.reason}` : verdict.verdict,
    ...(reading.state === 'read' ? { kind: reading.kind, expiry: reading.expiry, hosts: reading.hosts.join(',') } : {}),
    ...(verdict.verdict === 'licensed' && verdict.daysLeft !== null ? { daysLeft: verdict.daysLeft } : {}),
    detail: describeLicence(report),
  }
  const worrying = verdict.verdict === 'rejected' || (verdict.verdict === 'licensed' && verdict.daysLeft !== null && verdict.daysLeft <= licenceWarningDays)
  // No key on plain http is the LAN workshop: nothing to say beyond one quiet line.
  if (worrying) logger.warn('tldraw licence', fields)
  else logger.info('tldraw licence', fields)
}

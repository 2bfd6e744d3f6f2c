/**
 * The relay's reading of a tldraw licence key and the page's verdict on it, against tldraw's own
 * `LicenseManager` (from node_modules, in its production mode) on the same keys, pages and days.
 * Keys are signed with a key pair of the test's own (`test/helpers/tldrawKeys.ts`): both sides are
 * given its public key. What this proves: for any key tldraw's check accepts as signed, our verdict
 * is tldraw's. What it cannot: that a real key from tldraw reads the same (none is at hand), beyond
 * the layout tldraw's own tests use and the public key compared below.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { react, type Atom } from '@tldraw/state'
import * as tldrawEditor from '@tldraw/editor'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { hostMatches, judgeLicence, licenceFlags, tldrawMinorPublished, type LicenceVerdict } from '../../shared/tldrawLicence.ts'
import { describeLicence, licenceDaysLeft, licenceReport, readLicenceKey, tldrawPublicKey } from '../../server/base/tldrawLicence.ts'
import { appRoot } from '../../server/base/appRoot.ts'
import { dayFrom, testSigner, type TestSigner } from '../helpers/tldrawKeys.ts'

const now = new Date('2026-11-26T11:00:00Z')
const page = (url: string) => {
  const { protocol, hostname } = new URL(url)
  return { protocol, hostname }
}

let signer: TestSigner
beforeAll(() => {
  signer = testSigner()
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.unstubAllEnvs()
})

describe('reading a key', () => {
  it('reads kind, hosts, date and watermark from a signed key', () => {
    const key = signer.key({ id: 'lic-7', hosts: ['board.example.org'], flags: licenceFlags.annual | licenceFlags.watermark, expiry: '2027-03-01T00:00:00.000Z' })
    expect(readLicenceKey(key, signer.publicKey)).toEqual({
      state: 'read',
      id: 'lic-7',
      kind: 'annual',
      hosts: ['board.example.org'],
      expiry: '2027-03-01',
      watermark: true,
      native: false,
    })
  })

  it('names evaluation before annual, as tldraw reports the kind', () => {
    const key = signer.key({ hosts: ['*'], flags: licenceFlags.evaluation | licenceFlags.annual, expiry: '2027-01-01' })
    expect(readLicenceKey(key, signer.publicKey)).toMatchObject({ state: 'read', kind: 'evaluation' })
  })

  it('reads a key with line breaks and zero-width characters from a copied PDF', () => {
    const key = signer.key({ hosts: ['board.example.org'], flags: licenceFlags.perpetual, expiry: '2027-01-01' })
    const copied = `${key.slice(0, 20)}\u200B\r\n${key.slice(20, 40)}\uFEFF${key.slice(40)}`
    expect(readLicenceKey(copied, signer.publicKey)).toMatchObject({ state: 'read', kind: 'perpetual' })
  })

  it('calls a key signed with another key not signed, and checks against tldraw’s public key by default', () => {
    const key = signer.key({ hosts: ['board.example.org'], flags: licenceFlags.annual, expiry: '2027-01-01' })
    expect(readLicenceKey(key)).toEqual({ state: 'unreadable', problem: 'signature' })
    expect(readLicenceKey(key, testSigner().publicKey)).toEqual({ state: 'unreadable', problem: 'signature' })
    // One payload character changed: the signature no longer fits.
    const [head, signature] = key.split('.')
    const tampered = `${head.slice(0, -3)}${head.at(-3) === 'A' ? 'B' : 'A'}${head.slice(-2)}.${signature}`
    expect(readLicenceKey(tampered, signer.publicKey)).toEqual({ state: 'unreadable', problem: 'signature' })
  })

  it('calls what is not tldraw’s layout unreadable, and no key none', () => {
    for (const key of ['abc', 'tldraw-abc', 'other-/eyJ9.c2ln', 'tldraw-/.', 'tldraw-/eyJ9']) {
      expect(readLicenceKey(key, signer.publicKey), key).toEqual({ state: 'unreadable', problem: 'format' })
    }
    expect(readLicenceKey(null)).toEqual({ state: 'none' })
  })

  it('keeps the constants copied from tldraw equal to the installed tldraw', () => {
    const editor = join(appRoot, 'node_modules/@tldraw/editor')
    const manager = readFileSync(join(editor, 'dist-esm/lib/license/LicenseManager.mjs'), 'utf8')
    expect(manager, 'tldraw signs keys with another public key now: update tldrawPublicKey').toContain(`"${tldrawPublicKey}"`)
    expect(manager).toContain('GRACE_PERIOD_DAYS = 30')
    const version = readFileSync(join(editor, 'dist-esm/version.mjs'), 'utf8')
    expect(version, 'a new tldraw minor: update tldrawMinorPublished').toContain(`minor: "${tldrawMinorPublished}"`)
  })
})

describe('the verdict', () => {
  const judged = (flags: number, expiryDays: number, url = 'https://board.example.org/', hosts = ['board.example.org']) =>
    judgeLicence(readLicenceKey(signer.key({ hosts, flags, expiry: dayFrom(now, expiryDays) }), signer.publicKey), page(url), now)

  it('lets an annual key run 30 days past its date, then rejects it', () => {
    expect(judged(licenceFlags.annual, 10)).toMatchObject({ verdict: 'licensed', inGrace: false, daysLeft: 40 })
    expect(judged(licenceFlags.annual, -1)).toMatchObject({ verdict: 'licensed', inGrace: true, daysLeft: 29 })
    expect(judged(licenceFlags.annual, -30)).toMatchObject({ verdict: 'licensed', inGrace: true, daysLeft: 0 })
    expect(judged(licenceFlags.annual, -31)).toMatchObject({ verdict: 'rejected', reason: 'expired' })
  })

  it('rejects an evaluation key the day after its date, without grace', () => {
    expect(judged(licenceFlags.evaluation, 0)).toMatchObject({ verdict: 'licensed', daysLeft: 0, lastDay: dayFrom(now, 0) })
    expect(judged(licenceFlags.evaluation, -1)).toMatchObject({ verdict: 'rejected', reason: 'expired' })
  })

  it('keeps a perpetual key for the tldraw released within its date plus grace', () => {
    const released = new Date(tldrawMinorPublished)
    const daysToRelease = Math.floor((released.getTime() - now.getTime()) / 86_400_000)
    expect(judged(licenceFlags.perpetual, daysToRelease - 29)).toMatchObject({ verdict: 'licensed', daysLeft: null })
    expect(judged(licenceFlags.perpetual, daysToRelease - 40)).toMatchObject({ verdict: 'rejected', reason: 'expired' })
  })

  it('matches hosts as tldraw does: www either way, * and *.domain', () => {
    expect(hostMatches(['example.org'], 'www.example.org')).toBe(true)
    expect(hostMatches(['www.example.org'], 'example.org')).toBe(true)
    expect(hostMatches(['*.example.org'], 'board.example.org')).toBe(true)
    expect(hostMatches(['*.example.org'], 'example.org')).toBe(true) // through www.example.org, as tldraw's glob does
    expect(hostMatches(['*'], 'anything.test')).toBe(true)
    expect(hostMatches(['example.org'], 'board.example.org')).toBe(false)
    expect(hostMatches(['EXAMPLE.org '], 'example.org')).toBe(true)
    expect(judged(licenceFlags.annual, 100, 'https://other.example.net/')).toMatchObject({ verdict: 'rejected', reason: 'wrong-host', hosts: ['board.example.org'] })
  })

  it('lets any key pass on plain http away from loopback, where the browser gives tldraw no WebCrypto', () => {
    for (const url of ['http://192.168.1.20:8787/', 'http://board.example.org/']) {
      expect(judged(licenceFlags.annual, -400, url), url).toEqual({ verdict: 'development' })
      expect(judgeLicence({ state: 'none' }, page(url), now), url).toEqual({ verdict: 'development' })
    }
  })

  it('on loopback skips the host and a missing key, but an expired key still blanks the canvas', () => {
    for (const url of ['http://localhost:8787/', 'https://localhost/', 'http://127.0.0.1:8443/', 'https://[::1]/']) {
      expect(judgeLicence({ state: 'none' }, page(url), now), url).toEqual({ verdict: 'development' })
      expect(judgeLicence({ state: 'unreadable', problem: 'signature' }, page(url), now), url).toEqual({ verdict: 'development' })
      expect(judged(licenceFlags.annual, 100, url, ['elsewhere.example.net']), url).toMatchObject({ verdict: 'licensed' })
      expect(judged(licenceFlags.annual, -400, url), url).toMatchObject({ verdict: 'rejected', reason: 'expired' })
    }
    // *.localhost is production in tldraw's production build, yet a secure context.
    expect(judgeLicence({ state: 'none' }, page('http://app.localhost/'), now)).toEqual({ verdict: 'rejected', reason: 'missing' })
    expect(judged(licenceFlags.annual, 100, 'http://app.localhost:8787/')).toMatchObject({ verdict: 'rejected', reason: 'wrong-host' })
  })
})

/** tldraw's LicenseManager: exported by @tldraw/editor, but left out of its published types. */
const { LicenseManager } = tldrawEditor as unknown as {
  LicenseManager: new (key: string, testPublicKey?: string) => { state: Atom<string>; verbose: boolean }
}

/** tldraw's own verdict on a page (its state once validation settles), in its production mode. */
async function tldrawState(key: string, url: string, publicKey: string): Promise<string> {
  vi.unstubAllGlobals()
  vi.stubEnv('NODE_ENV', 'production')
  const location = new URL(url)
  vi.stubGlobal('window', { location })
  // Node always has WebCrypto; a browser gives it only to secure contexts (https, loopback, *.localhost).
  const secure = location.protocol === 'https:' || /^(localhost|127\.[\d.]+|\[::1\]|.+\.localhost)$/.test(location.hostname)
  if (!secure) vi.stubGlobal('crypto', { subtle: undefined })
  // Its tracking image for evaluation and watermarked keys: no request leaves the test.
  vi.stubGlobal('fetch', vi.fn(async () => new Response()))
  const manager = new LicenseManager(key, publicKey)
  manager.verbose = false
  return await new Promise<string>((resolve) => {
    const stop = react('licence settled', () => {
      const state = manager.state.get()
      if (state !== 'pending') queueMicrotask(() => (stop(), resolve(state)))
    })
  })
}

/** Which of tldraw's states ours stands for: does the editor stay, and with a watermark? */
const asTldraw = (verdict: LicenceVerdict) =>
  verdict.verdict === 'development'
    ? 'unlicensed'
    : verdict.verdict === 'rejected'
      ? verdict.reason === 'expired'
        ? 'expired'
        : 'unlicensed-production'
      : verdict.watermark
        ? 'licensed-with-watermark'
        : 'licensed'

describe('the same verdict as tldraw’s LicenseManager', () => {
  const flagSets = [licenceFlags.annual, licenceFlags.annual | licenceFlags.watermark, licenceFlags.evaluation, licenceFlags.perpetual, licenceFlags.internal]
  const expiries = [200, 5, 0, -1, -30, -31, -200]
  const places: { url: string; hosts: string[] }[] = [
    { url: 'https://board.example.org/b/x', hosts: ['board.example.org'] },
    { url: 'https://www.example.org/', hosts: ['example.org'] },
    { url: 'https://board.example.org/', hosts: ['*.example.org'] },
    { url: 'https://other.example.net/', hosts: ['board.example.org'] },
    { url: 'http://192.168.1.20:8787/', hosts: ['board.example.org'] },
    { url: 'https://127.0.0.1:8443/', hosts: ['board.example.org'] },
    { url: 'http://localhost:8787/', hosts: ['board.example.org'] },
    { url: 'http://app.localhost:8787/', hosts: ['board.example.org'] },
    { url: 'http://app.localhost:8787/', hosts: ['app.localhost'] },
  ]

  it('on every kind, date and place', { timeout: 60_000 }, async () => {
    vi.useFakeTimers({ toFake: ['Date'], now })
    const disagreements: string[] = []
    let compared = 0
    for (const flags of flagSets)
      for (const days of expiries)
        for (const { url, hosts } of places) {
          const key = signer.key({ hosts, flags, expiry: dayFrom(now, days) })
          const ours = asTldraw(judgeLicence(readLicenceKey(key, signer.publicKey), page(url), now))
          const theirs = await tldrawState(key, url, signer.publicKey)
          compared++
          if (ours !== theirs) disagreements.push(`flags ${flags}, ${days} days, ${url} for ${hosts}: ours ${ours}, tldraw ${theirs}`)
        }
    expect(compared).toBe(flagSets.length * expiries.length * places.length)
    expect(disagreements).toEqual([])
  })

  it('on keys tldraw cannot use: none, not signed, not its layout', async () => {
    const unsigned = testSigner().key({ hosts: ['board.example.org'], flags: licenceFlags.annual, expiry: dayFrom(now, 100) })
    for (const key of ['', unsigned, 'tldraw-/bm9wZQ==.bm9wZQ==']) {
      for (const url of ['https://board.example.org/', 'http://192.168.1.20/', 'http://localhost/', 'http://app.localhost/']) {
        const reading = readLicenceKey(key || null, signer.publicKey)
        expect(asTldraw(judgeLicence(reading, page(url), now)), `${key} at ${url}`).toBe(await tldrawState(key, url, signer.publicKey))
      }
    }
  })
})

describe('what the operator is told', () => {
  it('counts the days left at PUBLIC_URL, 0 once rejected, and names no key', () => {
    const key = signer.key({ id: 'lic-9', hosts: ['board.example.org'], flags: licenceFlags.annual, expiry: dayFrom(now, 20) })
    const reading = readLicenceKey(key, signer.publicKey)
    const here = licenceReport(reading, 'https://board.example.org', now)
    expect(licenceDaysLeft(here)).toBe(50)
    expect(describeLicence(here)).toContain('annual key lic-9')
    expect(describeLicence(here)).not.toContain(key.split('.')[1])
    const elsewhere = licenceReport(reading, 'https://netzwerkstatt.example.net', now)
    expect(licenceDaysLeft(elsewhere)).toBe(0)
    expect(describeLicence(elsewhere)).toContain('REJECTS')
    expect(licenceDaysLeft(licenceReport({ state: 'none' }, null, now))).toBeNull()
    expect(licenceReport(reading, null, now).verdict).toMatchObject({ verdict: 'licensed' })
  })

  it('reads as one sentence an operator can act on, without a key or without PUBLIC_URL', () => {
    expect(describeLicence(licenceReport({ state: 'none' }, null, now))).toBe(
      'no TLDRAW_LICENSE_KEY; tldraw does not check keys on plain http or loopback (PUBLIC_URL is not set): the editor runs',
    )
    expect(describeLicence(licenceReport({ state: 'none' }, 'https://board.example.org', now))).toMatch(/^no TLDRAW_LICENSE_KEY; tldraw needs one at https:\/\/board\.example\.org: /)
    const unreadable = describeLicence(licenceReport(readLicenceKey('garbage', signer.publicKey), null, now))
    expect(unreadable).toContain('tldraw REJECTS it at the key’s own host (unreadable)')
    expect(unreadable).toMatch(/PUBLIC_URL is not set: set it to judge the key at the address people open$/)
  })

  it('says when tldraw’s code calls its CDN', () => {
    const evaluation = readLicenceKey(signer.key({ hosts: ['board.example.org'], flags: licenceFlags.evaluation, expiry: dayFrom(now, 20) }), signer.publicKey)
    const annual = readLicenceKey(signer.key({ hosts: ['board.example.org'], flags: licenceFlags.annual, expiry: dayFrom(now, 20) }), signer.publicKey)
    expect(licenceReport(evaluation, 'https://board.example.org', now).callsHome).toBe(true)
    expect(licenceReport(annual, 'https://board.example.org', now).callsHome).toBe(false)
    expect(licenceReport(annual, 'http://192.168.1.20:8787', now).callsHome).toBe(false)
  })
})

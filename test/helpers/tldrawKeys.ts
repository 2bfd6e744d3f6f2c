/**
 * tldraw-style licence keys signed with a key pair of the test's own: tldraw's private key is
 * tldraw's, so no test can make a key tldraw's real check accepts. Keys made here pass our
 * reading and tldraw's own `LicenseManager` only where the matching public key is passed to them
 * (`TLDRAW_LICENSE_PUBLIC_KEY`, LicenseManager's `testPublicKey`); tldraw's editor in a page,
 * which always uses its own public key, rejects every one of them as not signed.
 */
import { generateKeyPairSync, sign } from 'node:crypto'
import { licenceFlags } from '../../shared/tldrawLicence.ts'

export { licenceFlags }

export interface TestSigner {
  /** Base64 SPKI, as tldraw's LicenseManager and TLDRAW_LICENSE_PUBLIC_KEY take it. */
  publicKey: string
  /** A key for `[id, hosts, flags, expiryDate]`, laid out as tldraw's own tests make them. */
  key(payload: { id?: string; hosts: string[]; flags: number; expiry: string }): string
}

export function testSigner(): TestSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    key({ id = 'test-licence', hosts, flags, expiry }) {
      const message = Buffer.from(JSON.stringify([id, hosts, flags, expiry]))
      const signature = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' })
      return `tldraw-/${message.toString('base64')}.${signature.toString('base64')}`
    },
  }
}

/** `YYYY-MM-DD` so many days from `now` (UTC). */
export function dayFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Sealing a secret under another one the relay does not store (a join code, the facilitator
 * token): AES-256-GCM with a key derived by HKDF-SHA256, so the database alone reads nothing.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const keyFrom = (secret: string, salt: string, info: string) => Buffer.from(hkdfSync('sha256', secret, salt, info, 32))

/** iv (12) · tag (16) · ciphertext */
export function seal(secret: string, salt: string, info: string, text: string): Uint8Array {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret, salt, info), iv)
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed])
}

/** The text sealed under this secret; throws if the secret or the bytes are not the ones sealed. */
export function unseal(secret: string, salt: string, info: string, sealed: Uint8Array): string {
  const bytes = Buffer.from(sealed)
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret, salt, info), bytes.subarray(0, 12))
  decipher.setAuthTag(bytes.subarray(12, 28))
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
}

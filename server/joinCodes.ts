/**
 * Making and redeeming join codes (`shared/joinCode.ts`). The relay stores a code only as a hash
 * (to find it) and the role's link token sealed with AES-256-GCM under a key derived from the
 * code, so the database alone yields neither the code nor the link.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto'
import { joinCodeAlphabet, joinCodeLength } from '../shared/joinCode.ts'

export function newJoinCode(): string {
  return Array.from({ length: joinCodeLength }, () => joinCodeAlphabet[randomInt(joinCodeAlphabet.length)]).join('')
}

export const hashJoinCode = (code: string) => createHash('sha256').update(`netzwerkstatt-join:${code}`).digest('hex')

const sealKey = (code: string, boardId: string) =>
  Buffer.from(hkdfSync('sha256', code, 'netzwerkstatt-join-seal', boardId, 32))

/** iv (12) · tag (16) · ciphertext */
export function sealLink(code: string, boardId: string, token: string): Uint8Array {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', sealKey(code, boardId), iv)
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed])
}

/** The token sealed under this code; throws if the code or the record is not the one sealed. */
export function openLink(code: string, boardId: string, sealed: Uint8Array): string {
  const bytes = Buffer.from(sealed)
  const decipher = createDecipheriv('aes-256-gcm', sealKey(code, boardId), bytes.subarray(0, 12))
  decipher.setAuthTag(bytes.subarray(12, 28))
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
}

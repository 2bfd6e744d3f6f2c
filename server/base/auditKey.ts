/**
 * The audit trail's key (AUDIT_KEY): a secret the database does not hold. Each row's chain link is
 * an HMAC under it (`auditChain.ts`), so whoever can write the database but not read the relay's
 * settings cannot recompute the chain after an edit. From the same secret comes an Ed25519 key
 * pair that signs checkpoints (a row's place and hash): an operator keeps those elsewhere (the
 * SIEM's AUDIT_STDOUT lines, `npm run admin -- audit checkpoint`), and `audit verify` holds the
 * chain against them, which shows rows cut off its end.
 */
import { createHmac, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto'

/** The shortest AUDIT_KEY taken: 32 characters (e.g. `openssl rand -base64 32`). */
export const auditKeyMinLength = 32

export interface AuditKey {
  /** The keyed hash of a chain link's text. */
  mac(text: string): string
  /** An Ed25519 signature (base64) of a checkpoint's text. */
  sign(text: string): string
  verify(text: string, signature: string): boolean
  /** The checkpoints' public key, PEM: to check them where the secret is not. */
  publicKeyPem: string
  /** A short name for the key, in each checkpoint: which key signed it, after a change of key. */
  id: string
}

// PKCS #8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): Node takes private keys only wrapped.
const ed25519Pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex')

export function auditKey(secret: string): AuditKey {
  if (secret.length < auditKeyMinLength) throw new Error(`AUDIT_KEY needs at least ${auditKeyMinLength} characters`)
  const macKey = Buffer.from(hkdfSync('sha256', secret, 'netzwerkstatt-audit', 'chain-mac', 32))
  const seed = Buffer.from(hkdfSync('sha256', secret, 'netzwerkstatt-audit', 'checkpoint-ed25519', 32))
  const privateKey: KeyObject = createPrivateKey({ key: Buffer.concat([ed25519Pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' })
  const publicKey = createPublicKey(privateKey)
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString()
  const id = createHmac('sha256', 'netzwerkstatt-audit-key-id').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16)
  return {
    mac: (text) => createHmac('sha256', macKey).update(text).digest('hex'),
    sign: (text) => sign(null, Buffer.from(text), privateKey).toString('base64'),
    verify: (text, signature) => {
      try {
        return verify(null, Buffer.from(text), publicKey, Buffer.from(signature, 'base64'))
      } catch {
        return false
      }
    },
    publicKeyPem,
    id,
  }
}

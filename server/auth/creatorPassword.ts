/**
 * The creator password is stored only as a scrypt hash (Node's own implementation), in the form
 * `scrypt:N:r:p:salt:hash`, so neither the config file nor a leaked environment reveals it.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  )

/** scrypt's parameters; a stored hash names the ones it was made with, and is checked with them. */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

/**
 * What a new hash costs: one of OWASP's equivalent scrypt minimums, the work of N=2^17 but 16 MiB
 * per check instead of 128, so a few checks at once cannot exhaust a small server's memory.
 */
export const passwordCost: ScryptCost = { N: 2 ** 14, r: 8, p: 5 }
const keyLength = 32
const pattern = /^scrypt:(\d+):(\d+):(\d+):([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/

/** Passwords shorter than this are refused when hashing: the hash is only as good as they are. */
export const minPasswordLength = 12

interface ParsedHash {
  N: number
  r: number
  p: number
  salt: Buffer
  key: Buffer
}

function parseHash(stored: string): ParsedHash | null {
  const match = pattern.exec(stored.trim())
  if (!match) return null
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const salt = Buffer.from(match[4], 'base64')
  const key = Buffer.from(match[5], 'base64')
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0
  if (!powerOfTwo || r < 1 || p < 1 || salt.length < 16 || key.length < 16) return null
  return { N, r, p, salt, key }
}

/** Whether `stored` is a hash this module made: checked at startup, so a typo fails loudly. */
export const isPasswordHash = (stored: string) => parseHash(stored) !== null

/** `cost` other than `passwordCost` only for tests of who may sign in, not of the hash's strength. */
export async function hashPassword(password: string, cost: ScryptCost = passwordCost): Promise<string> {
  if (password.length < minPasswordLength) throw new Error(`the password needs at least ${minPasswordLength} characters`)
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, keyLength, { ...cost, maxmem: 64 * 1024 * 1024 })
  return `scrypt:${cost.N}:${cost.r}:${cost.p}:${salt.toString('base64')}:${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parseHash(stored)
  if (!hash) return false
  const key = await scrypt(password, hash.salt, hash.key.length, {
    N: hash.N,
    r: hash.r,
    p: hash.p,
    maxmem: 128 * hash.N * hash.r * 2,
  })
  return timingSafeEqual(key, hash.key)
}

/**
 * The creator password's hash: made at the relay's cost unless told, and checked with the cost it
 * names, so a hash made cheaper for tests (`quickPasswordHash`) signs in the same way.
 */
import { describe, expect, it } from 'vitest'
import { hashPassword, isPasswordHash, passwordCost, verifyPassword } from '../../server/auth/creatorPassword.ts'
import { quickPasswordHash } from '../helpers/creatorCookie.ts'

const password = 'Netzwerk-Gründung 2026'

describe('the creator password’s hash', () => {
  it('is made at the relay’s cost and lets in that password only', async () => {
    const stored = await hashPassword(password)
    expect(stored).toMatch(new RegExp(`^scrypt:${passwordCost.N}:${passwordCost.r}:${passwordCost.p}:`))
    expect(passwordCost.N * passwordCost.r * passwordCost.p).toBeGreaterThanOrEqual(2 ** 17 * 5)
    expect(isPasswordHash(stored)).toBe(true)
    expect(await verifyPassword(password, stored)).toBe(true)
    expect(await verifyPassword('Netzwerk-Gründung 2025', stored)).toBe(false)
  })

  it('is checked with the cost it names: a test’s cheaper hash signs in alike', async () => {
    const stored = await quickPasswordHash(password)
    expect(stored).toMatch(/^scrypt:1024:8:1:/)
    expect(isPasswordHash(stored)).toBe(true)
    expect(await verifyPassword(password, stored)).toBe(true)
    expect(await verifyPassword(`${password} `, stored)).toBe(false)
    await expect(hashPassword('kurz')).rejects.toThrow(/at least 12 characters/)
  })
})

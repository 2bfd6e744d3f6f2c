/**
 * Browsers that have signed in with the creator password before ("device cookies", as OWASP
 * describes them for slowing online guessing without locking out the owner). Wrong passwords are
 * counted per client address, so guessing stops at 10 a minute; but at a venue everyone shares one
 * address, and someone there could keep the creator locked out. A browser that once gave the right
 * password carries a cookie naming it, and its attempts are counted for it alone: nobody else at the
 * address uses them up, and it guesses no faster than an address does. Only the password yields
 * such a cookie, so a guesser gains nothing by it.
 *
 * The cookie is a random id and its HMAC keyed by the password's stored hash: every relay process
 * checks it without a table, and a new password ends every device's standing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

const mac = (id: string, passwordHash: string) => createHmac('sha256', passwordHash).update(`netzwerkstatt-device:${id}`).digest('base64url')

/** A new device cookie's value. */
export function newDevice(passwordHash: string): string {
  const id = randomBytes(16).toString('base64url')
  return `${id}.${mac(id, passwordHash)}`
}

/** The device's id if the cookie is one this password made, else null. */
export function deviceOf(cookie: string | undefined, passwordHash: string): string | null {
  const [id, given, ...rest] = cookie?.split('.') ?? []
  if (!id || !given || rest.length > 0 || !/^[A-Za-z0-9_-]{22}$/.test(id)) return null
  const expected = Buffer.from(mac(id, passwordHash))
  const actual = Buffer.from(given)
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? id : null
}

/**
 * A creator signed in with the password, for tests that create boards from many made-up client
 * addresses behind a trusted proxy: such requests never count as the server's own machine
 * (`server/http/localCreation.ts`), so they carry this sign-in instead.
 */
import { hashPassword } from '../../server/auth/creatorPassword.ts'

export const creatorPassword = 'Ersteller-Passwort 2026'

/**
 * A password's hash at a small fraction of the relay's cost (`passwordCost`): a stored hash names
 * its cost and is checked with it, so each sign-in of a test then costs about 2 ms of CPU instead
 * of 145. For tests of who may sign in and how often; the hash's strength is `creatorPassword.test.ts`'s.
 */
export const quickPasswordHash = (password: string) => hashPassword(password, { N: 2 ** 10, r: 8, p: 1 })

/** CREATOR_PASSWORD_HASH for the relay's environment, at a test's cost (above). */
export const creatorPasswordEnv = async () => ({ CREATOR_PASSWORD_HASH: await quickPasswordHash(creatorPassword) })

/** Signs in at `httpUrl` and returns the `Cookie` header value that carries the sign-in. */
export async function creatorCookie(httpUrl: string): Promise<string> {
  const response = await fetch(`${httpUrl}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.250' },
    body: JSON.stringify({ password: creatorPassword }),
  })
  if (response.status !== 204) throw new Error(`creator sign-in: ${response.status} ${await response.text()}`)
  const pairs = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .filter((pair) => /^(__Host-)?nws_creator=./.test(pair))
  if (pairs.length !== 1) throw new Error('creator sign-in: no session cookie')
  return pairs[0]
}

/**
 * The names and paths of the relay's cookies. Under an https PUBLIC_URL they carry the `__Host-`
 * prefix: the browser then takes them only with Secure, Path=/ and no Domain, so no other host of
 * the organisation's domain (nor a page on plain http) can set or shadow them. On plain http
 * (`npm start` on a laptop) the browser refuses such names, so they stay plain there.
 *
 * A browser signed in before the switch still holds the plain name: it is read as well and
 * cleared at the next sign-in or sign-out, so nobody is signed out by an upgrade.
 */
export interface CookieNames {
  /** The sign-in (`sessions.ts`). */
  session: string
  /** A sign-in under way at the OpenID Connect provider. */
  pending: string
  /** A browser that gave the right creator password (`passwordDevices.ts`). */
  device: string
  /** The names before the prefix, still read once and cleared. */
  former: { session: string; pending: string; device: string }
  /** Path for the pending and device cookies: `/` with the prefix (the browser insists), else their own routes. */
  pendingPath: string
  devicePath: string
}

const plain = { session: 'nws_creator', pending: 'nws_login', device: 'nws_device' } as const
const hostPrefix = '__Host-'

export function cookieNames(secure: boolean): CookieNames {
  if (!secure) return { ...plain, former: plain, pendingPath: '/api/auth/oidc', devicePath: '/api/auth/password' }
  return {
    session: hostPrefix + plain.session,
    pending: hostPrefix + plain.pending,
    device: hostPrefix + plain.device,
    former: plain,
    pendingPath: '/',
    devicePath: '/',
  }
}

/** The value of the cookie under its name, else under its former one. */
export function readCookie(read: (name: string) => string | undefined, name: string, former: string): string | undefined {
  return read(name) ?? (name === former ? undefined : read(former))
}

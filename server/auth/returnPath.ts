/**
 * Where a sign-in may send the browser back to: a path on this server, nothing else. A return
 * target from the query is an open redirect otherwise (`//evil.example`, `/\\evil.example`,
 * `https://…`); anything that does not stay on our origin becomes `/`.
 */
const base = 'http://relay.invalid'

export function returnPath(requested: string | undefined): string {
  if (!requested || !requested.startsWith('/') || requested.length > 512) return '/'
  // Backslashes and control characters are read as slashes or dropped by browsers.
  if (/[\\\u0000-\u001f\u007f]/.test(requested) || requested.startsWith('//')) return '/'
  let url: URL
  try {
    url = new URL(requested, base)
  } catch {
    return '/'
  }
  // Resolving dot segments can make a path that begins with two slashes (`/..//evil.example`),
  // which a browser reads as another host: judged again after resolving.
  if (url.origin !== base || url.pathname.startsWith('//')) return '/'
  // No fragment: board tokens live there, and the browser keeps the board's link itself.
  return url.pathname + url.search
}

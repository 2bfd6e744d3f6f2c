/**
 * Walking through the test provider's pages as a browser would, without one: its redirects (with
 * its own cookies: the provider's session) and the forms it submits by script (the sign-out
 * confirmation, the form_post steps), until it sends the browser somewhere else.
 */

/** The provider's cookies of one browser. */
export type ProviderJar = Map<string, string>

const decodeHtml = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** The first form of a page: where it posts, and its hidden fields. */
function formOf(html: string, base: URL): { action: URL; fields: URLSearchParams } | null {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html)
  if (!form) return null
  const fields = new URLSearchParams()
  for (const input of form[2].matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) fields.append(input[1], decodeHtml(input[2]))
  return { action: new URL(decodeHtml(form[1]), base), fields }
}

/**
 * Follows the provider from `start` until it answers with a redirect elsewhere (returned, not
 * followed) or a page without a form (returned).
 */
export async function followProvider(start: string | URL, jar: ProviderJar = new Map()): Promise<Response> {
  const origin = new URL(start).origin
  let next: { url: URL; init: RequestInit } = { url: new URL(start), init: {} }
  for (let step = 0; step < 12; step++) {
    const headers = new Headers(next.init.headers)
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const response = await fetch(next.url, { ...next.init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1)
      if (!value || attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0\b/i.test(a.trim()))) jar.delete(name)
      else jar.set(name, value)
    }
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      const to = new URL(location, next.url)
      if (to.origin !== origin) return response
      next = { url: to, init: {} }
      continue
    }
    const form = response.status === 200 && /html/.test(response.headers.get('content-type') ?? '') ? formOf(await response.text(), next.url) : null
    if (!form) return response
    if (form.action.origin !== origin) throw new Error(`the provider posts a form to ${form.action.origin}, which this walk does not follow`)
    next = { url: form.action, init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.fields.toString() } }
  }
  throw new Error('the provider sent the browser in circles')
}

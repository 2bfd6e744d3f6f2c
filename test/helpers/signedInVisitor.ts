/**
 * A browser on another machine, as a relay behind a trusted proxy on this one sees it: its own
 * address (x-forwarded-for) and the cookies it was given, following no redirect by itself.
 */
import { CreatorStatus } from '../../shared/api.ts'
import type { InProcessRelay } from './inProcessRelay.ts'
import { followProvider, type ProviderJar } from './providerPages.ts'

export interface Visitor {
  cookies: Map<string, string>
  /** The provider's cookies of this browser (its session there). */
  providerCookies: ProviderJar
  /** Sends to `base` (a relay process's http URL), or the visitor's own relay. */
  request(path: string, init?: RequestInit, base?: string): Promise<Response>
  status(base?: string): Promise<CreatorStatus>
  signIn(password: string, base?: string): Promise<Response>
  /** Asks for a new board, as the page's form does. */
  create(title?: string): Promise<Response>
  /** Leaves for the provider and comes back to the callback, on `back` if given (another relay). */
  throughProvider(options?: { back?: string; path?: string }): Promise<Response>
  /** Follows an address at the provider (a sign-out there) with this browser's provider cookies; the answer that leaves the provider. */
  atProvider(url: string | URL): Promise<Response>
}

/** `relay`: a relay process's http URL, or the relay's app in this process. */
export function visitor(relay: string | Pick<InProcessRelay, 'request'>, address: string): Visitor {
  const cookies = new Map<string, string>()
  const providerCookies: ProviderJar = new Map()
  const request = async (path: string, init: RequestInit = {}, base?: string) => {
    const headers = new Headers(init.headers)
    headers.set('x-forwarded-for', address)
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const to = base ?? relay
    const response = typeof to === 'string' ? await fetch(new URL(path, to), { ...init, headers, redirect: 'manual' }) : await to.request(path, { ...init, headers })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const [name, value] = pair.split('=')
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim())) || value === ''
      if (expired) cookies.delete(name.trim())
      else cookies.set(name.trim(), value)
    }
    return response
  }
  return {
    cookies,
    providerCookies,
    request,
    status: async (base) => CreatorStatus.parse(await (await request('/api/auth/status', {}, base)).json()),
    signIn: (password, base) =>
      request('/api/auth/password', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) }, base),
    create: (title = 'Von woanders') =>
      request('/api/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) }),
    async throughProvider({ back, path = '/api/auth/oidc/login' } = {}) {
      const login = await request(path)
      if (login.status !== 302) throw new Error(`the sign-in did not start: ${login.status}`)
      const atProvider = await followProvider(login.headers.get('location')!, providerCookies)
      const callback = new URL(atProvider.headers.get('location')!)
      return request(callback.pathname + callback.search, {}, back)
    },
    atProvider: (url) => followProvider(url, providerCookies),
  }
}

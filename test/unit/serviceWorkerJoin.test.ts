/**
 * The service worker (client/public/sw.js) and join codes: it keeps no redeem answer and nothing
 * under an old `/j/<code>` address, whether the page asks for it or the worker is told to store
 * it. Run here on stand-ins for the worker's globals (caches, fetch): what it stores is the check.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { joinRedeemPath } from '../../shared/api.ts'

const origin = 'https://board.example.org'
const source = readFileSync(new URL('../../client/public/sw.js', import.meta.url), 'utf8')

interface FakeRequest {
  url: string
  method: string
  mode: string
  headers: Headers
}

/** The worker, loaded fresh, with a network that answers `answer` and a cache that records what is put in it. */
function worker(answer: (url: string) => Response) {
  const listeners = new Map<string, (event: unknown) => void>()
  const stored: string[] = []
  const fetched: string[] = []
  const cache = {
    match: async () => undefined,
    put: async (key: string | URL | FakeRequest) => void stored.push(typeof key === 'string' ? key : 'url' in key ? key.url : key.href),
  }
  const self = {
    location: new URL(`${origin}/sw.js`),
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: () => undefined,
    clients: { claim: async () => undefined },
  }
  const caches = { open: async () => cache, keys: async () => [], delete: async () => true }
  const fetch = async (target: string | URL | FakeRequest) => {
    const url = typeof target === 'string' ? target : 'url' in target ? target.url : target.href
    fetched.push(url)
    return answer(url)
  }
  new Function('self', 'caches', 'fetch', source)(self, caches, fetch)

  return {
    stored,
    fetched,
    /** A request from the page through the worker; whether the worker answered it, once it has. */
    async request(path: string, init: { method?: string; mode?: string } = {}): Promise<boolean> {
      let answered: Promise<unknown> | undefined
      const request: FakeRequest = { url: `${origin}${path}`, method: init.method ?? 'GET', mode: init.mode ?? 'cors', headers: new Headers() }
      listeners.get('fetch')!({ request, respondWith: (response: Promise<unknown>) => void (answered = response) })
      await answered
      return answered !== undefined
    },
    /** The page telling the worker which files it loaded before the worker ran. */
    async hint(paths: string[]): Promise<void> {
      let done: Promise<unknown> = Promise.resolve()
      listeners.get('message')!({ data: { type: 'cache-urls', urls: paths.map((path) => `${origin}${path}`) }, waitUntil: (work: Promise<unknown>) => void (done = work) })
      await done
    },
  }
}

const page = () => new Response('<!doctype html><div id="root"></div>', { headers: { 'content-type': 'text/html' } })

describe('the service worker and join codes', () => {
  it('stores the app shell from the join page, which has no code in its address', async () => {
    const sw = worker(page)
    expect(await sw.request('/j', { mode: 'navigate' })).toBe(true)
    expect(sw.stored).toEqual(['/'])
  })

  it('keeps no redeem answer and nothing under an old /j/<code> address, asked or told', async () => {
    // What the relay answers: the link for the code, or the old link's way on to /j#<code> (which a
    // fetch that follows it ends at the join page).
    const sw = worker((url) =>
      new URL(url).pathname === joinRedeemPath ? Response.json({ boardId: 'b', role: 'participant', token: 't' }) : page(),
    )
    expect(await sw.request(joinRedeemPath, { method: 'POST' })).toBe(false)
    // The old link opened in a tab goes straight to the relay: offline, no stored page holds the code in its address.
    expect(await sw.request('/j/K7QF-M2XA-P9TD', { mode: 'navigate' })).toBe(false)
    await sw.hint(['/j/K7QF-M2XA-P9TD', joinRedeemPath, '/assets/index-abc.js'])
    expect(sw.fetched.some((url) => url.includes('K7QF'))).toBe(false)
    expect(sw.stored).toEqual([`${origin}/assets/index-abc.js`])
  })
})

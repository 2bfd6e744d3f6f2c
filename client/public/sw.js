// Netzwerkstatt service worker: lets an open board reload without a connection.
// Pages: network first, falling back to the cached app shell (every route is the same
// index.html). Built files under /assets/ have hashed names, so they are served from the cache
// once stored. API calls and the websocket pass by: board metadata, exports and link changes are
// answered per token (sent as a header), and a cached answer would be handed to whichever link
// asks next. Nothing that carries a token, in a header or in a URL, is ever stored, nor a join code.
// Uploaded files follow their board's links (client/board/assetReader.ts fetches them with the
// link as a header): the relay is asked every time, so a renewed link reads nothing; the copy kept
// under the bare URL (no header in the cache) is shown only while the relay cannot be reached, and
// dropped when it refuses.
const cacheName = 'netzwerkstatt-v1'
const shellKey = '/'

self.addEventListener('install', () => self.skipWaiting())

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== cacheName) await caches.delete(key)
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'cache-urls' && Array.isArray(event.data.urls)) {
    event.waitUntil(storeAll(event.data.urls))
  }
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || carriesToken(url) || carriesJoinCode(url)) return
  if (isUploadedFile(url.pathname)) {
    if (request.headers.has('authorization')) event.respondWith(relayFirst(request))
    return
  }
  if (request.headers.has('authorization')) return
  if (request.mode === 'navigate') {
    // An API URL opened in a tab (an old export link) is no page of the app.
    if (isPlainFile(url.pathname)) event.respondWith(networkFirst(request, shellKey))
  } else if (isImmutable(url.pathname)) event.respondWith(cacheFirst(request))
  // Unhashed files from public/ (favicon, tldraw's English base translation).
  else if (isPlainFile(url.pathname)) event.respondWith(networkFirst(request, url.pathname))
})

function isImmutable(pathname) {
  return pathname.startsWith('/assets/')
}

function isUploadedFile(pathname) {
  return /^\/api\/boards\/[^/]+\/assets\/[^/]+$/.test(pathname)
}

function isPlainFile(pathname) {
  return !pathname.startsWith('/api/') && !pathname.startsWith('/ws')
}

/**
 * An old join link, `/j/<code>`: the relay sends it on to `/j#<code>`. Passed by, so that no page
 * is ever stored or shown under an address that holds a code (`/j#<code>` asks for `/j` alone).
 */
function carriesJoinCode(url) {
  return url.pathname.startsWith('/j/')
}

/** The websocket's `token` parameter, or any other query that names one. */
function carriesToken(url) {
  return url.searchParams.has('token')
}

async function networkFirst(request, key) {
  const cache = await caches.open(cacheName)
  try {
    const response = await fetch(request)
    // A navigation may also open an image in a tab; only HTML is the app shell.
    const isShell = key !== shellKey || response.headers.get('content-type')?.includes('text/html')
    if (response.ok && isShell) await cache.put(key, response.clone())
    return response
  } catch (error) {
    const cached = await cache.match(key)
    if (cached) return cached
    throw error
  }
}

/** An uploaded file as the relay answers the link now; its kept copy only when the relay is out of reach. */
async function relayFirst(request) {
  const cache = await caches.open(cacheName)
  // Keyed by the URL alone: the request's headers, and so its link, are not stored.
  const key = request.url
  let response
  try {
    response = await fetch(request)
  } catch (error) {
    const cached = await cache.match(key)
    if (cached) return cached
    throw error
  }
  if (response.ok) await cache.put(key, response.clone())
  else if (response.status === 401 || response.status === 403 || response.status === 404) await cache.delete(key)
  return response
}

async function cacheFirst(request) {
  const cache = await caches.open(cacheName)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

async function storeAll(urls) {
  const cache = await caches.open(cacheName)
  await Promise.all(
    urls.map(async (url) => {
      const target = new URL(url, self.location.origin)
      if (target.origin !== self.location.origin || carriesToken(target) || carriesJoinCode(target)) return
      // Only what the fetch handler would store itself without a link: the app's files.
      if (!isImmutable(target.pathname) && !isPlainFile(target.pathname)) return
      if (await cache.match(target)) return
      try {
        const response = await fetch(target)
        if (response.ok) await cache.put(target, response)
      } catch {
        // Offline right now; the fetch handler stores it next time it is requested.
      }
    }),
  )
}

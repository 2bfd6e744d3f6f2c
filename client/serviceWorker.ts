/**
 * Registers public/sw.js, which keeps the app shell and its assets so that a board reloads
 * while offline (IndexedDB already has the board itself). Browsers only allow service workers
 * in secure contexts: https, or http on localhost; on a plain-http LAN address there is none.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return
  navigator.serviceWorker.register('/sw.js').catch((error) => console.warn('netzwerkstatt: no service worker', error))
  void hintLoadedAssets()
}

/**
 * Files this page fetched before the worker controlled it (the very first visit) never passed
 * through it; we tell it their URLs so it can store them too.
 */
async function hintLoadedAssets(): Promise<void> {
  const registration = await navigator.serviceWorker.ready
  const sent = new Set<string>()
  const send = (urls: string[]) => {
    const fresh = urls.filter((url) => isShellAsset(url) && !sent.has(url))
    if (fresh.length === 0) return
    fresh.forEach((url) => sent.add(url))
    registration.active?.postMessage({ type: 'cache-urls', urls: fresh })
  }
  send(['/'])
  new PerformanceObserver((list) => send(list.getEntries().map((entry) => entry.name))).observe({
    type: 'resource',
    buffered: true,
  })
}

function isShellAsset(url: string): boolean {
  const { origin, pathname } = new URL(url, window.location.href)
  return origin === window.location.origin && !pathname.startsWith('/api/') && !pathname.startsWith('/ws') && !pathname.startsWith('/b/')
}

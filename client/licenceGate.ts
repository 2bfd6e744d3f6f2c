/**
 * Whether tldraw may be mounted here.
 *
 * tldraw counts plain HTTP and https on loopback as development and runs unlicensed there. On
 * https elsewhere, without a licence key, it hides the editor after a few seconds and fetches a
 * tracking image from its CDN, so there we show the operator an explanation instead.
 * Mirrors LicenseManager.getIsDevelopment in @tldraw/editor (production build).
 */
export interface PageLocation {
  protocol: string
  hostname: string
}

export type EditorGate = { mount: true } | { mount: false; reason: 'licence-key-required' }

export function isTldrawDevelopmentHost({ protocol, hostname }: PageLocation): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  // tldraw decides *.localhost (e.g. Tauri) by NODE_ENV, which is production in our build.
  if (host.endsWith('.localhost')) return false
  if (protocol === 'http:') return true
  return protocol === 'https:' && isLoopback(host)
}

export function decideEditorGate(location: PageLocation, licenceKey: string | null): EditorGate {
  if (licenceKey && licenceKey.trim() !== '') return { mount: true }
  if (isTldrawDevelopmentHost(location)) return { mount: true }
  return { mount: false, reason: 'licence-key-required' }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

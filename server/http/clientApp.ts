/** Serves the built client: static files, and index.html for the app's own pages. */
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

// The page may talk to its own origin only: this is the browser-side guarantee that no font,
// script or telemetry request leaves the server (tldraw's assets are bundled and self-hosted).
const contentSecurityPolicy = (frameAncestors: string) => [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  `frame-ancestors ${frameAncestors}`,
].join('; ')

export function clientApp(clientDir: string, frameAncestors = "'none'") {
  const csp = contentSecurityPolicy(frameAncestors)
  const app = new Hono()
  const indexPath = join(clientDir, 'index.html')
  let indexHtml: string | null = null
  const index = () => (indexHtml ??= existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null)

  const page = (c: import('hono').Context) => {
    const html = index()
    if (!html) return c.text('The client is not built yet: run `npm run build`.', 503)
    c.header('Content-Security-Policy', csp)
    c.header('Cache-Control', 'no-cache')
    return c.html(html)
  }

  app.get('/', page)
  app.get('/b/:id', page)
  app.get('/j/:code', page)
  app.get('/n/:id', page)
  app.use(
    '/*',
    serveStatic({
      root: relative(process.cwd(), clientDir),
      onFound: (path, c) => {
        // Vite puts a content hash in every file name under assets/.
        if (path.includes('/assets/')) c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    }),
  )
  return app
}

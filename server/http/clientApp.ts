/** Serves the built client: static files, and index.html for the app's own pages. */
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context } from 'hono'
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
  // blob: is this page's own memory: the board's files are read with its link and shown as object
  // URLs, which tldraw fetches again for exports and copies (client/board/assetReader.ts).
  "connect-src 'self' blob:",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  `frame-ancestors ${frameAncestors}`,
].join('; ')

/** The copies `deploy/precompress.ts` makes, as serveStatic names them. */
const precompressedSuffixes = ['.br', '.gz']
/** The types of the files it makes them of (js, css, html, svg, json, …), all of which serveStatic sends a copy of. */
const textType = /^(text\/|application\/(javascript|json|xml)|image\/svg\+xml|[^;\s]+\+(json|xml)\b)/i

export function clientApp(clientDir: string, frameAncestors = "'none'") {
  const csp = contentSecurityPolicy(frameAncestors)
  const app = new Hono()
  const indexPath = join(clientDir, 'index.html')
  let indexHtml: string | null = null
  const index = () => (indexHtml ??= existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null)

  const page = (c: Context) => {
    const html = index()
    if (!html) return c.text('The client is not built yet: run `npm run build`.', 503)
    c.header('Content-Security-Policy', csp)
    c.header('Cache-Control', 'no-cache')
    return c.html(html)
  }

  app.get('/', page)
  app.get('/b/:id', page)
  app.get('/j', page)
  // A link from before codes moved to the fragment (printed handouts, 7 days): once on to /j#<code>,
  // where the browser keeps the code to itself. The request log names the route, `/j/:code`, never the code.
  const oldJoinLink = (c: Context) => {
    c.header('Referrer-Policy', 'no-referrer')
    c.header('Cache-Control', 'no-store')
    return c.redirect(`/j#${encodeURIComponent(c.req.param('code') ?? '')}`, 303)
  }
  app.get('/j/:code', oldJoinLink)
  // With the slash a mail program or a link shortener may add: the same link (the page's routes take it too).
  app.get('/j/:code/', oldJoinLink)
  app.get('/n/:id', page)
  app.get('/n/:id/pack', page)
  // The build puts a brotli and a gzip copy beside each text file that compresses
  // (`deploy/precompress.ts`); serveStatic sends the copy the browser accepts (br before gzip,
  // named in Accept-Encoding without a q-value) with Content-Encoding, the original's
  // Content-Type and Vary: Accept-Encoding, and the file itself to a client that accepts neither.
  const found = new WeakMap<Context, string>()
  const files = serveStatic({
    root: relative(process.cwd(), clientDir),
    precompressed: true,
    onFound: (path, c) => void found.set(c, path),
  })
  app.use('/*', async (c, next) => {
    // serveStatic (1.19) gets a Range wrong: `bytes=-500` (the last 500 bytes) gets the first 501,
    // a range that runs past the end announces bytes it never sends (the connection drops), one
    // that starts past it a 500. Nothing the client loads asks for part of a file: it gets the
    // whole file, as RFC 9110 lets a server answer any Range.
    c.req.raw.headers.delete('range')
    const response = await files(c, next)
    const path = found.get(c)
    if (!response || !path) return response
    // The answer depends on Accept-Encoding whenever a copy exists, also when it is the file itself:
    // a shared cache must not hand the plain file's entry to a browser that accepts br, or a
    // compressed one to a client that accepts nothing.
    const plainText = !response.headers.has('content-encoding') && textType.test(response.headers.get('content-type') ?? '')
    if (plainText && precompressedSuffixes.some((suffix) => existsSync(path + suffix))) {
      response.headers.append('Vary', 'Accept-Encoding')
    }
    // Vite puts a content hash in every file name under assets/. Set on the answer itself: a
    // header set in onFound, after serveStatic made the Response, is lost outside @hono/node-server.
    if (c.req.path.startsWith('/assets/')) response.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
    return response
  })
  return app
}

/**
 * Builds the relay and the operator's tools to plain JavaScript in dist/server/, so production
 * runs them with `node` alone: no TypeScript loader, no compiler cache, nothing written beside
 * the app. Dependencies stay in node_modules (better-sqlite3 is native; tldraw's schema is large).
 */
import { build } from 'esbuild'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const outdir = join(root, 'dist', 'server')

await rm(outdir, { recursive: true, force: true })
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'server/main.ts',
    admin: 'server/admin/main.ts',
    boardLinks: 'server/ops/boardLinks.ts',
    // Exports, reports, packs and PDFs run in worker threads started from this file (`server/documents/documentWorkers.ts`).
    documentWorker: 'server/documents/documentWorker.ts',
    // A room's big board loads and compactions, in a thread that carries only Yjs and starts quickly.
    boardLoadWorker: 'server/documents/boardLoadWorker.ts',
    // The relay as a module (`startRelayServer`), for tests that run it in their own process as
    // production runs it, built (test/helpers/relayInThisProcess.ts); main.js does not load it.
    relayServer: 'server/relayServer.ts',
  },
  outdir,
  // One self-contained file per entry, no shared chunks in a subfolder: import.meta.dirname is dist/server everywhere.
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
})
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .reduce((sum, [, output]) => sum + output.bytes, 0)
console.log(`dist/server: ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length} files, ${(bytes / 1024).toFixed(0)} KiB of JavaScript`)

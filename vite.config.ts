import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { fontSubsets } from './deploy/fontSubsets.ts'
import { precompress } from './deploy/precompress.ts'
import { bundleReport } from './deploy/bundleReport.ts'

const relay = process.env.RELAY_URL ?? 'http://localhost:8787'

export default defineConfig({
  root: 'client',
  // tldraw's fonts cut to the characters workshops write (deploy/fontSubsets.ts); brotli and gzip
  // copies beside the built files, which the relay serves (deploy/precompress.ts); the weight of
  // each chunk by package in dist/bundle-report.json (deploy/bundleReport.ts).
  plugins: [react(), fontSubsets(), precompress(), bundleReport()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // tldraw alone is larger than Vite's default warning threshold.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // @tldraw/utils declares no `sideEffects`, so a chunk that takes one function from it (the
      // list's fractional index, a user id) kept every module of it and four lodash packages:
      // 23 kB of a phone's 265 (issue 64). Its modules and lodash's only define; its index also
      // registers its version for tldraw's warning about two copies, which the editor's packages
      // do for themselves.
      treeshake: { moduleSideEffects: (id) => !/\/node_modules\/(@tldraw\/utils\/dist-esm\/|lodash\.[a-z]+\/)/.test(id) },
    },
  },
  server: {
    proxy: {
      '/api': relay,
      '/ws': { target: relay.replace(/^http/, 'ws'), ws: true },
    },
  },
})

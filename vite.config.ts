import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { fontSubsets } from './deploy/fontSubsets.ts'
import { precompress } from './deploy/precompress.ts'

const relay = process.env.RELAY_URL ?? 'http://localhost:8787'

export default defineConfig({
  root: 'client',
  // tldraw's fonts cut to the characters workshops write (deploy/fontSubsets.ts); brotli and gzip
  // copies beside the built files, which the relay serves (deploy/precompress.ts).
  plugins: [react(), fontSubsets(), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // tldraw alone is larger than Vite's default warning threshold.
    chunkSizeWarningLimit: 4096,
  },
  server: {
    proxy: {
      '/api': relay,
      '/ws': { target: relay.replace(/^http/, 'ws'), ws: true },
    },
  },
})

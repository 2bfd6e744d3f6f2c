import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './deploy/precompress.ts'

const relay = process.env.RELAY_URL ?? 'http://localhost:8787'

export default defineConfig({
  root: 'client',
  // Brotli and gzip copies beside the built files, which the relay serves (deploy/precompress.ts).
  plugins: [react(), precompress()],
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

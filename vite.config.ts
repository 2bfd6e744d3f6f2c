import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const relay = process.env.RELAY_URL ?? 'http://localhost:8787'

export default defineConfig({
  root: 'client',
  plugins: [react()],
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

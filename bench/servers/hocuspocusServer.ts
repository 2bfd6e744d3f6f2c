/**
 * Hocuspocus for the comparisons: `@hocuspocus/server` as it comes, no extensions, so documents
 * live in memory only, like the reference server's. Prints `{"port":N}` once it listens on a free
 * port. Its clients speak its own framing (`bench/dialects.ts`), not plain y-websocket.
 */
import { Server } from '@hocuspocus/server'

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false })
await server.listen()
console.log(JSON.stringify({ port: server.address.port }))

// Gone with the bench: its end of our stdin closes when it exits, however it exits.
process.stdin.on('close', () => process.exit(0)).resume()

/**
 * The y-websocket reference server (`@y/websocket-server`, which y-websocket 3 split off) for the
 * comparisons: its own `setupWSConnection` behind a `ws` server, documents in memory, one per URL
 * path. Prints `{"port":N}` once it listens on a free port. `GET /memory` answers
 * `process.memoryUsage()`, so that a bench can read its heap as it reads ours from /metrics.
 *
 * Pinned to 0.1.1: later versions are built on the Yjs 14 pre-release, and a comparison with
 * another Yjs than ours and our clients use would measure Yjs, not the server.
 */
import { setupWSConnection } from '@y/websocket-server/utils'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'

const wss = new WebSocketServer({ noServer: true })
const server = createServer((request, response) => {
  if (request.url === '/memory') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(process.memoryUsage()))
    return
  }
  response.writeHead(200, { 'content-type': 'text/plain' }).end('okay')
})
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request))
})
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })))

// Gone with the bench: its end of our stdin closes when it exits, however it exits.
process.stdin.on('close', () => process.exit(0)).resume()

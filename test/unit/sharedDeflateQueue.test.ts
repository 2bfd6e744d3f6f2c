/**
 * The shared deflate (`server/base/sharedDeflate.ts`) runs as many deflates at once as ws' own
 * limit and queues the rest: many distinct large messages sent at once all arrive, whole and in
 * their order, at a socket that agreed to compression.
 */
import { once } from 'node:events'
import { randomBytes } from 'node:crypto'
import { afterAll, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { SharedDeflate } from '../../server/base/sharedDeflate.ts'
import { socketCompression } from '../../server/base/socketCompression.ts'

const server = new WebSocketServer({ port: 0, perMessageDeflate: socketCompression })
afterAll(() => new Promise((done) => server.close(done)))

it('sends 40 distinct deflated messages at once, each whole and in order', async () => {
  let deflates = 0
  const shared = new SharedDeflate({ deflated: () => deflates++, sent: () => {} })
  // Compressible but distinct: a random head before repeated text, over ws' threshold.
  const messages = Array.from({ length: 40 }, () => new Uint8Array(Buffer.concat([randomBytes(32), Buffer.from('Übergang in Ausbildung, '.repeat(400))])))
  server.once('connection', (socket) => {
    for (const message of messages) shared.send(socket, message)
  })
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`, { perMessageDeflate: {} })
  const received: Buffer[] = []
  client.on('message', (data: Buffer) => received.push(data))
  await once(client, 'open')
  expect(client.extensions).toContain('permessage-deflate')
  while (received.length < messages.length) await once(client, 'message')
  client.terminate()
  expect(received.map((data, i) => data.equals(Buffer.from(messages[i]!)))).toEqual(messages.map(() => true))
  expect(deflates).toBe(messages.length)
})

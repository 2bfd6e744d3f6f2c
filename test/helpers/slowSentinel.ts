/**
 * A loopback link in front of a real Sentinel whose answers can be held back, as a busy network
 * or a loaded Sentinel holds them: `holdUntilFailover()` keeps every answer to a client that
 * asks (not one that listens on a channel) until the Sentinel announces +switch-master, and lets
 * them through shortly after that announcement. A client that asked where the master is during
 * a failover thus hears the announcement while its question is still open, the moment that is
 * rare on a quiet machine and common on a busy one.
 */
import { createServer, connect, type Socket } from 'node:net'
import { once } from 'node:events'

export interface SlowSentinel {
  /** For REDIS_SENTINELS. */
  hosts: string
  holdUntilFailover(): void
  close(): Promise<void>
}

const announcement = Buffer.from('$7\r\nmessage\r\n$14\r\n+switch-master')

export async function slowSentinel(sentinelHosts: string): Promise<SlowSentinel> {
  const [host, port] = sentinelHosts.split(':') as [string, string]
  const sockets = new Set<Socket>()
  let holding = false
  let held: Array<{ to: Socket; chunk: Buffer }> = []
  const release = () => {
    for (const { to, chunk } of held.splice(0)) if (!to.destroyed) to.write(chunk)
  }
  const server = createServer((client) => {
    const upstream = connect(Number(port), host)
    let listening = false
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => {
        sockets.delete(socket)
        client.destroy()
        upstream.destroy()
      })
    }
    client.on('data', (chunk: Buffer) => {
      if (/subscribe/i.test(chunk.toString('latin1'))) listening = true
      upstream.write(chunk)
    })
    upstream.on('data', (chunk: Buffer) => {
      if (holding && chunk.includes(announcement)) {
        holding = false
        client.write(chunk)
        // The announcement is handled first; then the questions asked meanwhile are answered.
        setTimeout(release, 100)
        return
      }
      if (holding && !listening) held.push({ to: client, chunk })
      else client.write(chunk)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address() as { port: number }
  return {
    hosts: `127.0.0.1:${address.port}`,
    holdUntilFailover() {
      holding = true
    },
    async close() {
      held = []
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * A real Redis server for the tests of several relay processes: Debian's `redis-server`, on a
 * free loopback port, persisting nothing, in a temporary directory. Locally a missing Redis
 * skips the tests that need it; in CI (`CI` set) it fails them instead.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort.ts'

const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path))
export const skipRedisTests = binary === undefined && !process.env.CI

export interface RedisServer {
  url: string
  stop(): Promise<void>
}

export async function startRedis(): Promise<RedisServer> {
  if (!binary) throw new Error('redis-server not found (Debian package redis-server)')
  const dir = mkdtempSync(join(tmpdir(), 'netzwerkstatt-redis-'))
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const ready = new Promise<boolean>((resolve) => {
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk
        if (output.includes('Ready to accept connections')) resolve(true)
      })
      child.once('exit', () => resolve(false))
    })
    if (await ready) {
      return {
        url: `redis://127.0.0.1:${port}`,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            const exited = once(child, 'exit')
            child.kill('SIGTERM')
            await exited
          }
          rmSync(dir, { recursive: true, force: true })
        },
      }
    }
    // A port found free may be taken before Redis binds it: then try another.
    if (attempt >= 3 || !/address already in use/i.test(output)) {
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`redis-server did not start: ${output}`)
    }
  }
}

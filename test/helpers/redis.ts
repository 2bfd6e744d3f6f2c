/**
 * A real Redis server for the tests of several relay processes: Debian's `redis-server`, on a
 * free loopback port, persisting nothing, in a temporary directory. Locally a missing Redis
 * skips the tests that need it; in CI (`CI` set) it fails them instead.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort.ts'
import { logProcessStart } from './processLog.ts'

const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path))
export const skipRedisTests = binary === undefined && !process.env.CI

export interface RedisServer {
  url: string
  stop(): Promise<void>
  /** Stops the server and keeps its port, to be started again by `resume` (a Redis outage). */
  halt(): Promise<void>
  /** Starts a halted server again on the same port. */
  resume(): Promise<void>
  /** Freezes the server (SIGSTOP): its connections stay open and nothing answers, as on a hung machine. */
  freeze(): void
  /** Lets a frozen server run again (SIGCONT). */
  thaw(): void
}

type Started = { child: ChildProcess | null; output: string }

/** Starts redis-server on `port` and waits until it accepts connections (a replica: until it has synced with its master). */
async function spawnRedis(port: number, dir: string, databases: number, replicaOf?: string): Promise<Started> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--databases', String(databases), '--repl-diskless-sync-delay', '0']
  if (replicaOf) args.push('--replicaof', '127.0.0.1', new URL(replicaOf).port)
  const readyLine = replicaOf ? 'MASTER <-> REPLICA sync: Finished with success' : 'Ready to accept connections'
  const child = spawn(binary!, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const ready = new Promise<boolean>((resolve) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      if (output.includes(readyLine)) resolve(true)
    })
    child.once('exit', () => resolve(false))
  })
  return (await ready) ? { child, output } : { child: null, output }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const hard = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited.finally(() => clearTimeout(hard))
}

/**
 * `databases`: how many logical databases (`/<n>` in the URL) it has; a shared one gives each test file its own.
 * `replicaOf`: the URL of a Redis on this machine whose replica it is (for a Sentinel's failover).
 */
export async function startRedis({ databases = 16, replicaOf }: { databases?: number; replicaOf?: string } = {}): Promise<RedisServer> {
  if (!binary) throw new Error('redis-server not found (Debian package redis-server)')
  logProcessStart('redis')
  const dir = mkdtempSync(join(tmpdir(), 'netzwerkstatt-redis-'))
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const started = await spawnRedis(port, dir, databases, replicaOf)
    let child = started.child
    if (child) {
      // A run cut short (Ctrl-C, a CI timeout) skips the teardown: the server must not outlive it.
      process.once('exit', () => {
        child?.kill('SIGKILL')
        rmSync(dir, { recursive: true, force: true })
      })
      return {
        url: `redis://127.0.0.1:${port}`,
        async stop() {
          if (child) await kill(child)
          rmSync(dir, { recursive: true, force: true })
        },
        async halt() {
          if (child) await kill(child)
        },
        freeze() {
          child?.kill('SIGSTOP')
        },
        thaw() {
          child?.kill('SIGCONT')
        },
        async resume() {
          const again = await spawnRedis(port, dir, databases, replicaOf)
          if (!again.child) throw new Error(`redis-server did not start again: ${again.output}`)
          child = again.child
        },
      }
    }
    // A port found free may be taken before Redis binds it: then try another.
    if (attempt >= 3 || !/address already in use/i.test(started.output)) {
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`redis-server did not start: ${started.output}`)
    }
  }
}

export interface SentinelServer {
  /** For REDIS_SENTINELS. */
  hosts: string
  /** What the Sentinel printed (its events: +sdown, +failover-state-…, -failover-abort-…), for a failing test's message. */
  output(): string
  stop(): Promise<void>
}

/**
 * A real Redis Sentinel (`redis-server --sentinel`, the same binary) watching `master` as group
 * `name`, on a free loopback port; resolves once it monitors the master and knows its `replicas`. Sentinel rewrites its
 * configuration file, so the file lives in a temporary directory of its own.
 */
export async function startSentinel(master: Pick<RedisServer, 'url'>, name = 'mymaster', replicas: Array<Pick<RedisServer, 'url'>> = []): Promise<SentinelServer> {
  if (!binary) throw new Error('redis-server not found (Debian package redis-server)')
  logProcessStart('redis')
  const masterPort = new URL(master.url).port
  const dir = mkdtempSync(join(tmpdir(), 'netzwerkstatt-sentinel-'))
  const port = await freePort()
  const file = join(dir, 'sentinel.conf')
  writeFileSync(
    file,
    [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, `sentinel monitor ${name} 127.0.0.1 ${masterPort} 1`, `sentinel down-after-milliseconds ${name} 1000`, `sentinel failover-timeout ${name} 10000`, ''].join('\n'),
  )
  const child = spawn(binary, [file, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] })
  process.once('exit', () => child.kill('SIGKILL'))
  let output = ''
  const monitoring = await new Promise<boolean>((resolve) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      // Replicas of a master it monitors: it finds them in the master's INFO, at once when they are synced.
      const known = replicas.every((replica) => output.includes(`+slave slave 127.0.0.1:${new URL(replica.url).port}`))
      if (output.includes(`+monitor master ${name}`) && known) resolve(true)
    })
    child.once('exit', () => resolve(false))
  })
  if (!monitoring) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`redis sentinel did not start: ${output}`)
  }
  return {
    hosts: `127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      await kill(child)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

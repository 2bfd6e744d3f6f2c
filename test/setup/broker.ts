/**
 * The servers a test run shares (PostgreSQL, Redis, Chromium) live in vitest's main process:
 * each is started when a test file first asks for it and stopped when the run ends. Files ask
 * over a loopback HTTP endpoint whose address the global setups `provide` (`testServers`).
 *
 * Why a broker and not a start in the global setup: a global setup cannot tell whether the run's
 * files need a server (one browser file needs no PostgreSQL), and a start on first use from the
 * workers would need a lock between processes and someone to stop it. Here one process decides,
 * so two workers asking at once get the same server, and a run that needs none starts none.
 *
 * Several projects' global setups share the one broker (kept on `globalThis`: each project loads
 * its setup files as modules of its own); the last to finish stops the servers.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How one kind of server is started, asked for and stopped. */
export interface SharedServer<T> {
  start(): Promise<T>
  /** What one asking test file gets (JSON): the same for all, or something of its own (a Redis database). */
  answer(server: T): Promise<unknown>
  stop(server: T): Promise<void>
  /** False when it died meanwhile (a crashed Chromium): the next file gets a new one. */
  alive?(server: T): boolean
}

interface Running {
  kind: SharedServer<unknown>
  started?: Promise<unknown>
}

export interface Broker {
  readonly url: string
  /** Makes a kind of server available under `name`; offering a name again changes nothing. */
  offer<T>(name: string, kind: SharedServer<T>): void
  /** One global setup is done with it; the last one stops every server and the endpoint. */
  release(): Promise<void>
}

const brokerKey = Symbol.for('netzwerkstatt.testServerBroker')
type Global = typeof globalThis & { [brokerKey]?: Promise<Broker & { users: number }> }

/** The run's broker, started by the first global setup that asks. */
export function openBroker(): Promise<Broker> {
  const global = globalThis as Global
  global[brokerKey] ??= startBroker()
  return global[brokerKey].then((broker) => {
    broker.users++
    return broker
  })
}

async function startBroker(): Promise<Broker & { users: number }> {
  const servers = new Map<string, Running>()

  const get = async (name: string): Promise<unknown> => {
    const running = servers.get(name)
    if (!running) throw new Error(`no test server "${name}": is its global setup in this project's vitest config?`)
    const { kind } = running
    const started = running.started
    if (started && kind.alive) {
      const server = await started.catch(() => undefined)
      // Replaced only by the first file to find it dead (two asking at once get one new server),
      // and never after a failed start: that stays failed, so every file hears the same reason.
      if (server !== undefined && !kind.alive(server) && running.started === started) running.started = undefined
    }
    running.started ??= kind.start()
    return kind.answer(await running.started)
  }

  const http: Server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1))
    get(name).then(
      (answer) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    )
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo

  const broker = {
    url: `http://127.0.0.1:${port}`,
    users: 0,
    offer<T>(name: string, kind: SharedServer<T>) {
      if (!servers.has(name)) servers.set(name, { kind: kind as SharedServer<unknown> })
    },
    async release() {
      if (--broker.users > 0) return
      delete (globalThis as Global)[brokerKey]
      // Workers are gone by now; their idle keep-alive sockets must not hold the close.
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
      // Each on its own: one failing stop leaves no other running.
      const stops = [...servers.values()].reverse().map(async ({ kind, started }) => {
        const server = await started?.catch(() => undefined)
        if (server !== undefined) await kind.stop(server)
      })
      await Promise.all(stops)
    },
  }
  return broker
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The broker's address, for `test/helpers/testServers.ts`. */
    testServers: string
  }
}

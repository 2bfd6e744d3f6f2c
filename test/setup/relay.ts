/**
 * Global setup of the integration and browser projects: one relay from dist/ for the run,
 * started when a file first asks (`sharedRelay()` in `test/helpers/sharedRelay.ts`, which
 * `relaySuite()` and `boardBrowserSuite()` use), on a data directory of its own that goes with
 * it. Starting a relay per file cost each file its start (~0.6 s quiet, more under load); files
 * share this one as they share Chromium, and keep apart by making boards of their own.
 */
import type { TestProject } from 'vitest/node'
import { removeDataDir, type RelayProcess } from '../helpers/relay.ts'
import { startSharedRelay, type SharedRelay } from '../helpers/sharedRelay.ts'
import { openBroker } from './broker.ts'

const running = (relay: RelayProcess) => relay.child.exitCode === null && relay.child.signalCode === null

export default async function setup(project: TestProject) {
  const broker = await openBroker()
  broker.offer<RelayProcess>('relay', {
    async start() {
      const relay = await startSharedRelay()
      relay.child.once('exit', (code, signal) => {
        // Gone while the run needs it: say why, and take its data with it; the next file gets a new one.
        if (!stopping.has(relay)) console.error(`the shared relay exited (${code ?? signal}); its last lines:\n${relay.logs.join('\n')}`)
        removeDataDir(relay.dataDir)
      })
      return relay
    },
    answer: async ({ port, httpUrl, wsUrl, dataDir }): Promise<SharedRelay> => ({ port, httpUrl, wsUrl, dataDir }),
    async stop(relay) {
      stopping.add(relay)
      await relay.kill()
      removeDataDir(relay.dataDir)
    },
    alive: running,
  })
  project.provide('testServers', broker.url)
  return () => broker.release()
}

/** Relays stopped on purpose, whose exit is no news. */
const stopping = new WeakSet<RelayProcess>()

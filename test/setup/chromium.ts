/**
 * Global setup of the browser project: one Chromium per run, started when a file first asks
 * (`launchBrowser()` in `test/helpers/browser.ts`), which connects to it. Each file has a
 * connection of its own and each person a BrowserContext of their own, so files share nothing
 * but the process. A per-worker browser would not outlive a file: vitest gives every file a
 * fresh module graph, and a worker's process may be replaced between files.
 */
import { readFileSync } from 'node:fs'
import { chromium, type BrowserServer } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { chromiumLaunchOptions } from '../helpers/browser.ts'
import { featuresLeftOn } from '../helpers/chromiumFeatures.ts'
import { logProcessStart } from '../helpers/processLog.ts'
import { openBroker } from './broker.ts'

export default async function setup(project: TestProject) {
  const broker = await openBroker()
  broker.offer<BrowserServer>('chromium', {
    async start() {
      logProcessStart('chromium')
      const server = await chromium.launchServer(chromiumLaunchOptions())
      const leftOn = featuresLeftOn(commandLineOf(server.process().pid!))
      if (leftOn.length > 0) {
        await server.close()
        throw new Error(`playwright-core now switches off ${leftOn.join(', ')} too: add them to playwrightsDisabledFeatures (test/helpers/chromiumFeatures.ts), or Chromium runs with them on`)
      }
      return server
    },
    answer: async (server) => ({ wsEndpoint: server.wsEndpoint() }),
    stop: (server) => server.close(),
    // Crashed: the files after it get a new one, not the same failure.
    alive: (server) => server.process().exitCode === null && server.process().signalCode === null,
  })
  project.provide('testServers', broker.url)
  return () => broker.release()
}

/** A process's command line; none where /proc is not there to read. */
function commandLineOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
  } catch {
    return []
  }
}

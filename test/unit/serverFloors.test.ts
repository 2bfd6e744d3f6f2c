/**
 * `server/` is built in floors like `shared/` and `client/`: what every floor stands on (the log,
 * the app's folder, seals, the Redis client, per-address limits) at the bottom, then storage, the
 * audit trail, the rules a board is held to (the judge, its links, who is signed in), the room
 * that executes them, the documents read and made off it, the relay's operation (settings,
 * retention, metrics), the routes over HTTP and the operator's tools, the other relay processes,
 * and the wiring edge on top (`app.ts`, `relayServer.ts`, `main.ts`). A file imports only from its
 * own floor or the ones below, type-only and dynamic imports included, and no files import each
 * other in a circle: the edge may import every floor, no floor the edge.
 */
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/base/appRoot.ts'
import { readFloors, type Floors } from '../helpers/floors.ts'

const under = (...folders: string[]) => (path: string) => folders.some((folder) => path.startsWith(`server/${folder}/`))

/** The floors from the bottom up, each with the files it holds (paths from the app's folder). */
const serverFloors: Floors = [
  ['base', under('base', 'redis', 'limits')],
  ['storage', under('storage')],
  ['audit', under('audit')],
  ['rules', under('judge', 'links', 'auth')],
  ['room', under('room')],
  ['documents', under('documents', 'boardArchive')],
  ['operation', under('ops', 'digest')],
  ['http', under('http', 'admin')],
  ['cluster', under('cluster')],
  // The wiring edge: what starts the relay and puts the floors together. Named one by one, so a
  // new file at server/ itself is on no floor until it has a folder.
  ['edge', (path) => ['server/app.ts', 'server/relayServer.ts', 'server/main.ts'].includes(path)],
]

describe('server/ in floors', () => {
  const reading = readFloors(appRoot, 'server', serverFloors)

  it('has every file on a floor', () => {
    expect(reading.unplaced, 'a new folder in server/ needs a floor in the table above, a new file at server/ a folder').toEqual([])
  })

  it('has no import circle, type-only and dynamic imports included', () => {
    expect(reading.circles, 'one of these imports must go: move what both files need down into a module below them').toEqual([])
  })

  it('imports nothing from a higher floor, type-only and dynamic imports included', () => {
    expect(reading.upward, 'import only from your own floor or below: move what the lower file needs down, or the importer up').toEqual([])
  })
})

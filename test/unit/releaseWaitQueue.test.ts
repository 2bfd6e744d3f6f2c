/**
 * Re-review of issue 63 (point 3): a release waits up to 5 s for the `written` its request names,
 * and it waits inside the board's one-at-a-time queue, before the hourly budget is checked. So a
 * facilitator who sends releases naming a clock that never comes holds the board's releases (and
 * the Fahrplan's release of the network, which goes through the same queue board after board)
 * 5 s per request, even once the budget is spent: tried on a relay, 20 such requests made an
 * honest release wait 95 s and then answer 429.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardReleaser, type ReleaseOrder } from '../../server/http/releaseApi.ts'
import type { Room } from '../../server/room/Room.ts'

const boardId = 'b'.repeat(22)
const never = { client: 4242, clock: 1_000_000 }
const order = (extra: Partial<ReleaseOrder> = {}): ReleaseOrder => ({
  day: '2026-11-29',
  locale: 'de',
  publication: {},
  onlyIfChanged: false,
  address: '192.0.2.1',
  ...extra,
})

function releaser(maxNamedVersionsPerHour: number, named = 0) {
  const doc = new Y.Doc()
  const versions: Array<{ id: string; createdAt: string; name: string | null }> = Array.from({ length: named }, (_, i) => ({ id: `n${i}`, createdAt: new Date().toISOString(), name: 'Stand' }))
  const room = {
    doc,
    saveVersion: async (name: string | null) => {
      const version = { id: `v${versions.length}`, createdAt: new Date().toISOString(), name }
      versions.push(version)
      return version
    },
    applyOwnChange: async (change: (d: Y.Doc) => void) => change(doc),
  } as unknown as Room
  const storage = {
    listVersions: async () => versions,
    versionState: async () => Y.encodeStateAsUpdate(doc),
  } as never
  const documents = { run: async () => ({ kind: 'json' as const, value: 'fingerprint' }) } as never
  return boardReleaser({ storage, withRoom: (_id, work) => work(room), maxNamedVersionsPerHour, documents })
}

/** What `promise` came to within `ms`, or 'still waiting'. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))])

describe('a release waiting for its writing holds nobody else', () => {
  it('answers at once when the named versions of the hour are spent, whatever `written` it names', async () => {
    const release = releaser(1, 1)
    expect(await within(release(boardId, order({ written: never })), 1_000)).toEqual({ kind: 'wait', retryAfter: expect.any(Number) })
  })

  it('lets a release that names no writing through while another waits for writing that never comes', async () => {
    const release = releaser(20)
    const stuck = release(boardId, order({ written: never }))
    expect(await within(release(boardId, order()), 1_000)).toMatchObject({ kind: 'released' })
    await stuck
  }, 10_000)
})

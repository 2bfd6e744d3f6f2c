/**
 * A board stored with shapes whose parent chain never reaches a page (a self-parent, A → B → A,
 * a missing parent), written straight into the relay's SQLite file as an older relay could have
 * kept it. Its export, report and version export must answer without those shapes, and the
 * relay must go on serving its other boards: an unbounded walk over `parentId` would spin the
 * process' one thread for ever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BoardVersion, versionsPath, type CreatedBoard } from '../../shared/api.ts'
import type { BoardExport } from '../../shared/results/export.ts'
import type { WorkshopReport } from '../../shared/results/report.ts'
import { apiFetch, connectClient, createBoard, whenSynced } from '../helpers/clients.ts'
import { storeUnjudged } from '../helpers/damagedBoards.ts'
import { makeDataDir, removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'
import { recordsIn } from '../helpers/records.ts'
import { badIds, badTexts, brokenParentsUpdate, goodTexts } from '../fixtures/brokenParents.ts'
import { hang } from '../helpers/hang.ts'

describe('a stored board whose shapes’ parents go round in circles', () => {
  const dataDir = makeDataDir()
  let relay: RelayProcess
  let broken: CreatedBoard
  let neighbour: CreatedBoard

  beforeAll(async () => {
    // Seeded in the test's process; served by a relay process, since a walk that never ends would
    // hang the process it runs in (and the test's own timeouts with it, were it this one).
    const seeding = await startRelay({ dataDir })
    broken = await createBoard(seeding, 'Kaputte Verweise')
    neighbour = await createBoard(seeding, 'Nachbarboard')
    await seeding.kill()
    await storeUnjudged(dataDir, broken.id, brokenParentsUpdate())
    relay = await startRelay({ process: true, dataDir })
  })

  afterAll(async () => {
    // SIGKILL: a relay stuck in a loop never runs its SIGTERM handler.
    await relay?.kill('SIGKILL')
    removeDataDir(dataDir)
  })

  /** A request that gives up after a while instead of waiting for a relay that stopped answering. */
  const get = (path: string, init: RequestInit = {}) => apiFetch(relay, path, { ...init, signal: AbortSignal.timeout(hang(15_000)) })

  it('exports, reports and exports a version without the broken shapes, and keeps serving other boards', async () => {
    const exported = await get(`/api/boards/${broken.id}/export?format=json`)
    expect(exported.status).toBe(200)
    const data = (await exported.json()) as BoardExport
    expect([...data.otherNotes].sort()).toEqual([...goodTexts].sort())

    const markdown = await (await get(`/api/boards/${broken.id}/export?format=md`)).text()
    for (const text of goodTexts) expect(markdown).toContain(text)
    for (const text of badTexts) expect(markdown).not.toContain(text)

    const report = await get(`/api/boards/${broken.id}/report?format=json`)
    expect(report.status).toBe(200)
    const reported = (await report.json()) as WorkshopReport
    expect([...reported.otherNotes].sort()).toEqual([...goodTexts].sort())
    // Only the writer of a shown note counts.
    expect(reported.contributors).toBe(1)

    const named = await get(versionsPath(broken.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mit Kreisen' }),
    })
    expect(named.status).toBe(201)
    const [version] = BoardVersion.array().parse(await (await get(versionsPath(broken.id))).json())
    const versionExport = await get(`${versionsPath(broken.id)}/${version.id}/export?format=md`)
    expect(versionExport.status).toBe(200)
    const versionText = await versionExport.text()
    for (const text of goodTexts) expect(versionText).toContain(text)
    for (const text of badTexts) expect(versionText).not.toContain(text)

    // The other board on the same process still answers, over HTTP and the websocket.
    expect((await get(`/api/boards/${neighbour.id}/export?format=md`)).status).toBe(200)
    const client = connectClient(relay, neighbour.id)
    await whenSynced(client)
    client.destroy()

    // Nothing was taken out of the board itself: the facilitator repairs it from a version.
    const reader = connectClient(relay, broken.id)
    await whenSynced(reader)
    const ids = new Set(recordsIn<{ id: string }>(reader.doc).map((r) => r.id))
    reader.destroy()
    for (const id of badIds) expect(ids.has(id)).toBe(true)
  })
})

/**
 * Version history through the real relay: automatic versions while a board is edited and when
 * the last person leaves, named versions, reading and exporting one, a new board from one, how
 * many are kept. Who may do any of it, and the limits on named versions and on boards made from
 * one: `test/unit/http/versions.test.ts`, over the relay's app in the test's process.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardVersion, versionsPath, CreatedBoard } from '../../shared/api.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { apiFetch, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteText, putNote, putRecords, recordsIn } from '../helpers/records.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { cellCentre, noteAt } from '../unit/templates/helpers.ts'

describe('version history', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const start = async (env: Record<string, string> = {}) => {
    const relay = await startRelay({ env })
    cleanups.push(() => removeDataDir(relay.dataDir))
    cleanups.push(() => relay.kill())
    return relay
  }
  const connect = async (relay: Relay, boardId: string, token?: string) => {
    const client = connectClient(relay, boardId, new Y.Doc(), { token })
    cleanups.push(() => client.destroy())
    await whenSynced(client)
    return client
  }
  const versions = async (relay: Relay, boardId: string) => {
    const response = await apiFetch(relay, versionsPath(boardId))
    expect(response.status).toBe(200)
    return BoardVersion.array().parse(await response.json())
  }
  const leave = async (relay: Relay, client: TestClient) => {
    const saved = relay.waitForLog((e) => e.msg === 'version saved')
    client.destroy()
    await saved
  }

  it('saves a version when the last person leaves and when the facilitator names one; reads, exports and copies it', async () => {
    const relay = await start()
    const board = await createBoard(relay, 'Netzwerktreffen', { template: 'beteiligtenanalyse' })
    const writer = await connect(relay, board.id)
    const scaffold = recordsIn(writer.doc).filter((r) => scaffoldMeta(r))
    const cell = scaffold.find((s) => scaffoldMeta(s)?.kind === 'cell')!
    const { x, y } = cellCentre(scaffold, scaffoldMeta(cell)!.key)
    putRecords(writer.doc, [noteAt(x, y, 'Erste Fassung', 'shape:idea' as never)])
    await leave(relay, writer)

    const [auto] = await versions(relay, board.id)
    expect(auto.name).toBeNull()

    // Later the note changes; the facilitator names the state before a decision.
    const editor = await connect(relay, board.id)
    putNote(editor.doc, 'idea', 'Zweite Fassung')
    const named = await apiFetch(relay, versionsPath(board.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'nach Schritt 3' }),
    })
    expect(named.status).toBe(201)
    const list = await versions(relay, board.id)
    expect(list.map((v) => v.name)).toEqual(['nach Schritt 3', null])

    // The automatic version still holds the first text.
    const document = await apiFetch(relay, `${versionsPath(board.id)}/${auto.id}/document`)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, new Uint8Array(await document.arrayBuffer()))
    expect(noteText(doc, 'idea')).toBe('Erste Fassung')
    const exported = await apiFetch(relay, `${versionsPath(board.id)}/${auto.id}/export?format=md`)
    expect(exported.status).toBe(200)
    const markdown = await exported.text()
    expect(markdown).toContain('Erste Fassung')
    expect(markdown).not.toContain('Zweite Fassung')

    // A new board from it: fresh links, the old content.
    const copied = await apiFetch(relay, `${versionsPath(board.id)}/${auto.id}/board`, { method: 'POST' })
    expect(copied.status).toBe(201)
    const copy = CreatedBoard.parse(await copied.json())
    expect(copy.id).not.toBe(board.id)
    const reader = await connect(relay, copy.id, copy.access.participant)
    expect(noteText(reader.doc, 'idea')).toBe('Erste Fassung')
    // The board itself is unchanged by all this.
    expect(noteText(editor.doc, 'idea')).toBe('Zweite Fassung')
  })

  it('saves automatic versions while people keep editing, and keeps only as many as set', async () => {
    // Interval 0: a version with every change; two automatic ones kept.
    const relay = await start({ VERSION_INTERVAL_MINUTES: '0', VERSIONS_KEPT: '2' })
    const board = await createBoard(relay)
    const client = await connect(relay, board.id)
    const named = await apiFetch(relay, versionsPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Start"}' })
    expect(named.status).toBe(201)
    let saved = 0
    const all = relay.waitForLog((e) => e.msg === 'version saved' && ++saved === 5)
    for (let i = 0; i < 4; i++) putNote(client.doc, `n${i}`)
    await all
    const list = await versions(relay, board.id)
    expect(list.filter((v) => v.name === null)).toHaveLength(2)
    expect(list.filter((v) => v.name === 'Start')).toHaveLength(1)
  })

  it('saves one automatic version for visits in quick succession, not a full copy per visit', async () => {
    const relay = await start({ VERSION_INTERVAL_MINUTES: '10' })
    const board = await createBoard(relay)
    for (let visit = 0; visit < 5; visit++) {
      const client = await connect(relay, board.id)
      putNote(client.doc, `visit-${visit}`)
      const reader = await connect(relay, board.id, board.access.observer)
      await until(reader.doc, () => noteText(reader.doc, `visit-${visit}`) !== undefined)
      reader.destroy()
      // The last person leaves: a version, or word that the last one is too recent.
      client.destroy()
      let seen = 0
      await relay.waitForLog((e) => (e.msg === 'version saved' || e.msg === 'automatic version skipped') && e.board === board.id && ++seen === visit + 1)
    }
    const list = await versions(relay, board.id)
    expect(list.filter((v) => v.name === null)).toHaveLength(1)
  })
})

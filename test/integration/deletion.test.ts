/** Deleted means gone: after a board's deletion returns, no file under DATA_DIR holds a byte of it. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiFetch, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { noteKeys, noteText, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'

/** Every file below `dir`, read whole. */
function filesBelow(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesBelow(path) : [{ path, bytes: readFileSync(path) }]
  })
}

describe('deleting a board', () => {
  let relay: Relay
  beforeAll(async () => {
    relay = await startRelay()
  })
  afterAll(async () => {
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  it('leaves no byte of its title, notes or images in any file', async () => {
    const title = 'Fallkonferenz Familie Quendelmeier'
    const board = await createBoard(relay, title)
    const kept = await createBoard(relay, 'Bleibt stehen')
    const note = (i: number) => `Frau Quendelmeier braucht einen Kitaplatz ab Mai (${i})`
    const image = Buffer.alloc(64 * 1024, 'QUENDELBILD')

    // Notes in the stored updates and, after a compaction on shutdown, in a snapshot; more after it.
    const writeNotes = async (from: number, to: number) => {
      const client = connectClient(relay, board.id)
      await whenSynced(client)
      for (let i = from; i < to; i++) putNote(client.doc, `n${i}`, note(i))
      for (let i = from; i < to; i++) putNote(client.doc, `n${i}`, `${note(i)} – geändert`)
      const check = connectClient(relay, board.id)
      await until(check.doc, () => noteKeys(check.doc).length === to && noteText(check.doc, `n${to - 1}`)!.endsWith('geändert'))
      client.destroy()
      check.destroy()
    }
    await writeNotes(0, 20)
    await relay.kill('SIGTERM')
    relay = await startRelay({ dataDir: relay.dataDir })
    await writeNotes(20, 40)
    const upload = await apiFetch(relay, `/api/boards/${board.id}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: image,
    })
    expect(upload.status).toBe(201)

    const traces = [Buffer.from('Quendelmeier'), Buffer.from('QUENDELBILDQUENDELBILD')]
    const found = () =>
      filesBelow(relay.dataDir).flatMap(({ path, bytes }) =>
        traces.filter((trace) => bytes.includes(trace)).map((trace) => `${path}: ${trace}`),
      )
    // The test would prove nothing if the traces were not there to begin with.
    expect(found().length).toBeGreaterThan(0)

    const deleted = await apiFetch(relay, `/api/boards/${board.id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(found()).toEqual([])

    // The other board is untouched.
    const reader = connectClient(relay, kept.id)
    await whenSynced(reader)
    const meta = await apiFetch(relay, `/api/boards/${kept.id}`)
    expect((await meta.json()).title).toBe('Bleibt stehen')
    reader.destroy()
    expect(title).toContain('Quendelmeier')
  })
})

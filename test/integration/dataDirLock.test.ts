/**
 * One relay per SQLite database: a second one started on the same DATA_DIR (a pod replaced while
 * the old one still runs, a second `npm run serve` on another port) would keep its own copy of
 * each board in memory and write over the first's. It must refuse to start, and the first must
 * not notice; once the first is gone, even killed, the next starts at once.
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { noteKeys, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'
import { hang } from '../helpers/hang.ts'

const relays: RelayProcess[] = []
afterAll(async () => {
  for (const relay of relays) await relay.kill()
  if (relays[0]) removeDataDir(relays[0].dataDir)
})

describe('the SQLite database of a DATA_DIR', () => {
  it('serves one relay: a second refuses to start, and starts once the first is killed', { timeout: hang(60_000) }, async () => {
    const first = await startRelay({ process: true })
    relays.push(first)
    const board = await createBoard(first, 'Steuerungsgruppe')
    const writer = connectClient(first, board.id, new Y.Doc())
    await whenSynced(writer)
    putNote(writer.doc, 'vorher', 'Vor dem zweiten Start')

    await expect(startRelay({ process: true, dataDir: first.dataDir })).rejects.toThrow(/another relay uses .*netzwerkstatt\.sqlite/)

    // The first goes on serving as if nothing happened.
    putNote(writer.doc, 'nachher', 'Nach dem zweiten Start')
    const reader = connectClient(first, board.id, new Y.Doc())
    await until(reader.doc, () => noteKeys(reader.doc).length === 2)
    reader.destroy()
    writer.destroy()

    await first.kill('SIGKILL')
    const next = await startRelay({ process: true, dataDir: first.dataDir })
    relays.push(next)
    const later = connectClient(next, board.id, new Y.Doc())
    await until(later.doc, () => noteKeys(later.doc).length === 2)
    later.destroy()
  })
})

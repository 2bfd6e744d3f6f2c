/**
 * A board moves between servers: `npm run admin -- export-board` on a relay with the SQLite file,
 * `import-board` into a relay on PostgreSQL, and the board opens the same there (its document as
 * a y-websocket client sees it, its image, its versions) under new links. Files that are not a
 * whole, known archive, or that hold more than the target server allows, are refused with a
 * message that says why, and the target database is left as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardVersion, versionsPath } from '../../shared/api.ts'
import { readRecords } from '../../shared/board/records.ts'
import type { AuditEntry } from '../../server/storage/Storage.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { readArchive, writeArchive } from '../../server/boardArchive/format.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { apiFetch, connectClient, createBoard, whenSynced, type TestClient } from '../helpers/clients.ts'
import { databaseServers } from '../helpers/databases.ts'
import { skipPostgresTests } from '../helpers/postgres.ts'
import { noteAt, noteKeys, putNote, putRecords } from '../helpers/records.ts'
import { makeDataDir, removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { runAdmin } from '../helpers/admin.ts'
import { hang } from '../helpers/hang.ts'


const cleanups: Array<() => unknown> = []
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}
afterAll(cleanUp)
const start = async (env: Record<string, string> = {}) => {
  const relay = await startRelay({ env: { LOG_LEVEL: 'info', ...env } })
  cleanups.push(async () => {
    await relay.kill()
    removeDataDir(relay.dataDir)
  })
  return relay
}
const connect = async (relay: Relay, boardId: string, token?: string): Promise<TestClient> => {
  const client = connectClient(relay, boardId, new Y.Doc(), { token })
  cleanups.push(() => client.destroy())
  await whenSynced(client)
  return client
}
const scratch = () => {
  const dir = makeDataDir()
  cleanups.push(() => removeDataDir(dir))
  return dir
}

/** Every row of every table, counted: what "the database is unchanged" is checked by. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    const counts: Record<string, number> = {}
    for (const { name } of tables) counts[name] = Number((await client.query(`SELECT COUNT(*) AS n FROM "${name}"`)).rows[0].n)
    return counts
  } finally {
    await client.end()
  }
}

/** The read-only link's export setting as the database keeps it beside the board. */
async function keptExportSetting(url: string, boardId: string): Promise<boolean | null> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<{ kept: boolean | null }>('SELECT observers_may_export AS kept FROM boards WHERE id = $1', [boardId])).rows[0]!.kept
  } finally {
    await client.end()
  }
}

const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1))

const png = new Uint8Array(2500).map((_, i) => (i * 7) % 256)

describe.skipIf(skipPostgresTests)('a board moves from a SQLite relay to a PostgreSQL relay', () => {
  const databases = databaseServers()
  // Before the block's databases are dropped: a relay in the test's process still on a dropped
  // database loses its lock and exits the test's process (a test that failed left it running).
  afterAll(cleanUp)
  /** The archive the first test wrote, and the board in it. */
  let archive = ''
  let boardId = ''

  it('exports notes, an image and a version, and the imported board opens the same under new links', { timeout: hang(120_000) }, async () => {
    const source = await start()
    const board = await createBoard(source, 'Umzug', { template: 'beteiligtenanalyse', options: { partners: ['Jobcenter'] } })
    boardId = board.id
    const upload = await apiFetch(source, `/api/boards/${board.id}/assets`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png })
    expect(upload.status).toBe(201)
    const { url: imageUrl } = (await upload.json()) as { url: string }

    const writer = await connect(source, board.id)
    putNote(writer.doc, 'erste', 'Erster Zettel')
    // Open to the read-only link: the setting travels in the document.
    writer.doc.getMap('facilitation').set('exports', { observers: true })
    const asset = { id: 'asset:bild', typeName: 'asset', type: 'image', meta: {}, props: { name: 'bild.png', src: imageUrl, w: 100, h: 100, mimeType: 'image/png', isAnimated: false } }
    const image = { ...noteAt(0, 0, ''), id: 'shape:bild', type: 'image', props: { w: 100, h: 100, assetId: asset.id, playing: true, url: '', crop: null, flipX: false, flipY: false, altText: '' } }
    putRecords(writer.doc, [asset, image])
    const named = await apiFetch(source, versionsPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Vor dem Umzug' }) })
    expect(named.status).toBe(201)
    putNote(writer.doc, 'zweite', 'Zweiter Zettel')
    // The last person leaving saves a version once everything is stored.
    const saved = source.waitForLog((e) => e.msg === 'version saved' && e.named === false)
    const before = byId(readRecords(writer.doc).records)
    writer.destroy()
    await saved
    const sourceVersions = BoardVersion.array().parse(await (await apiFetch(source, versionsPath(board.id))).json())
    expect(sourceVersions.length).toBe(2)

    archive = join(scratch(), 'umzug.nwboard')
    const exported = await runAdmin({ DATA_DIR: source.dataDir }, 'export-board', board.id, archive)
    expect(exported.stderr).toBe('')
    expect(exported.code).toBe(0)
    expect(exported.stdout).toContain(`exported board ${board.id}`)
    // Nothing of the board's content or links in what the tool says.
    expect(exported.stdout).not.toContain('Umzug')
    expect(exported.stdout).not.toContain(board.access.facilitator)
    // An existing file is never overwritten.
    const twice = await runAdmin({ DATA_DIR: source.dataDir }, 'export-board', board.id, archive)
    expect(twice.code).toBe(1)
    expect(twice.stderr).toContain(`${archive} exists already`)

    const databaseUrl = databases.postgres.url
    const imported = await runAdmin({ DATA_DIR: scratch(), DATABASE_URL: databaseUrl, PUBLIC_URL: 'https://netzwerkstatt.example.org' }, 'import-board', archive)
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    const link = (role: string) => new RegExp(`^${role}: (https://netzwerkstatt\\.example\\.org/b/${board.id}#([A-Za-z0-9_-]{32}))$`, 'm').exec(imported.stdout)
    const facilitator = link('facilitator')![2]!
    expect(link('participant')).not.toBeNull()
    expect(link('observer')).not.toBeNull()
    expect(facilitator).not.toBe(board.access.facilitator)
    // Kept beside the board at once, before anyone opens it (`server/judge/exportSetting.ts`).
    expect(await keptExportSetting(databaseUrl, board.id)).toBe(true)

    const target = await start({ DATABASE_URL: databaseUrl })
    // The old links do not open the moved board.
    const old = await apiFetch(target, versionsPath(board.id), { headers: { authorization: `Bearer ${board.access.facilitator}` } })
    expect(old.status).toBe(401)
    const reader = await connect(target, board.id, facilitator)
    expect(byId(readRecords(reader.doc).records)).toEqual(before)
    expect(noteKeys(reader.doc)).toEqual(expect.arrayContaining(['erste', 'zweite', 'bild']))
    const served = await fetch(`${target.httpUrl}${imageUrl}`, { headers: { authorization: `Bearer ${facilitator}` } })
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png)
    const targetVersions = BoardVersion.array().parse(await (await apiFetch(target, versionsPath(board.id), { headers: { authorization: `Bearer ${facilitator}` } })).json())
    expect(targetVersions).toEqual(sourceVersions)
    const named2 = targetVersions.find((v) => v.name === 'Vor dem Umzug')!
    const state = await apiFetch(target, `${versionsPath(board.id)}/${named2.id}/document`, { headers: { authorization: `Bearer ${facilitator}` } })
    expect(state.status).toBe(200)

    // Both ends are in their server's audit trail, by the operator.
    const sourceAudit = await runAdmin({ DATA_DIR: source.dataDir }, 'audit', '--json', '--board', board.id)
    expect((JSON.parse(sourceAudit.stdout) as AuditEntry[]).map((r) => [r.action, r.actor])).toContainEqual(['admin:export-board', 'admin'])
    const targetAudit = await runAdmin({ DATA_DIR: scratch(), DATABASE_URL: databaseUrl }, 'audit', '--json', '--board', board.id)
    expect((JSON.parse(targetAudit.stdout) as AuditEntry[]).map((r) => [r.action, r.actor])).toEqual([['admin:import-board', 'admin']])

    // The same archive a second time: the board is there already.
    await target.kill()
    const again = await runAdmin({ DATA_DIR: scratch(), DATABASE_URL: databaseUrl }, 'import-board', archive)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain(`board ${board.id} exists on this server already`)
  })

  it('refuses a corrupt, a truncated, a foreign, a future and an oversized archive, and changes nothing', { timeout: hang(120_000) }, async () => {
    expect(archive).not.toBe('')
    const databaseUrl = await databases.postgres.newDatabase()
    const env = { DATA_DIR: scratch(), DATABASE_URL: databaseUrl }
    // A board already there, so that "unchanged" has something to compare.
    const target = await start({ DATABASE_URL: databaseUrl })
    await createBoard(target, 'Schon da')
    await target.kill()
    const counts = await rowCounts(databaseUrl)

    const bytes = readFileSync(archive)
    const dir = scratch()
    const variant = (name: string, content: Uint8Array | string) => {
      const file = join(dir, name)
      writeFileSync(file, content)
      return file
    }
    const corrupt = Uint8Array.from(bytes)
    corrupt[corrupt.length - 100] ^= 0xff
    const future = Buffer.from(bytes.toString('latin1').replace('"formatVersion":2', '"formatVersion":3'), 'latin1')
    // Whole and checksummed, but holding what no client could write: judged as the relay judges a client.
    const whole = await readArchive(bytes)
    const changed = (state: Uint8Array, change: (doc: Y.Doc) => void) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state)
      change(doc)
      return Y.encodeStateAsUpdate(doc)
    }
    const foreignRoot = changed(whole.document, (doc) => doc.getMap('fremd').set('x', 1))
    const brokenNote = changed(whole.document, (doc) => putRecords(doc, [{ ...noteAt(0, 0, 'kaputt'), props: { color: 'nirgends' } }]))
    const strayNote = changed(whole.document, (doc) => getRecordsMap(doc).delete('page:page'))
    const hostile = (name: string, change: Partial<typeof whole>) => variant(name, writeArchive({ ...whole, ...change }))
    const cases: Array<[string, string, Record<string, string>?]> = [
      [hostile('fremde-wurzel.nwboard', { document: foreignRoot }), "the board's document is refused: a root type the board document does not use"],
      [hostile('kaputter-zettel.nwboard', { document: brokenNote }), "the board's document is refused: tldraw/shape:"],
      [hostile('ohne-seite.nwboard', { document: strayNote }), 'the parent is neither a page nor a shape on one'],
      [hostile('kaputte-version.nwboard', { versions: [{ ...whole.versions[0]!, state: brokenNote }] }), 'a version ('],
      [hostile('html.nwboard', { assets: [{ ...whole.assets[0]!, mimeType: 'text/html' }] }), 'a part that is neither an image nor a video'],
      [variant('kaputt.nwboard', corrupt), 'the archive is damaged: its checksum does not match'],
      [variant('halb.nwboard', bytes.subarray(0, Math.floor(bytes.length * 0.6))), 'the archive is truncated'],
      [variant('fremd.png', png), 'not a Netzwerkstatt board archive'],
      [variant('fremd.json', JSON.stringify({ board: { id: boardId } })), 'not a Netzwerkstatt board archive'],
      [variant('zukunft.nwboard', future), 'format version 3, newer than this server reads (2)'],
      [archive, 'the images and videos (2.4 KB) are more than this server allows per board (1.0 KB, MAX_BOARD_ASSET_BYTES)', { MAX_BOARD_ASSET_BYTES: '1024' }],
      [archive, 'is more than this server opens (2.0 KB, MAX_BOARD_BYTES)', { MAX_BOARD_BYTES: '2048' }],
    ]
    for (const [file, message, limits] of cases) {
      const refused = await runAdmin({ ...env, ...limits }, 'import-board', file)
      expect.soft(refused.stderr, file).toContain(message)
      expect.soft(refused.code, file).toBe(1)
      expect.soft(refused.stdout, file).toBe('')
    }
    expect(await rowCounts(databaseUrl)).toEqual(counts)
  })

  it('keeps a board that requires sign-in closed: refused where there is no sign-in, imported still requiring it where there is', { timeout: hang(120_000) }, async () => {
    expect(archive).not.toBe('')
    const whole = await readArchive(readFileSync(archive))
    const closed = join(scratch(), 'anmeldepflicht.nwboard')
    writeFileSync(closed, writeArchive({ ...whole, board: { ...whole.board, signInRequired: true } }))

    // Two servers on SQLite, each with its database made and empty.
    const emptyServer = async () => {
      const dir = scratch()
      await new SqliteStorage(dir).close()
      return dir
    }
    const withoutSignIn = await emptyServer()
    const refused = await runAdmin({ DATA_DIR: withoutSignIn }, 'import-board', closed)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('requires sign-in, and this server has no OpenID Connect sign-in')
    expect(await storedSignIn(withoutSignIn, whole.board.id)).toBeUndefined()

    const withSignIn = await emptyServer()
    const oidc = { OIDC_ISSUER: 'https://anmeldung.example.org/realms/stadt', OIDC_CLIENT_ID: 'netzwerkstatt', PUBLIC_URL: 'https://netzwerkstatt.example.org' }
    const imported = await runAdmin({ DATA_DIR: withSignIn, ...oidc }, 'import-board', closed)
    expect(imported.stderr).toBe('')
    expect(await storedSignIn(withSignIn, whole.board.id)).toBe(true)
    // And what it exports again says so.
    const again = join(scratch(), 'wieder.nwboard')
    expect((await runAdmin({ DATA_DIR: withSignIn, ...oidc }, 'export-board', whole.board.id, again)).code).toBe(0)
    expect((await readArchive(readFileSync(again))).board.signInRequired).toBe(true)
  })
})

/** Whether the SQLite database in `dataDir` has the board, and whether it requires sign-in. */
async function storedSignIn(dataDir: string, boardId: string): Promise<boolean | undefined> {
  const storage = new SqliteStorage(dataDir)
  try {
    const board = await storage.getBoard(boardId)
    return board ? board.signInRequired === true : undefined
  } finally {
    await storage.close()
  }
}

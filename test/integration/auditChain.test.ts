/**
 * The audit trail as a municipality's IT department checks it: what a real relay (in the test's
 * process) records of sign-in, sign-out, creation, exports and releases, under pseudonyms (read as
 * `npm run admin -- audit --json` lists it, in the test's process: `auditTrail`); the same rows as
 * JSON lines on stdout for a SIEM (AUDIT_STDOUT=1); and `npm run admin -- audit verify`, which
 * passes the untouched chain and names the row someone edited in the database, in SQLite and PostgreSQL.
 */
import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashedBoard, linkActor } from '../../server/audit/auditTrail.ts'
import { nextLink } from '../../server/base/auditChain.ts'
import type { AuditEntry } from '../../server/storage/Storage.ts'
import { exportPath, reportPath } from '../../shared/api.ts'
import { apiFetch, authHeader, createBoard } from '../helpers/clients.ts'
import { startCreatorSignIn, stopCreatorSignIn, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { skipPostgresTests, type PostgresServer } from '../helpers/postgres.ts'
import { filePostgres } from '../helpers/testServers.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { admin, auditChainVerdict, auditTrail, runAdmin } from '../helpers/admin.ts'
import { visitor } from '../helpers/signedInVisitor.ts'

const password = 'Netzwerk-Gründung 2026'

describe('the audit trail of a relay', () => {
  let relay: Relay
  let issuer: TestIssuer
  beforeAll(async () => {
    ;({ relay, issuer } = await startCreatorSignIn(password, 'http://netzwerkstatt.test', { env: { AUDIT_STDOUT: '1' } }))
  })
  afterAll(() => stopCreatorSignIn(relay, issuer))

  /** The trail as `npm run admin -- audit --json [--board <id>] [--since <date>]` lists it. */
  const audit = (filter: { board?: string; since?: string } = {}): Promise<AuditEntry[]> => auditTrail(relay.dataDir, filter)
  const siemLines = () =>
    relay.logs.flatMap((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>
        return entry.type === 'audit' ? [entry] : []
      } catch {
        return []
      }
    })

  it('records sign-in, the boards a session creates and its sign-out under one pseudonym, never a name or token', async () => {
    const before = new Date().toISOString()
    const withPassword = visitor(relay.httpUrl, '198.51.100.21')
    expect((await withPassword.signIn(password)).status).toBe(204)
    const made = await withPassword.create('Mit Passwort angelegt')
    expect(made.status).toBe(201)
    const passwordBoard = ((await made.json()) as { id: string }).id
    expect((await withPassword.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(204)

    issuer.signInAs({ subject: 'erika.muster@kommune.example', name: 'Erika Muster', groups: ['/jobcenter/steuerung'] })
    const withProvider = visitor(relay.httpUrl, '198.51.100.22')
    expect((await withProvider.throughProvider()).status).toBe(302)
    const byProvider = await withProvider.create('Angemeldet angelegt')
    expect(byProvider.status).toBe(201)
    const providerBoard = ((await byProvider.json()) as { id: string }).id
    const local = await createBoard(relay, 'Am Server angelegt')

    const rows = (await audit({ since: before })).map((r) => [r.action, r.board, r.actor])
    const passwordActor = rows[0]![2]!
    expect(passwordActor).toMatch(/^password:[0-9a-f]{16}$/)
    const providerActor = rows[3]![2]!
    expect(providerActor).toMatch(/^oidc:[0-9a-f]{16}$/)
    expect(rows).toEqual([
      ['signed-in:password', null, passwordActor],
      ['board-created', passwordBoard, passwordActor],
      ['signed-out', null, passwordActor],
      ['signed-in:oidc', null, providerActor],
      ['board-created', providerBoard, providerActor],
      ['board-created', local.id, 'local'],
    ])
    // Another password session is another pseudonym.
    const again = visitor(relay.httpUrl, '198.51.100.23')
    expect((await again.signIn(password)).status).toBe(204)
    expect((await audit({ since: before })).filter((r) => r.action === 'signed-in:password').map((r) => r.actor)).toEqual([passwordActor, expect.not.stringMatching(passwordActor)])

    const text = JSON.stringify(await audit()) + JSON.stringify(siemLines())
    for (const secret of ['Erika', 'erika.muster', 'kommune.example', '198.51.100', password, ...withPassword.cookies.values(), ...withProvider.cookies.values(), ...Object.values(local.access)]) {
      expect(text).not.toContain(secret)
    }
  })

  it('records exports, the Dokumentation and a release by the link that asked', async () => {
    const board = await createBoard(relay, 'Exportiert und freigegeben')
    expect((await apiFetch(relay, exportPath(board.id, 'csv'), { headers: authHeader(board.id, board.access.participant) })).status).toBe(200)
    expect((await apiFetch(relay, reportPath(board.id, 'md', 'de', '2026-11-26'), { headers: authHeader(board.id) })).status).toBe(200)
    const released = await apiFetch(relay, `/api/boards/${board.id}/release`, {
      method: 'POST',
      headers: { ...authHeader(board.id), 'content-type': 'application/json' },
      body: JSON.stringify({ day: '2026-11-26' }),
    })
    expect(released.status).toBe(201)
    expect((await audit({ board: board.id })).map((r) => [r.action, r.actor])).toEqual([
      ['board-created', 'local'],
      ['board-exported', linkActor(board.id, 'participant')],
      ['dokumentation-downloaded', linkActor(board.id, 'facilitator')],
      ['board-released', linkActor(board.id, 'facilitator')],
    ])
  })

  it("fails verify on a row blanked into the stub of a board deleted later, which it was not about", async () => {
    const deleted = await createBoard(relay, 'Wird gelöscht')
    const kept = await createBoard(relay, 'Bleibt')
    expect((await apiFetch(relay, `/api/boards/${deleted.id}`, { method: 'DELETE', headers: authHeader(deleted.id) })).status).toBe(204)
    expect(await auditChainVerdict(relay.dataDir)).toMatchObject({ intact: true })
    const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'))
    try {
      const row = db.prepare<[string], { seq: number; actor: string }>("SELECT chain_seq AS seq, actor FROM audit WHERE action = 'board-created' AND board_id = ?").get(kept.id)!
      // Someone with the database file hides who created the kept board behind the deletion.
      db.prepare("UPDATE audit SET action = 'erased', actor = '', board_id = ? WHERE chain_seq = ?").run(hashedBoard(deleted.id), row.seq)
      const broken = await admin(relay.dataDir, 'audit', 'verify')
      expect(broken.code).toBe(1)
      expect(broken.stderr).toContain(`audit trail broken at row ${String(row.seq)}`)
      // Put back, for the tests after this one.
      db.prepare("UPDATE audit SET action = 'board-created', actor = ?, board_id = ? WHERE chain_seq = ?").run(row.actor, kept.id, row.seq)
    } finally {
      db.close()
    }
    expect(await auditChainVerdict(relay.dataDir)).toMatchObject({ intact: true })
  })

  it("writes each row as a JSON line for a SIEM with the chain's hashes; verify passes the chain, and fails on an edited row, naming it", async () => {
    for (const title of ['Erste Zeile', 'Zweite Zeile', 'Dritte Zeile']) await createBoard(relay, title)
    const lines = siemLines()
    const last = lines.at(-1)!
    expect(last).toMatchObject({ level: 'info', msg: 'audit', type: 'audit', action: 'board-created', actor: 'local', seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    // Admin commands write into the database, not the relay's stdout: the relay's lines are its own.
    const checked = await admin(relay.dataDir, 'audit', 'verify')
    expect(checked.stderr).toBe('')
    expect(checked.code).toBe(0)
    const [, rows, lastHash] = /^audit trail intact: (\d+) rows, last hash ([0-9a-f]{64}) \(not keyed \(no AUDIT_KEY\)\)$/.exec(checked.stdout.trim()) ?? []
    expect(Number(rows)).toBeGreaterThanOrEqual(lines.length)
    expect(JSON.parse((await admin(relay.dataDir, 'audit', 'verify', '--json')).stdout)).toEqual({ intact: true, rows: Number(rows), lastHash, keyedFrom: null })
    // Each line names the hash before it: the relay's lines form the chain too.
    const relayLines = lines.filter((l, i) => i > 0 && l.seq === (lines[i - 1]!.seq as number) + 1)
    expect(relayLines.length).toBeGreaterThan(0)
    for (const line of relayLines) expect(line.prevHash).toBe(lines[lines.indexOf(line) - 1]!.hash)

    // The SIEM's copy of a row's hash is the chain's: a chain rewritten in the database would not match what was shipped.
    const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'))
    try {
      expect(db.prepare('SELECT hash FROM audit WHERE chain_seq = ?').get(last.seq)).toEqual({ hash: last.hash })
      // Someone with the database file makes the row name another actor.
      db.prepare('UPDATE audit SET actor = ? WHERE chain_seq = ?').run('oidc:0000000000000000', last.seq)
    } finally {
      db.close()
    }
    const broken = await admin(relay.dataDir, 'audit', 'verify')
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain(`audit trail broken at row ${String(last.seq)}`)
    expect(broken.stderr).toContain('changed')
  })

})

const auditKeyText = 'schluessel-des-landkreises-0123456789abcdef'

describe('an audit trail keyed with AUDIT_KEY, with signed checkpoints on stdout', () => {
  let relay: Relay
  beforeAll(async () => {
    relay = await startRelay({ env: { AUDIT_STDOUT: '1', AUDIT_KEY: auditKeyText } })
  })
  afterAll(async () => {
    await relay?.kill()
    if (relay) removeDataDir(relay.dataDir)
  })
  const keyed = (...args: string[]) => runAdmin({ DATA_DIR: relay.dataDir, AUDIT_KEY: auditKeyText }, ...args)
  const db = () => new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'))
  /** The relay's stdout as a SIEM keeps it, in a file of the operator's. */
  const keptLines = () => {
    const file = join(relay.dataDir, 'siem.jsonl')
    writeFileSync(file, relay.logs.join('\n') + '\n')
    return file
  }

  it('leaves a row slipped into the database without a place outside the chain: verify names it, the chain notes it under the key', async () => {
    const made = await createBoard(relay, 'Nicht gelöscht')
    const database = db()
    try {
      // Whoever writes the database (without the key) forges who deleted the board, with no place in the chain.
      database.prepare('INSERT INTO audit (at, action, board_id, actor) VALUES (?, ?, ?, ?)').run(new Date().toISOString(), 'board-deleted', hashedBoard(made.id), 'admin')
    } finally {
      database.close()
    }
    // Opened under the key (as a relay's start does), the database gets no keyed place for it.
    const from = relay.logs.length
    const forged = await keyed('audit', 'verify')
    expect(forged.code).toBe(1)
    expect(forged.stderr).toContain('1 row(s) outside the chain (board-deleted first)')
    // The note reaches the SIEM through the running relay, signed.
    const noted = await relay.waitForLog((entry) => entry.type === 'audit' && entry.action === 'audit-rows-unplaced', from)
    expect(noted).toMatchObject({ forwarded: true, signature: expect.any(String) })
    const listed = await keyed('audit', '--board', made.id, '--json')
    expect((JSON.parse(listed.stdout) as AuditEntry[]).map((r) => r.action)).toEqual(['board-created'])
    const file = db()
    try {
      expect(file.prepare("SELECT action FROM audit WHERE chain_seq IS NULL").all()).toEqual([{ action: 'board-deleted' }])
      expect(file.prepare("SELECT board_id AS board FROM audit WHERE action = 'audit-rows-unplaced'").all()).toEqual([{ board: expect.stringMatching(/^unplaced:1:\d+$/) }])
      // Looked at and deleted by the operator: the chain is intact, with the note of it.
      file.prepare('DELETE FROM audit WHERE chain_seq IS NULL').run()
    } finally {
      file.close()
    }
    expect((await keyed('audit', 'verify')).code).toBe(0)
  })

  it('a relay without the key does not start on the keyed chain (a lost .env): it would write unkeyed rows after keyed ones', async () => {
    await expect(startRelay({ dataDir: relay.dataDir, env: { AUDIT_KEY: '' } })).rejects.toThrow(/the audit trail is keyed \(row \d+\), but neither AUDIT_KEY nor AUDIT_KEY_FILE is set/)
    expect((await keyed('audit', 'verify')).code).toBe(0)
  })

  it("forwards the admin command line's rows to the relay's stdout, signed like its own", async () => {
    const from = relay.logs.length
    expect((await keyed('list')).code).toBe(0)
    const line = await relay.waitForLog((entry) => entry.type === 'audit' && entry.action === 'admin:list', from)
    expect(line).toMatchObject({ actor: 'admin', forwarded: true, seq: expect.any(Number), signature: expect.any(String), key: expect.stringMatching(/^[0-9a-f]{16}$/) })
    const verified = await keyed('audit', 'verify', '--checkpoints', keptLines())
    expect(verified.stderr).toBe('')
    expect(verified.stdout).toMatch(/^audit trail intact: \d+ rows, last hash [0-9a-f]{64} \(keyed from row 1, held against \d+ signed checkpoint\(s\)\)$/m)
  })

  it('shows rows cut off the end of the chain against the checkpoints, which the chain alone cannot', async () => {
    for (const title of ['Erste', 'Zweite']) await createBoard(relay, title)
    const kept = keptLines()
    const last = await keyed('audit', 'checkpoint')
    expect(last.code).toBe(0)
    const point = JSON.parse(last.stdout) as { type: string; seq: number }
    expect(point.type).toBe('audit-checkpoint')
    const file = join(relay.dataDir, 'checkpoints.jsonl')
    expect((await keyed('audit', 'checkpoint', '--out', file)).code).toBe(0)
    const database = db()
    try {
      database.prepare('DELETE FROM audit WHERE chain_seq >= ?').run(point.seq - 1)
    } finally {
      database.close()
    }
    // The chain itself still links up: only a copy kept elsewhere shows the cut.
    expect((await keyed('audit', 'verify')).code).toBe(0)
    // A file with no signed line proves nothing, and says so.
    const empty = join(relay.dataDir, 'empty.jsonl')
    writeFileSync(empty, '{"level":"info","msg":"listening"}\n')
    const none = await keyed('audit', 'verify', '--checkpoints', empty)
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('no signed checkpoint')
    for (const checkpoints of [kept, file]) {
      const cut = await keyed('audit', 'verify', '--checkpoints', checkpoints)
      expect(cut.code).toBe(1)
      expect(cut.stderr).toContain('rows were cut off its end')
    }
  })

  it('refuses a row edited and the chain after it recomputed by the public formula', async () => {
    await createBoard(relay, 'Noch eine Zeile')
    expect((await keyed('audit', 'verify')).code).toBe(0)
    const file = db()
    let edited = 0
    try {
      type Row = { seq: number; at: string; action: string; board: string | null; actor: string; hash: string }
      const rows = file.prepare<[], Row>('SELECT chain_seq AS seq, at, action, board_id AS board, actor, hash FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq').all()
      edited = rows.at(-2)!.seq
      // Whoever writes the database makes a row name another actor and recomputes every hash from there, as the code says.
      let tail = rows.find((r) => r.seq === edited - 1)!
      for (const row of rows.filter((r) => r.seq >= edited)) {
        const entry = { ...row, actor: row.seq === edited ? 'oidc:0000000000000000' : row.actor }
        const link = nextLink(tail, entry)
        file.prepare('UPDATE audit SET actor = ?, prev_hash = ?, body_hash = ?, hash = ? WHERE chain_seq = ?').run(entry.actor, link.prevHash, link.bodyHash, link.hash, row.seq)
        tail = { ...entry, hash: link.hash }
      }
    } finally {
      file.close()
    }
    const broken = await keyed('audit', 'verify')
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain(`audit trail broken at row ${String(edited)}`)
    expect(broken.stderr).toContain('recomputed without AUDIT_KEY')
  })

  // IT review of issue 63 (point 3): an operator who runs `npm run admin -- list` in a shell that
  // lacks AUDIT_KEY appended an unkeyed `admin:list` row after the keyed ones, exit 0, no warning;
  // from then on `verify` reports the chain as recomputed without the key at that row, for ever.
  it('refuses to write an unkeyed row after keyed ones: an admin command without AUDIT_KEY names the setting and leaves the chain as it was', async () => {
    const file = db()
    const rows = () => file.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit').get()!.n
    try {
      const before = rows()
      const unkeyed = await runAdmin({ DATA_DIR: relay.dataDir, AUDIT_KEY: '' }, 'list')
      expect({ code: unkeyed.code, rowsAdded: rows() - before }).toEqual({ code: 1, rowsAdded: 0 })
      expect(unkeyed.stderr).toContain('AUDIT_KEY')
    } finally {
      file.close()
    }
  })
})

describe.skipIf(skipPostgresTests)('the audit trail on PostgreSQL', () => {
  let server: PostgresServer
  beforeAll(async () => {
    server = await filePostgres()
  })
  afterAll(async () => {
    await server?.stop()
  })

  // Two writers at once (two relay processes on one database) are the storage contract's (`storageContract/auditLog.ts`).
  it('verifies the chain the relay wrote, and names a row deleted from its middle', async () => {
    const url = await server.newDatabase()
    // Keyed: the relay's start marks the chain (`audit-key-in-use`), then the twelve rows.
    const env = { DATABASE_URL: url, AUDIT_KEY: auditKeyText }
    const first = await startRelay({ env })
    try {
      const boards = await Promise.all(Array.from({ length: 6 }, (_, i) => createBoard(first, `Board ${i}`)))
      for (const b of boards) expect((await apiFetch(first, `/api/boards/${b.id}/links/observer`, { method: 'POST', headers: authHeader(b.id) })).status).toBe(200)
      const verify = () => runAdmin({ ...env, DATA_DIR: first.dataDir }, 'audit', 'verify')
      const intact = await verify()
      expect(intact.stderr).toBe('')
      expect(intact.code).toBe(0)
      expect(intact.stdout).toMatch(/^audit trail intact: 13 rows, last hash [0-9a-f]{64} \(keyed from row 1\)$/m)

      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await client.query('DELETE FROM audit WHERE chain_seq = 5')
      } finally {
        await client.end()
      }
      const broken = await verify()
      expect(broken.code).toBe(1)
      expect(broken.stderr).toContain('audit trail broken at row 6')
      expect(broken.stderr).toContain('does not follow row 4')
      // Without the key the rows cannot be checked at all.
      const unkeyed = await runAdmin({ DATABASE_URL: url, DATA_DIR: first.dataDir, AUDIT_KEY: '' }, 'audit', 'verify')
      expect(unkeyed.code).toBe(1)
      expect(unkeyed.stderr).toContain('set AUDIT_KEY')
    } finally {
      await first.kill()
      removeDataDir(first.dataDir)
    }
  })
})

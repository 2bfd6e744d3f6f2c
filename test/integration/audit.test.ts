/**
 * The audit trail against a real relay (in the test's process): rows name actors by pseudonyms
 * only, never a name, token or password. What the relay records is read as `npm run admin -- audit
 * --json` lists it, through the same storage module in the test's process (`auditTrail`); the CLI
 * itself runs where it is the subject: its table, its own deletions, exports and backups, and
 * PostgreSQL.
 */
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashedBoard, linkActor } from '../../server/audit/auditTrail.ts'
import type { AuditEntry } from '../../server/storage/Storage.ts'
import { BoardVersion, joinRedeemPath, privateRevealPath, revealPath, versionsPath } from '../../shared/api.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { readVote, startVote } from '../../shared/board/entries/vote.ts'
import { exportsEntry } from '../../shared/board/entries/exports.ts'
import { privateEntry } from '../../shared/board/entries/private.ts'
import { authorId } from '../../shared/author.ts'
import { apiFetch, authHeader, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { startCreatorSignIn, stopCreatorSignIn, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { skipPostgresTests, type PostgresServer } from '../helpers/postgres.ts'
import { filePostgres } from '../helpers/testServers.ts'
import { copyOfStore, removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { admin, auditChainVerdict, auditTrail, runAdmin } from '../helpers/admin.ts'

const password = 'Netzwerk-Gründung 2026'

describe('the audit trail', () => {
  let relay: Relay
  let issuer: TestIssuer
  beforeAll(async () => {
    ;({ relay, issuer } = await startCreatorSignIn(password, 'http://netzwerkstatt.test'))
  })
  afterAll(() => stopCreatorSignIn(relay, issuer))

  /** The trail as `npm run admin -- audit --json [--board <id>] [--since <date>]` lists it. */
  const audit = (filter: { board?: string; since?: string } = {}): Promise<AuditEntry[]> => auditTrail(relay.dataDir, filter)

  it("records a link's replacement by the facilitator link, and keeps of the board's deletion only who did it and the id's hash", async () => {
    const board = await createBoard(relay, 'Fallkonferenz')
    const facilitator = linkActor(board.id, 'facilitator')
    const replaced = await apiFetch(relay, `/api/boards/${board.id}/links/participant`, { method: 'POST', headers: authHeader(board.id) })
    expect(replaced.status).toBe(200)
    const newToken = ((await replaced.json()) as { token: string }).token
    expect(await audit({ board: board.id })).toEqual([
      { at: expect.any(String), action: 'board-created', board: board.id, actor: 'local' },
      { at: expect.any(String), action: 'link-replaced', board: board.id, actor: facilitator },
    ])

    expect((await apiFetch(relay, `/api/boards/${board.id}`, { method: 'DELETE', headers: authHeader(board.id) })).status).toBe(204)
    const rows = await audit({ board: board.id })
    expect(rows).toEqual([{ at: expect.any(String), action: 'board-deleted', board: hashedBoard(board.id), actor: facilitator }])
    // Deleted means gone: the trail names the board no more, and never held a token.
    const all = JSON.stringify(await audit())
    expect(all).not.toContain(board.id)
    for (const token of [...Object.values(board.access), newToken]) expect(all).not.toContain(token)
  })

  it('records a wrong creator password without the password or the address, and lists from a date on', async () => {
    const before = new Date().toISOString()
    const wrong = await apiFetch(relay, '/api/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
      body: JSON.stringify({ password: 'falsches Passwort' }),
    })
    expect(wrong.status).toBe(401)
    const rows = await audit({ since: before })
    expect(rows).toEqual([{ at: expect.any(String), action: 'sign-in-failed:password', board: null, actor: 'unknown' }])
    const text = JSON.stringify(await audit())
    expect(text).not.toContain('falsches')
    expect(text).not.toContain('198.51.100.7')
  })

  it("records the operator's deletion through the running relay as the admin's, and lists rows as a table", async () => {
    const board = await createBoard(relay, 'Vom Betrieb gelöscht')
    const deleted = await admin(relay.dataDir, 'delete', board.id)
    expect(deleted.code).toBe(0)
    // Listed as a table: the header, and the one row, with its time, the id's hash and the admin.
    const table = await admin(relay.dataDir, 'audit', '--board', board.id)
    expect(table.code).toBe(0)
    const [header, ...rows] = table.stdout.trimEnd().split('\n')
    expect(header).toMatch(/^time\s+action\s+board\s+actor$/)
    expect(rows).toEqual([expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z  board-deleted  ${hashedBoard(board.id)}  admin$`))])
    expect(readFileSync(join(relay.dataDir, 'netzwerkstatt.sqlite')).includes(Buffer.from(board.id))).toBe(false)
  })

  it('records the reveal of a vote and of private writing by the facilitator link, and a join code nobody has', async () => {
    const board = await createBoard(relay, 'Steuerungsgruppe')
    const facilitator = connectClient(relay, board.id)
    // The relay applies a change before it passes it on: once the watcher has one, the relay has it.
    const watcher = connectClient(relay, board.id)
    try {
      await Promise.all([whenSynced(facilitator), whenSynced(watcher)])
      startVote(facilitator.doc, { id: 'vote-1', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: Date.now() })
      facilitationMap(facilitator.doc).set(facilitationKeys.private, { id: 'round-1', startedAt: 1 })
      await until(watcher.doc, () => readVote(watcher.doc)?.id === 'vote-1' && privateEntry.get(watcher.doc)?.id === 'round-1')
      const post = (path: string, body: object) =>
        apiFetch(relay, path, { method: 'POST', headers: { ...authHeader(board.id), 'content-type': 'application/json' }, body: JSON.stringify(body) })
      expect((await post(revealPath(board.id), { voteId: 'vote-1' })).status).toBe(204)
      expect((await post(privateRevealPath(board.id), { roundId: 'round-1' })).status).toBe(200)
    } finally {
      facilitator.destroy()
      watcher.destroy()
    }
    const wrongCode = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'K7MX-Q2PV-9HRT' }) }
    expect((await fetch(`${relay.httpUrl}${joinRedeemPath}`, wrongCode)).status).toBe(404)
    const facilitatorLink = linkActor(board.id, 'facilitator')
    expect((await audit({ board: board.id })).map((r) => [r.action, r.actor])).toEqual([
      ['board-created', 'local'],
      ['vote-revealed', facilitatorLink],
      ['private-revealed', facilitatorLink],
    ])
    // Past the CLI's own readings of the trail (the table above), which are rows too.
    expect((await audit()).filter((r) => r.action !== 'admin:audit').at(-1)).toMatchObject({ action: 'join-code-failed', board: null, actor: 'unknown' })
    expect(JSON.stringify(await audit())).not.toContain('K7MX')
  })

  it("records the release of exports to the read-only link by the facilitator's author id, once per release", async () => {
    const board = await createBoard(relay, 'Steuerungsgruppe liest')
    const writer = randomBytes(24).toString('base64url')
    const facilitator = connectClient(relay, board.id, undefined, { writer })
    // The relay applies a change before it passes it on: once the watcher has one, the relay has it.
    const watcher = connectClient(relay, board.id)
    try {
      await Promise.all([whenSynced(facilitator), whenSynced(watcher)])
      const exports = facilitationMap(facilitator.doc)
      const observersMayExport = () => exportsEntry.get(watcher.doc).observers
      exports.set(facilitationKeys.exports, { observers: true })
      await until(watcher.doc, () => observersMayExport())
      // Released: the observer's export works.
      const observerExport = async () => (await apiFetch(relay, `/api/boards/${board.id}/export`, { headers: authHeader(board.id, board.access.observer) })).status
      expect(await observerExport()).toBe(200)
      exports.set(facilitationKeys.exports, { observers: true })
      exports.set(facilitationKeys.exports, { observers: false })
      await until(watcher.doc, () => !observersMayExport())
      expect(await observerExport()).toBe(403)
    } finally {
      facilitator.destroy()
      watcher.destroy()
    }
    expect((await audit({ board: board.id })).map((r) => [r.action, r.actor])).toEqual([
      ['board-created', 'local'],
      ['exports-released', `author:${authorId(writer, board.id)}`],
      // The one export that was allowed.
      ['board-exported', linkActor(board.id, 'observer')],
    ])
  })

  it("records a version's restore, as the versions panel reports it, by the facilitator link", async () => {
    const board = await createBoard(relay, 'Mit Stand')
    const saved = await apiFetch(relay, versionsPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Stand' }) })
    expect(saved.status).toBe(201)
    const version = BoardVersion.parse(await saved.json())
    const restored = (token?: string, id = version.id) => apiFetch(relay, `${versionsPath(board.id)}/${id}/restored`, { method: 'POST', headers: authHeader(board.id, token) })
    expect((await restored(board.access.participant)).status).toBe(403)
    expect((await restored(undefined, 'unbekannte-version')).status).toBe(404)
    expect((await restored()).status).toBe(204)
    expect((await audit({ board: board.id })).map((r) => [r.action, r.actor])).toEqual([
      ['board-created', 'local'],
      ['version-restored', linkActor(board.id, 'facilitator')],
    ])
  })

  it('records a deletion by retention, and drops rows older than AUDIT_RETENTION_DAYS', async () => {
    // A board of the file's relay, in a copy of its store that starts with an empty trail.
    const stale = await createBoard(relay, 'Lange nicht geöffnet')
    const dataDir = await copyOfStore(relay)
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000).toISOString()
    const db = new Database(join(dataDir, 'netzwerkstatt.sqlite'))
    db.prepare('DELETE FROM audit').run()
    db.prepare('UPDATE boards SET created_at = ? WHERE id = ?').run(daysAgo(40), stale.id)
    db.prepare('INSERT INTO audit (at, action, board_id, actor) VALUES (?, ?, ?, ?)').run(daysAgo(31), 'sign-in-failed:password', null, 'unknown')
    db.prepare('INSERT INTO audit (at, action, board_id, actor) VALUES (?, ?, ?, ?)').run(daysAgo(29), 'sign-in-failed:oidc', null, 'unknown')
    db.close()
    const second = await startRelay({ dataDir, env: { LOG_LEVEL: 'info', BOARD_RETENTION_DAYS: '30', AUDIT_RETENTION_DAYS: '30' } })
    try {
      // The sweep at start drops old rows first, then deletes the board, records it, and logs it.
      await second.waitForLog((e) => e.msg === 'board deleted (retention)' && e.board === stale.id)
      expect((await auditTrail(second.dataDir)).map((r) => [r.action, r.board, r.actor])).toEqual([
        ['sign-in-failed:oidc', null, 'unknown'],
        // The rows written past the relay are chained at its start, and the sweep says what it dropped.
        ['audit-rows-chained', null, 'server'],
        ['audit-rows-dropped', expect.stringMatching(/^before:\d{4}-\d\d-\d\dT/), 'retention'],
        ['board-deleted', hashedBoard(stale.id), 'retention'],
      ])
      expect(await auditChainVerdict(second.dataDir)).toMatchObject({ intact: true })
    } finally {
      await second.kill()
      removeDataDir(second.dataDir)
    }
  })

  it('records a refused OpenID Connect answer without anything of it', async () => {
    const before = new Date().toISOString()
    const back = await fetch(`${relay.httpUrl}/api/auth/oidc/callback?code=gestohlen&state=fremd`, { redirect: 'manual' })
    expect(back.status).toBe(302)
    expect(await audit({ since: before })).toEqual([{ at: expect.any(String), action: 'sign-in-failed:oidc', board: null, actor: 'unknown' }])
  })

  it("records the operator's exports and backups as the admin's", async () => {
    const board = await createBoard(relay, 'Exportiert')
    const before = new Date().toISOString()
    expect((await admin(relay.dataDir, 'export', board.id)).code).toBe(0)
    const backup = join(relay.dataDir, 'sicherung.sqlite')
    expect((await admin(relay.dataDir, 'backup', backup)).code).toBe(0)
    expect((await audit({ since: before })).map((r) => [r.action, r.board, r.actor])).toEqual([
      ['admin:export', board.id, 'admin'],
      ['admin:backup', null, 'admin'],
    ])
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

  it('lists what the relay recorded in the database with npm run admin -- audit, with DATABASE_URL', async () => {
    const env = { DATABASE_URL: await server.newDatabase() }
    const relay = await startRelay({ env })
    try {
      const board = await createBoard(relay, 'In PostgreSQL')
      expect((await apiFetch(relay, `/api/boards/${board.id}/links/observer`, { method: 'POST' })).status).toBe(200)
      const listed = await runAdmin({ ...env, DATA_DIR: relay.dataDir }, 'audit', '--json', '--board', board.id)
      expect(listed.stderr).toBe('')
      expect((JSON.parse(listed.stdout) as AuditEntry[]).map((r) => [r.action, r.board, r.actor])).toEqual([
        ['board-created', board.id, 'local'],
        ['link-replaced', board.id, linkActor(board.id, 'facilitator')],
      ])
    } finally {
      await relay.kill()
      removeDataDir(relay.dataDir)
    }
  })
})

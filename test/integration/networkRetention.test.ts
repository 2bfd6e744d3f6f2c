/**
 * Retention of a network's boards (`server/ops/retention.ts`, `storage/RetentionSchedule.ts`): a
 * network counts as a whole. Dates are aged in the database while the relay is stopped (as in
 * `retention.test.ts`); the relay's sweep at its next start is the one that runs hourly.
 * A network's two years (`networkYears.ts`): kept whole two years on, a lone board as old deleted.
 * A relay of each test's own: each restarts it, reads its log and its audit rows.
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BoardWithRole, type CreatedBoard } from '../../shared/api.ts'
import { NetworkView, networkApiPath, type CreatedNetwork } from '../../shared/networkApi.ts'
import { KeptUntil, RetentionDates, boardKeepPath, networkKeepPath, retentionLookupPath } from '../../shared/retentionApi.ts'
import { hashedBoard, retentionActor } from '../../server/audit/auditTrail.ts'
import { retentionLookupsPerMinute } from '../../server/http/retentionApi.ts'
import { admin, runAdmin } from '../helpers/admin.ts'
import { apiFetch, createBoard, type HttpRelay } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { skipPostgresTests } from '../helpers/postgres.ts'
import { filePostgres } from '../helpers/testServers.ts'
import { makeNetworkYears, planNetworkYears } from '../helpers/networkYears.ts'
import { hang } from '../helpers/hang.ts'
import { formatDate, localDay } from '../../shared/dates.ts'
import { makeDataDir, removeDataDir, startRelay, storedAudit, type Relay } from '../helpers/relay.ts'
import { readMail, startSmtpSink } from '../helpers/smtpSink.ts'
import { readArchive } from '../../server/boardArchive/format.ts'
import { networkReadsPerMinute } from '../../server/http/networksApi.ts'

const dayMs = 24 * 60 * 60_000
const daysAgo = (days: number) => new Date(Date.now() - days * dayMs).toISOString()
const year = { BOARD_RETENTION_DAYS: '365' }

/** Sets when boards and networks were created and last used, as if that many days ago. */
function age(dataDir: string, rows: { boards?: string[]; networks?: string[] }, days: number) {
  const db = new Database(join(dataDir, 'netzwerkstatt.sqlite'))
  try {
    for (const id of rows.boards ?? []) db.prepare('UPDATE boards SET created_at = ?, last_used_at = ? WHERE id = ?').run(daysAgo(days + 30), daysAgo(days), id)
    for (const id of rows.networks ?? []) db.prepare('UPDATE networks SET created_at = ?, last_used_at = ? WHERE id = ?').run(daysAgo(days + 30), daysAgo(days), id)
  } finally {
    db.close()
  }
}

const lastUsed = (dataDir: string, table: 'boards' | 'networks', id: string) => {
  const db = new Database(join(dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
  try {
    return (db.prepare(`SELECT last_used_at AS at FROM ${table} WHERE id = ?`).get(id) as { at: string | null }).at
  } finally {
    db.close()
  }
}

describe('retention of a network', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  let relay: Relay
  const calls = networkCalls(() => relay)
  const start = async (dataDir: string, env: Record<string, string> = year) => {
    relay = await startRelay({ dataDir, env: { LOG_LEVEL: 'info', ...env } })
    cleanups.push(() => relay.kill())
    return relay
  }
  const restart = async (env: Record<string, string> = year) => {
    const { dataDir } = relay
    await relay.kill()
    return start(dataDir, env)
  }
  /** A network with a Bedarfsanalyse and a Gründungsveranstaltung, and a board outside it. */
  const foundingYear = async () => {
    const dataDir = makeDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    await start(dataDir)
    const network = await calls.createNetwork('Netzwerk Frühe Hilfen')
    const boards = [await createBoard(relay, 'Bedarfsanalyse'), await createBoard(relay, 'Gründungsveranstaltung')]
    for (const [i, board] of boards.entries()) expect((await calls.addBoard(network, board, i === 0 ? 'vorStart' : 'gruendung')).status).toBe(201)
    const alone = await createBoard(relay, 'Allein')
    return { network, boards, alone }
  }
  const status = (board: CreatedBoard) => calls.boardStatus(board)
  const deletedInLog = () => relay.logs.flatMap((line) => (line.includes('board deleted (retention)') ? [JSON.parse(line) as { board: string; network?: string }] : []))

  it('keeps the year-old boards of a network whose Fahrplan was read, and deletes a lone board as old', async () => {
    const { network, boards, alone } = await foundingYear()
    // 400 days on: nobody opened the boards, nor the lone one; retention off while the Fahrplan is read.
    await restart({ BOARD_RETENTION_DAYS: '0' })
    age(relay.dataDir, { boards: [...boards.map((b) => b.id), alone.id], networks: [network.id] }, 400)
    const seen = await calls.view(network)
    expect(seen.boards.map((b) => b.title)).toEqual(['Bedarfsanalyse', 'Gründungsveranstaltung'])
    expect(Date.parse(lastUsed(relay.dataDir, 'networks', network.id)!)).toBeGreaterThan(Date.now() - 60_000)

    await restart()
    // The sweep at the start runs beside the requests (`server/relayServer.ts`): its line is awaited.
    await relay.waitForLog((e) => e.msg === 'board deleted (retention)' && e.board === alone.id)
    expect(deletedInLog().map((e) => e.board)).toEqual([alone.id])
    for (const board of boards) expect(await status(board)).toBe(200)
    expect(await status(alone)).toBe(404)
    // Each board of it now goes with the network, a year after the Fahrplan was read.
    const kept = BoardWithRole.parse(await (await apiFetch(relay, `/api/boards/${boards[0]!.id}`)).json())
    expect(Date.parse(kept.deleteAfter!)).toBeGreaterThan(Date.now() + 364 * dayMs)
  })

  it('deletes a network unused for longer than the days whole: a tombstone on the Fahrplan, an audit row and a log line each; an archive only of a board the network still held', async () => {
    const { network, boards } = await foundingYear()
    // Its facilitator renewed her link on the Gründungsveranstaltung itself: the network's hold on it ended (`access.ts`).
    expect((await calls.api(`/api/boards/${boards[1]!.id}/links/facilitator`, { method: 'POST', ...calls.bearer(boards[1]!.access.facilitator) })).status).toBe(200)
    const other = await calls.createNetwork('Netzwerk Pflege')
    const young = await createBoard(relay, 'Im Gebrauch')
    expect((await calls.addBoard(other, young, 'gruendung')).status).toBe(201)
    const old = await createBoard(relay, 'Alt, aber im selben Netzwerk')
    expect((await calls.addBoard(other, old, 'vorStart')).status).toBe(201)
    await restart({ BOARD_RETENTION_DAYS: '0' })
    age(relay.dataDir, { boards: [...boards.map((b) => b.id), old.id], networks: [network.id, other.id] }, 400)
    // The other network's young board is used 10 days ago: its old board stays with it.
    age(relay.dataDir, { boards: [young.id] }, 10)

    await restart()
    for (const board of boards) await relay.waitForLog((e) => e.msg === 'board deleted (retention)' && e.board === board.id)
    const deleted = deletedInLog()
    expect(deleted.map((e) => e.board).sort()).toEqual(boards.map((b) => b.id).sort())
    expect(deleted.every((e) => e.network === network.id)).toBe(true)
    for (const board of boards) expect(await status(board)).toBe(404)
    for (const board of [young, old]) expect(await status(board)).toBe(200)
    const audit = storedAudit(relay)
    for (const board of boards) expect(audit).toContainEqual({ action: 'board-deleted', board: hashedBoard(board.id), actor: retentionActor })

    const seen = await calls.view(network)
    expect(seen.boards).toEqual([])
    expect(seen.retention?.deleted.map((d) => [d.title, d.phase])).toEqual([
      ['Bedarfsanalyse', 'vorStart'],
      ['Gründungsveranstaltung', 'gruendung'],
    ])
    expect(Date.parse(seen.retention!.deleted[0]!.deletedAt)).toBeGreaterThan(Date.now() - 60_000)
    expect((await calls.view(other)).retention).toMatchObject({ deleted: [] })
    // What the network could no longer open, its link does not download once it is deleted either.
    expect(seen.retention?.archives?.map((a) => a.boardId)).toEqual([boards[0]!.id])
    const archivesPath = `/api/networks/${network.id}/archives`
    expect((await calls.api(`${archivesPath}/${boards[0]!.id}`, calls.bearer(network.token))).status).toBe(200)
    expect((await calls.api(`${archivesPath}/${boards[1]!.id}`, calls.bearer(network.token))).status).toBe(404)
  })

  it('two years on, every board last used at its meeting and the network at its latest: the sweep with the default days keeps every board of it and deletes a lone board as old', async () => {
    const dataDir = makeDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    await start(dataDir, {})
    // The founding boards of a network's two years (`networkYears.ts`), one in every phase, from its first week to its last.
    const { network, boards } = await makeNetworkYears(relay, planNetworkYears({ boards: 14 }))
    const lone = await createBoard(relay, 'Alte Skizze')
    await relay.kill()
    const db = new Database(join(dataDir, 'netzwerkstatt.sqlite'))
    try {
      // Last used, and last changed, at its meeting: as the relay would have noted it then.
      const setUsed = db.prepare('UPDATE boards SET last_used_at = ?, changed_at = ? WHERE id = ?')
      for (const { plan, board } of boards) setUsed.run(`${plan.date}T18:00:00.000Z`, `${plan.date}T18:00:00.000Z`, board.id)
      setUsed.run('2024-09-01T18:00:00.000Z', '2024-09-01T18:00:00.000Z', lone.id)
      const lastMeeting = boards.map((b) => b.plan.date).sort().at(-1)!
      db.prepare('UPDATE networks SET last_used_at = ? WHERE id = ?').run(`${lastMeeting}T18:00:00.000Z`, network.id)
      expect(Date.now() - Date.parse(boards[0]!.plan.date)).toBeGreaterThan(2 * 365 * dayMs * 0.95)
    } finally {
      db.close()
    }

    // Restarted with the default settings: its sweep at the start.
    await start(dataDir, {})
    await relay.waitForLog((e) => e.msg === 'board deleted (retention)' && e.board === lone.id)
    expect(deletedInLog().map((e) => e.board)).toEqual([lone.id])
    expect((await calls.api(networkApiPath(network.id), calls.bearer(network.token))).status).toBe(200)
    for (const { board } of boards) expect((await calls.api(`/api/boards/${board.id}`, calls.bearer(board.access.facilitator))).status).toBe(200)
  })

  it('tells a browser the dates without counting as use; „Behalten“ with any link of the board or the network’s link keeps', async () => {
    const { network, boards, alone } = await foundingYear()
    await restart({ BOARD_RETENTION_DAYS: '0' })
    age(relay.dataDir, { boards: [...boards.map((b) => b.id), alone.id], networks: [network.id] }, 350)
    await restart()
    const ask = async (body: unknown) => {
      const response = await apiFetch(relay, retentionLookupPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      expect(response.status).toBe(200)
      return RetentionDates.parse(await response.json())
    }
    const known = {
      boards: [{ id: alone.id, token: alone.access.observer }, { id: boards[0]!.id, token: alone.access.observer }],
      networks: [{ id: network.id, token: network.token }],
    }
    // An open route reads a few KB, not a padded body of megabytes (it answered 200 after reading 60 MB).
    const padded = await apiFetch(relay, retentionLookupPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...known, pad: 'x'.repeat(1024 * 1024) }) })
    expect(padded.status).toBe(413)
    const dates = await ask(known)
    // A link of another board tells nothing about this one.
    expect(dates.boards.map((b) => b.id)).toEqual([alone.id])
    const inFifteenDays = (date: string | null) => Math.abs(Date.parse(date!) - (Date.now() + 15 * dayMs)) < dayMs
    expect(inFifteenDays(dates.boards[0]!.deleteAfter)).toBe(true)
    expect(inFifteenDays(dates.networks[0]!.deleteAfter)).toBe(true)
    // Asking is no use.
    expect(await ask(known)).toEqual(dates)
    expect(Date.parse(lastUsed(relay.dataDir, 'boards', alone.id)!)).toBeLessThan(Date.now() - 349 * dayMs)

    const keep = (path: string, token?: string) => apiFetch(relay, path, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} })
    // Refused without a link of the board, and nothing kept.
    expect((await keep(boardKeepPath(alone.id), network.token)).status).toBe(401)
    expect((await keep(networkKeepPath(network.id), alone.access.facilitator)).status).toBe(401)
    expect(await ask(known)).toEqual(dates)

    // The read-only link keeps the lone board; the network's link keeps the network.
    const keptBoard = await keep(boardKeepPath(alone.id), alone.access.observer)
    expect(keptBoard.status).toBe(200)
    expect(Date.parse(KeptUntil.parse(await keptBoard.json()).deleteAfter!)).toBeGreaterThan(Date.now() + 364 * dayMs)
    // Keeping the board keeps only it: the network's date is as it was.
    expect((await ask(known)).networks).toEqual(dates.networks)
    const keptNetwork = await keep(networkKeepPath(network.id), network.token)
    expect(keptNetwork.status).toBe(200)
    expect(Date.parse(KeptUntil.parse(await keptNetwork.json()).deleteAfter!)).toBeGreaterThan(Date.now() + 364 * dayMs)

    // Twenty days on, past the old dates: all three are still there.
    await relay.kill()
    age(relay.dataDir, { boards: [...boards.map((b) => b.id)] }, 370)
    await start(relay.dataDir)
    expect(deletedInLog()).toEqual([])
    for (const board of [...boards, alone]) expect(await status(board)).toBe(200)

    // An open route that checks links has a budget per address, and tells when to come back.
    let refused: Response | undefined
    for (let i = 0; i <= retentionLookupsPerMinute && !refused; i++) {
      const response = await apiFetch(relay, retentionLookupPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(known) })
      if (response.status === 429) refused = response
      else await response.body?.cancel()
    }
    expect(refused?.status).toBe(429)
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('a network paused at month 13: warned weeks ahead (a log line, the admin listing, one mail to the coordinator), then kept as an archive the network link downloads, gone after the grace period', { timeout: hang(120_000) }, async () => {
    const smtp = await startSmtpSink()
    cleanups.push(() => smtp.close())
    const mailEnv = { ...year, SMTP_URL: smtp.url, MAIL_FROM: 'Netzwerkstatt <netzwerkstatt@example.org>', PUBLIC_URL: 'https://netzwerkstatt.example.org' }
    const { network, boards } = await foundingYear()
    const other = await calls.createNetwork('Netzwerk Pflege')
    // The coordinator asked for the digest with the network's link (`NetworkDigests.ts`): her address is stored with it.
    await relay.kill()
    const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'))
    try {
      const { token_hash } = db.prepare('SELECT token_hash FROM networks WHERE id = ?').get(network.id) as { token_hash: string }
      db.prepare("INSERT INTO network_digests (network_id, actor, email, locale, token_hash, created_at, sent_at, seen) VALUES (?, 'kim', 'kim@example.org', 'de', ?, ?, NULL, '{}')").run(network.id, token_hash, daysAgo(345))
    } finally {
      db.close()
    }
    // Month 12: nobody used the network for 345 days; its boards go in 20.
    age(relay.dataDir, { boards: boards.map((b) => b.id), networks: [network.id] }, 345)
    await start(relay.dataDir, mailEnv)
    const warned = await relay.waitForLog((e) => e.msg === 'retention: network will be deleted' && e.network === network.id)
    expect(Math.abs(Date.parse(String(warned.deleteAfter)) - (Date.now() + 20 * dayMs))).toBeLessThan(dayMs)
    expect(warned.boards).toBe(2)
    // A monitor's line: ids, dates and counts, nothing of the boards nor the network's name.
    const line = relay.logs.find((l) => l.includes('retention: network will be deleted'))!
    for (const never of ['Bedarfsanalyse', 'Gründungsveranstaltung', 'Frühe Hilfen', network.token, 'kim@example.org']) expect(line).not.toContain(never)
    const mail = await smtp.nextMail(hang(60_000))
    expect(mail.to).toEqual(['kim@example.org'])
    const read = readMail(mail.raw)
    expect(read.headers.get('subject')).toContain('Netzwerk Frühe Hilfen')
    const day = formatDate(localDay(new Date(String(warned.deleteAfter))), 'de')
    expect(read.text).toContain(day)
    expect(read.text).toContain(`https://netzwerkstatt.example.org/n/${network.id}`)
    expect(mail.raw).not.toContain(network.token)
    // The operator's listing says the same.
    const listed = JSON.parse((await runAdmin({ DATA_DIR: relay.dataDir, ...year }, 'retention', '--json', '--within', '28')).stdout) as Array<{ board: string; network: string | null }>
    expect(listed.map((r) => [r.board, r.network])).toEqual(boards.map((b) => [b.id, network.id]))

    // The relay started again the same day: neither a second line nor a second mail.
    await restart(mailEnv)
    expect(await relay.waitForLog((e) => e.msg === 'retention warnings checked')).toMatchObject({ networks: 1, lines: 0, mails: 0 })
    expect(relay.logs.some((l) => l.includes('retention: network will be deleted'))).toBe(false)
    expect(smtp.mails).toHaveLength(1)

    // Month 13: the network's boards go, each kept first as a board archive (docs/board-archive.md).
    await relay.kill()
    age(relay.dataDir, { boards: boards.map((b) => b.id), networks: [network.id] }, 366)
    await start(relay.dataDir, mailEnv)
    for (const board of boards) await relay.waitForLog((e) => e.msg === 'board deleted (retention)' && e.board === board.id)
    for (const board of boards) expect(await status(board)).toBe(404)
    const archivesPath = `/api/networks/${network.id}/archives`
    expect((await calls.api(archivesPath)).status).toBe(401)
    expect((await calls.api(archivesPath, calls.bearer(other.token))).status).toBe(401)
    const listing = await calls.api(archivesPath, calls.bearer(network.token))
    expect(listing.status).toBe(200)
    const archives = (await listing.json()) as { archives: Array<{ boardId: string; title: string; phase: string; keepUntil: string; bytes: number }> }
    expect(archives.archives.map((a) => [a.boardId, a.title, a.phase])).toEqual([
      [boards[0]!.id, 'Bedarfsanalyse', 'vorStart'],
      [boards[1]!.id, 'Gründungsveranstaltung', 'gruendung'],
    ])
    expect(Math.abs(Date.parse(archives.archives[0]!.keepUntil) - (Date.now() + 90 * dayMs))).toBeLessThan(dayMs)
    // The Fahrplan offers them beside the tombstones.
    expect((await calls.view(network)).retention?.archives?.map((a) => a.boardId)).toEqual(boards.map((b) => b.id))
    expect((await calls.api(`${archivesPath}/${boards[0]!.id}`, calls.bearer(other.token))).status).toBe(401)
    const download = await calls.api(`${archivesPath}/${boards[0]!.id}`, calls.bearer(network.token))
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toContain('.nwboard')
    const archived = await readArchive(new Uint8Array(await download.arrayBuffer()))
    expect(archived.board).toMatchObject({ id: boards[0]!.id, title: 'Bedarfsanalyse' })
    expect(archived.document.byteLength).toBeGreaterThan(0)

    // Each download is one of the address's reads of networks' boards, counted before the store is read, whatever it finds.
    let refused: Response | undefined
    for (let i = 0; i <= networkReadsPerMinute && !refused; i++) {
      const response = await calls.api(`${archivesPath}/${'z'.repeat(22)}`, calls.bearer(network.token))
      if (response.status === 429) refused = response
      else expect(response.status).toBe(404)
    }
    expect(refused?.headers.get('retry-after')).toBeTruthy()

    // 91 days on: the archive is gone too.
    await relay.kill()
    const aged = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'))
    try {
      aged.prepare('UPDATE retention_archives SET archived_at = ?, keep_until = ? WHERE network_id = ?').run(daysAgo(91), daysAgo(1), network.id)
    } finally {
      aged.close()
    }
    await start(relay.dataDir, mailEnv)
    expect((await (await calls.api(archivesPath, calls.bearer(network.token))).json()) as unknown).toEqual({ archives: [] })
    expect((await calls.api(`${archivesPath}/${boards[0]!.id}`, calls.bearer(network.token))).status).toBe(404)
  })

  it('lists with npm run admin -- retention what will be deleted and when, a network’s boards together', async () => {
    const { network, boards, alone } = await foundingYear()
    const recent = await createBoard(relay, 'Neulich')
    await relay.kill()
    age(relay.dataDir, { boards: [...boards.map((b) => b.id)], networks: [network.id] }, 300)
    age(relay.dataDir, { boards: [alone.id] }, 200)
    const listed = await runAdmin({ DATA_DIR: relay.dataDir, ...year }, 'retention', '--json')
    expect(listed.stderr).toBe('')
    const rows = JSON.parse(listed.stdout) as Array<{ deleteAfter: string; board: string; title: string; network: string | null; networkName: string | null }>
    expect(rows.map((r) => [r.board, r.network])).toEqual([
      ...boards.map((b) => [b.id, network.id]),
      [alone.id, null],
      [recent.id, null],
    ])
    expect(Math.abs(Date.parse(rows[0]!.deleteAfter) - (Date.now() + 65 * dayMs))).toBeLessThan(dayMs)
    // Within 100 days: the network's two boards only; as a table a person reads.
    const soon = await runAdmin({ DATA_DIR: relay.dataDir, ...year }, 'retention', '--within', '100')
    expect(soon.code).toBe(0)
    const lines = soon.stdout.split('\n').filter((line) => line.includes('Netzwerk Frühe Hilfen'))
    expect(lines).toHaveLength(2)
    expect(soon.stdout).toContain('Bedarfsanalyse')
    expect(soon.stdout).not.toContain(alone.id)
    expect((await admin(relay.dataDir, 'retention', '--within', 'bald')).code).toBe(2)
  })
})

describe.skipIf(skipPostgresTests)('retention of a network on PostgreSQL', () => {
  it('keeps a used network’s old boards and lists with npm run admin -- retention, with DATABASE_URL', async () => {
    const postgres = await filePostgres()
    const env = { DATABASE_URL: await postgres.newDatabase(), ...year }
    let relay: Relay = await startRelay({ env })
    const relayOf = (): HttpRelay => relay
    const { createNetwork, addBoard, view } = networkCalls(relayOf)
    const db = new pg.Client({ connectionString: env.DATABASE_URL })
    await db.connect()
    try {
      const network: CreatedNetwork = await createNetwork('Netzwerk in PostgreSQL')
      const board = await createBoard(relay, 'Bedarfsanalyse')
      expect((await addBoard(network, board, 'vorStart')).status).toBe(201)
      const alone = await createBoard(relay, 'Allein')
      // A network nobody reads: its board goes, kept first as an archive in PostgreSQL.
      const paused = await createNetwork('Netzwerk in Pause')
      const pausedBoard = await createBoard(relay, 'Gründung')
      expect((await addBoard(paused, pausedBoard, 'gruendung')).status).toBe(201)
      await db.query('UPDATE boards SET created_at = $1, last_used_at = $1 WHERE id = ANY($2)', [daysAgo(400), [board.id, alone.id, pausedBoard.id]])
      await db.query('UPDATE networks SET created_at = $1, last_used_at = $1 WHERE id = ANY($2)', [daysAgo(400), [network.id, paused.id]])
      const listed = await runAdmin({ ...env, DATA_DIR: relay.dataDir }, 'retention', '--json')
      expect(listed.stderr).toBe('')
      expect((JSON.parse(listed.stdout) as Array<{ board: string; network: string | null }>).map((r) => [r.board, r.network]).sort()).toEqual(
        [[board.id, network.id], [alone.id, null], [pausedBoard.id, paused.id]].sort(),
      )
      // The Fahrplan read is a use: the network's year-old board stays, the lone one goes.
      expect(NetworkView.parse(await view(network)).boards).toHaveLength(1)
      await relay.kill()
      relay = await startRelay({ env: { ...env, LOG_LEVEL: 'info' }, dataDir: relay.dataDir })
      await relay.waitForLog((e) => e.msg === 'board deleted (retention)' && e.board === alone.id)
      await relay.waitForLog((e) => e.msg === 'board deleted (retention)' && e.board === pausedBoard.id)
      const kept = await apiFetch(relay, `/api/networks/${paused.id}/archives/${pausedBoard.id}`, { headers: { authorization: `Bearer ${paused.token}` } })
      expect(kept.status).toBe(200)
      expect((await readArchive(new Uint8Array(await kept.arrayBuffer()))).board.title).toBe('Gründung')
      expect((await apiFetch(relay, `/api/boards/${board.id}`)).status).toBe(200)
      expect((await apiFetch(relay, networkApiPath(network.id), { headers: { authorization: `Bearer ${network.token}` } })).status).toBe(200)
    } finally {
      await db.end()
      await relay.kill()
      removeDataDir(relay.dataDir)
      await postgres.stop()
    }
  })
})

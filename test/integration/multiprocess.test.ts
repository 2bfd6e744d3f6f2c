/**
 * Several relays on one PostgreSQL database and one Redis: separate relays (as on separate
 * machines) and WORKERS behind one port. Clients of one board on different relays see each other
 * at once; a killed process loses nothing a peer saw, and its clients go on with the survivor.
 * Separate relays run in the test's process (each with its own storage, bus and process key), but
 * the one a test kills and WORKERS, whose processes are the subject.
 */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { connect as connectTcp, type Socket } from 'node:net'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { apiFetch, connectClient, createBoard, openRawSocket, until, untilStatus, whenSynced, type TestClient } from '../helpers/clients.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { databaseServers } from '../helpers/databases.ts'
import { skipPostgresTests } from '../helpers/postgres.ts'
import { skipRedisTests } from '../helpers/redis.ts'
import { noteKeys, putNote } from '../helpers/records.ts'
import { healthFrom, openHalfRequest } from '../helpers/rawClients.ts'
import { workerFor } from '../../server/cluster/primary.ts'
import { networkCredential } from '../../shared/networkCredential.ts'
import { removeDataDir, startRelay, stopRelay, waitForLogAfter, type Relay, type RelayKind, type RelayProcess } from '../helpers/relay.ts'

describe.skipIf(skipPostgresTests || skipRedisTests)('several relay processes', () => {
  const servers = databaseServers()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const start = (databaseUrl: string, env: Record<string, string> = {}) => servers.startRelay(databaseUrl, env)
  const connect = (relay: Relay, boardId: string) => {
    const client = connectClient(relay, boardId)
    cleanups.push(() => client.destroy())
    return client
  }
  /**
   * Relays that tests share where none of them stops one or breaks its Redis: started on first
   * use, stopped after the file (before its databases are dropped: after-hooks run last first).
   */
  const shared: Relay[] = []
  afterAll(async () => {
    for (const relay of shared.splice(0)) {
      await stopRelay(relay)
      removeDataDir(relay.dataDir)
    }
  })
  const startShared = async <R extends Relay>(databaseUrl: string, env: Record<string, string>, begin: (options: { env: Record<string, string> }) => Promise<R>): Promise<R> => {
    const relay = await begin({ env: { DATABASE_URL: databaseUrl, REDIS_URL: servers.redis.url, WORKERS: '1', ...env } })
    shared.push(relay)
    return relay
  }
  interface Pair {
    databaseUrl: string
    relays: [Relay, Relay]
  }
  let sharedPair: Promise<Pair> | undefined
  /** Two relays on one database, for the tests that leave both running; each test's board is its own. */
  const relayPair = () =>
    (sharedPair ??= (async () => {
      const databaseUrl = await servers.postgres.newDatabase()
      const inThisProcess = (options: { env: Record<string, string> }) => startRelay(options)
      return { databaseUrl, relays: await Promise.all([startShared(databaseUrl, {}, inThisProcess), startShared(databaseUrl, {}, inThisProcess)]) }
    })())
  let sharedWorkers: Promise<RelayProcess> | undefined
  /** WORKERS=2 with a cap of 10 HTTP connections per address, for the tests that kill no worker (each uses addresses of its own). */
  const cappedWorkers = () =>
    (sharedWorkers ??= servers.postgres
      .newDatabase()
      .then((databaseUrl) => startShared(databaseUrl, { WORKERS: '2', MAX_HTTP_CONNECTIONS_PER_ADDRESS: '10' }, (options) => startRelay({ ...options, process: true }))))

  /**
   * Two relays on one database (the shared pair, or a new database with two relays of the test's
   * own, the first as `firstKind` asks), a board, and a synced client on each: the first relay holds the board.
   */
  const twoRelaysOneBoard = async (pair?: Pair, firstKind: RelayKind = {}) => {
    if (!pair) {
      const databaseUrl = await servers.postgres.newDatabase()
      pair = { databaseUrl, relays: await Promise.all([servers.startRelay(databaseUrl, {}, firstKind), start(databaseUrl)]) }
    }
    const { databaseUrl, relays: [first, second] } = pair
    const from = second.logs.length
    const board = await createBoard(first)
    const a = connect(first, board.id)
    await whenSynced(a)
    const b = connect(second, board.id)
    await whenSynced(b)
    // This test's client: a shared relay logged others' before.
    await waitForLogAfter(second, from, (e) => e.msg === 'client served by another relay process' && e.board === board.id)
    return { databaseUrl, first, second, board, a, b }
  }
  const cursorOf = (observer: TestClient, person: TestClient) =>
    (observer.provider.awareness.getStates().get(person.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x
  const untilCursor = (observer: TestClient, person: TestClient, x: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (cursorOf(observer, person) !== x) return
        observer.provider.awareness.off('change', check)
        resolve()
      }
      observer.provider.awareness.on('change', check)
      check()
    })

  it('clients of one board on two relays see each other’s edits and cursors, and each edit is stored once', async () => {
    const { databaseUrl, second, board, a, b } = await twoRelaysOneBoard(await relayPair())
    // A second client on the same relay: the holder's fan-out reaches both in one message.
    const c = connect(second, board.id)
    await whenSynced(c)

    for (let i = 0; i < 20; i++) putNote(a.doc, `a${i}`)
    for (let i = 0; i < 20; i++) putNote(b.doc, `b${i}`)
    await Promise.all([a, b, c].map((client) => until(client.doc, () => noteKeys(client.doc).length === 40)))

    a.provider.awareness.setLocalStateField('cursor', { x: 11, y: 1 })
    b.provider.awareness.setLocalStateField('cursor', { x: 22, y: 2 })
    await Promise.all([untilCursor(b, a, 11), untilCursor(c, a, 11), untilCursor(a, b, 22), untilCursor(c, b, 22)])

    // One process holds the board and stores every edit once: 40 edits, 40 rows.
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    try {
      const { rows } = await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM updates WHERE board_id = $1', [board.id])
      expect(Number(rows[0]!.n)).toBe(40)
    } finally {
      await db.end()
    }
  })

  it('clients that leave through another relay leave the room for good, also when that relay lost Redis for a moment', async () => {
    const databaseUrl = await servers.postgres.newDatabase()
    const [owner, edge] = await Promise.all([start(databaseUrl), start(databaseUrl)])
    const board = await createBoard(owner)
    const a = connect(owner, board.id)
    await whenSynced(a)
    const remoteClients = async () => Number(/^netzwerkstatt_remote_clients (\d+)$/m.exec(await (await fetch(`${owner.httpUrl}/metrics`)).text())?.[1])
    const left = (count: number) => {
      let seen = 0
      return owner.waitForLog((e) => e.msg === 'client disconnected through another relay process' && ++seen === count)
    }
    for (let i = 0; i < 3; i++) {
      const visitor = connectClient(edge, board.id)
      await whenSynced(visitor)
      visitor.destroy()
    }
    await left(3)
    expect(await remoteClients()).toBe(0)

    // The edge's connection to Redis breaks once; the owner never hears its client leave.
    const b = connect(edge, board.id)
    await whenSynced(b)
    const edgeKey = (await edge.waitForLog((e) => e.msg === 'joined the relay group')).processKey
    const admin = new Redis(servers.redis.url)
    try {
      const list = (await admin.client('LIST')) as string
      const publisher = new RegExp(`id=(\\d+) [^\\n]*name=netzwerkstatt:${edgeKey}:publisher`).exec(list)
      expect(publisher).not.toBe(null)
      await admin.client('KILL', 'ID', publisher![1]!)
    } finally {
      admin.disconnect()
    }
    await untilStatus(b, 'disconnected')
    await untilStatus(b, 'connected')
    await whenSynced(b)
    await left(4)
    putNote(b.doc, 'after the gap')
    await until(a.doc, () => noteKeys(a.doc).includes('after the gap'))
    expect(await remoteClients()).toBe(1)
  })

  it('SIGKILL of the relay holding a board while clients on both write: nothing a peer saw is lost, everyone goes on with the survivor', async () => {
    // The doomed relay is a process: killing it is the subject.
    const { first: doomed, second: survivor, board, a, b } = await twoRelaysOneBoard(undefined, { process: true })
    // As a load balancer would: the dead relay's clients come back to the one left.
    a.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected') a.provider.serverUrl = survivor.wsUrl
    })

    let written = 0
    const writing = setInterval(() => {
      putNote(a.doc, `a${written}`)
      putNote(b.doc, `b${written}`)
      written++
    }, 5)
    // a's edits reach b through the doomed relay, which holds the board; b's go through it too.
    await until(b.doc, () => noteKeys(b.doc).filter((k) => k.startsWith('a')).length >= 30)
    await doomed.kill('SIGKILL')
    const seenByA = noteKeys(a.doc)
    const seenByB = noteKeys(b.doc)
    // The survivor takes the board over; edits written after the kill still reach the other side.
    await survivor.waitForLog((e) => e.msg === 'room loaded')
    const later = written + 10
    await Promise.all([until(b.doc, () => noteKeys(b.doc).includes(`a${later}`)), until(a.doc, () => noteKeys(a.doc).includes(`b${later}`))])
    clearInterval(writing)
    const total = written * 2
    await Promise.all([a, b].map((client) => until(client.doc, () => noteKeys(client.doc).length === total)))

    const fresh = connect(survivor, board.id)
    await whenSynced(fresh)
    const kept = new Set(noteKeys(fresh.doc))
    expect(kept.size).toBe(total)
    for (const key of [...seenByA, ...seenByB]) expect(kept.has(key)).toBe(true)
  })

  it('the per-board cap counts the board\'s sockets on every relay, and a socket past it is refused before it sees anything of the board', async () => {
    const databaseUrl = await servers.postgres.newDatabase()
    const capped = { MAX_CONNECTIONS_PER_BOARD: '2' }
    const [first, second] = await Promise.all([start(databaseUrl, capped), start(databaseUrl, capped)])
    const board = await createBoard(first)
    const a = connect(first, board.id)
    await whenSynced(a)
    const b = connect(second, board.id)
    await whenSynced(b)
    // The third, through the relay that does not hold the board: one too many on the board, not on its relay.
    const third = await openRawSocket(second, board.id)
    cleanups.push(() => third.socket.terminate())
    let heard = 0
    third.socket.on('message', () => heard++)
    expect((await third.closed).code).toBe(CloseCode.tooManyConnections)
    expect(heard).toBe(0)
    // And through the relay that holds it.
    const fourth = await openRawSocket(first, board.id)
    cleanups.push(() => fourth.socket.terminate())
    expect((await fourth.closed).code).toBe(CloseCode.tooManyConnections)
    await Promise.all([untilStatus(a, 'connected'), untilStatus(b, 'connected')])
  })

  it('a board deleted through one relay closes its sockets on every relay, and cannot be opened again', async () => {
    const { first, second, board, a, b } = await twoRelaysOneBoard(await relayPair())
    const closes = [a, b].map(
      (client) => new Promise<number>((resolve) => client.provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code))),
    )
    // Deleted through the relay that does not hold the board.
    expect((await apiFetch(second, `/api/boards/${board.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await Promise.all(closes)).toEqual([4404, 4404])
    expect((await apiFetch(first, `/api/boards/${board.id}/versions`)).status).toBe(404)
  })

  it("a renewed facilitator or network link closes its sockets on every relay; a board's own renewal ends the network's hold there too", async () => {
    const { first, second, board, a } = await twoRelaysOneBoard(await relayPair())
    const post = (relay: Relay, path: string, token: string, body?: unknown) =>
      apiFetch(relay, path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) })
    const network = (await (await post(first, '/api/networks', '', { name: 'Netzwerk' })).json()) as { id: string; token: string }
    expect((await post(first, `/api/networks/${network.id}/boards`, network.token, { boardId: board.id, token: board.access.facilitator, phase: 'gruendung' })).status).toBe(201)
    // Opened through the network on the relay that does not hold the board.
    const throughNetwork = connectClient(second, board.id, undefined, { token: networkCredential(network.id, network.token) })
    cleanups.push(() => throughNetwork.destroy())
    await whenSynced(throughNetwork)
    const closes = (client: typeof a) => new Promise<number>((resolve) => client.provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code)))
    const closed = closes(a)
    const networkDropped = closes(throughNetwork)

    // The board's facilitator link, renewed on the board through the other relay: its socket on the
    // first closes, and so does the network's on the second (the link it kept is old now).
    const renewed = (await (await post(second, `/api/boards/${board.id}/links/facilitator`, board.access.facilitator)).json()) as { token: string }
    expect(await closed).toBe(4401)
    a.provider.disconnect()
    expect(await networkDropped).toBe(4401)
    throughNetwork.provider.disconnect()
    // The coordinator adds the board again with the new link: the network opens it on either relay.
    expect((await post(first, `/api/networks/${network.id}/boards`, network.token, { boardId: board.id, token: renewed.token, phase: 'gruendung' })).status).toBe(200)
    throughNetwork.provider.connect()
    await whenSynced(throughNetwork)
    const writer = connectClient(first, board.id, undefined, { token: renewed.token })
    cleanups.push(() => writer.destroy())
    await whenSynced(writer)
    putNote(writer.doc, 'erneuert')
    await until(throughNetwork.doc, () => noteKeys(throughNetwork.doc).includes('erneuert'))

    // The network link, renewed through the first relay: what it opened on the second closes.
    const networkClosed = new Promise<number>((resolve) => throughNetwork.provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code)))
    expect((await post(first, `/api/networks/${network.id}/link`, network.token)).status).toBe(200)
    expect(await networkClosed).toBe(4401)
  })

  it('WORKERS=2: a request line too long is refused with 414, and a client resetting its socket then stops nothing', async () => {
    const relay = await cappedWorkers()
    const socket = connectTcp(relay.port, '127.0.0.1')
    await once(socket, 'connect')
    socket.write('GET /' + 'x'.repeat(9000))
    const [answer] = (await once(socket, 'data')) as [Buffer]
    expect(answer.toString('latin1')).toMatch(/^HTTP\/1.1 414/)
    socket.resetAndDestroy()
    await once(socket, 'close')
    expect((await fetch(`${relay.httpUrl}/healthz`)).status).toBe(200)
    expect(relay.child.exitCode).toBe(null)
  })

  it('WORKERS=2: connections past the cap from one address are refused, in the primary and behind it, while another address gets /healthz', async () => {
    const relay = await cappedWorkers()
    const held: Socket[] = []
    cleanups.push(() => held.forEach((socket) => socket.destroy()))
    // Silent: the primary waits for their request line. Half-sent: a relay process waits for the rest.
    for (const [address, head] of [['127.0.0.3', ''], ['127.0.0.4', undefined]] as const) {
      for (let i = 0; i < 10; i++) held.push((await openHalfRequest(relay, address, head)).socket)
      const refused = await openHalfRequest(relay, address, head).catch(() => null)
      if (refused) {
        expect(await refused.closed).toBe('')
      }
      // Refused at once, not by a timeout: the ones before it are still open.
      expect(held.filter((socket) => socket.destroyed)).toHaveLength(0)
      expect(await healthFrom(relay, '127.0.0.2')).toBe(200)
    }
  })

  it('WORKERS=2 behind one port: a board’s clients meet, uploads pass the hand-over whole, and a killed worker comes back with everything', async () => {
    const databaseUrl = await servers.postgres.newDatabase()
    const relay = await servers.startRelay(databaseUrl, { WORKERS: '2' }, { process: true })
    const ready = relay.logs.map((line) => { try { return JSON.parse(line) } catch { return null } }).filter((e) => e?.msg === 'relay process ready')
    expect(ready).toHaveLength(2)

    const boards = await Promise.all(Array.from({ length: 4 }, () => createBoard(relay)))
    const clients = boards.flatMap((board) => [connect(relay, board.id), connect(relay, board.id)])
    await Promise.all(clients.map(whenSynced))
    clients.forEach((client, i) => putNote(client.doc, `n${i}`))
    await Promise.all(clients.map((client, i) => until(client.doc, () => noteKeys(client.doc).includes(`n${i % 2 === 0 ? i + 1 : i - 1}`))))
    expect(relay.logs.some((line) => line.includes('client served by another relay process'))).toBe(false)

    // A 3 MB body arrives in many TCP segments after the request line the primary reads.
    const image = randomBytes(3 * 1024 * 1024)
    const upload = await apiFetch(relay, `/api/boards/${boards[0]!.id}/assets`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: image })
    expect(upload.status).toBe(201)
    const { url } = (await upload.json()) as { url: string }
    const stored = await apiFetch(relay, url)
    expect(Buffer.from(await stored.arrayBuffer()).equals(image)).toBe(true)

    // Kill the worker holding the first board; its clients reconnect through the same port.
    const [x, y] = [clients[0]!, clients[1]!]
    putNote(x.doc, 'before')
    await until(y.doc, () => noteKeys(y.doc).includes('before'))
    const holder = ready.find((e) => e.worker === workerFor(`GET /ws/${boards[0]!.id} HTTP/1.1`, 2))!
    process.kill(Number(holder.pid), 'SIGKILL')
    await untilStatus(x, 'disconnected')
    await relay.waitForLog((e) => e.msg === 'relay process stopped: starting it again')
    await untilStatus(x, 'connected')
    putNote(x.doc, 'after')
    await until(y.doc, () => noteKeys(y.doc).includes('after'))
    const fresh = connect(relay, boards[0]!.id)
    await whenSynced(fresh)
    expect(noteKeys(fresh.doc)).toEqual(expect.arrayContaining(['n0', 'n1', 'before', 'after']))
  })
})

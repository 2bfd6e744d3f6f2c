/**
 * High availability of a relay group on a real PostgreSQL and a real Redis: the group finds
 * Redis through a real Sentinel; a Redis outage under two relays loses no update, keeps the
 * boards each relay holds working and each ready (degraded); with WORKERS, `/metrics` counts every
 * relay process of the machine. (Readiness across WORKERS: health.test.ts.) The group's relays run
 * in the test's process (each with its own storage, bus and process key, as two machines' would);
 * the WORKERS test compares relay processes, its subject.
 *
 * The issue asks for a 60-second outage; REDIS_OUTAGE_SECONDS sets it (2 unless set, to keep the
 * suite quick). The code path is the same for any length beyond the first reconnect attempt:
 * ioredis retries every 2 s at most from then on, and nothing in the relay counts the time.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { databaseServers } from '../helpers/databases.ts'
import { skipPostgresTests } from '../helpers/postgres.ts'
import { skipRedisTests, startRedis, startSentinel, type RedisServer } from '../helpers/redis.ts'
import { followBoundMs, redisClient, roleCheckMs } from '../../server/redis/redisClient.ts'
import { parseSentinelHosts } from '../../server/redis/redisSentinels.ts'
import { slowSentinel } from '../helpers/slowSentinel.ts'
import { noteKeys, putNote } from '../helpers/records.ts'
import { waitForLogAfter, type Relay } from '../helpers/relay.ts'
import { workerFor } from '../../server/cluster/primary.ts'
import { hang } from '../helpers/hang.ts'

const outageMs = Number(process.env.REDIS_OUTAGE_SECONDS ?? 2) * 1000

describe.skipIf(skipPostgresTests || skipRedisTests)('a relay group and its Redis', () => {
  const servers = databaseServers()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const connect = (relay: Relay, boardId: string) => {
    const client = connectClient(relay, boardId)
    cleanups.push(() => client.destroy())
    return client
  }
  const readiness = async (relay: Relay) => {
    const response = await fetch(`${relay.httpUrl}/readyz`)
    return { status: response.status, body: (await response.json()) as unknown }
  }
  const poll = { timeout: hang(20_000), interval: 200 }
  // The board's keys read once per update: the ten-failover test writes a thousand Zettel, and reading them per key was quadratic.
  const withKeys = (client: TestClient, keys: string[]) =>
    until(client.doc, () => {
      const held = new Set(noteKeys(client.doc))
      return keys.every((key) => held.has(key))
    })

  it('finds the Redis master through a Sentinel: clients of one board on two relays see each other', async () => {
    const redis = await servers.privateRedis()
    const sentinel = await startSentinel(redis)
    cleanups.push(() => sentinel.stop())
    const databaseUrl = await servers.postgres.newDatabase()
    // REDIS_URL's host names nothing that exists: only the Sentinel knows where the master is.
    const env = { REDIS_URL: 'redis://mymaster.invalid', REDIS_SENTINELS: sentinel.hosts, REDIS_SENTINEL_NAME: 'mymaster' }
    const [first, second] = await Promise.all([servers.startRelay(databaseUrl, env), servers.startRelay(databaseUrl, env)])
    const from = second.logs.length
    const board = await createBoard(first)
    const a = connect(first, board.id)
    await whenSynced(a)
    const b = connect(second, board.id)
    await whenSynced(b)
    await waitForLogAfter(second, from, (e) => e.msg === 'client served by another relay process' && e.board === board.id)
    putNote(a.doc, 'von a')
    putNote(b.doc, 'von b')
    await Promise.all([withKeys(a, ['von a', 'von b']), withKeys(b, ['von a', 'von b'])])

    // Every connection of both relays (bus and limits) reached the master the Sentinel named.
    const admin = new Redis(redis.url)
    try {
      const names = [...((await admin.client('LIST')) as string).matchAll(/name=(netzwerkstatt:\S+)/g)].map((m) => m[1]!.replace(/^netzwerkstatt:\d+:/, ''))
      // The watchdog's ROLE probes (`<name>:role`, for subscribed connections) come and go with their checks.
      expect(names.filter((name) => !name.endsWith(':role')).sort()).toEqual(['limits', 'limits', 'publisher', 'publisher', 'subscriber', 'subscriber'])
    } finally {
      admin.disconnect()
    }
  })

  it('follows a failover the Sentinel makes: after the master stops, the relays meet again on the promoted replica', async () => {
    const master = await servers.privateRedis()
    const replica = await startRedis({ replicaOf: master.url })
    cleanups.push(() => replica.stop())
    const sentinel = await startSentinel(master, 'mymaster', [replica])
    cleanups.push(() => sentinel.stop())
    // The first relay asks the Sentinel over a slow link: its question during the failover is
    // still open when the Sentinel announces the new master (as on a busy machine). The second
    // asks directly and hears the old master's address until the failover is done.
    const slow = await slowSentinel(sentinel.hosts)
    cleanups.push(() => slow.close())
    const databaseUrl = await servers.postgres.newDatabase()
    const env = (hosts: string) => ({ REDIS_URL: 'redis://mymaster.invalid', REDIS_SENTINELS: hosts })
    const [first, second] = await Promise.all([servers.startRelay(databaseUrl, env(slow.hosts)), servers.startRelay(databaseUrl, env(sentinel.hosts))])
    const board = await createBoard(first)
    const a = connect(first, board.id)
    await whenSynced(a)
    const b = connect(second, board.id)
    await whenSynced(b)
    putNote(a.doc, 'vorher')
    await withKeys(b, ['vorher'])

    const marks = [first, second].map((relay) => relay.logs.length)
    slow.holdUntilFailover()
    await master.halt()
    await Promise.all([first, second].map((relay, i) => waitForLogAfter(relay, marks[i]!, (e) => e.msg === 'redis connection restored')))
    // Restored means connected: only the promoted replica is left to connect to.
    const promoted = new Redis(replica.url)
    try {
      expect(((await promoted.info('replication')) as string).includes('role:master')).toBe(true)
    } finally {
      promoted.disconnect()
    }
    putNote(a.doc, 'nachher a')
    putNote(b.doc, 'nachher b')
    await Promise.all([withKeys(a, ['vorher', 'nachher a', 'nachher b']), withKeys(b, ['vorher', 'nachher a', 'nachher b'])])
    for (const relay of [first, second]) await expect.poll(() => readiness(relay), poll).toEqual({ status: 200, body: { status: 'ready' } })
  }, hang(60_000))

  it('follows ten failovers in a row (forced and by a master\'s death, during writes, during a reconnect): both relays reach each new master (how soon is printed against the bound), nothing is lost', async () => {
    // Three Redis, so a replica is always ready for the next failover while the old master is converted.
    const first = await startRedis()
    cleanups.push(() => first.stop())
    const others = [await startRedis({ replicaOf: first.url }), await startRedis({ replicaOf: first.url })]
    for (const other of others) cleanups.push(() => other.stop())
    const all = [first, ...others]
    const sentinel = await startSentinel(first, 'mymaster', others)
    cleanups.push(() => sentinel.stop())
    const [host, port] = sentinel.hosts.split(':') as [string, string]
    const asker = new Redis({ host, port: Number(port) })
    cleanups.push(() => asker.disconnect())
    // Quick to notice a dead master, and no long wait between failovers of the same group.
    await asker.call('SENTINEL', 'SET', 'mymaster', 'down-after-milliseconds', '500', 'failover-timeout', '3000')
    const masterPort = async () => ((await asker.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')) as string[])[1]!
    const byPort = (p: string) => all.find((redis) => new URL(redis.url).port === p)!
    const failoverInProgress = async () => {
      const fields = (await asker.call('SENTINEL', 'MASTER', 'mymaster')) as string[]
      return fields[fields.indexOf('flags') + 1]!.includes('failover_in_progress')
    }
    const withSentinelOutput = (waiting: Promise<unknown>) =>
      waiting.catch((error: Error) => {
        throw new Error(`${error.message}\nthe Sentinel's last words:\n${sentinel.output().slice(-3000)}`)
      })
    // A forced failover the Sentinel took can still be given up (on a loaded machine, no replica it
    // judges good enough: -failover-abort-no-good-slave); then it is asked again. The flag is read
    // before the address: a failover that ends between the two reads is not asked for twice.
    const forceFailover = (before: string) =>
      withSentinelOutput(
        expect
          .poll(
            async () => {
              const inProgress = await failoverInProgress()
              if ((await masterPort()) !== before) return 'moved'
              if (inProgress) return 'in progress'
              return asker.call('SENTINEL', 'FAILOVER', 'mymaster').then(() => 'asked', (error: Error) => error.message)
            },
            { timeout: hang(40_000), interval: 100 },
          )
          .toBe('moved'),
      )

    const databaseUrl = await servers.postgres.newDatabase()
    const env = { REDIS_URL: 'redis://mymaster.invalid', REDIS_SENTINELS: sentinel.hosts }
    const relays = await Promise.all([servers.startRelay(databaseUrl, env), servers.startRelay(databaseUrl, env)])
    const board = await createBoard(relays[0]!)
    const a = connect(relays[0]!, board.id)
    await whenSynced(a)
    const b = connect(relays[1]!, board.id)
    await whenSynced(b)
    const written: string[] = []
    let n = 0
    const write = () => {
      for (const [name, client] of [['a', a], ['b', b]] as const) {
        putNote(client.doc, `${name}${n}`)
        written.push(`${name}${n}`)
      }
      n++
    }
    write()
    await Promise.all([withKeys(a, written), withKeys(b, written)])

    // Every named connection of both relays (publisher, subscriber, limits) is on this master.
    const onMaster = async (p: string) => {
      const admin = new Redis(byPort(p).url)
      try {
        const names = [...((await admin.client('LIST')) as string).matchAll(/name=netzwerkstatt:\d+:(publisher|subscriber|limits) /g)]
        return names.length
      } finally {
        admin.disconnect()
      }
    }
    // The bound docs/operations.md states (a failover is followed within 5 s + one ROLE check of the
    // Sentinel naming the new master) is printed per round, not asserted: a time, which the whole
    // run's load stretches (CI-like run, 2026-11-29: a round's six connections not there after 24 s).
    const boundMs = followBoundMs + roleCheckMs
    const followed: string[] = []
    cleanups.push(() => console.log(`followed each failover after (bound ${boundMs} ms): ${followed.join(', ')}`))
    const kinds = ['forced', 'frozen', 'death', 'forced', 'forced', 'again', 'forced', 'death', 'frozen', 'again', 'forced'] as const
    for (const [round, kind] of kinds.entries()) {
      const before = await masterPort()
      // Writers on both relays type throughout the failover.
      let typing = true
      const typist = (async () => {
        while (typing) {
          write()
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      })()
      let halted: RedisServer | null = null
      let frozen: RedisServer | null = null
      if (kind === 'death') {
        halted = byPort(before)
        await halted.halt()
      } else if (kind === 'frozen') {
        // A hung machine: the relays' connections to it stay open and hear nothing.
        frozen = byPort(before)
        frozen.freeze()
      } else {
        // After an 'again' round this one starts while the relays are still reconnecting from it.
        await forceFailover(before)
      }
      await withSentinelOutput(expect.poll(masterPort, { timeout: hang(20_000), interval: 50 }).not.toBe(before))
      const named = performance.now()
      const now = await masterPort()
      // 'again': on to the next failover at once, without waiting for the relays to follow this one.
      if (kind !== 'again' || round === kinds.length - 1) {
        await withSentinelOutput(expect.poll(() => onMaster(now), { timeout: hang(30_000), interval: 100, message: `round ${round} (${kind}): the relays' connections on the new master` }).toBe(6))
        followed.push(`${round} ${kind}: ${Math.round(performance.now() - named)} ms`)
        typing = false
        await typist
        write()
        await Promise.all([withKeys(a, written), withKeys(b, written)])
        for (const relay of relays) await expect.poll(() => readiness(relay), poll).toEqual({ status: 200, body: { status: 'ready' } })
      } else {
        typing = false
        await typist
      }
      if (halted) await halted.resume()
      // Back from its freeze it still takes itself for the master until the Sentinels turn it into a replica.
      frozen?.thaw()
    }
    // Stored: fresh clients on either relay find every Zettel written.
    const fresh = [connect(relays[0]!, board.id), connect(relays[1]!, board.id)]
    await Promise.all(fresh.map((client) => withKeys(client, written)))
  }, hang(180_000))

  it('a connection whose Redis takes it and never answers (a frozen machine) is opened again within the bound, not left waiting', async () => {
    const master = await startRedis()
    cleanups.push(() => master.stop())
    const sentinel = await startSentinel(master)
    cleanups.push(() => sentinel.stop())
    const connection = redisClient(
      { url: 'redis://mymaster.invalid', sentinel: { hosts: parseSentinelHosts(sentinel.hosts), name: 'mymaster', password: null } },
      { connectionName: 'netzwerkstatt:0:limits', maxRetriesPerRequest: 0 },
    )
    connection.on('error', () => {})
    cleanups.push(() => connection.disconnect())
    await expect.poll(() => connection.status, poll).toBe('ready')
    let attempts = 0
    connection.on('reconnecting', () => attempts++)
    // SIGSTOP: the kernel still takes a new connection, whose ready check (INFO) is never answered.
    master.freeze()
    cleanups.unshift(() => master.thaw())
    // Once off the frozen master's open connection, and again off the one that waits for its ready check.
    await expect.poll(() => attempts, { timeout: hang(3 * followBoundMs + 3 * roleCheckMs), interval: 100 }).toBeGreaterThanOrEqual(2)
  }, hang(60_000))

  it('a relay with a connection on a Redis that is no longer the master is not ready (503) until it follows', async () => {
    const master = await startRedis()
    cleanups.push(() => master.stop())
    const replica = await startRedis({ replicaOf: master.url })
    cleanups.push(() => replica.stop())
    const sentinel = await startSentinel(master, 'mymaster', [replica])
    cleanups.push(() => sentinel.stop())
    const databaseUrl = await servers.postgres.newDatabase()
    const relay = await servers.startRelay(databaseUrl, { REDIS_URL: 'redis://mymaster.invalid', REDIS_SENTINELS: sentinel.hosts })
    await expect.poll(() => readiness(relay), poll).toEqual({ status: 200, body: { status: 'ready' } })
    // Behind the Sentinel's back: the master becomes a replica of its own replica and stays open to the relay.
    const admin = new Redis(master.url)
    cleanups.push(() => admin.disconnect())
    const replicaPort = new URL(replica.url).port
    const promoted = new Redis(replica.url)
    cleanups.push(() => promoted.disconnect())
    await promoted.replicaof('NO', 'ONE')
    await admin.replicaof('127.0.0.1', replicaPort)
    await expect.poll(() => readiness(relay), { timeout: hang(5_000), interval: 100 }).toMatchObject({ status: 503, body: { failing: ['redis master'] } })
  }, hang(60_000))

  it(`a Redis outage (${outageMs / 1000} s) under two relays loses no update, and each stays ready with the boards it holds`, async () => {
    const redis = await servers.privateRedis()
    const databaseUrl = await servers.postgres.newDatabase()
    const [first, second] = await Promise.all([0, 1].map(() => servers.startRelay(databaseUrl, { REDIS_URL: redis.url })))
    const relays = [first!, second!] as const
    // Board X: held by the first relay, a client on each. Board Y: held by the second, its client there.
    const x = await createBoard(first!)
    const a = connect(first!, x.id)
    await whenSynced(a)
    const from = second!.logs.length
    const b = connect(second!, x.id)
    await whenSynced(b)
    await waitForLogAfter(second!, from, (e) => e.msg === 'client served by another relay process' && e.board === x.id)
    const y = await createBoard(second!)
    const c = connect(second!, y.id)
    await whenSynced(c)
    for (const relay of relays) expect(await readiness(relay)).toEqual({ status: 200, body: { status: 'ready' } })

    const marks = relays.map((relay) => relay.logs.length)
    await redis.halt()
    cleanups.push(() => redis.resume().catch(() => {}))
    await Promise.all(relays.map((relay, i) => waitForLogAfter(relay, marks[i]!, (e) => e.msg === 'redis connection lost')))
    // Ready, and saying what is missing.
    for (const relay of relays) await expect.poll(() => readiness(relay), poll).toEqual({ status: 200, body: { status: 'ready', degraded: ['redis'] } })
    for (const relay of relays) expect(await (await fetch(`${relay.httpUrl}/metrics`)).text()).toMatch(/^netzwerkstatt_redis_connected 0$/m)

    // Everyone writes throughout the outage; b's edits wait in its document.
    const written: Record<'a' | 'b' | 'c', string[]> = { a: [], b: [], c: [] }
    const write = (i: number) => {
      for (const [name, client] of [['a', a], ['b', b], ['c', c]] as const) {
        putNote(client.doc, `${name}${i}`)
        written[name].push(`${name}${i}`)
      }
    }
    let i = 0
    write(i++)
    // Boards held in one process go on: a second client of each sees what was written meanwhile.
    const [a2, c2] = [connect(first!, x.id), connect(second!, y.id)]
    await Promise.all([withKeys(a2, written.a), withKeys(c2, written.c)])
    for (const ends = Date.now() + outageMs; Date.now() < ends; ) {
      write(i++)
      await Promise.all([withKeys(a2, written.a), withKeys(c2, written.c)])
      for (const relay of relays) expect((await readiness(relay)).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    for (const relay of relays) expect(await readiness(relay)).toEqual({ status: 200, body: { status: 'ready', degraded: ['redis'] } })

    const restoredFrom = relays.map((relay) => relay.logs.length)
    await redis.resume()
    cleanups.pop()
    await Promise.all(relays.map((relay, i) => waitForLogAfter(relay, restoredFrom[i]!, (e) => e.msg === 'redis connection restored')))
    const onX = [...written.a, ...written.b]
    await Promise.all([withKeys(a, onX), withKeys(b, onX), withKeys(a2, onX), withKeys(c, written.c)])
    // Stored: fresh clients on either relay find every update of both boards.
    const fresh = [connect(first!, x.id), connect(second!, x.id), connect(first!, y.id)]
    await Promise.all([withKeys(fresh[0]!, onX), withKeys(fresh[1]!, onX), withKeys(fresh[2]!, written.c)])
    for (const relay of relays) await expect.poll(() => readiness(relay), poll).toEqual({ status: 200, body: { status: 'ready' } })
  }, 60_000 + outageMs)

  it('WORKERS=2: /metrics counts the sockets and boards of both relay processes, under the names one process uses', async () => {
    const databaseUrl = await servers.postgres.newDatabase()
    const [machine, single] = await Promise.all([servers.startRelay(databaseUrl, { WORKERS: '2' }, { process: true }), servers.startRelay(await servers.postgres.newDatabase(), {}, { process: true })])
    // A board for each worker (the primary routes by board id).
    const boards = new Map<number, string>()
    while (boards.size < 2) {
      const { id } = await createBoard(machine)
      boards.set(workerFor(`GET /ws/${id} HTTP/1.1`, 2), id)
    }
    const clients = [...boards.values()].map((id) => connect(machine, id))
    await Promise.all(clients.map(whenSynced))
    const metrics = async (relay: Relay) => {
      const response = await fetch(`${relay.httpUrl}/metrics`)
      expect(response.status).toBe(200)
      return response.text()
    }
    const text = await metrics(machine)
    expect(text).toMatch(/^netzwerkstatt_connections 2$/m)
    expect(text).toMatch(/^netzwerkstatt_rooms 2$/m)
    // Both processes reach Redis: the smallest of their answers.
    expect(text).toMatch(/^netzwerkstatt_redis_connected 1$/m)

    // The same metrics as one relay process, each once; only the process start time has no sum.
    const names = (text: string) => [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!)
    const together = names(text)
    expect(new Set(together).size).toBe(together.length)
    const alone = names(await metrics(single))
    expect(alone.filter((name) => !together.includes(name))).toEqual(['netzwerkstatt_process_start_time_seconds'])
    expect(together.filter((name) => !alone.includes(name))).toEqual([])
  })
})

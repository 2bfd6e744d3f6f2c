/**
 * Sign-ins are kept in the database, hashed: a restart signs nobody out, and a sign-in made on one
 * relay counts on every other one on the same database (WORKERS, or other machines), also when the
 * provider sends the browser back to another one than it left from. Relays in the test's process,
 * but WORKERS=2, whose two relay processes are the subject.
 */
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { workerFor } from '../../server/cluster/primary.ts'
import { BoardSignIn, boardSignInPath, CreatedBoard } from '../../shared/api.ts'
import { databaseServers } from '../helpers/databases.ts'
import { creatorSignInEnv, startCreatorSignIn, startTestIssuer, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { skipPostgresTests } from '../helpers/postgres.ts'
import { skipRedisTests } from '../helpers/redis.ts'
import { makeDataDir, removeDataDir, startRelay, stopRelay, type Relay } from '../helpers/relay.ts'
import { visitor } from '../helpers/signedInVisitor.ts'
import { connectClient, createBoard, whenSynced } from '../helpers/clients.ts'
import { WebSocket } from 'ws'
import * as Y from 'yjs'

const password = 'Netzwerk-Gründung 2026'
const publicUrl = 'http://netzwerkstatt.test'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
const keep = <R extends Relay>(relay: R): R => {
  cleanups.push(() => stopRelay(relay))
  return relay
}
const keepIssuer = (issuer: TestIssuer) => {
  cleanups.push(() => issuer.close())
  return issuer
}

describe('creator sessions in SQLite', () => {
  it('survive a restart of the relay, are stored only hashed, and end with the sign-out', async () => {
    const dataDir = makeDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const { relay, issuer, env } = await startCreatorSignIn(password, publicUrl, { dataDir })
    keep(relay)
    keepIssuer(issuer)
    const byPassword = visitor(relay.httpUrl, '198.51.100.40')
    expect((await byPassword.signIn(password)).status).toBe(204)
    const byProvider = visitor(relay.httpUrl, '198.51.100.41')
    expect((await byProvider.throughProvider()).headers.get('location')).toBe('/')
    expect(await byProvider.status()).toMatchObject({ mayCreate: true })

    await relay.kill()
    const again = keep(await startRelay({ dataDir, env }))
    for (const who of [byPassword, byProvider]) expect(await who.status(again.httpUrl)).toMatchObject({ mayCreate: true, local: false })

    // The database holds hashes of the session ids, never the ids the cookies carry.
    const db = new Database(join(dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
    const stored = JSON.stringify(db.prepare('SELECT * FROM sessions').all())
    db.close()
    for (const who of [byPassword, byProvider]) expect(stored).not.toContain(who.cookies.get('nws_creator'))
    expect(stored).not.toContain('creator@example.org')

    expect((await byPassword.request('/api/auth/sign-out', { method: 'POST' }, again.httpUrl)).status).toBe(204)
    expect(await byPassword.status(again.httpUrl)).toMatchObject({ mayCreate: false })
    expect(await byProvider.status(again.httpUrl)).toMatchObject({ mayCreate: true })
  })
})

describe.skipIf(skipPostgresTests || skipRedisTests)('creator sessions in PostgreSQL', () => {
  const servers = databaseServers()

  it('count on another relay on the same database, also when the provider sends the browser back there', async () => {
    const databaseUrl = await servers.postgres.newDatabase()
    const issuer = keepIssuer(await startTestIssuer())
    const env = await creatorSignInEnv(issuer, password, publicUrl)
    const [first, second] = await Promise.all([servers.startRelay(databaseUrl, env), servers.startRelay(databaseUrl, env)])

    const creator = visitor(first.httpUrl, '198.51.100.42')
    const back = await creator.throughProvider({ back: second.httpUrl })
    expect(back.headers.get('location')).toBe('/')
    expect(await creator.status(first.httpUrl)).toMatchObject({ mayCreate: true })
    const other = visitor(second.httpUrl, '198.51.100.43')
    expect((await other.signIn(password)).status).toBe(204)
    expect(await other.status(first.httpUrl)).toMatchObject({ mayCreate: true })
  })

  it('hold with WORKERS=2 on every request, in both relay processes', async () => {
    const databaseUrl = await servers.postgres.newDatabase()
    const issuer = keepIssuer(await startTestIssuer())
    issuer.signInAs({ subject: 'zwei@example.org', name: 'Zora Zwei' })
    const env = { ...(await creatorSignInEnv(issuer, password, publicUrl)), DATABASE_URL: databaseUrl, REDIS_URL: servers.redis.url, WORKERS: '2' }
    const dataDir = makeDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const relay = keep(await startRelay({ process: true, dataDir, env }))
    const creator = visitor(relay.httpUrl, '198.51.100.44')
    expect((await creator.throughProvider()).headers.get('location')).toBe('/')
    // Boards are served by the process their id falls to; the sign-in is asked for on each.
    const boards: CreatedBoard[] = []
    const workerOf = (board: CreatedBoard) => workerFor(`GET /api/boards/${board.id}/sign-in HTTP/1.1`, 2)
    // Until both processes serve some of them (ids are random), and at least six.
    for (let i = 0; boards.length < 6 || new Set(boards.map(workerOf)).size < 2; i++) {
      const created = await creator.request('/api/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: `Brett ${i}` }) })
      expect(created.status).toBe(201)
      boards.push(CreatedBoard.parse(await created.json()))
    }
    for (const board of boards) {
      const answer = await creator.request(boardSignInPath(board.id), { headers: { authorization: `Bearer ${board.access.facilitator}` } })
      expect(BoardSignIn.parse(await answer.json()).signedInAs).toBe('Zora Zwei')
    }
  })

  it('end on every relay at the sign-out: the sockets the sign-in opened through another relay close too', async () => {
    const databaseUrl = await servers.postgres.newDatabase()
    const issuer = keepIssuer(await startTestIssuer())
    const env = await creatorSignInEnv(issuer, password, publicUrl)
    const [first, second] = await Promise.all([servers.startRelay(databaseUrl, env), servers.startRelay(databaseUrl, env)])
    const lead = visitor(first.httpUrl, '198.51.100.45')
    expect((await lead.throughProvider()).status).toBe(302)
    const board = await createBoard(first, 'Steuerungsgruppe')
    const required = await lead.request(boardSignInPath(board.id), {
      method: 'PUT',
      headers: { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ required: true }),
    })
    expect(required.status).toBe(200)

    // On the board through the second relay, with the sign-in's cookie, as the browser sends it.
    const cookie = [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const socket = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } })
      }
    }
    const client = connectClient(second, board.id, new Y.Doc(), { token: board.access.facilitator, socket: socket as unknown as typeof WebSocket })
    cleanups.push(() => client.destroy())
    await whenSynced(client)

    expect((await lead.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(200)
    await expect.poll(() => client.provider.wsconnected).toBe(false)
  })
})

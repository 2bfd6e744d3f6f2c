/**
 * The sessions' contract (`server/storage/Sessions.ts`): sign-ins, by kind, until they expire.
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import type { Storage } from '../../../server/storage/Storage.ts'
import { type StorageContract } from './stores.ts'

export function sessionsContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })

  it('keeps sessions by kind until they expire, takes a pending login once, and sweeps the expired', async () => {
    const now = '2026-11-24T00:00:00.000Z'
    await storage.putSession({ idHash: 'h-session', kind: 'session', data: '{"rights":["create"]}', expiresAt: '2026-11-24T12:00:00.000Z' })
    await storage.putSession({ idHash: 'h-login', kind: 'pending-login', data: '{"state":"s"}', expiresAt: '2026-11-24T00:10:00.000Z' })
    await storage.putSession({ idHash: 'h-old', kind: 'session', data: '{}', expiresAt: '2026-11-23T00:00:00.000Z' })
    expect(await storage.findSession('h-session', 'session', now)).toEqual({ idHash: 'h-session', kind: 'session', data: '{"rights":["create"]}', expiresAt: '2026-11-24T12:00:00.000Z' })
    // A pending login's id is no session, and an expired session is none either.
    expect(await storage.findSession('h-login', 'session', now)).toBeUndefined()
    expect(await storage.findSession('h-old', 'session', now)).toBeUndefined()
    expect((await storage.takeSession('h-login', 'pending-login', now))?.data).toBe('{"state":"s"}')
    expect(await storage.takeSession('h-login', 'pending-login', now)).toBeUndefined()
    expect(await storage.dropExpiredSessions(now)).toBe(1)
    await storage.deleteSession('h-session')
    expect(await storage.findSession('h-session', 'session', now)).toBeUndefined()
  })

  it('lists the unexpired sessions of a kind, for a back-channel logout to find the one it names', async () => {
    const now = '2026-11-24T00:00:00.000Z'
    await storage.putSession({ idHash: 'h-a', kind: 'session', data: '{"actor":"a"}', expiresAt: '2026-11-24T12:00:00.000Z' })
    await storage.putSession({ idHash: 'h-b', kind: 'session', data: '{"actor":"b"}', expiresAt: '2026-11-23T00:00:00.000Z' })
    await storage.putSession({ idHash: 'h-c', kind: 'pending-login', data: '{}', expiresAt: '2026-11-24T00:10:00.000Z' })
    expect(await storage.sessionsOfKind('session', now)).toEqual([{ idHash: 'h-a', kind: 'session', data: '{"actor":"a"}', expiresAt: '2026-11-24T12:00:00.000Z' }])
  })

  it('ends at the next start the sessions of an older release that held a raw ID token, and keeps the rest', async () => {
    const now = '2026-11-24T00:00:00.000Z'
    const until = '2099-01-01T00:00:00.000Z'
    await storage.putSession({ idHash: 'h-raw', kind: 'session', data: '{"method":"oidc","idToken":"eyJhbGciOiJSUzI1NiJ9.e30.c2ln","rights":["member"]}', expiresAt: until })
    await storage.putSession({ idHash: 'h-password', kind: 'session', data: '{"method":"password","idToken":null,"rights":["create"]}', expiresAt: until })
    await storage.putSession({ idHash: 'h-sealed', kind: 'session', data: '{"method":"oidc","provider":{"sid":null,"sealed":"x","checkedAt":0},"rights":["member"]}', expiresAt: until })
    const restarted = await contract.reopen()
    expect(await restarted.findSession('h-raw', 'session', now)).toBeUndefined()
    expect(await restarted.findSession('h-password', 'session', now)).toBeDefined()
    expect(await restarted.findSession('h-sealed', 'session', now)).toBeDefined()
  })
}

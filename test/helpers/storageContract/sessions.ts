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
}

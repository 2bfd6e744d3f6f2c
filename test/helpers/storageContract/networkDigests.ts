/**
 * The network digests' contract (`server/storage/NetworkDigests.ts`): one per person and network,
 * asked again keeps what it saw, taken once per period (two relay processes never both), gone
 * with the network. Run against every backend by `test/integration/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { hashToken } from '../../../server/links/access.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import type { StorageContract } from './stores.ts'

export function networkDigestsContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })
  const network = { id: 'd'.repeat(22), name: 'Netzwerk Frühe Hilfen', targetGroup: '', createdAt: '2026-11-21T09:00:00.000Z' }
  const asked = {
    networkId: network.id,
    actor: 'oidc:kim',
    email: 'kim@example.org',
    locale: 'de',
    tokenHash: hashToken('t'.repeat(32)),
    createdAt: '2026-11-21T10:00:00.000Z',
    seen: '{"b":"AQ=="}',
  }

  it('keeps one digest per person and network; asked again, it keeps what it saw and when it went', async () => {
    await storage.createNetwork(network, asked.tokenHash)
    await storage.putDigestSubscription(asked)
    expect(await storage.digestSubscription(network.id, 'oidc:kim')).toEqual({ ...asked, sentAt: null })
    expect(await storage.claimDigest(network.id, 'oidc:kim', null, '2026-11-28T10:00:00.000Z', '{"b":"Ag=="}')).toBe(true)
    await storage.putDigestSubscription({ ...asked, email: 'kim@amt.example', locale: 'en', seen: '{}', createdAt: '2026-12-01T10:00:00.000Z' })
    expect(await storage.digestSubscription(network.id, 'oidc:kim')).toEqual({ ...asked, email: 'kim@amt.example', locale: 'en', sentAt: '2026-11-28T10:00:00.000Z', seen: '{"b":"Ag=="}' })
    expect(await storage.digestSubscriptions()).toHaveLength(1)
  })

  it('is taken once per period: a second claim from the same last sending fails', async () => {
    await storage.createNetwork(network, asked.tokenHash)
    await storage.putDigestSubscription(asked)
    expect(await storage.claimDigest(network.id, 'oidc:kim', null, '2026-11-28T10:00:00.000Z', '{}')).toBe(true)
    expect(await storage.claimDigest(network.id, 'oidc:kim', null, '2026-11-28T10:00:01.000Z', '{}')).toBe(false)
    // Given back after a refused mail.
    expect(await storage.claimDigest(network.id, 'oidc:kim', '2026-11-28T10:00:00.000Z', null, asked.seen)).toBe(true)
    expect(await storage.digestSubscription(network.id, 'oidc:kim')).toMatchObject({ sentAt: null, seen: asked.seen })
  })

  it('goes when stopped, and with its network', async () => {
    await storage.createNetwork(network, asked.tokenHash)
    await storage.putDigestSubscription(asked)
    await storage.putDigestSubscription({ ...asked, actor: 'oidc:lea', email: 'lea@example.org' })
    expect(await storage.removeDigestSubscription(network.id, 'oidc:kim')).toBe(true)
    expect(await storage.removeDigestSubscription(network.id, 'oidc:kim')).toBe(false)
    expect((await storage.digestSubscriptions()).map((s) => s.actor)).toEqual(['oidc:lea'])
    await storage.deleteNetwork(network.id)
    expect(await storage.digestSubscriptions()).toEqual([])
  })
}

/** PostgreSQL's network digests (`NetworkDigests.ts`). */
import type pg from 'pg'
import { digestSubscription, type DigestRow, type DigestSubscription, type NetworkDigests } from '../NetworkDigests.ts'

export class PostgresNetworkDigests implements NetworkDigests {
  constructor(private readonly pool: pg.Pool) {}

  async putDigestSubscription(s: Omit<DigestSubscription, 'sentAt'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO network_digests (network_id, actor, email, locale, token_hash, created_at, sent_at, seen) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)
       ON CONFLICT (network_id, actor) DO UPDATE SET email = EXCLUDED.email, locale = EXCLUDED.locale, token_hash = EXCLUDED.token_hash`,
      [s.networkId, s.actor, s.email, s.locale, s.tokenHash, s.createdAt, s.seen],
    )
  }

  async digestSubscription(networkId: string, actor: string): Promise<DigestSubscription | undefined> {
    const { rows } = await this.pool.query<DigestRow>('SELECT * FROM network_digests WHERE network_id = $1 AND actor = $2', [networkId, actor])
    return rows[0] && digestSubscription(rows[0])
  }

  async removeDigestSubscription(networkId: string, actor: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM network_digests WHERE network_id = $1 AND actor = $2', [networkId, actor])
    return (result.rowCount ?? 0) > 0
  }

  async digestSubscriptions(): Promise<DigestSubscription[]> {
    const { rows } = await this.pool.query<DigestRow>('SELECT * FROM network_digests ORDER BY created_at, network_id, actor')
    return rows.map(digestSubscription)
  }

  async claimDigest(networkId: string, actor: string, previous: string | null, sentAt: string | null, seen: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE network_digests SET sent_at = $1, seen = $2 WHERE network_id = $3 AND actor = $4 AND sent_at IS NOT DISTINCT FROM $5',
      [sentAt, seen, networkId, actor, previous],
    )
    return (result.rowCount ?? 0) > 0
  }
}

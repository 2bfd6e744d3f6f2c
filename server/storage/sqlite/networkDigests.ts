/** The SQLite file's network digests (`NetworkDigests.ts`). */
import type Database from 'better-sqlite3'
import { digestSubscription, type DigestRow, type DigestSubscription, type NetworkDigests } from '../NetworkDigests.ts'

export class SqliteNetworkDigests implements NetworkDigests {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      put: db.prepare(
        `INSERT INTO network_digests (network_id, actor, email, locale, token_hash, created_at, sent_at, seen) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
         ON CONFLICT (network_id, actor) DO UPDATE SET email = excluded.email, locale = excluded.locale, token_hash = excluded.token_hash`,
      ),
      get: db.prepare<[string, string], DigestRow>('SELECT * FROM network_digests WHERE network_id = ? AND actor = ?'),
      remove: db.prepare('DELETE FROM network_digests WHERE network_id = ? AND actor = ?'),
      all: db.prepare<[], DigestRow>('SELECT * FROM network_digests ORDER BY created_at, network_id, actor'),
      claim: db.prepare('UPDATE network_digests SET sent_at = ?, seen = ? WHERE network_id = ? AND actor = ? AND sent_at IS ?'),
    }
  }

  async putDigestSubscription(s: Omit<DigestSubscription, 'sentAt'>): Promise<void> {
    this.statements.put.run(s.networkId, s.actor, s.email, s.locale, s.tokenHash, s.createdAt, s.seen)
  }

  async digestSubscription(networkId: string, actor: string): Promise<DigestSubscription | undefined> {
    const row = this.statements.get.get(networkId, actor)
    return row && digestSubscription(row)
  }

  async removeDigestSubscription(networkId: string, actor: string): Promise<boolean> {
    return this.statements.remove.run(networkId, actor).changes > 0
  }

  async digestSubscriptions(): Promise<DigestSubscription[]> {
    return this.statements.all.all().map(digestSubscription)
  }

  async claimDigest(networkId: string, actor: string, previous: string | null, sentAt: string | null, seen: string): Promise<boolean> {
    return this.statements.claim.run(sentAt, seen, networkId, actor, previous).changes > 0
  }
}

/**
 * Who asked for a network's digest by e-mail (`server/digest/`): one row per signed-in person and
 * network, with the address the provider gave, when the last digest went and what it had seen of
 * the boards. The row goes with its network (ON DELETE CASCADE) and when the person says so.
 */

export interface DigestSubscription {
  networkId: string
  /** The sign-in's pseudonym (`subjectActor`): one digest per person and network. */
  actor: string
  email: string
  /** The language of the mail: the Fahrplan's when the person asked. */
  locale: string
  /** The network's token hash when the person asked: once the link is renewed, no digest goes until asked again with the new one. */
  tokenHash: string
  createdAt: string
  /** When the last digest went; null: none yet (the first goes one period after `createdAt`). */
  sentAt: string | null
  /** JSON: per board id, the state vector (base64) the last digest counted up to. */
  seen: string
}

export interface NetworkDigests {
  /** Adds the person's digest of the network, or renews its address, language and link (what it has seen stays). */
  putDigestSubscription(subscription: Omit<DigestSubscription, 'sentAt'>): Promise<void>
  digestSubscription(networkId: string, actor: string): Promise<DigestSubscription | undefined>
  /** False if there was none. */
  removeDigestSubscription(networkId: string, actor: string): Promise<boolean>
  /** Every digest of every network, for the relay's round (`digest/digestRounds.ts`). */
  digestSubscriptions(): Promise<DigestSubscription[]>
  /**
   * Marks the digest sent at `sentAt` with what it saw, if it was last sent at `previous` still:
   * false when another relay process took it meanwhile (or it is gone).
   */
  claimDigest(networkId: string, actor: string, previous: string | null, sentAt: string | null, seen: string): Promise<boolean>
}

/** A `network_digests` row as both databases return it. */
export interface DigestRow {
  network_id: string
  actor: string
  email: string
  locale: string
  token_hash: string
  created_at: string
  sent_at: string | null
  seen: string
}

export const digestSubscription = (row: DigestRow): DigestSubscription => ({
  networkId: row.network_id,
  actor: row.actor,
  email: row.email,
  locale: row.locale,
  tokenHash: row.token_hash,
  createdAt: row.created_at,
  sentAt: row.sent_at,
  seen: row.seen,
})

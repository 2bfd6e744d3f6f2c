/**
 * Updates a client sends while its sync is under way. After a relay restart or an outage a
 * y-websocket client asks for the board (sync step 1) and sends what it wrote offline only in
 * its answer to the relay's request (sync step 2). An edit it makes in between continues those
 * offline edits: its structs do not continue what the relay knows yet, its origins or deletions
 * may name items only the step 2 brings. Such an update is held until the client's step 2 is in
 * and then judged again like any other; one that still fails closes the client as before.
 *
 * Only between the client's step 1 and its step 2 (an honest client sends step 1 first thing),
 * and at most `maxBytes` per client: beyond that an update is judged at once. Held updates go
 * with the connection if the step 2 never comes.
 */
import type { UpdateRule } from '../judge/updateRules.ts'

/** Rules an update can fail only because what it builds on comes in the sender's step 2. */
const beforeSyncRules: ReadonlySet<UpdateRule> = new Set<UpdateRule>(['clock-gap', 'missing-reference', 'delete-range'])

export class EarlyUpdates<Client extends object> {
  private readonly syncing = new WeakSet<Client>()
  private readonly answered = new WeakSet<Client>()
  private readonly held = new WeakMap<Client, { updates: Uint8Array[]; bytes: number }>()

  constructor(private readonly maxBytes: number) {}

  /** The client asked for the board: until its step 2, its updates may come early. */
  requested(client: Client): void {
    if (!this.answered.has(client)) this.syncing.add(client)
  }

  /** Keeps an update that failed `rule` for after the client's step 2; false if it is judged now. */
  hold(client: Client, update: Uint8Array, rule: UpdateRule): boolean {
    if (!this.syncing.has(client) || !beforeSyncRules.has(rule)) return false
    const held = this.held.get(client) ?? { updates: [], bytes: 0 }
    if (held.bytes + update.byteLength > this.maxBytes) return false
    held.updates.push(update)
    held.bytes += update.byteLength
    this.held.set(client, held)
    return true
  }

  /** The client's step 2 is being judged: from now on nothing of it is held. */
  answer(client: Client): void {
    this.syncing.delete(client)
    this.answered.add(client)
  }

  /** The updates held for the client, in the order they came; no longer held. */
  release(client: Client): Uint8Array[] {
    const held = this.held.get(client)
    this.held.delete(client)
    return held?.updates ?? []
  }
}

/**
 * Which relay process holds which board (`server/cluster/`): recorded in `board_owners`, with an
 * epoch that grows with each takeover, so that writes of a holder that lost its board are refused
 * (`documentLog.ts` checks it).
 */
import type pg from 'pg'
import { lockClass } from './advisoryLocks.ts'
import { transaction } from './pool.ts'
import type { RelayLock } from './relayLock.ts'

/** Which relay process holds a board's room (`server/cluster/`): the one process that writes it. */
export type Claim = { mine: true } | { mine: false; owner: number }

/** A write refused because another relay process has taken the board over. */
export class NotOwnerError extends Error {
  constructor(boardId: string) {
    super(`board ${boardId} is held by another relay process`)
    this.name = 'NotOwnerError'
  }
}

export class BoardOwners {
  /** Boards this process holds, with the epoch it took them at. */
  private readonly held = new Map<string, number>()

  constructor(
    private readonly pool: pg.Pool,
    private readonly relayLock: RelayLock | null,
  ) {}

  /** The epoch this process holds the board at; throws if it does not hold it (a write must not go ahead). */
  heldEpoch(boardId: string): number {
    const epoch = this.held.get(boardId)
    if (epoch === undefined) throw new NotOwnerError(boardId)
    return epoch
  }

  /** This process's key among several relay processes; 0 when it is the only relay. */
  get processKey(): number {
    return this.relayLock?.processKey ?? 0
  }

  /**
   * Takes the board for this process unless a live process holds it. A board whose holder
   * died (its lock is free) is taken over with the next epoch: anything the dead holder still
   * tries to write is refused from then on.
   */
  async claimBoard(boardId: string): Promise<Claim> {
    const me = this.processKey
    if (!me) return { mine: true }
    const epoch = await transaction(this.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${lockClass.owners}, hashtext($1))`, [boardId])
      const { rows } = await client.query<{ owner: number; epoch: string }>('SELECT owner, epoch FROM board_owners WHERE board_id = $1', [boardId])
      const current = rows[0]
      if (!current) {
        await client.query('INSERT INTO board_owners (board_id, owner, epoch) VALUES ($1, $2, 1)', [boardId, me])
        return 1
      }
      if (current.owner === me) return Number(current.epoch)
      const { rows: dead } = await client.query<{ free: boolean }>(`SELECT pg_try_advisory_xact_lock(${lockClass.processes}, $1) AS free`, [current.owner])
      if (!dead[0]?.free) return { owner: current.owner }
      const { rowCount } = await client.query('UPDATE board_owners SET owner = $2, epoch = epoch + 1 WHERE board_id = $1 AND epoch = $3', [boardId, me, current.epoch])
      // Under the lock only a deletion of the board removes the row.
      if (rowCount !== 1) throw new Error('board deleted while being taken over')
      return Number(current.epoch) + 1
    })
    if (typeof epoch !== 'number') {
      this.held.delete(boardId)
      return { mine: false, owner: epoch.owner }
    }
    this.held.set(boardId, epoch)
    return { mine: true }
  }

  /** Lets go of a board this process no longer serves, so the next process to open it takes it at once. */
  async releaseBoard(boardId: string): Promise<void> {
    const epoch = this.held.get(boardId)
    if (epoch === undefined) return
    this.held.delete(boardId)
    await transaction(this.pool, async (client) => {
      // The lock `claimBoard` takes: a claim sees the row either held or gone, never going.
      await client.query(`SELECT pg_advisory_xact_lock(${lockClass.owners}, hashtext($1))`, [boardId])
      await client.query('DELETE FROM board_owners WHERE board_id = $1 AND owner = $2 AND epoch = $3', [boardId, this.processKey, epoch])
    })
  }
}

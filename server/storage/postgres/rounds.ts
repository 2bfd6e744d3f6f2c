/**
 * What ballots and private notes have in common: each board has one open round, and an entry per
 * person in it (`ballots.ts`, `privateNotes.ts`).
 */
import type pg from 'pg'
import { lockClass } from './advisoryLocks.ts'
import { transaction } from './pool.ts'

/** Tables holding one open round per board (names fixed here, never from input). */
export interface Round {
  table: string
  roundColumn: string
  whoColumn: string
  valueColumn: string
  lock: number
}
export const rounds = {
  ballots: { table: 'ballots', roundColumn: 'vote_id', whoColumn: 'voter', valueColumn: 'ballot', lock: lockClass.ballots },
  privateNotes: { table: 'private_notes', roundColumn: 'round_id', whoColumn: 'author', valueColumn: 'notes', lock: lockClass.privateNotes },
} satisfies Record<string, Round>

/**
 * Sets (or with null removes) one person's entry in the board's one open round and drops the
 * entries of every other round. Two calls for different rounds at once would each delete the
 * other's rows: one at a time per board, so they cannot deadlock.
 */
export async function putRoundEntry(pool: pg.Pool, round: Round, boardId: string, roundId: string, who: string, value: string | null): Promise<void> {
  const { table, roundColumn, whoColumn, valueColumn, lock } = round
  await transaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${lock}, hashtext($1))`, [boardId])
    await client.query(`DELETE FROM ${table} WHERE board_id = $1 AND ${roundColumn} <> $2`, [boardId, roundId])
    if (value === null) await client.query(`DELETE FROM ${table} WHERE board_id = $1 AND ${roundColumn} = $2 AND ${whoColumn} = $3`, [boardId, roundId, who])
    else
      await client.query(
        `INSERT INTO ${table} (board_id, ${roundColumn}, ${whoColumn}, ${valueColumn}) VALUES ($1, $2, $3, $4)
         ON CONFLICT (board_id, ${roundColumn}, ${whoColumn}) DO UPDATE SET ${valueColumn} = excluded.${valueColumn}`,
        [boardId, roundId, who, value],
      )
  })
}

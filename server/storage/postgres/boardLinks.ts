/** PostgreSQL's board links: token hashes, links kept sealed for facilitators, and join codes. */
import type pg from 'pg'
import { roles, type Role } from '../../../shared/access.ts'
import { asBuffer } from '../asBuffer.ts'
import type { BoardLinks, JoinCodeRecord } from '../BoardLinks.ts'
import { transaction, type Queryable } from './pool.ts'

export class PostgresBoardLinks implements BoardLinks {
  constructor(private readonly pool: pg.Pool) {}

  async roleForTokenHash(boardId: string, hash: string): Promise<Role | undefined> {
    const { rows } = await this.pool.query<{ role: string }>('SELECT role FROM board_tokens WHERE board_id = $1 AND hash = $2', [boardId, hash])
    const role = rows[0]?.role
    return roles.find((r) => r === role)
  }

  async replaceTokenHash(boardId: string, role: Role, hash: string): Promise<void> {
    await transaction(this.pool, async (client) => {
      await putTokenHash(client, boardId, role, hash)
      // The join code hands out the old link: it goes with it.
      await client.query('DELETE FROM join_codes WHERE board_id = $1 AND role = $2', [boardId, role])
      // So does the network's sealed copy of the old facilitator link: its hold has ended, and retention can tell (`BoardLinks.ts`).
      if (role === 'facilitator') await client.query('UPDATE network_boards SET sealed_token = $1 WHERE board_id = $2', [Buffer.alloc(0), boardId])
    })
  }

  async keepSealedLink(boardId: string, role: Role, hash: string, sealed: Uint8Array): Promise<boolean> {
    const result = await this.pool.query('UPDATE board_tokens SET sealed_link = $1 WHERE board_id = $2 AND role = $3 AND hash = $4', [
      asBuffer(sealed),
      boardId,
      role,
      hash,
    ])
    return (result.rowCount ?? 0) > 0
  }

  async sealedLink(boardId: string, role: Role): Promise<Uint8Array | undefined> {
    const { rows } = await this.pool.query<{ sealed_link: Buffer | null }>('SELECT sealed_link FROM board_tokens WHERE board_id = $1 AND role = $2', [boardId, role])
    return rows[0]?.sealed_link ? new Uint8Array(rows[0].sealed_link) : undefined
  }

  async putJoinCode(code: JoinCodeRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO join_codes (board_id, role, code_hash, sealed_link, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (board_id, role) DO UPDATE SET code_hash = excluded.code_hash, sealed_link = excluded.sealed_link, expires_at = excluded.expires_at`,
      [code.boardId, code.role, code.codeHash, asBuffer(code.sealedLink), code.expiresAt],
    )
  }

  async findJoinCode(codeHash: string): Promise<JoinCodeRecord | undefined> {
    const { rows } = await this.pool.query<{ board_id: string; role: string; sealed_link: Buffer; expires_at: string }>(
      'SELECT board_id, role, sealed_link, expires_at FROM join_codes WHERE code_hash = $1',
      [codeHash],
    )
    const row = rows[0]
    const role = roles.find((r) => r === row?.role)
    return row && role && { boardId: row.board_id, role, codeHash, sealedLink: new Uint8Array(row.sealed_link), expiresAt: row.expires_at }
  }

  async dropExpiredJoinCodes(now: string): Promise<number> {
    const result = await this.pool.query('DELETE FROM join_codes WHERE expires_at <= $1', [now])
    return result.rowCount ?? 0
  }
}

/** A role's token hash, replacing the one before (and the link kept for it); also a new board's (`boardDirectory.ts`). */
export async function putTokenHash(client: Queryable, boardId: string, role: Role, hash: string): Promise<void> {
  await client.query(
    `INSERT INTO board_tokens (board_id, role, hash) VALUES ($1, $2, $3)
     ON CONFLICT (board_id, role) DO UPDATE SET hash = excluded.hash, sealed_link = NULL`,
    [boardId, role, hash],
  )
}

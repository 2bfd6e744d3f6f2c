/** The SQLite file's board links: token hashes, links kept sealed for facilitators, and join codes. */
import type Database from 'better-sqlite3'
import { roles, type Role } from '../../../shared/access.ts'
import { asBuffer } from '../asBuffer.ts'
import type { BoardLinks, JoinCodeRecord } from '../BoardLinks.ts'

/** A role's token hash, replacing the one before (and the link kept for it); also a new board's (`boardDirectory.ts`). */
export const putTokenHashSql = `INSERT INTO board_tokens (board_id, role, hash) VALUES (?, ?, ?)
         ON CONFLICT(board_id, role) DO UPDATE SET hash = excluded.hash, sealed_link = NULL`

export class SqliteBoardLinks implements BoardLinks {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      putTokenHash: db.prepare(putTokenHashSql),
      keepSealedLink: db.prepare('UPDATE board_tokens SET sealed_link = ? WHERE board_id = ? AND role = ? AND hash = ?'),
      sealedLink: db.prepare<[string, string], { sealed_link: Buffer | null }>(
        'SELECT sealed_link FROM board_tokens WHERE board_id = ? AND role = ?',
      ),
      putJoinCode: db.prepare(
        `INSERT INTO join_codes (board_id, role, code_hash, sealed_link, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(board_id, role) DO UPDATE SET code_hash = excluded.code_hash, sealed_link = excluded.sealed_link, expires_at = excluded.expires_at`,
      ),
      findJoinCode: db.prepare<[string], { board_id: string; role: string; sealed_link: Buffer; expires_at: string }>(
        'SELECT board_id, role, sealed_link, expires_at FROM join_codes WHERE code_hash = ?',
      ),
      dropJoinCode: db.prepare('DELETE FROM join_codes WHERE board_id = ? AND role = ?'),
      endNetworkHold: db.prepare(`UPDATE network_boards SET sealed_token = x'' WHERE board_id = ?`),
      dropExpiredJoinCodes: db.prepare('DELETE FROM join_codes WHERE expires_at <= ?'),
      roleForHash: db.prepare<[string, string], { role: string }>(
        'SELECT role FROM board_tokens WHERE board_id = ? AND hash = ?',
      ),
    }
  }

  async roleForTokenHash(boardId: string, hash: string): Promise<Role | undefined> {
    const role = this.statements.roleForHash.get(boardId, hash)?.role
    return roles.find((r) => r === role)
  }

  async replaceTokenHash(boardId: string, role: Role, hash: string): Promise<void> {
    this.db.transaction(() => {
      this.statements.putTokenHash.run(boardId, role, hash)
      // The join code hands out the old link: it goes with it.
      this.statements.dropJoinCode.run(boardId, role)
      // So does the network's sealed copy of the old facilitator link: its hold has ended, and retention can tell (`BoardLinks.ts`).
      if (role === 'facilitator') this.statements.endNetworkHold.run(boardId)
    })()
  }

  async keepSealedLink(boardId: string, role: Role, hash: string, sealed: Uint8Array): Promise<boolean> {
    return this.statements.keepSealedLink.run(asBuffer(sealed), boardId, role, hash).changes > 0
  }

  async sealedLink(boardId: string, role: Role): Promise<Uint8Array | undefined> {
    const row = this.statements.sealedLink.get(boardId, role)
    return row?.sealed_link ? new Uint8Array(row.sealed_link) : undefined
  }

  async putJoinCode(code: JoinCodeRecord): Promise<void> {
    this.statements.putJoinCode.run(code.boardId, code.role, code.codeHash, asBuffer(code.sealedLink), code.expiresAt)
  }

  async dropExpiredJoinCodes(now: string): Promise<number> {
    return this.statements.dropExpiredJoinCodes.run(now).changes
  }

  async findJoinCode(codeHash: string): Promise<JoinCodeRecord | undefined> {
    const row = this.statements.findJoinCode.get(codeHash)
    const role = roles.find((r) => r === row?.role)
    return row && role && { boardId: row.board_id, role, codeHash, sealedLink: new Uint8Array(row.sealed_link), expiresAt: row.expires_at }
  }
}

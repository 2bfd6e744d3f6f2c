/** The SQLite file's holders of each board's Yjs client ids. */
import type Database from 'better-sqlite3'
import type { ClientIds } from '../ClientIds.ts'

export class SqliteClientIds implements ClientIds {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      holders: db.prepare<[string], { client: number; holder: string }>('SELECT client, holder FROM client_ids WHERE board_id = ?'),
      hold: db.prepare('INSERT INTO client_ids (board_id, client, holder) VALUES (?, ?, ?) ON CONFLICT(board_id, client) DO NOTHING'),
      release: db.prepare('DELETE FROM client_ids WHERE board_id = ? AND client = ?'),
    }
  }

  async clientIdHolders(boardId: string): Promise<Map<number, string>> {
    return new Map(this.statements.holders.all(boardId).map((row) => [row.client, row.holder]))
  }

  async holdClientIds(boardId: string, holds: ReadonlyArray<readonly [client: number, holder: string]>): Promise<void> {
    this.db.transaction(() => {
      for (const [client, holder] of holds) this.statements.hold.run(boardId, client, holder)
    })()
  }

  async releaseClientIds(boardId: string, clients: readonly number[]): Promise<void> {
    this.db.transaction(() => {
      for (const client of clients) this.statements.release.run(boardId, client)
    })()
  }
}

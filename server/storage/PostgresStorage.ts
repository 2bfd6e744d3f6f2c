/**
 * PostgreSQL, for operators who run several relay processes or keep their data in a database
 * server (DATABASE_URL). Same tables as `SqliteStorage`, with BYTEA for blobs.
 *
 * Deleted means gone: a deleted board's rows (and everything hanging off it, by ON DELETE
 * CASCADE) are gone from every query the moment the delete commits. PostgreSQL has no
 * `secure_delete`: the dead rows' space is reclaimed by autovacuum and overwritten as it is
 * reused; until then the bytes may remain in the server's data files and WAL, which only its
 * operator can read (encrypt the volume where that matters).
 *
 * Errors are never thrown past a call: a full disk (SQLSTATE 53100, see `isStorageFull`), a
 * refused connection or a server restart reject the call's promise, and a connection that breaks
 * while idle in the pool is dropped (and reported to `onError`) instead of crashing the process.
 */
import { randomInt } from 'node:crypto'
import pg from 'pg'
import { roles, type Role } from '../../shared/access.ts'
import { boardRecord, type AuditEntry, type BoardRecord, type BoardRow, type BoardStats, type JoinCodeRecord, type SessionRecord, type Storage, type StoredAsset, type StoredDocument, type TokenHashes, type VersionRecord } from './Storage.ts'

/**
 * Text columns that are compared or sorted (ids, ISO timestamps, authors) use the "C" collation:
 * byte order, as SQLite's BINARY, whatever locale the database was created with.
 * `versions.rowid` stands in for SQLite's implicit rowid: the order of insertion among versions
 * saved at the same instant.
 */
const schema = `
  CREATE TABLE IF NOT EXISTS boards (
    id TEXT COLLATE "C" PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    last_used_at TEXT COLLATE "C"
  );
  CREATE TABLE IF NOT EXISTS snapshots (
    board_id TEXT COLLATE "C" PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    data BYTEA NOT NULL,
    seq BIGINT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS updates (
    seq BIGSERIAL PRIMARY KEY,
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    data BYTEA NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_by_board ON updates(board_id, seq);
  CREATE TABLE IF NOT EXISTS assets (
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT COLLATE "C" NOT NULL,
    mime_type TEXT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  CREATE TABLE IF NOT EXISTS ballots (
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    vote_id TEXT COLLATE "C" NOT NULL,
    voter TEXT COLLATE "C" NOT NULL,
    ballot TEXT NOT NULL,
    PRIMARY KEY (board_id, vote_id, voter)
  );
  CREATE TABLE IF NOT EXISTS private_notes (
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    round_id TEXT COLLATE "C" NOT NULL,
    author TEXT COLLATE "C" NOT NULL,
    notes TEXT NOT NULL,
    PRIMARY KEY (board_id, round_id, author)
  );
  CREATE TABLE IF NOT EXISTS versions (
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    name TEXT,
    data BYTEA NOT NULL,
    rowid BIGSERIAL NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  CREATE INDEX IF NOT EXISTS versions_by_board ON versions(board_id, created_at);
  CREATE TABLE IF NOT EXISTS join_codes (
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT COLLATE "C" NOT NULL,
    code_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    sealed_link BYTEA NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (board_id, role)
  );
  CREATE INDEX IF NOT EXISTS join_codes_by_expiry ON join_codes(expires_at);
  CREATE TABLE IF NOT EXISTS board_tokens (
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT COLLATE "C" NOT NULL,
    hash TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (board_id, role)
  );
  ALTER TABLE board_tokens ADD COLUMN IF NOT EXISTS sealed_link BYTEA;
  ALTER TABLE boards ADD COLUMN IF NOT EXISTS sign_in_required BOOLEAN NOT NULL DEFAULT false;
  CREATE TABLE IF NOT EXISTS board_owners (
    board_id TEXT COLLATE "C" PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    owner INTEGER NOT NULL,
    epoch BIGINT NOT NULL
  );
  -- Append-only (server/audit.ts); no foreign key: a board's deletion row outlives the board.
  CREATE TABLE IF NOT EXISTS audit (
    seq BIGSERIAL PRIMARY KEY,
    at TEXT COLLATE "C" NOT NULL,
    action TEXT COLLATE "C" NOT NULL,
    board_id TEXT COLLATE "C",
    actor TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_by_time ON audit(at);
  CREATE INDEX IF NOT EXISTS audit_by_board ON audit(board_id);
  -- Sign-ins (server/auth/sessions.ts), under the hash of the cookie's id.
  CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT COLLATE "C" PRIMARY KEY,
    kind TEXT COLLATE "C" NOT NULL,
    data TEXT NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions(expires_at);
`

/**
 * Advisory lock keys. The schema lock is one bigint ("nwst" "schm" in ASCII); per-board locks
 * use the two-int form (class, hashtext(board id)), a key space of its own.
 */
const schemaLock = '7959957810389936237' // 0x6e7773747363686d
const lockClass = { updates: 1, ballots: 2, privateNotes: 3, owners: 4, processes: 5 } as const

/** Which relay process holds a board's room (`server/cluster/`): the one process that writes it. */
export type Claim = { mine: true } | { mine: false; owner: number }

/** A write refused because another relay process has taken the board over. */
export class NotOwnerError extends Error {
  constructor(boardId: string) {
    super(`board ${boardId} is held by another relay process`)
    this.name = 'NotOwnerError'
  }
}

type Queryable = Pick<pg.PoolClient, 'query'>

export interface OpenOptions {
  maxConnections?: number
  /** Hears of connections that broke while idle in the pool (they are replaced). */
  onError?: (error: Error) => void
  /**
   * The relay's own storage: one relay process per database. Two would each keep a room of the
   * same board: their clients would not see each other, and one's compaction could drop updates
   * the other stored. Waits up to `waitMs` for a relay that just died to let go;
   * `onLost` hears when the lock's connection breaks (the process must stop serving).
   */
  exclusive?: { waitMs: number; onLost: (error: Error) => void }
  /**
   * One of several relay processes (`server/cluster/`): boards are claimed one by one
   * (`claimBoard`), and every write to a board's document checks that this process still holds
   * it. `onLost` as for `exclusive`.
   */
  member?: { onLost: (error: Error) => void; waitMs?: number }
}

/** Session advisory lock held by the one relay process of a database ("nwst" "rely"). */
const relayLockKey = '7959957810373291129' // 0x6e77737472656c79

/**
 * A server that vanishes without closing the connection (a failover, a cut network) must not
 * leave a room's queue waiting for ever: calls fail after these, and idle connections are probed.
 */
const timeouts = { keepAlive: true, connectionTimeoutMillis: 10_000, statement_timeout: 30_000, query_timeout: 35_000 }
/** How often the relay lock's connection is checked (an idle connection may die unnoticed). */
const lockCheckMs = 5_000

interface RelayLock {
  /** The process's own key while it is one of several (0 when it is the only one). */
  processKey: number
  /** Lets go of the lock; its connection ending then is no loss. */
  release(): Promise<void>
}

/**
 * The only relay takes the relay lock exclusively; each of several relay processes takes it
 * shared (so a lone relay and a group never mix) and holds a lock of its own, keyed by a random
 * number: while that lock is held, the process is alive. PostgreSQL frees it the moment the
 * process's connection ends, however the process died.
 */
async function takeRelayLock(url: string, waitMs: number, member: boolean, onLost: (error: Error) => void): Promise<RelayLock> {
  const client = new pg.Client({ connectionString: url, ...timeouts, query_timeout: lockCheckMs })
  await client.connect()
  const until = Date.now() + waitMs
  const take = member ? 'pg_try_advisory_lock_shared' : 'pg_try_advisory_lock'
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT ${take}(${relayLockKey}) AS locked`)
    if (rows[0]?.locked) break
    if (Date.now() >= until) {
      await client.end()
      throw new Error(
        member
          ? 'a relay that is not one of a group (no REDIS_URL) is using this database'
          : 'another relay process is using this database; run one relay per DATABASE_URL, or several with REDIS_URL',
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  let processKey = 0
  while (member && processKey === 0) {
    const key = randomInt(1, 2 ** 31 - 1)
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${lockClass.processes}, $1) AS locked`, [key])
    if (rows[0]?.locked) processKey = key
  }
  let lost = false
  const lose = (error: Error) => {
    if (lost) return
    lost = true
    clearInterval(check)
    onLost(error)
  }
  client.on('error', lose)
  const check = setInterval(() => client.query('SELECT 1').catch(lose), lockCheckMs)
  check.unref()
  return {
    processKey,
    async release() {
      lost = true
      clearInterval(check)
      await client.end().catch(() => {})
    },
  }
}

/** Tables holding one open round per board (names fixed here, never from input). */
interface Round {
  table: string
  roundColumn: string
  whoColumn: string
  valueColumn: string
  lock: number
}
const rounds = {
  ballots: { table: 'ballots', roundColumn: 'vote_id', whoColumn: 'voter', valueColumn: 'ballot', lock: lockClass.ballots },
  privateNotes: { table: 'private_notes', roundColumn: 'round_id', whoColumn: 'author', valueColumn: 'notes', lock: lockClass.privateNotes },
} satisfies Record<string, Round>

export class PostgresStorage implements Storage {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly relayLock: RelayLock | null,
  ) {}

  /**
   * Connects and creates the tables that are missing. Several relay processes may start at
   * once: a transaction-scoped advisory lock lets one of them create the schema at a time.
   * `onError` hears of connections that broke while idle in the pool (they are dropped and
   * replaced; the pool's next call reconnects).
   */
  static async open(url: string, options: OpenOptions = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, ...timeouts })
    pool.on('error', (error) => options.onError?.(error))
    let relayLock: RelayLock | null = null
    try {
      if (options.member) relayLock = await takeRelayLock(url, options.member.waitMs ?? 10_000, true, options.member.onLost)
      else if (options.exclusive) relayLock = await takeRelayLock(url, options.exclusive.waitMs, false, options.exclusive.onLost)
      const storage = new PostgresStorage(pool, relayLock)
      await storage.transaction(async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(${schemaLock})`)
        await client.query(schema)
      })
      return storage
    } catch (error) {
      await relayLock?.release()
      await pool.end().catch(() => {})
      throw error
    }
  }

  /**
   * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if
   * it throws. A connection whose rollback fails too is discarded, not returned to the pool.
   */
  private async transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    // A checked-out connection that breaks between two queries emits 'error': the next query
    // rejects with it, and the process does not crash on an unheard event.
    const ignore = () => {}
    client.on('error', ignore)
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError))
      throw error
    } finally {
      client.off('error', ignore)
      client.release(broken ?? false)
    }
  }

  async createBoard(board: BoardRecord, tokenHashes: TokenHashes, initialState?: Uint8Array): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('INSERT INTO boards (id, title, created_at) VALUES ($1, $2, $3)', [board.id, board.title, board.createdAt])
      for (const role of roles) await putTokenHash(client, board.id, role, tokenHashes[role])
      if (initialState) await putSnapshot(client, board.id, initialState, 0)
    })
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const { rows } = await this.pool.query<BoardRow>('SELECT id, title, created_at, last_used_at, sign_in_required FROM boards WHERE id = $1', [id])
    return rows[0] && boardRecord(rows[0])
  }

  async setSignInRequired(id: string, required: boolean): Promise<void> {
    await this.pool.query('UPDATE boards SET sign_in_required = $1 WHERE id = $2', [required, id])
  }

  async listBoards(): Promise<BoardRecord[]> {
    const { rows } = await this.pool.query<{ id: string; title: string; created_at: string }>(
      'SELECT id, title, created_at FROM boards ORDER BY created_at DESC',
    )
    return rows.map((row) => ({ id: row.id, title: row.title, createdAt: row.created_at }))
  }

  async boardStats(): Promise<BoardStats[]> {
    // int8 and numeric come back as strings: counted here as bigint, turned into numbers below.
    const { rows } = await this.pool.query<{ id: string; created_at: string; last_used_at: string | null; bytes: string; assets: string; versions: string }>(
      `SELECT b.id, b.created_at, b.last_used_at,
         (COALESCE((SELECT octet_length(data) FROM snapshots WHERE board_id = b.id), 0)
           + COALESCE((SELECT SUM(octet_length(data)) FROM updates WHERE board_id = b.id), 0)
           + COALESCE((SELECT SUM(octet_length(data)) FROM versions WHERE board_id = b.id), 0)
           + COALESCE((SELECT SUM(octet_length(data)) FROM assets WHERE board_id = b.id), 0))::bigint AS bytes,
         (SELECT COUNT(*) FROM assets WHERE board_id = b.id) AS assets,
         (SELECT COUNT(*) FROM versions WHERE board_id = b.id) AS versions
       FROM boards b ORDER BY b.created_at`,
    )
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      bytes: Number(row.bytes),
      assets: Number(row.assets),
      versions: Number(row.versions),
    }))
  }

  async deleteBoard(id: string): Promise<void> {
    // The board and, by ON DELETE CASCADE, its document, assets, versions, ballots, private
    // notes, join codes and token hashes, with its audit rows, in one transaction.
    await this.transaction(async (client) => {
      await client.query('DELETE FROM boards WHERE id = $1', [id])
      await client.query('DELETE FROM audit WHERE board_id = $1', [id])
    })
  }

  async touchBoard(id: string, at: string): Promise<void> {
    await this.pool.query('UPDATE boards SET last_used_at = $1 WHERE id = $2', [at, id])
  }

  async boardsUnusedSince(before: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM boards WHERE COALESCE(last_used_at, created_at) < $1', [before])
    return rows.map((row) => row.id)
  }

  async roleForTokenHash(boardId: string, hash: string): Promise<Role | undefined> {
    const { rows } = await this.pool.query<{ role: string }>('SELECT role FROM board_tokens WHERE board_id = $1 AND hash = $2', [boardId, hash])
    const role = rows[0]?.role
    return roles.find((r) => r === role)
  }

  async replaceTokenHash(boardId: string, role: Role, hash: string): Promise<void> {
    await this.transaction(async (client) => {
      await putTokenHash(client, boardId, role, hash)
      // The join code hands out the old link: it goes with it.
      await client.query('DELETE FROM join_codes WHERE board_id = $1 AND role = $2', [boardId, role])
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

  async putSession(session: SessionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO sessions (id_hash, kind, data, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id_hash) DO UPDATE SET kind = excluded.kind, data = excluded.data, expires_at = excluded.expires_at`,
      [session.idHash, session.kind, session.data, session.expiresAt],
    )
  }

  async findSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{ data: string; expires_at: string }>(
      'SELECT data, expires_at FROM sessions WHERE id_hash = $1 AND kind = $2 AND expires_at > $3',
      [idHash, kind, now],
    )
    return rows[0] && { idHash, kind, data: rows[0].data, expiresAt: rows[0].expires_at }
  }

  async takeSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{ data: string; expires_at: string }>(
      'DELETE FROM sessions WHERE id_hash = $1 AND kind = $2 AND expires_at > $3 RETURNING data, expires_at',
      [idHash, kind, now],
    )
    return rows[0] && { idHash, kind, data: rows[0].data, expiresAt: rows[0].expires_at }
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash])
  }

  async dropExpiredSessions(now: string): Promise<number> {
    return (await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0
  }

  async loadDocument(boardId: string): Promise<StoredDocument> {
    // One statement sees one state of the database: the snapshot and exactly the updates after
    // it, even while another connection compacts.
    const { rows } = await this.pool.query<{ snapshot: boolean; seq: string; data: Buffer }>(
      `SELECT true AS snapshot, seq, data FROM snapshots WHERE board_id = $1
       UNION ALL
       SELECT false, seq, data FROM updates
         WHERE board_id = $1 AND seq > COALESCE((SELECT seq FROM snapshots WHERE board_id = $1), 0)
       ORDER BY snapshot DESC, seq`,
      [boardId],
    )
    const snapshot = rows[0]?.snapshot ? rows[0] : undefined
    const updates = snapshot ? rows.slice(1) : rows
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: updates.map((row) => new Uint8Array(row.data)),
      lastSeq: Number(updates.at(-1)?.seq ?? snapshot?.seq ?? 0),
    }
  }

  async documentBytes(boardId: string): Promise<number> {
    const { rows } = await this.pool.query<{ bytes: string }>(
      `SELECT (COALESCE((SELECT octet_length(data) FROM snapshots WHERE board_id = $1), 0)
         + COALESCE((SELECT SUM(octet_length(data)) FROM updates
             WHERE board_id = $1 AND seq > COALESCE((SELECT seq FROM snapshots WHERE board_id = $1), 0)), 0))::bigint AS bytes`,
      [boardId],
    )
    return Number(rows[0].bytes)
  }

  /** Each board's appends under way in this process, last one last. */
  private readonly appending = new Map<string, Promise<unknown>>()

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    // One board's updates are stored in the order of the calls, as SQLite's synchronous calls
    // are (Room.ts awaits each anyway): on a pool, two queries sent at once may run in any order.
    const previous = this.appending.get(boardId)
    const next = previous ? previous.catch(() => {}).then(() => this.insertUpdate(boardId, update)) : this.insertUpdate(boardId, update)
    this.appending.set(boardId, next)
    try {
      return await next
    } finally {
      if (this.appending.get(boardId) === next) this.appending.delete(boardId)
    }
  }

  private async insertUpdate(boardId: string, update: Uint8Array): Promise<number> {
    // Sequence numbers come from a sequence, which hands them out in call order, not commit
    // order: were two relay processes to append to one board at once, a reader could see seq 6
    // before seq 5 commits, and compacting up to 6 would then drop 5 unseen. Holding a
    // per-board lock until the commit makes each board's seqs commit in order. One statement,
    // one round trip: the lock is taken before the row (and its seq) is made.
    if (!this.relayLock?.processKey) {
      const { rows } = await this.pool.query<{ seq: string }>(
        `WITH locked AS (SELECT pg_advisory_xact_lock(${lockClass.updates}, hashtext($1)))
         INSERT INTO updates (board_id, data) SELECT $1::text, $2::bytea FROM locked RETURNING seq`,
        [boardId, asBuffer(update)],
      )
      return Number(rows[0]!.seq)
    }
    // One of several: stored only while this process still holds the board. The row lock keeps
    // a takeover (`claimBoard`) from committing between the check and the insert; a takeover
    // that committed first leaves no row to lock, and nothing is stored.
    const { rows } = await this.pool.query<{ seq: string }>(
      `WITH held AS (SELECT 1 FROM board_owners WHERE board_id = $1 AND owner = $3 AND epoch = $4 FOR SHARE),
       locked AS (SELECT pg_advisory_xact_lock(${lockClass.updates}, hashtext($1)) FROM held)
       INSERT INTO updates (board_id, data) SELECT $1::text, $2::bytea FROM locked RETURNING seq`,
      [boardId, asBuffer(update), this.relayLock.processKey, this.heldEpoch(boardId)],
    )
    if (!rows[0]) throw new NotOwnerError(boardId)
    return Number(rows[0].seq)
  }

  /** Boards this process holds, with the epoch it took them at. */
  private readonly held = new Map<string, number>()

  private heldEpoch(boardId: string): number {
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
    const epoch = await this.transaction(async (client) => {
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
    await this.transaction(async (client) => {
      // The lock `claimBoard` takes: a claim sees the row either held or gone, never going.
      await client.query(`SELECT pg_advisory_xact_lock(${lockClass.owners}, hashtext($1))`, [boardId])
      await client.query('DELETE FROM board_owners WHERE board_id = $1 AND owner = $2 AND epoch = $3', [boardId, this.processKey, epoch])
    })
  }

  async compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await this.transaction(async (client) => {
      if (this.processKey) {
        const { rows } = await client.query('SELECT 1 FROM board_owners WHERE board_id = $1 AND owner = $2 AND epoch = $3 FOR SHARE', [
          boardId,
          this.processKey,
          this.heldEpoch(boardId),
        ])
        if (!rows[0]) throw new NotOwnerError(boardId)
      }
      await putSnapshot(client, boardId, snapshot, upToSeq)
      await client.query('DELETE FROM updates WHERE board_id = $1 AND seq <= $2', [boardId, upToSeq])
    })
  }

  async putAsset(boardId: string, assetId: string, asset: StoredAsset): Promise<void> {
    await this.pool.query(
      `INSERT INTO assets (board_id, id, mime_type, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (board_id, id) DO UPDATE SET mime_type = excluded.mime_type, data = excluded.data`,
      [boardId, assetId, asset.mimeType, asBuffer(asset.data)],
    )
  }

  async getAsset(boardId: string, assetId: string): Promise<StoredAsset | undefined> {
    const { rows } = await this.pool.query<{ mime_type: string; data: Buffer }>(
      'SELECT mime_type, data FROM assets WHERE board_id = $1 AND id = $2',
      [boardId, assetId],
    )
    const row = rows[0]
    // A copy in an ArrayBuffer of its own (pg's Buffers may share a pooled one).
    return row && { mimeType: row.mime_type, data: new Uint8Array(row.data) }
  }

  async assetBytes(boardId: string): Promise<number> {
    const { rows } = await this.pool.query<{ bytes: string | null }>('SELECT SUM(octet_length(data)) AS bytes FROM assets WHERE board_id = $1', [boardId])
    return Number(rows[0]?.bytes ?? 0)
  }

  async putBallot(boardId: string, voteId: string, voter: string, ballot: string | null): Promise<void> {
    await this.putRoundEntry(rounds.ballots, boardId, voteId, voter, ballot)
  }

  async ballot(boardId: string, voteId: string, voter: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ ballot: string }>(
      'SELECT ballot FROM ballots WHERE board_id = $1 AND vote_id = $2 AND voter = $3',
      [boardId, voteId, voter],
    )
    return rows[0]?.ballot
  }

  async ballots(boardId: string, voteId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ ballot: string }>('SELECT ballot FROM ballots WHERE board_id = $1 AND vote_id = $2', [boardId, voteId])
    return rows.map((row) => row.ballot)
  }

  async deleteBallots(boardId: string, keepVoteId?: string): Promise<void> {
    if (keepVoteId === undefined) await this.pool.query('DELETE FROM ballots WHERE board_id = $1', [boardId])
    else await this.pool.query('DELETE FROM ballots WHERE board_id = $1 AND vote_id <> $2', [boardId, keepVoteId])
  }

  async putPrivateNotes(boardId: string, roundId: string, author: string, notes: string | null): Promise<void> {
    await this.putRoundEntry(rounds.privateNotes, boardId, roundId, author, notes)
  }

  /**
   * Sets (or with null removes) one person's entry in the board's one open round and drops the
   * entries of every other round. Two calls for different rounds at once would each delete the
   * other's rows: one at a time per board, so they cannot deadlock.
   */
  private async putRoundEntry(round: Round, boardId: string, roundId: string, who: string, value: string | null): Promise<void> {
    const { table, roundColumn, whoColumn, valueColumn, lock } = round
    await this.transaction(async (client) => {
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

  async privateNotes(boardId: string, roundId: string): Promise<{ author: string; notes: string }[]> {
    const { rows } = await this.pool.query<{ author: string; notes: string }>(
      'SELECT author, notes FROM private_notes WHERE board_id = $1 AND round_id = $2 ORDER BY author',
      [boardId, roundId],
    )
    return rows.map((row) => ({ author: row.author, notes: row.notes }))
  }

  async deletePrivateNotes(boardId: string): Promise<void> {
    await this.pool.query('DELETE FROM private_notes WHERE board_id = $1', [boardId])
  }

  async putVersion(boardId: string, version: VersionRecord, state: Uint8Array): Promise<void> {
    await this.pool.query('INSERT INTO versions (board_id, id, created_at, name, data) VALUES ($1, $2, $3, $4, $5)', [
      boardId,
      version.id,
      version.createdAt,
      version.name,
      asBuffer(state),
    ])
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    const { rows } = await this.pool.query<{ id: string; created_at: string; name: string | null }>(
      'SELECT id, created_at, name FROM versions WHERE board_id = $1 ORDER BY created_at DESC, rowid DESC',
      [boardId],
    )
    return rows.map((row) => ({ id: row.id, createdAt: row.created_at, name: row.name }))
  }

  async versionState(boardId: string, versionId: string): Promise<Uint8Array | undefined> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM versions WHERE board_id = $1 AND id = $2', [boardId, versionId])
    return rows[0] && new Uint8Array(rows[0].data)
  }

  async pruneVersions(boardId: string, keep: number, before: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM versions WHERE board_id = $1 AND name IS NULL AND (created_at < $2 OR id NOT IN (
         SELECT id FROM versions WHERE board_id = $1 AND name IS NULL ORDER BY created_at DESC, rowid DESC LIMIT $3))`,
      [boardId, before, keep],
    )
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1')
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.pool.query('INSERT INTO audit (at, action, board_id, actor) VALUES ($1, $2, $3, $4)', [entry.at, entry.action, entry.board, entry.actor])
  }

  async listAudit(filter: { boards?: string[]; since?: string } = {}): Promise<AuditEntry[]> {
    const where: string[] = []
    const params: unknown[] = []
    if (filter.boards) {
      params.push(filter.boards)
      where.push(`board_id = ANY($${params.length}::text[])`)
    }
    if (filter.since) {
      params.push(filter.since)
      where.push(`at >= $${params.length}`)
    }
    const { rows } = await this.pool.query<{ at: string; action: string; board_id: string | null; actor: string }>(
      `SELECT at, action, board_id, actor FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at, seq`,
      params,
    )
    return rows.map((row) => ({ at: row.at, action: row.action, board: row.board_id, actor: row.actor }))
  }

  async dropAuditBefore(before: string): Promise<number> {
    return (await this.pool.query('DELETE FROM audit WHERE at < $1', [before])).rowCount ?? 0
  }

  /** Waits for the calls under way, then closes every connection. */
  async close(): Promise<void> {
    await this.relayLock?.release()
    if (this.pool.ended || this.pool.ending) return
    await this.pool.end()
  }
}

async function putTokenHash(client: Queryable, boardId: string, role: Role, hash: string): Promise<void> {
  await client.query(
    `INSERT INTO board_tokens (board_id, role, hash) VALUES ($1, $2, $3)
     ON CONFLICT (board_id, role) DO UPDATE SET hash = excluded.hash, sealed_link = NULL`,
    [boardId, role, hash],
  )
}

async function putSnapshot(client: Queryable, boardId: string, snapshot: Uint8Array, seq: number): Promise<void> {
  await client.query(
    `INSERT INTO snapshots (board_id, data, seq) VALUES ($1, $2, $3)
     ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, seq = excluded.seq
     WHERE excluded.seq > snapshots.seq`,
    [boardId, asBuffer(snapshot), seq],
  )
}

/** pg sends Buffers as BYTEA; this views the same memory without copying. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

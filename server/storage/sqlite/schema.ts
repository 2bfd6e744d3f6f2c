/** The SQLite file's tables, and the columns added since the first release. */
import type Database from 'better-sqlite3'

export const schema = `
  CREATE TABLE IF NOT EXISTS boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    data BLOB NOT NULL,
    seq INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    data BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_by_board ON updates(board_id, seq);
  CREATE TABLE IF NOT EXISTS assets (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  CREATE TABLE IF NOT EXISTS ballots (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    vote_id TEXT NOT NULL,
    voter TEXT NOT NULL,
    ballot TEXT NOT NULL,
    PRIMARY KEY (board_id, vote_id, voter)
  );
  CREATE TABLE IF NOT EXISTS private_notes (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    round_id TEXT NOT NULL,
    author TEXT NOT NULL,
    notes TEXT NOT NULL,
    PRIMARY KEY (board_id, round_id, author)
  );
  CREATE TABLE IF NOT EXISTS versions (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    name TEXT,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  CREATE INDEX IF NOT EXISTS versions_by_board ON versions(board_id, created_at);
  CREATE TABLE IF NOT EXISTS join_codes (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    sealed_link BLOB NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (board_id, role)
  );
  CREATE TABLE IF NOT EXISTS board_tokens (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (board_id, role)
  );
  -- Append-only (server/audit/auditTrail.ts); no foreign key: a board's deletion row outlives the board.
  CREATE TABLE IF NOT EXISTS audit (
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    board_id TEXT,
    actor TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_by_time ON audit(at);
  CREATE INDEX IF NOT EXISTS audit_by_board ON audit(board_id);
  -- Its hash chain's columns (server/base/auditChain.ts) are added by sqlite/auditLog.ts.
  -- Sign-ins (server/auth/sessions.ts), under the hash of the cookie's id.
  CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions(expires_at);
  -- Sign-ins from before tokens were sealed held the provider's raw ID token: they end (sign in once more).
  DELETE FROM sessions WHERE kind = 'session' AND data LIKE '%"idToken":"%';
  -- Networks (server/storage/Networks.ts): a board is in at most one; its row goes with the board.
  CREATE TABLE IF NOT EXISTS networks (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    target_group TEXT NOT NULL,
    created_at TEXT NOT NULL,
    token_hash TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS network_boards (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    network_id TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    internal INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    sealed_token BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS network_boards_by_network ON network_boards(network_id, added_at);
  -- What a network keeps of a board retention deleted (server/storage/RetentionSchedule.ts).
  CREATE TABLE IF NOT EXISTS network_tombstones (
    network_id TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    phase TEXT NOT NULL,
    deleted_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS network_tombstones_by_network ON network_tombstones(network_id);
  -- What retention deleted of a network, kept as board archives for RETENTION_ARCHIVE_DAYS (server/storage/RetentionArchives.ts); they go with the network.
  CREATE TABLE IF NOT EXISTS retention_archives (
    network_id TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    board_id TEXT NOT NULL,
    title TEXT NOT NULL,
    phase TEXT NOT NULL,
    sign_in_required INTEGER NOT NULL,
    archived_at TEXT NOT NULL,
    keep_until TEXT NOT NULL,
    archive BLOB NOT NULL,
    PRIMARY KEY (network_id, board_id)
  );
  CREATE INDEX IF NOT EXISTS retention_archives_by_end ON retention_archives(keep_until);
  -- Which warnings of a network's deletion went out, and for which date (server/ops/retentionWarnings.ts).
  CREATE TABLE IF NOT EXISTS retention_notices (
    network_id TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    delete_after TEXT NOT NULL,
    noted_at TEXT NOT NULL,
    PRIMARY KEY (network_id, kind)
  );
  -- Digests by e-mail that signed-in people asked for (server/storage/NetworkDigests.ts); they go with the network.
  CREATE TABLE IF NOT EXISTS network_digests (
    network_id TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    email TEXT NOT NULL,
    locale TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    seen TEXT NOT NULL,
    PRIMARY KEY (network_id, actor)
  );
  -- A network's pack link (server/storage/NetworkLinks.ts): its hash, its token sealed under the network link's; goes with the network.
  CREATE TABLE IF NOT EXISTS network_pack_links (
    network_id TEXT PRIMARY KEY REFERENCES networks(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    sealed_token BLOB NOT NULL
  );
  -- Who holds each Yjs client id written on a board (server/judge/clientIds.ts).
  CREATE TABLE IF NOT EXISTS client_ids (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    client INTEGER NOT NULL,
    holder TEXT NOT NULL,
    PRIMARY KEY (board_id, client)
  );
`

/** Adds what tables created by an older release lack (`CREATE TABLE IF NOT EXISTS` leaves them as they are). */
export function addMissingColumns(db: Database.Database): void {
  // Boards from before retention have no last use yet: it counts from their creation.
  const boardColumns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('boards')").all()
  if (!boardColumns.some((c) => c.name === 'last_used_at')) db.exec('ALTER TABLE boards ADD COLUMN last_used_at TEXT')
  // Boards from before their changes were noted: unknown until the next change (the Fahrplan falls back to their last use).
  if (!boardColumns.some((c) => c.name === 'changed_at')) db.exec('ALTER TABLE boards ADD COLUMN changed_at TEXT')
  // Boards from before sign-in could be required need none.
  if (!boardColumns.some((c) => c.name === 'sign_in_required')) db.exec('ALTER TABLE boards ADD COLUMN sign_in_required INTEGER NOT NULL DEFAULT 0')
  // Boards from before the export setting was kept beside them: NULL, their document says (`exportSetting.ts`).
  if (!boardColumns.some((c) => c.name === 'observers_may_export')) db.exec('ALTER TABLE boards ADD COLUMN observers_may_export INTEGER')
  // Boards from before links were kept for facilitators keep none until one is made or shown.
  const tokenColumns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('board_tokens')").all()
  if (!tokenColumns.some((c) => c.name === 'sealed_link')) db.exec('ALTER TABLE board_tokens ADD COLUMN sealed_link BLOB')
  // Networks from before their own use was noted count from their creation (and their boards' uses).
  const networkColumns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('networks')").all()
  if (!networkColumns.some((c) => c.name === 'last_used_at')) db.exec('ALTER TABLE networks ADD COLUMN last_used_at TEXT')
  // Networks from before the pack remembered its open items have made no pack yet (`server/documents/packMemory.ts`).
  if (!networkColumns.some((c) => c.name === 'pack_memory')) db.exec('ALTER TABLE networks ADD COLUMN pack_memory TEXT')
  // Network boards from before bodies (Gremien) were named belong to none.
  const networkBoardColumns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('network_boards')").all()
  if (!networkBoardColumns.some((c) => c.name === 'body')) db.exec("ALTER TABLE network_boards ADD COLUMN body TEXT NOT NULL DEFAULT ''")
  // Boards from before each template's own last change was noted count from the board's (`server/documents/templateDays.ts`).
  if (!networkBoardColumns.some((c) => c.name === 'template_days')) db.exec('ALTER TABLE network_boards ADD COLUMN template_days TEXT')
}

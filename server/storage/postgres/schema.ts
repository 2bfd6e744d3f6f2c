/** PostgreSQL's tables: the same as SQLite's (`../sqlite/schema.ts`), with BYTEA for blobs. */

/**
 * Text columns that are compared or sorted (ids, ISO timestamps, authors) use the "C" collation:
 * byte order, as SQLite's BINARY, whatever locale the database was created with.
 * `versions.rowid` stands in for SQLite's implicit rowid: the order of insertion among versions
 * saved at the same instant.
 */
export const schema = `
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
  -- NULL for boards from before the export setting was kept beside them: their document says (server/judge/exportSetting.ts).
  ALTER TABLE boards ADD COLUMN IF NOT EXISTS observers_may_export BOOLEAN;
  -- Boards from before their changes were noted: unknown until the next change.
  ALTER TABLE boards ADD COLUMN IF NOT EXISTS changed_at TEXT COLLATE "C";
  CREATE TABLE IF NOT EXISTS board_owners (
    board_id TEXT COLLATE "C" PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    owner INTEGER NOT NULL,
    epoch BIGINT NOT NULL
  );
  -- Append-only (server/audit/auditTrail.ts); no foreign key: a board's deletion row outlives the board.
  CREATE TABLE IF NOT EXISTS audit (
    seq BIGSERIAL PRIMARY KEY,
    at TEXT COLLATE "C" NOT NULL,
    action TEXT COLLATE "C" NOT NULL,
    board_id TEXT COLLATE "C",
    actor TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_by_time ON audit(at);
  CREATE INDEX IF NOT EXISTS audit_by_board ON audit(board_id);
  -- The hash chain (server/base/auditChain.ts); rows from before it are chained at the next start (postgres/auditLog.ts).
  ALTER TABLE audit ADD COLUMN IF NOT EXISTS chain_seq BIGINT;
  ALTER TABLE audit ADD COLUMN IF NOT EXISTS prev_hash TEXT COLLATE "C";
  ALTER TABLE audit ADD COLUMN IF NOT EXISTS body_hash TEXT COLLATE "C";
  ALTER TABLE audit ADD COLUMN IF NOT EXISTS hash TEXT COLLATE "C";
  CREATE UNIQUE INDEX IF NOT EXISTS audit_by_chain ON audit(chain_seq);
  -- Sign-ins (server/auth/sessions.ts), under the hash of the cookie's id.
  CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT COLLATE "C" PRIMARY KEY,
    kind TEXT COLLATE "C" NOT NULL,
    data TEXT NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions(expires_at);
  -- Networks (server/storage/Networks.ts): a board is in at most one; its row goes with the board.
  CREATE TABLE IF NOT EXISTS networks (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    target_group TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    token_hash TEXT COLLATE "C" NOT NULL
  );
  CREATE TABLE IF NOT EXISTS network_boards (
    board_id TEXT COLLATE "C" PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    network_id TEXT COLLATE "C" NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    phase TEXT COLLATE "C" NOT NULL,
    internal BOOLEAN NOT NULL,
    added_at TEXT COLLATE "C" NOT NULL,
    sealed_token BYTEA NOT NULL
  );
  CREATE INDEX IF NOT EXISTS network_boards_by_network ON network_boards(network_id, added_at);
  -- Networks from before their own use was noted count from their creation (and their boards' uses).
  ALTER TABLE networks ADD COLUMN IF NOT EXISTS last_used_at TEXT COLLATE "C";
  -- Networks from before the pack remembered its open items have made no pack yet (server/documents/packMemory.ts).
  ALTER TABLE networks ADD COLUMN IF NOT EXISTS pack_memory TEXT;
  -- What a network keeps of a board retention deleted (server/storage/RetentionSchedule.ts).
  CREATE TABLE IF NOT EXISTS network_tombstones (
    seq BIGSERIAL PRIMARY KEY,
    network_id TEXT COLLATE "C" NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    phase TEXT COLLATE "C" NOT NULL,
    deleted_at TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX IF NOT EXISTS network_tombstones_by_network ON network_tombstones(network_id);
  -- What retention deleted of a network, kept as board archives for RETENTION_ARCHIVE_DAYS (server/storage/RetentionArchives.ts); they go with the network.
  CREATE TABLE IF NOT EXISTS retention_archives (
    network_id TEXT COLLATE "C" NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    board_id TEXT COLLATE "C" NOT NULL,
    title TEXT NOT NULL,
    phase TEXT NOT NULL,
    sign_in_required BOOLEAN NOT NULL,
    archived_at TEXT COLLATE "C" NOT NULL,
    keep_until TEXT COLLATE "C" NOT NULL,
    archive BYTEA NOT NULL,
    PRIMARY KEY (network_id, board_id)
  );
  CREATE INDEX IF NOT EXISTS retention_archives_by_end ON retention_archives(keep_until);
  -- Which warnings of a network's deletion went out, and for which date (server/ops/retentionWarnings.ts).
  CREATE TABLE IF NOT EXISTS retention_notices (
    network_id TEXT COLLATE "C" NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    kind TEXT COLLATE "C" NOT NULL,
    delete_after TEXT COLLATE "C" NOT NULL,
    noted_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (network_id, kind)
  );
  -- Digests by e-mail that signed-in people asked for (server/storage/NetworkDigests.ts); they go with the network.
  CREATE TABLE IF NOT EXISTS network_digests (
    network_id TEXT COLLATE "C" NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    actor TEXT COLLATE "C" NOT NULL,
    email TEXT NOT NULL,
    locale TEXT COLLATE "C" NOT NULL,
    token_hash TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    sent_at TEXT COLLATE "C",
    seen TEXT NOT NULL,
    PRIMARY KEY (network_id, actor)
  );
  -- Network boards from before bodies (Gremien) were named belong to none.
  ALTER TABLE network_boards ADD COLUMN IF NOT EXISTS body TEXT NOT NULL DEFAULT '';
  -- Boards from before each template's own last change was noted count from the board's (server/documents/templateDays.ts).
  ALTER TABLE network_boards ADD COLUMN IF NOT EXISTS template_days TEXT;
  -- A network's pack link (server/storage/NetworkLinks.ts): its hash, its token sealed under the network link's; goes with the network.
  CREATE TABLE IF NOT EXISTS network_pack_links (
    network_id TEXT COLLATE "C" PRIMARY KEY REFERENCES networks(id) ON DELETE CASCADE,
    token_hash TEXT COLLATE "C" NOT NULL,
    sealed_token BYTEA NOT NULL
  );
  -- Who holds each Yjs client id written on a board (server/judge/clientIds.ts).
  CREATE TABLE IF NOT EXISTS client_ids (
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    client BIGINT NOT NULL,
    holder TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (board_id, client)
  );
`

/**
 * Run at every start, after the tables (`schemaUpgrade.ts`), also when they are current: an older
 * release's relay in the same group may still have written such rows. Row locks only.
 * Sign-ins from before tokens were sealed held the provider's raw ID token: they end (sign in once more).
 */
export const everyStart = `DELETE FROM sessions WHERE kind = 'session' AND data LIKE '%"idToken":"%'`

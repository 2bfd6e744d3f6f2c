/** Relay settings, read once from the environment; bad values fail at startup with a clear message. */
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { appRoot } from '../base/appRoot.ts'
import { auditKey, auditKeyMinLength, type AuditKey } from '../base/auditKey.ts'
import { pacings, type Pacing } from '../room/fanOutPacing.ts'
import { defaultMaxRefusalsPerMinute, defaultNewWritersPerAddressPerDay, versionDefaults } from '../judge/roomDefaults.ts'
import { z } from 'zod'
import { isPasswordHash } from '../auth/creatorPassword.ts'
import { groupList } from '../auth/groupRights.ts'
import type { CreatorSettings } from '../auth/creatorSettings.ts'
import { parseTrustedProxies, type TrustedProxies } from '../limits/trustedProxies.ts'
import { hostName } from '../links/joinAddress.ts'
import { logLevels, type LogLevel } from '../base/logger.ts'
import { parseSentinelHosts, type RedisSentinels } from '../redis/redisSentinels.ts'
import { signInPolicies, signInPolicy, type SignInPolicy } from '../auth/signInPolicy.ts'

const bytes = (fallback: number) => z.coerce.number().int().positive().default(fallback)
const MiB = 1024 * 1024

/** Every setting the relay reads from its environment (exported so deployment files can be checked against it). */
export const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL instead of the SQLite file in DATA_DIR: postgres://user:password@host/db. */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /** Redis for several relay processes (on one machine or several) sharing DATABASE_URL. */
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
    .optional(),
  /** Sentinels to ask for the Redis master (`host:port,…`); REDIS_URL then gives password and database only. */
  REDIS_SENTINELS: z.string().trim().optional(),
  REDIS_SENTINEL_NAME: z.string().trim().min(1).default('mymaster'),
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
  /** Relay processes on this machine (with REDIS_URL; one per core, at most 8, unless set). */
  WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  TLDRAW_LICENSE_KEY: z.string().trim().optional(),
  /** Tests only: the public key licence keys are checked against instead of tldraw's (base64 SPKI). */
  TLDRAW_LICENSE_PUBLIC_KEY: z.string().trim().optional(),
  MAX_MESSAGE_BYTES: bytes(16 * MiB),
  /**
   * A board's stored document (snapshot and updates). 5,000 notes make about 5 MB; a board at the
   * limit costs some 20 bytes of heap per stored byte and seconds to open (`bench/boardSize.ts`).
   */
  MAX_BOARD_BYTES: bytes(32 * MiB),
  /** Updates one board takes per second, from all its writers together. */
  MAX_BOARD_UPDATE_BYTES_PER_SECOND: bytes(16 * MiB),
  // Dragging sends about 60 updates a second: some 80 people at once on one board.
  MAX_BOARD_UPDATES_PER_SECOND: z.coerce.number().int().positive().default(5000),
  MAX_ASSET_BYTES: bytes(10 * MiB),
  MAX_SEND_BUFFER_BYTES: bytes(32 * MiB),
  TICK_MS: z.coerce.number().int().min(1).max(1000).default(40),
  FAN_OUT_PACING: z.enum(pacings).default('cost'),
  /** permessage-deflate on the sockets (`socketCompression.ts`); `off` only to compare (the bench measures both). */
  SOCKET_COMPRESSION: z.enum(['on', 'off']).default('on'),
  UNLOAD_DELAY_MS: z.coerce.number().int().min(0).default(10_000),
  MAX_DB_BYTES: z.coerce.number().int().positive().optional(),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().positive().default(500),
  MAX_MESSAGES_PER_SECOND: z.coerce.number().int().positive().default(200),
  /** Updates the declaration refused, per address, board and minute, before the rest are turned away unjudged. */
  MAX_REFUSALS_PER_MINUTE: z.coerce.number().int().positive().default(defaultMaxRefusalsPerMinute),
  /** Writers new to a board one address may bring per day, a burst of as many (`newWriters.ts`); a venue NAT must fit. */
  NEW_WRITERS_PER_ADDRESS_PER_DAY: z.coerce.number().int().positive().default(defaultNewWritersPerAddressPerDay),
  // A plenary of 300 behind one venue NAT must fit: fairness comes from the per-connection limits.
  MAX_CONNECTIONS_PER_BOARD: z.coerce.number().int().positive().default(500),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().positive().default(500),
  /** Sync answers (the board as joiners receive it) per address and minute; a venue NAT must fit. */
  MAX_SYNC_BYTES_PER_MINUTE: bytes(256 * MiB),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('')
    .refine((value) => !['1', 'true', 'yes'].includes(value.toLowerCase()), {
      message: 'name the reverse proxies instead: their addresses or CIDR ranges, e.g. TRUST_PROXY=127.0.0.1 or 172.28.0.0/16',
    }),
  /** CSP frame-ancestors: which sites may show the board in a frame ('none': no site). */
  FRAME_ANCESTORS: z.string().trim().min(1).regex(/^[^;,\r\n]+$/, 'one CSP source list, without ; or ,').default("'none'"),
  MAX_AWARENESS_BYTES: bytes(32 * 1024),
  /**
   * Awareness one connection may have passed on per second. Our client sends its presence at
   * most 25 times a second, 1–6 KB while dragging a selection, 16 KiB at most (`presenceBridge.ts`).
   */
  MAX_AWARENESS_BYTES_PER_SECOND: bytes(256 * 1024),
  /**
   * Awareness states one address may have a board hold, all its sockets together, and all
   * addresses on a board together (`awarenessBudget.ts`). A venue of 300 behind one NAT holds
   * 0.2–2 MB (1–6 KB each); 60 sockets of one read-only link used to park 7.4 MB.
   */
  MAX_AWARENESS_BYTES_PER_ADDRESS: bytes(4 * MiB),
  MAX_AWARENESS_BYTES_PER_BOARD: bytes(16 * MiB),
  /** Awareness one address may have passed on per second, all its sockets together; past it changes wait for the next. */
  MAX_AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: bytes(1 * MiB),
  /** Open TCP connections per address, counted at accept (websockets and HTTP alike); trusted proxies are exempt. */
  MAX_HTTP_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().positive().optional(),
  /** Worker threads that decode boards for exports, reports, packs and PDFs (`documentWorkers.ts`). */
  DOCUMENT_WORK_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  /** How long one export, report, pack or PDF may take in its worker before it is stopped and answered 503. */
  DOCUMENT_WORK_MS: z.coerce.number().int().positive().default(30_000),
  /** How long a client may take to send a request's headers. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** How often our clients hear of people outside their view (`presenceFanOut.ts`). */
  FAR_PRESENCE_MS: z.coerce.number().int().positive().default(2000),
  /** Creating boards from other machines: a scrypt hash from `npm run admin -- hash-password`. */
  CREATOR_PASSWORD_HASH: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || isPasswordHash(value), { message: 'not a hash from `npm run admin -- hash-password`' }),
  /** …or an OpenID Connect provider (e.g. Keycloak realm URL). */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** The ID token claim with the person's groups, and which groups may create, facilitate, join (comma-separated; unset: everyone signed in). */
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).default('groups'),
  OIDC_CREATOR_GROUPS: z.string().optional(),
  OIDC_FACILITATOR_GROUPS: z.string().optional(),
  OIDC_MEMBER_GROUPS: z.string().optional(),
  /** How often a sign-in's groups are read again at the provider (refresh token); a group removed there takes at most this long. */
  OIDC_RECHECK_SECONDS: z.coerce.number().int().min(1).max(43_200).default(300),
  /** Sign-in as the server's rule for boards (`auth/signInPolicy.ts`), and which links it covers under `required`. */
  SIGN_IN_POLICY: z.enum(signInPolicies).default('off'),
  SIGN_IN_FOR: z.string().optional(),
  /** Whether a direct request from this machine may create boards without sign-in; unset: allow unless PUBLIC_URL is https. */
  LOCAL_CREATION: z.enum(['allow', 'deny']).optional(),
  /** Bearer token for GET /metrics; without it /metrics is open only on loopback without PUBLIC_URL (`http/exposure.ts`). */
  METRICS_TOKEN: z.string().trim().min(16, 'at least 16 characters').optional(),
  /** The address people use to reach the server (https://… behind a proxy); the OIDC redirect is built from it. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Names the relay answers to besides loopback, its own addresses and PUBLIC_URL's host
   * (comma-separated, without port; `*`: any). A request naming another Host gets 421: DNS rebinding.
   */
  ALLOWED_HOSTS: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '*' || value.split(',').every((name) => !name.trim() || /^[a-z0-9.\-_:\[\]]+$/i.test(name.trim())), {
      message: 'host names separated by commas, without scheme or path (e.g. ALLOWED_HOSTS=whiteboard.intern,netzwerkstatt), or *',
    }),
  MAX_BOARDS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  MAX_BOARD_ASSET_BYTES: bytes(100 * MiB),
  /** Boards nobody opened for this many days are deleted; 0 keeps boards for ever. */
  BOARD_RETENTION_DAYS: z.coerce.number().min(0).default(365),
  /** Days before retention deletes a network's boards that its warnings start (a log line, a mail where SMTP_URL is set); 0: none. */
  RETENTION_WARN_DAYS: z.coerce.number().min(0).default(28),
  /** Days a network's boards deleted by retention are kept as archives its link downloads; 0: none kept. */
  RETENTION_ARCHIVE_DAYS: z.coerce.number().min(0).default(90),
  /** Audit rows older than this many days are dropped; 0 keeps them for ever. */
  AUDIT_RETENTION_DAYS: z.coerce.number().min(0).default(365),
  /** Each audit row also as a JSON line on stdout, for a SIEM (`auditLines`, server/audit/auditTrail.ts). */
  AUDIT_STDOUT: z.enum(['0', '1']).default('0'),
  /** The audit chain's key (`server/base/auditKey.ts`), or AUDIT_KEY_FILE: a file holding it (a mounted secret). */
  AUDIT_KEY: z.string().trim().min(auditKeyMinLength, `at least ${auditKeyMinLength} characters`).optional(),
  AUDIT_KEY_FILE: z.string().optional(),
  VERSION_INTERVAL_MINUTES: z.coerce.number().min(0).default(versionDefaults.versionIntervalMs / 60_000),
  VERSIONS_KEPT: z.coerce.number().int().min(0).default(versionDefaults.versionsKept),
  VERSION_MAX_AGE_DAYS: z.coerce.number().positive().default(versionDefaults.versionMaxAgeDays),
  /** Named versions per board and hour: each is a full copy of the board, kept until the board goes. */
  /** People (author ids) whose private notes one round of private writing keeps; each id is made up by a browser. */
  MAX_PRIVATE_WRITERS_PER_ROUND: z.coerce.number().int().positive().default(500),
  /** Bytes of private notes one writer keeps in a round (their whole list, as JSON). */
  MAX_PRIVATE_BYTES_PER_WRITER: bytes(128 * 1024),
  MAX_NAMED_VERSIONS_PER_HOUR: z.coerce.number().int().positive().default(versionDefaults.maxNamedVersionsPerHour),
  /** The operator's mail relay for the network digest (`digest/`): smtp://user:password@host:587 or smtps://…:465. Unset: no mail at all. */
  SMTP_URL: z.string().trim().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
  /** The digest's sender, e.g. `Netzwerkstatt <netzwerkstatt@example.org>`. */
  MAIL_FROM: z.string().trim().min(3).max(200).optional(),
  /** Days between two digests to one person (fractions allowed). */
  DIGEST_EVERY_DAYS: z.coerce.number().positive().default(7),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  /** Set: boards live in PostgreSQL; unset: in DATA_DIR's SQLite file. Never logged (it may hold a password). */
  databaseUrl: string | null
  /** Set: one of several relay processes, which reach each other through this Redis. Never logged. */
  redisUrl: string | null
  /** Set: REDIS_URL's master is found through these Sentinels (`cluster/redisClient.ts`). Never logged. */
  redisSentinel: RedisSentinels | null
  /** Relay processes this machine runs behind its one port (`cluster/primary.ts`). */
  workers: number
  logLevel: LogLevel
  tldrawLicenseKey: string | null
  /** Tests only: checks licence keys against this public key instead of tldraw's. */
  tldrawLicensePublicKey: string | null
  /** Which sites may frame the app (CSP frame-ancestors). */
  frameAncestors: string
  /** Whether the relay agrees to permessage-deflate when a client offers it. */
  socketCompression: boolean
  /** Days a board may go unused before it is deleted; 0: never. */
  retentionDays: number
  /** RETENTION_WARN_DAYS: how long before a network's deletion it is warned of; 0: not at all. */
  retentionWarnDays: number
  /** RETENTION_ARCHIVE_DAYS: how long a network's deleted boards are kept as archives; 0: not at all. */
  retentionArchiveDays: number
  /** Days an audit row is kept; 0: for ever. */
  auditRetentionDays: number
  /** AUDIT_STDOUT=1: audit rows also on stdout. */
  auditStdout: boolean
  /** AUDIT_KEY (or AUDIT_KEY_FILE's content): keys the audit chain and signs its checkpoints; null: an unkeyed chain. */
  auditKey: AuditKey | null
  /** Bearer token /metrics asks for, or null (then open on a laptop's loopback, else closed). */
  metricsToken: string | null
  /** Who may create boards from other machines than the server's own. */
  creators: CreatorSettings
  /** SIGN_IN_POLICY and SIGN_IN_FOR: the sign-in no board goes below. */
  signInPolicy: SignInPolicy
  /** LOCAL_CREATION: whether a request straight from this machine (loopback or its own address, no proxy header) may create boards without sign-in. */
  localCreation: boolean
  /** Worker threads for exports, reports, packs and PDFs, and how long one may take. */
  documentWork: { threads: number; timeoutMs: number }
  /** PUBLIC_URL's origin, or null: the address the join screen shows when set. */
  publicUrl: string | null
  /** ALLOWED_HOSTS: further Host names the relay answers to (`http/hostCheck.ts`), lower case; '*': any. */
  allowedHosts: string[] | '*'
  /** Optional cap on the SQLite file, so one instance cannot fill a shared disk. */
  maxDbBytes: number | null
  /** The network digest by e-mail (`digest/`), or null: SMTP_URL unset, no mail is ever sent. Never logged (the URL may hold a password). */
  digest: DigestSettings | null
  clientDir: string
  limits: RelayLimits
}

export interface RelayLimits {
  maxMessageBytes: number
  maxAssetBytes: number
  /** A board's stored document; an update past it is refused, a board stored past it is not opened. */
  maxBoardBytes: number
  /** What all writers of one board together may send per second; past it the heaviest is cut off. */
  maxBoardUpdateBytesPerSecond: number
  maxBoardUpdatesPerSecond: number
  /** All images and videos of one board together: one link holder cannot fill the disk. */
  maxBoardAssetBytes: number
  /** Per client address: whoever reaches the server must not be able to create boards by the thousand. */
  maxBoardsPerMinute: number
  /** A connection whose unsent data exceeds this is cut off instead of buffered further. */
  maxSendBufferBytes: number
  /** Fan-out period: updates and awareness of one tick go out as one message per recipient. */
  tickMs: number
  pacing: Pacing
  /** How long an idle room stays in memory after its last client left. */
  unloadDelayMs: number
  compactAfterUpdates: number
  heartbeatMs: number
  /** Sustained rate per connection; bursts of twice as many pass (a burst of cursor moves). */
  maxMessagesPerSecond: number
  maxConnectionsPerBoard: number
  /** Counted per client address: a whole office behind one NAT shares one. */
  maxConnectionsPerAddress: number
  /** Bytes of sync answers per client address and minute (`syncBudget.ts`): reconnect loops stop here. */
  maxSyncBytesPerMinute: number
  /** The reverse proxies whose X-Forwarded-For entries count; null: none, the socket's peer is the client. */
  trustedProxies: TrustedProxies | null
  /** One awareness state (cursor, selection, name); everyone receives each one. */
  maxAwarenessBytes: number
  /** A y-websocket client uses one awareness id per connection; a little room for reconnects. */
  maxAwarenessClientIds: number
  /** Awareness bytes per second and connection; bursts of twice as many pass. */
  maxAwarenessBytesPerSecond: number
  /** Awareness states held per address and board, and per board (`awarenessBudget.ts`). */
  maxAwarenessBytesPerAddress: number
  maxAwarenessBytesPerBoard: number
  /** Awareness bytes per second and address, all its sockets together; bursts of twice as many pass. */
  maxAwarenessBytesPerSecondPerAddress: number
  /** Open TCP connections per client address (the socket's peer), counted at accept. */
  maxHttpConnectionsPerAddress: number
  /** Node's headersTimeout: a request whose headers take longer is answered 408 and closed. */
  httpHeadersTimeoutMs: number
  farPresenceMs: number
  maxWaitingBytes: number
  /** Refused updates per address, board and minute (`Room.ts`). */
  maxRefusalsPerMinute: number
  /** Writers new to a board per address and day whose presence may reserve their id (`newWriters.ts`). */
  newWritersPerAddressPerDay: number
  /** Automatic versions: at most one per interval of editing; how many and how old are kept. */
  versionIntervalMs: number
  versionsKept: number
  versionMaxAgeDays: number
  /** Named versions per board and hour (`versionPolicy.ts`). */
  maxNamedVersionsPerHour: number
  /** What one round of private writing keeps (`privateApi.ts`). */
  maxPrivateWritersPerRound: number
  maxPrivateBytesPerWriter: number
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (compose files pass `VAR: ${VAR:-}` through).
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')))
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`invalid configuration: ${problems}`)
  }
  const e = parsed.data
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error('invalid configuration: REDIS_URL needs DATABASE_URL: several relay processes share their boards through PostgreSQL')
  }
  if (e.REDIS_SENTINELS && !e.REDIS_URL) {
    throw new Error('invalid configuration: REDIS_SENTINELS needs REDIS_URL (redis://:password@mymaster/0: its password and database; the host is found through the Sentinels)')
  }
  if ((e.WORKERS ?? 1) > 1 && !e.REDIS_URL) {
    throw new Error('invalid configuration: WORKERS above 1 needs REDIS_URL and DATABASE_URL (the processes coordinate through them)')
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisSentinel: e.REDIS_SENTINELS ? { hosts: sentinelHosts(e.REDIS_SENTINELS), name: e.REDIS_SENTINEL_NAME, password: e.REDIS_SENTINEL_PASSWORD ?? null } : null,
    // A container's CPU quota is not seen here: past 8 cores, set WORKERS.
    workers: e.WORKERS ?? (e.REDIS_URL ? Math.min(availableParallelism(), 8) : 1),
    logLevel: e.LOG_LEVEL,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY || null,
    tldrawLicensePublicKey: e.TLDRAW_LICENSE_PUBLIC_KEY || null,
    frameAncestors: e.FRAME_ANCESTORS,
    socketCompression: e.SOCKET_COMPRESSION === 'on',
    creators: creatorSettings(e),
    signInPolicy: signInPolicyFrom(e),
    localCreation: (e.LOCAL_CREATION ?? (e.PUBLIC_URL?.startsWith('https:') ? 'deny' : 'allow')) === 'allow',
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : null,
    allowedHosts:
      e.ALLOWED_HOSTS === '*'
        ? '*'
        : e.ALLOWED_HOSTS.split(',')
            .map((name) => name.trim())
            .filter(Boolean)
            .map((name) => hostName(name) ?? name.toLowerCase()),
    metricsToken: e.METRICS_TOKEN ?? null,
    retentionDays: e.BOARD_RETENTION_DAYS,
    retentionWarnDays: e.RETENTION_WARN_DAYS,
    retentionArchiveDays: e.RETENTION_ARCHIVE_DAYS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    auditStdout: e.AUDIT_STDOUT === '1',
    auditKey: auditKeyOf(e.AUDIT_KEY, e.AUDIT_KEY_FILE),
    documentWork: { threads: e.DOCUMENT_WORK_THREADS, timeoutMs: e.DOCUMENT_WORK_MS },
    maxDbBytes: e.MAX_DB_BYTES ?? null,
    digest: digestSettings(e),
    clientDir: resolve(appRoot, 'dist', 'client'),
    limits: {
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxAssetBytes: e.MAX_ASSET_BYTES,
      maxBoardBytes: e.MAX_BOARD_BYTES,
      maxBoardUpdateBytesPerSecond: e.MAX_BOARD_UPDATE_BYTES_PER_SECOND,
      maxBoardUpdatesPerSecond: e.MAX_BOARD_UPDATES_PER_SECOND,
      maxBoardAssetBytes: e.MAX_BOARD_ASSET_BYTES,
      maxBoardsPerMinute: e.MAX_BOARDS_PER_MINUTE,
      maxSendBufferBytes: e.MAX_SEND_BUFFER_BYTES,
      tickMs: e.TICK_MS,
      pacing: e.FAN_OUT_PACING,
      unloadDelayMs: e.UNLOAD_DELAY_MS,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
      // A vanished peer is noticed within one to two periods.
      heartbeatMs: 15_000,
      maxMessagesPerSecond: e.MAX_MESSAGES_PER_SECOND,
      maxConnectionsPerBoard: e.MAX_CONNECTIONS_PER_BOARD,
      maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
      maxSyncBytesPerMinute: e.MAX_SYNC_BYTES_PER_MINUTE,
      trustedProxies: trustedProxiesFrom(e.TRUST_PROXY),
      maxAwarenessBytes: e.MAX_AWARENESS_BYTES,
      maxAwarenessClientIds: 4,
      maxAwarenessBytesPerSecond: e.MAX_AWARENESS_BYTES_PER_SECOND,
      maxAwarenessBytesPerAddress: e.MAX_AWARENESS_BYTES_PER_ADDRESS,
      maxAwarenessBytesPerBoard: e.MAX_AWARENESS_BYTES_PER_BOARD,
      maxAwarenessBytesPerSecondPerAddress: e.MAX_AWARENESS_BYTES_PER_SECOND_PER_ADDRESS,
      // Each websocket is a connection too, and a browser holds a few for its requests besides.
      maxHttpConnectionsPerAddress: e.MAX_HTTP_CONNECTIONS_PER_ADDRESS ?? 2 * e.MAX_CONNECTIONS_PER_ADDRESS,
      httpHeadersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      farPresenceMs: e.FAR_PRESENCE_MS,
      // Two of the largest messages; past that a client writes faster than storage keeps up.
      maxWaitingBytes: 2 * e.MAX_MESSAGE_BYTES,
      maxRefusalsPerMinute: e.MAX_REFUSALS_PER_MINUTE,
      newWritersPerAddressPerDay: e.NEW_WRITERS_PER_ADDRESS_PER_DAY,
      versionIntervalMs: e.VERSION_INTERVAL_MINUTES * 60_000,
      versionsKept: e.VERSIONS_KEPT,
      versionMaxAgeDays: e.VERSION_MAX_AGE_DAYS,
      maxNamedVersionsPerHour: e.MAX_NAMED_VERSIONS_PER_HOUR,
      maxPrivateWritersPerRound: e.MAX_PRIVATE_WRITERS_PER_ROUND,
      maxPrivateBytesPerWriter: e.MAX_PRIVATE_BYTES_PER_WRITER,
    },
  }
}

function trustedProxiesFrom(setting: string): TrustedProxies | null {
  try {
    return parseTrustedProxies(setting)
  } catch (error) {
    throw new Error(`invalid configuration: TRUST_PROXY: ${(error as Error).message}`)
  }
}

function signInPolicyFrom(e: z.infer<typeof Env>): SignInPolicy {
  try {
    return signInPolicy(e.SIGN_IN_POLICY, e.SIGN_IN_FOR, e.OIDC_ISSUER !== undefined)
  } catch (error) {
    throw new Error(`invalid configuration: ${(error as Error).message}`)
  }
}

export interface DigestSettings {
  smtpUrl: string
  from: string
  everyMs: number
  /** Where the links in a digest lead (PUBLIC_URL). */
  publicUrl: URL
}

function digestSettings(e: z.infer<typeof Env>): DigestSettings | null {
  if (!e.SMTP_URL) return null
  if (!e.MAIL_FROM || !e.PUBLIC_URL) {
    throw new Error('invalid configuration: SMTP_URL needs MAIL_FROM (the sender) and PUBLIC_URL (where the links in a digest lead)')
  }
  return { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, everyMs: e.DIGEST_EVERY_DAYS * 86_400_000, publicUrl: new URL('/', e.PUBLIC_URL) }
}

function creatorSettings(e: z.infer<typeof Env>): CreatorSettings {
  const publicUrl = e.PUBLIC_URL ? new URL(e.PUBLIC_URL) : null
  let oidc: CreatorSettings['oidc'] = null
  if (e.OIDC_ISSUER) {
    if (!e.OIDC_CLIENT_ID || !publicUrl) {
      throw new Error('invalid configuration: OIDC_ISSUER needs OIDC_CLIENT_ID and PUBLIC_URL (the address people open, for the redirect back)')
    }
    oidc = {
      issuer: new URL(e.OIDC_ISSUER),
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET ?? null,
      redirectUri: new URL('/api/auth/oidc/callback', publicUrl),
      groupsClaim: e.OIDC_GROUPS_CLAIM,
      recheckSeconds: e.OIDC_RECHECK_SECONDS,
    }
  }
  return {
    passwordHash: e.CREATOR_PASSWORD_HASH || null,
    oidc,
    groups: { creator: groupList(e.OIDC_CREATOR_GROUPS), facilitator: groupList(e.OIDC_FACILITATOR_GROUPS), member: groupList(e.OIDC_MEMBER_GROUPS) },
    publicUrl: publicUrl && new URL('/', publicUrl),
    secureCookies: publicUrl?.protocol === 'https:',
  }
}

function sentinelHosts(list: string): RedisSentinels['hosts'] {
  try {
    const hosts = parseSentinelHosts(list)
    if (hosts.length > 0) return hosts
  } catch {
    // said below
  }
  throw new Error('invalid configuration: REDIS_SENTINELS must be host:port, separated by commas')
}

/** AUDIT_KEY or the content of AUDIT_KEY_FILE (not both: which one counts would be a guess). */
function auditKeyOf(value: string | undefined, file: string | undefined): AuditKey | null {
  if (value && file) throw new Error('invalid configuration: AUDIT_KEY and AUDIT_KEY_FILE are both set; keep one')
  if (!file) return value ? auditKey(value) : null
  let content: string
  try {
    content = readFileSync(file, 'utf8').trim()
  } catch (error) {
    throw new Error(`invalid configuration: AUDIT_KEY_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  if (content.length < auditKeyMinLength) throw new Error(`invalid configuration: AUDIT_KEY_FILE: at least ${auditKeyMinLength} characters`)
  return auditKey(content)
}

/**
 * The audit trail: who did what to which board, for the data-protection officer ("who deleted
 * this board?"). Rows hold a time, an action, a board id and a pseudonymous actor, never a
 * name, a token or anything of a board's content (see docs/datenschutz.md).
 *
 * Actors: a connection's author id (`author:…`), a board link as a hash of its role and board
 * (`link:facilitator:…`, the same for every holder of that link; never the token), an OIDC
 * subject as a salted hash (`oidc:…`), the operator's `npm run admin` (`admin`), the retention
 * sweep (`retention`), a network's coordinator link as a hash of the network's id (`network:…`,
 * for networks created, deleted and their links renewed, boards opened through it, deleted with it
 * or their facilitator link renewed by it, packs downloaded with it), a network's pack link as
 * another hash of its id (`pack:…`, packs downloaded with it), and `unknown`
 * where nobody could be told apart (a failed sign-in).
 *
 * Signed-in people: a session of the provider is its subject's pseudonym (`oidc:…`); a session of
 * the creator password, where there is nobody to name, a random pseudonym of its own
 * (`password:…`), the same from its sign-in to its sign-out. A board made from the server's own
 * machine without a sign-in is `local`.
 *
 * A board's rows go with the board: they keep their place in the hash chain (`auditChain.ts`),
 * reduced to their time and a hash of the board id, and are listed no more. Its deletion row
 * stays, with only that hash: whoever knows the id (from the link) can find out who deleted the
 * board, while the server keeps no list of the ids of boards it once held. Board ids are 128
 * random bits, so the hash cannot be reversed by trying ids.
 *
 * Rows are chained by hash (`auditChain.ts`, `npm run admin -- audit verify`), keyed with
 * AUDIT_KEY, and, with AUDIT_STDOUT, also written to stdout as one JSON line each (`type: "audit"`)
 * for a SIEM, each a signed checkpoint where the chain is keyed (`auditCheckpoints.ts`). The
 * admin command line's rows reach stdout through the relay (`auditForwarding.ts`).
 */
import { createHmac, randomBytes } from 'node:crypto'
import { hashedBoard, keyedUnder, sha256 } from '../base/auditChain.ts'
import { createLogger, describeError, type Logger } from '../base/logger.ts'
import type { Role } from '../../shared/access.ts'
import type { AuditEntry, Storage } from '../storage/Storage.ts'
import type { ChainedRow } from '../base/auditChain.ts'
import { checkpointOf } from '../base/auditCheckpoints.ts'
import type { AuditKey } from '../base/auditKey.ts'

export const auditActions = [
  'board-deleted',
  'link-replaced',
  'version-restored',
  'exports-released',
  'vote-revealed',
  /** An „Einverstanden?“ round closed: its outcome became part of the record (and a Beschluss). */
  'round-closed',
  'private-revealed',
  'sign-in-failed:password',
  'sign-in-failed:oidc',
  'join-code-failed',
  /** An address spent its wrong join codes for the hour: one row stands for all it tries after. */
  'join-codes-refused',
  'sign-in-required-changed',
  'admin:export',
  'admin:export-all',
  'admin:backup',
  'admin:restore',
  'admin:export-board',
  'admin:import-board',
  'network-created',
  'network-deleted',
  /** A board's facilitator link renewed (by that link or by its network): the actor says which. */
  'facilitator-link-renewed',
  'network-link-renewed',
  'pack-link-renewed',
  /** The pack downloaded: the actor says with which link (the network's or the pack link). */
  'pack-downloaded',
  /** A board retention deleted from a network, downloaded as its kept archive with the network's link. */
  'archive-downloaded',
  /** A board opened through its network's link (a socket), as its facilitator. */
  'board-opened:network',
  'signed-in:password',
  'signed-in:oidc',
  /** A session ended by its person (or, `signed-out:provider`, by the provider's back-channel logout). */
  'signed-out',
  'signed-out:provider',
  /** A session ended by the group re-check (OIDC_RECHECK_SECONDS): taken out of its groups, or signed out or revoked at the provider. */
  'signed-out:recheck',
  /** Any new board: blank, from templates, from a version, in a network; the actor says who asked. */
  'board-created',
  /** The board's results (or a version's) downloaded as a file: the actor says with which link. */
  'board-exported',
  /** The Dokumentation (report) downloaded or printed. */
  'dokumentation-downloaded',
  /** The board released (a named version the pack and the Dokumentation send). */
  'board-released',
  /** A Fallkonferenz's case removed with its copies after a withdrawn consent: on its board, and on each board holding a carried copy. */
  'case-removed',
  'admin:list',
  'admin:delete',
  'admin:retention',
  'admin:audit',
  /** A relay with AUDIT_KEY started on a chain whose last row was not keyed under it (`auditChain.ts`). */
  'audit-key-in-use',
] as const
export type AuditAction = (typeof auditActions)[number]

export { hashedBoard }

/** A keyed relay's mark on the chain (`markKeyInUse`). */
export const keyInUseAction = 'audit-key-in-use' satisfies AuditAction

export const adminActor = 'admin'
export const unknownActor = 'unknown'
/** The server itself, deleting boards unused for BOARD_RETENTION_DAYS. */
export const retentionActor = 'retention'
export const authorActor = (author: string) => `author:${author}`
/** Everyone holding the board's link of this role is one actor; the token is not part of it. */
export const linkActor = (boardId: string, role: Role) => `link:${role}:${sha256(`${role}:${boardId}`).slice(0, 16)}`
/** A network's coordinator link: a hash of the network's id, never its token or its name. */
export const networkActor = (networkId: string) => `network:${sha256(`network:${networkId}`).slice(0, 16)}`
/** A network's pack link (the Steuerungsgruppe's): a hash of the network's id, apart from the coordinator's. */
export const packActor = (networkId: string) => `pack:${sha256(`pack:${networkId}`).slice(0, 16)}`
/** Salted (keyed) so that a subject known from the organisation's directory cannot be looked up without the salt. */
export const subjectActor = (subject: string, salt: string) => `oidc:${createHmac('sha256', salt).update(subject).digest('hex').slice(0, 16)}`

/** A board made from the server's own machine, without a sign-in. */
export const localActor = 'local'
/** A new session of the creator password: a random pseudonym, kept in the session (never its cookie). */
export const passwordSessionActor = () => `password:${randomBytes(8).toString('hex')}`
/** A signed-in session's pseudonym; `password` for a password session from before they had one. */
export const sessionActor = (session: { actor: string | null }) => session.actor ?? 'password'

/** A connected client: its author id where the browser has one, else its link. */
export const clientActor = (boardId: string, client: { role: Role; author: string | null }) =>
  client.author ? authorActor(client.author) : linkActor(boardId, client.role)

/**
 * AUDIT_STDOUT: each stored row also as one JSON line on stdout, in the logger's shape, with
 * `type: "audit"` for log shippers to pick out and the chain's hashes (whatever LOG_LEVEL says);
 * with AUDIT_KEY also the row's signed checkpoint (`key`, `signature`). `forwarded`: a row another
 * process wrote (the admin command line), passed on by the relay.
 */
export type AuditLine = (row: ChainedRow, forwarded?: boolean) => void

export const auditLines = (write?: (line: string) => void, auditKey: AuditKey | null = null): AuditLine => {
  const lines = createLogger('info', write)
  return (row, forwarded = false) => {
    const signed = auditKey ? checkpointOf(row, auditKey) : null
    lines.info('audit', {
      type: 'audit',
      at: row.at,
      action: row.action,
      board: row.board,
      actor: row.actor,
      seq: row.seq,
      prevHash: row.prevHash,
      hash: row.hash,
      ...(signed ? { key: signed.key, signature: signed.signature } : {}),
      ...(forwarded ? { forwarded: true } : {}),
    })
  }
}

export class AuditTrail {
  constructor(
    private readonly storage: Pick<Storage, 'appendAudit'>,
    private readonly logger: Logger,
    /** AUDIT_STDOUT (`auditLines`). */
    private readonly stdout?: AuditLine,
  ) {}

  /** The places of rows this process stored lately, that the forwarding of others' rows skips. */
  readonly written = new Set<number>()

  /**
   * Appends a row. Never throws: the action itself has happened and must not fail for its audit
   * row; a row that could not be stored is logged (action only, no board, no actor).
   */
  async record(action: AuditAction, board: string | null, actor: string): Promise<void> {
    const entry: AuditEntry = { at: new Date().toISOString(), action, board, actor }
    try {
      const row = await this.storage.appendAudit(entry)
      if (this.stdout) {
        this.written.add(row.seq)
        // Bounded: without forwarding (or while it fails) nobody empties it.
        if (this.written.size > 10_000) this.written.delete(this.written.values().next().value!)
        this.stdout(row)
      }
    } catch (error) {
      this.logger.error('audit row not stored', { action, ...describeError(error) })
    }
  }

  /** A board was deleted: the board's own rows are gone, this one keeps only a hash of its id. */
  boardDeleted(boardId: string, actor: string): Promise<void> {
    return this.record('board-deleted', hashedBoard(boardId), actor)
  }

  /** A network was created or deleted by its coordinator link: the row names no board, only the network's hash. */
  networkEvent(action: 'network-created' | 'network-deleted' | 'network-link-renewed' | 'pack-link-renewed', networkId: string): Promise<void> {
    return this.record(action, null, networkActor(networkId))
  }
}

/**
 * At a keyed relay's start: a chain that does not end in a row under AUDIT_KEY (a new key, or
 * rows from before it) gets one, so that `audit verify` can require the chain to end keyed.
 */
export async function markKeyInUse(storage: Pick<Storage, 'auditLastSeq' | 'auditRowsAfter'>, audit: AuditTrail, auditKey: AuditKey): Promise<void> {
  const seq = await storage.auditLastSeq()
  const last = seq === 0 ? undefined : (await storage.auditRowsAfter(seq - 1, 1))[0]
  if (last && keyedUnder(last, auditKey)) return
  await audit.record(keyInUseAction, null, 'server')
}

/** The rows of a board (its own and its deletion row), or all, from `since` on. */
export function auditRows(storage: Pick<Storage, 'listAudit'>, filter: { board?: string; since?: string } = {}): Promise<AuditEntry[]> {
  return storage.listAudit({
    ...(filter.board ? { boards: [filter.board, hashedBoard(filter.board)] } : {}),
    ...(filter.since ? { since: filter.since } : {}),
  })
}

const dayMs = 24 * 60 * 60_000

/** Drops rows older than `days` (AUDIT_RETENTION_DAYS; 0 keeps them for ever). */
export async function sweepAudit(storage: Pick<Storage, 'dropAuditBefore'>, days: number, now = Date.now()): Promise<number> {
  if (days <= 0) return 0
  return storage.dropAuditBefore(new Date(now - days * dayMs).toISOString())
}

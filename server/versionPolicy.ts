/**
 * Versions of a board: named by the facilitator, and automatic ones while people edit (at most one
 * per interval) and when the last person leaves, if anything changed since the last. Automatic
 * versions beyond the kept number or age are dropped; named ones stay. The room tells the policy
 * of every stored update; the policy saves what the room's doc holds.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { describeError, type Logger } from './logger.ts'
import { versionDefaults } from './roomDefaults.ts'
import type { Storage, VersionRecord } from './storage/Storage.ts'

export interface VersionSettings {
  /** Automatic versions: at most one per this many ms of editing, and one when the last person leaves. */
  versionIntervalMs?: number
  /** Automatic versions kept per board, and for how many days (named ones stay). */
  versionsKept?: number
  versionMaxAgeDays?: number
}

export class VersionPolicy {
  /** Automatic versions: when the last was saved, and whether anything changed since. */
  private lastVersionAt = Date.now()
  private changedSinceVersion = false

  constructor(
    private readonly boardId: string,
    private readonly doc: Y.Doc,
    private readonly storage: Storage,
    private readonly options: VersionSettings,
    private readonly logger: Logger,
    /** Whether the room is closed: then nothing is saved when the last person leaves. */
    private readonly closed: () => boolean,
  ) {}

  /** After an update is stored and applied: an automatic version, if the interval has passed. */
  changed(): void {
    this.changedSinceVersion = true
    const interval = this.options.versionIntervalMs ?? versionDefaults.versionIntervalMs
    if (Date.now() - this.lastVersionAt >= interval) this.saveVersionQuietly()
  }

  /**
   * Saves the board as it is now as a version: named by the facilitator, or automatic (`null`).
   * Automatic versions beyond the kept number or age are dropped; named ones stay.
   */
  async saveVersion(name: string | null): Promise<VersionRecord> {
    this.lastVersionAt = Date.now()
    this.changedSinceVersion = false
    const version = await storeVersion(this.storage, this.logger, this.boardId, this.doc, name)
    const days = this.options.versionMaxAgeDays ?? versionDefaults.versionMaxAgeDays
    const before = new Date(Date.now() - days * 24 * 60 * 60_000).toISOString()
    await this.storage.pruneVersions(this.boardId, this.options.versionsKept ?? versionDefaults.versionsKept, before)
    return version
  }

  /** When the last person leaves: an automatic version, if anything changed since the last one. */
  saveVersionIfChanged(): void {
    if (this.changedSinceVersion && !this.closed()) this.saveVersionQuietly()
  }

  /** An automatic version that fails (disk full) costs nothing else: every update is stored. */
  private saveVersionQuietly(): void {
    this.saveVersion(null).catch((error: unknown) => {
      this.changedSinceVersion = true
      this.logger.error('saving a version failed', { board: this.boardId, ...describeError(error) })
    })
  }
}

/** Stores the doc as it is now as a version of the board (`null`: an automatic one). */
export async function storeVersion(storage: Storage, logger: Logger, boardId: string, doc: Y.Doc, name: string | null): Promise<VersionRecord> {
  const version: VersionRecord = { id: randomBytes(12).toString('base64url'), createdAt: new Date().toISOString(), name }
  await storage.putVersion(boardId, version, Y.encodeStateAsUpdate(doc))
  logger.info('version saved', { board: boardId, named: name !== null })
  return version
}

/**
 * Versions of a board: named by the facilitator, and automatic ones while people edit (at most one
 * per interval) and when the last person leaves, if anything changed since the last. Each is a
 * full copy of the board, so an automatic version on leaving also waits for the interval since
 * the last automatic one, whichever visit saved it (read from storage when the room loads):
 * visits in quick succession make one copy, not one each. Named versions are bounded per board
 * and hour (`namedVersionsRefusal`). Automatic versions beyond the kept number or age are dropped;
 * named ones stay. The room tells the policy of every stored update; the policy saves what the
 * room's doc holds.
 */
import { randomBytes } from 'node:crypto'
import { describeError, type Logger } from '../base/logger.ts'
import { versionDefaults } from '../judge/roomDefaults.ts'
import type { VersionRecord, Versions } from '../storage/Storage.ts'

export interface VersionSettings {
  /** Automatic versions: at most one per this many ms of editing, and one when the last person leaves. */
  versionIntervalMs?: number
  /** Automatic versions kept per board, and for how many days (named ones stay). */
  versionsKept?: number
  versionMaxAgeDays?: number
}

const hourMs = 60 * 60_000

/**
 * Null if the board may have another named version now, else the seconds until it may: counted
 * from the stored versions, so every process and the route without a room count the same.
 */
export async function namedVersionsRefusal(storage: Versions, boardId: string, maxPerHour: number, now = Date.now()): Promise<number | null> {
  const recent = (await storage.listVersions(boardId))
    .filter((v) => v.name !== null)
    .map((v) => Date.parse(v.createdAt))
    .filter((at) => now - at < hourMs)
    .sort((a, b) => a - b)
  if (recent.length < maxPerHour) return null
  return Math.max(1, Math.ceil((recent[recent.length - maxPerHour] + hourMs - now) / 1000))
}

export class VersionPolicy {
  /** Automatic versions: when the last was saved, and whether anything changed since. */
  private lastVersionAt = Date.now()
  private changedSinceVersion = false
  /**
   * When the newest automatic version was saved, by this room or before it was loaded; until
   * storage has said (a moment after loading), as if just now.
   */
  private lastAutomaticAt = Date.now()

  constructor(
    private readonly boardId: string,
    /** The board as one update, as it is when its turn comes (`Room.encodeBoard`). */
    private readonly encode: () => Promise<Uint8Array>,
    private readonly storage: Versions,
    private readonly options: VersionSettings,
    private readonly logger: Logger,
    /** Whether the room is closed: then nothing is saved when the last person leaves. */
    private readonly closed: () => boolean,
  ) {
    let savedMeanwhile = false
    this.savedAutomatic = () => (savedMeanwhile = true)
    storage.listVersions(boardId).then(
      (versions) => {
        if (savedMeanwhile) return
        const automatic = versions.filter((v) => v.name === null).map((v) => Date.parse(v.createdAt))
        this.lastAutomaticAt = Math.max(Number.NEGATIVE_INFINITY, ...automatic.filter((at) => !Number.isNaN(at)))
      },
      (error: unknown) => logger.error('reading the versions failed', { board: boardId, ...describeError(error) }),
    )
  }

  /** Called when this room saves an automatic version: what storage said before is older then. */
  private readonly savedAutomatic: () => void

  private get intervalMs(): number {
    return this.options.versionIntervalMs ?? versionDefaults.versionIntervalMs
  }

  /** After an update is stored and applied: an automatic version, if the interval has passed. */
  changed(): void {
    this.changedSinceVersion = true
    if (Date.now() - this.lastVersionAt >= this.intervalMs) this.saveVersionQuietly()
  }

  /**
   * Saves the board as it is now as a version: named by the facilitator, or automatic (`null`).
   * Automatic versions beyond the kept number or age are dropped; named ones stay.
   */
  async saveVersion(name: string | null): Promise<VersionRecord> {
    this.lastVersionAt = Date.now()
    if (name === null) {
      this.lastAutomaticAt = this.lastVersionAt
      this.savedAutomatic()
    }
    this.changedSinceVersion = false
    const version = await storeVersionState(this.storage, this.logger, this.boardId, await this.encode(), name)
    const days = this.options.versionMaxAgeDays ?? versionDefaults.versionMaxAgeDays
    const before = new Date(Date.now() - days * 24 * 60 * 60_000).toISOString()
    await this.storage.pruneVersions(this.boardId, this.options.versionsKept ?? versionDefaults.versionsKept, before)
    return version
  }

  /**
   * When the last person leaves: an automatic version, if anything changed since the last one
   * and the last automatic one is at least an interval old. Otherwise the board itself holds the
   * changes, and the next automatic version takes them.
   */
  saveVersionIfChanged(): void {
    if (!this.changedSinceVersion || this.closed()) return
    if (Date.now() - this.lastAutomaticAt < this.intervalMs) {
      this.logger.info('automatic version skipped', { board: this.boardId, reason: 'the last one is more recent than VERSION_INTERVAL_MINUTES' })
      return
    }
    this.saveVersionQuietly()
  }

  /** An automatic version that fails (disk full) costs nothing else: every update is stored. */
  private saveVersionQuietly(): void {
    this.saveVersion(null).catch((error: unknown) => {
      this.changedSinceVersion = true
      this.logger.error('saving a version failed', { board: this.boardId, ...describeError(error) })
    })
  }
}

/** Stores a board's state, encoded by the room or a worker thread, as a version (`null`: an automatic one). */
export async function storeVersionState(storage: Versions, logger: Logger, boardId: string, state: Uint8Array, name: string | null): Promise<VersionRecord> {
  const version: VersionRecord = { id: randomBytes(12).toString('base64url'), createdAt: new Date().toISOString(), name }
  await storage.putVersion(boardId, version, state)
  logger.info('version saved', { board: boardId, named: name !== null })
  return version
}

/**
 * What a network's view shows of each board's content (its templates, their Zettel and open
 * items), kept per board against the board's stored mark (`DocumentLog.documentMark`): a view of
 * 500 boards decodes only the boards that changed since the last view, not all 500. The mark is
 * read from storage, so a change made through another relay process counts too. Bounded: the
 * least recently viewed boards are forgotten first.
 *
 * Where it reads a board again, it notes which templates' own content changed (`templateDays.ts`),
 * so that each template tells when it last changed, not only its board.
 */
import { z } from 'zod'
import { NetworkBoardTemplate } from '../../shared/networkApi.ts'
import { nextTemplateDays, sameDays, templateKeys, type TemplateDays } from './templateDays.ts'

/** A summary is a few hundred bytes: 5,000 is ten full networks, a few MB. */
export const maxKeptSummaries = 5_000

/** A template as the relay reads it from the board (`templateSummaries`): with its instance and the digest of its content, which stay on the relay. */
export const CountedTemplate = NetworkBoardTemplate.extend({ instance: z.string(), digest: z.string() })
export type CountedTemplate = z.infer<typeof CountedTemplate>

/** What the network's view shows of a board it read: its templates counted, and its title as it may leave the board. */
export interface NetworkBoardRead {
  templates: NetworkBoardTemplate[]
  /** The typed title, or a case board's as its rule gives it (`shared/results/caseBoardHold.ts`). */
  title: string
}

/**
 * The title the network lists a board by when it could not read it (no right to open it, too large,
 * unreadable): a board filed internal may hold a case, whose typed title is as much the case as its
 * Zettel (`shared/results/caseBoardHold.ts`), so it shows none (the Fahrplan says „Board ohne Titel“);
 * a board shared with the network shows its typed title.
 */
export const unreadTitle = (typed: string, internal: boolean): string => (internal ? '' : typed)

export interface BoardSummarySource {
  /** The board's stored mark; '' for nothing stored. Cheap: no document is read. */
  mark(boardId: string): Promise<string>
  /** Reads the board and counts, for the client at `address`; may throw (a board too large to open). `title`: as typed. */
  read(boardId: string, address: string, title: string): Promise<{ templates: CountedTemplate[]; title: string }>
  /** When the board last changed, as the relay noted it (else its last use, else its creation): the time a template found changed is given. */
  changedAt(boardId: string): Promise<string>
  /** What the relay keeps of each template's own last change; undefined for a board without the record. */
  keptDays(boardId: string): Promise<TemplateDays | undefined>
  keepDays(boardId: string, days: TemplateDays): Promise<void>
}

export class NetworkBoardSummaries {
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  private readonly kept = new Map<string, { mark: string; typed: string; read: NetworkBoardRead }>()
  constructor(
    private readonly source: BoardSummarySource,
    private readonly maxEntries = maxKeptSummaries,
  ) {}

  async templates(boardId: string, address: string, title = ''): Promise<NetworkBoardTemplate[]> {
    return (await this.board(boardId, address, title)).templates
  }

  /** The board's templates and its title as the network may show it, read again only when the board changed. */
  async board(boardId: string, address: string, title: string): Promise<NetworkBoardRead> {
    const mark = await this.source.mark(boardId)
    const kept = this.kept.get(boardId)
    this.kept.delete(boardId)
    if (kept && kept.mark === mark && kept.typed === title) {
      this.kept.set(boardId, kept)
      return kept.read
    }
    // Read after the mark: if the board changes meanwhile, its mark is newer than the one kept, and the next view reads it again.
    const counted = await this.source.read(boardId, address, title)
    const read = { templates: await this.dated(boardId, counted.templates), title: counted.title }
    this.kept.set(boardId, { mark, typed: title, read })
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.maxEntries) break
      this.kept.delete(oldest)
    }
    return read
  }

  /** Each template with when its own content last changed; the digests stay here. */
  private async dated(boardId: string, counted: readonly CountedTemplate[]): Promise<NetworkBoardTemplate[]> {
    const shown = counted.map(({ instance: _instance, digest: _digest, ...template }) => template)
    const keys = templateKeys(counted.map((t) => t.instance))
    let days: TemplateDays
    try {
      const before = await this.source.keptDays(boardId)
      days = nextTemplateDays(before, counted.map((t, i) => ({ key: keys[i]!, digest: t.digest })), await this.source.changedAt(boardId))
      if (!sameDays(before, days)) await this.source.keepDays(boardId, days)
    } catch {
      // Not kept (storage busy, the board gone meanwhile): the Fahrplan counts from the board's last change, as before the record.
      return shown
    }
    return shown.map((template, i) => ({ ...template, editedAt: days[keys[i]!]!.at }))
  }

  /** Forgets a board (deleted, or out of its network). */
  forget(boardId: string): void {
    this.kept.delete(boardId)
  }
}

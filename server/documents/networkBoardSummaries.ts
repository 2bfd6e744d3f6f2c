/**
 * What a network's view shows of each board's content (its templates, their Zettel and open
 * items), kept per board against the board's stored mark (`DocumentLog.documentMark`): a view of
 * 500 boards decodes only the boards that changed since the last view, not all 500. The mark is
 * read from storage, so a change made through another relay process counts too. Bounded: the
 * least recently viewed boards are forgotten first.
 */
import type { NetworkBoardTemplate } from '../../shared/networkApi.ts'

/** A summary is a few hundred bytes: 5,000 is ten full networks, a few MB. */
export const maxKeptSummaries = 5_000

/** What the network's view shows of a board it read: its templates counted, and its title as it may leave the board. */
export interface NetworkBoardRead {
  templates: NetworkBoardTemplate[]
  /** The typed title, or a case board's as its rule gives it (`shared/results/caseBoardHold.ts`). */
  title: string
}

export interface BoardSummarySource {
  /** The board's stored mark; '' for nothing stored. Cheap: no document is read. */
  mark(boardId: string): Promise<string>
  /** Reads the board and counts, for the client at `address`; may throw (a board too large to open). `title`: as typed. */
  read(boardId: string, address: string, title: string): Promise<NetworkBoardRead>
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
    const read = await this.source.read(boardId, address, title)
    this.kept.set(boardId, { mark, typed: title, read })
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.maxEntries) break
      this.kept.delete(oldest)
    }
    return read
  }

  /** Forgets a board (deleted, or out of its network). */
  forget(boardId: string): void {
    this.kept.delete(boardId)
  }
}

/**
 * How many ballots one link may cast in one vote. A participant link is normally shared by
 * everyone in the room (a QR code on the wall), so the bound follows the people on the board with
 * that link: twice the most seen during the vote, and at least ten more than them (someone whose
 * browser lost its writer secret votes again). Beyond it the link's new ballots are refused; a
 * voter who has one changes it freely.
 *
 * A person is a browser (its author id, from its writer secret: several tabs are one person) that
 * shows up on the board: it holds an awareness state, as every tab of ours does from its first
 * moment. Sockets are not people: thirty idle sockets with made-up writer secrets used to raise
 * the cap by sixty and the people the facilitator compares the ballots with by thirty. A socket
 * without a writer secret cannot vote and counts for nobody, and neither does the board's wall
 * (`shared/wall.ts`): presenting, it holds a state for each slide, but it is nobody in the room.
 *
 * Kept in memory by the process that holds the board's room: after a restart the ballots already
 * stored are not counted again, so a link gets at most one more cap's worth.
 */
import { canEdit, type Role } from '../../shared/access.ts'

/** Ballots a link may cast beyond the people seen on it, at the least. */
export const minBallotSlack = 10

export const ballotCap = (peakPresent: number) => peakPresent + Math.max(peakPresent, minBallotSlack)

/** What the cap needs of a client on the board. */
export interface PresentClient {
  readonly role: Role
  readonly link: string
  /** The browser's author id: several tabs of one browser are one person. */
  readonly author: string | null
  /** Its awareness states on the board: none, and it has not shown up as anyone. */
  readonly awarenessClientIds: ReadonlySet<number>
  /** The board's wall: nobody, whatever states it holds. */
  readonly wall?: boolean
}

/** People on the board per link that may vote: browsers by author id that show up on the board. */
export function peoplePerLink(clients: Iterable<PresentClient>): Map<string, number> {
  const browsers = new Map<string, Set<string>>()
  for (const client of clients) {
    if (!canEdit(client.role) || client.author === null || client.awarenessClientIds.size === 0 || client.wall) continue
    browsers.set(client.link, (browsers.get(client.link) ?? new Set()).add(client.author))
  }
  return new Map([...browsers].map(([link, authors]) => [link, authors.size]))
}

interface LinkBallots {
  voters: Set<string>
  peak: number
}

export class BallotCaps {
  /** Per board: its current vote and, per link, who voted with it and the most people seen on it. */
  private readonly votes = new Map<string, { voteId: string; links: Map<string, LinkBallots> }>()

  private linksOf(boardId: string, voteId: string): Map<string, LinkBallots> {
    let vote = this.votes.get(boardId)
    if (vote?.voteId !== voteId) this.votes.set(boardId, (vote = { voteId, links: new Map() }))
    return vote.links
  }

  /** Notes who is on the board now, for every link. */
  observe(boardId: string, voteId: string, people: Map<string, number>): void {
    const links = this.linksOf(boardId, voteId)
    for (const [link, present] of people) {
      const entry = links.get(link)
      if (!entry) links.set(link, { voters: new Set(), peak: present })
      else entry.peak = Math.max(entry.peak, present)
    }
  }

  /**
   * Counts `voter`'s ballot against its link; false if it is new and the link's cap is reached.
   * One already `stored` (before a restart, say) is never refused.
   */
  admit(boardId: string, voteId: string, link: string, voter: string, stored: boolean): boolean {
    const links = this.linksOf(boardId, voteId)
    const entry = links.get(link) ?? { voters: new Set<string>(), peak: 0 }
    links.set(link, entry)
    if (entry.voters.has(voter)) return true
    if (!stored && entry.voters.size >= ballotCap(entry.peak)) return false
    entry.voters.add(voter)
    return true
  }

  /** A withdrawn ballot frees its place. */
  withdraw(boardId: string, voteId: string, link: string, voter: string): void {
    this.linksOf(boardId, voteId).get(link)?.voters.delete(voter)
  }

  /** The most people seen during the vote, on all links that may vote together; unknown for a vote not seen (since a restart). */
  present(boardId: string, voteId: string): number | undefined {
    const vote = this.votes.get(boardId)
    if (vote?.voteId !== voteId) return undefined
    let sum = 0
    for (const { peak } of vote.links.values()) sum += peak
    return sum
  }

  /** The vote is over (revealed): nothing to count any more. */
  forget(boardId: string): void {
    this.votes.delete(boardId)
  }
}

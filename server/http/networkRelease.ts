/**
 * `POST /api/networks/:id/release` (the network link): the Fahrplan releases several boards at
 * once — after a round of meetings, the coordinator need not open each board to send the pack.
 * Each board goes the way its own release goes (`releaseApi.ts`'s `boardReleaser`: one at a time
 * per board, counted with its named versions, its current state saved as the release's version,
 * its last release's Verteiler and rule kept), and only where the network's link opens it as
 * every other network route does. Left as they are, and said so: a board released as it stands
 * (no second version of the same content), one whose facilitator kept the old release, and every
 * internal board and board holding a case: what of those may leave the room is decided on the
 * board, one by one (H 4.3.2; a Fallkonferenz's consent, H 5.3.5), never in passing. Nor a board
 * whose templates hold no Zettel yet: the coming meeting's, made in advance. Each board read is one
 * of the address's network reads; once they are used up, the rest wait (`retryAfter`). One run per
 * network at a time in a process (several processes may each run one).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { NetworkReleaseRequest, nothingWritten, type NetworkReleaseAnswer } from '../../shared/networkApi.ts'
import { networkCredential } from '../../shared/networkCredential.ts'
import { isCaseTemplate } from '../../shared/templates/caseBoards.ts'
import type { AuditTrail } from '../audit/auditTrail.ts'
import type { Logger } from '../base/logger.ts'
import { networkHoldsBoard } from '../links/access.ts'
import { callerActor } from '../ops/linkRenewal.ts'
import { OwnedElsewhere } from '../room/Rooms.ts'
import type { BoardDirectory, BoardLinks, Networks } from '../storage/Storage.ts'
import { firstIssue, jsonBody } from './jsonBody.ts'
import { jsonOnly } from './jsonOnly.ts'
import type { needsNetworkLink } from './linkAuthorization.ts'
import type { BoardRelease } from './releaseApi.ts'

export interface NetworkReleaseOptions {
  storage: Networks & BoardDirectory & BoardLinks
  logger: Logger
  release: BoardRelease
  addressOf(c: Context): string
  authorized: ReturnType<typeof needsNetworkLink>
  takeRead(c: Context): Promise<void>
  mayOpen(c: Context, board: { signInRequired?: boolean }): Promise<boolean>
  limitBody: MiddlewareHandler
  /** The board's templates as the Fahrplan counts them (`networkBoardSummaries.ts`): whether it holds a case. */
  templatesOf(c: Context, boardId: string, title: string): Promise<ReadonlyArray<{ template: string; notes: number }>>
  audit?: Pick<AuditTrail, 'record'>
}

type Outcome = NetworkReleaseAnswer['boards'][number]

export function networkReleaseRoute(api: Hono, options: NetworkReleaseOptions): void {
  const { storage, logger, release, addressOf, authorized, takeRead, mayOpen, limitBody, templatesOf, audit } = options
  const running = new Set<string>()
  /** One more of the address's reads; false, once they are used up (the board waits, the rest go on being answered). */
  const readTaken = (c: Context) =>
    takeRead(c).then(
      () => true,
      (error: unknown) => {
        if (!(error instanceof HTTPException) || error.status !== 429) throw error
        // The answer is the run's, not a refusal: no Retry-After on it.
        c.header('Retry-After', undefined)
        return false
      },
    )
  api.post('/:id/release', jsonOnly('send the boards to release as application/json'), limitBody, authorized, jsonBody(NetworkReleaseRequest, firstIssue), async (c) => {
    const network = c.get('network')
    const token = c.get('networkToken')
    const { day, locale, boards } = c.req.valid('json')
    // One run per network at a time (in this process): a second click would read every board again.
    if (running.has(network.id)) throw new HTTPException(409, { message: 'the boards of this network are being released already; please wait for it' })
    running.add(network.id)
    try {
      // Reads (and saves) whole boards: each board one of the address's reads, as a pack is; the first refused whole.
      await takeRead(c)
      const answer: Outcome[] = []
      let first = true
      for (const id of new Set(boards)) {
        if (!first && !(await readTaken(c))) {
          answer.push({ id, outcome: 'wait', retryAfter: 60 })
          continue
        }
        first = false
        answer.push({ id, ...(await releaseOne(c, id)) })
      }
      const made = answer.filter((b) => b.outcome === 'released').length
      logger.info('network boards released', { network: network.id, released: made, asked: answer.length })
      return c.json({ boards: answer } satisfies NetworkReleaseAnswer)
    } finally {
      running.delete(network.id)
    }

    async function releaseOne(c: Context, id: string): Promise<Omit<Outcome, 'id'>> {
      const record = await storage.networkBoard(network.id, id)
      const board = record && (await storage.getBoard(id))
      if (!record || !board) return { outcome: 'not-in-network' }
      if (record.internal) return { outcome: 'internal' }
      if (!(await mayOpen(c, board))) return { outcome: 'sign-in' }
      // A facilitator who renewed her link on the board ended the network's hold on it (`access.ts`).
      if (!(await networkHoldsBoard(storage, id, { networkId: network.id, token }))) return { outcome: 'not-in-network' }
      let templates: ReadonlyArray<{ template: string; notes: number }>
      try {
        templates = await templatesOf(c, id, board.title)
      } catch {
        // Not read (too large): whether it holds a case is not known, so it is not released from here.
        return { outcome: 'unreadable' }
      }
      if (templates.some((t) => isCaseTemplate(t.template))) return { outcome: 'case' }
      // The coming meeting's board, made in advance: nothing of it is to be sent yet.
      if (nothingWritten({ templates })) return { outcome: 'empty' }
      try {
        const outcome = await release(id, { day, locale, publication: 'as-before', onlyIfChanged: true, address: addressOf(c) })
        if (outcome.kind === 'wait') return { outcome: 'wait', retryAfter: outcome.retryAfter }
        if (outcome.kind === 'released') await audit?.record('board-released', id, callerActor(id, networkCredential(network.id, token), 'facilitator'))
        return { outcome: outcome.kind }
      } catch (error) {
        // Served by another relay process this moment: asked again, it is released there.
        if (error instanceof OwnedElsewhere) return { outcome: 'wait', retryAfter: 1 }
        throw error
      }
    }
  })
}

/**
 * The network between meetings (`shared/networkBetween.ts`): a search over every board the
 * network's link may read, and what changed on them since a device last looked. Mounted on the
 * network routes (`networksApi.ts`), whose link check, read budget and held board links it uses:
 * a board whose link the network no longer holds is neither searched nor read, as for the pack.
 * Internal boards are the coordinator's and are searched too: only the network's own link reaches
 * these routes; a board holding a case is found by nobody (`results/caseBoardHold.ts`). Each board is read alone, off the relay's thread (`documentWorkers.ts`).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { maxNetworkBoards } from '../../shared/networkApi.ts'
import {
  BoardSearchHits,
  BoardSince,
  DigestRequest,
  maxSearchHits,
  NetworkSearchRequest,
  NetworkSinceRequest,
  type DigestState,
  type NetworkSearchAnswer,
  type NetworkSinceAnswer,
} from '../../shared/networkBetween.ts'
import type { DocumentJob, DocumentResult } from '../documents/documentJobs.ts'
import type { Logger } from '../base/logger.ts'
import type { BoardDirectory, NetworkDigests, Networks, StoredDocument, StoredNetwork } from '../storage/Storage.ts'
import type { Session } from '../auth/sessions.ts'
import { dueOnce } from '../../shared/results/boardBetween.ts'
import { HTTPException } from 'hono/http-exception'
import type { needsNetworkLink } from './linkAuthorization.ts'
import { jsonOnly } from './jsonOnly.ts'
import { firstIssue, jsonBody } from './jsonBody.ts'

export interface NetworkBetweenOptions {
  storage: Networks & BoardDirectory & NetworkDigests
  logger: Logger
  loadStored(boardId: string): Promise<StoredDocument>
  documents: { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> }
  addressOf(c: Context): string
  /** The network's routes' own: the network and its token, or 401/404. */
  /** The network link's middleware (`linkAuthorization.ts`). */
  authorized: ReturnType<typeof needsNetworkLink>
  /** One of the address's reads of whole boards, or 429. */
  takeRead(c: Context): Promise<void>
  /** `takeRead` as a middleware: counted before the body is read, so a refused request costs no parse. */
  countRead: MiddlewareHandler
  /** Whether the request may read the board through the network (sign-in where the board requires it). */
  mayOpen(c: Context, board: { signInRequired?: boolean }): Promise<boolean>
  /** The network routes' limit for small bodies (a query). */
  limitBody: MiddlewareHandler
  sessionOf(c: Context): Promise<Session | undefined>
  /** The digest's period where SMTP_URL is set; null: no digests on this server. */
  digestEveryMs: number | null
}

/** 8 KB of what a device saw per board, for every board of a large network, and room to spare. */
const maxSinceBodyBytes = 4 * 1024 * 1024

export function networkBetweenRoutes(api: Hono, options: NetworkBetweenOptions): void {
  const { storage, logger, loadStored, documents, addressOf, authorized, takeRead, countRead, mayOpen, limitBody, sessionOf, digestEveryMs } = options

  /** The network's boards its link may read, one after the other, each with its stored bytes. */
  async function* readableBoards(c: Context, network: StoredNetwork) {
    for (const record of (await storage.networkBoards(network.id)).slice(0, maxNetworkBoards)) {
      const board = await storage.getBoard(record.boardId)
      if (!board || !(await mayOpen(c, board))) continue
      yield { record, board }
    }
  }

  /** A board's job answered, or null where the board could not be read (too large, unreadable, the pool busy). */
  const runOn = async (c: Context, boardId: string, job: (stored: StoredDocument) => DocumentJob): Promise<unknown> => {
    try {
      const result = await documents.run(job(await loadStored(boardId)), addressOf(c), [boardId])
      return result.kind === 'json' ? result.value : null
    } catch (error) {
      logger.warn('network board not read', { board: boardId, error: error instanceof Error ? error.name : 'unknown' })
      return null
    }
  }

  api.post('/:id/search', jsonOnly('send the search as application/json'), limitBody, authorized, countRead, jsonBody(NetworkSearchRequest, firstIssue), async (c) => {
    const network = c.get('network')
    const { query } = c.req.valid('json')
    const answer: NetworkSearchAnswer = { query, boards: [], searched: 0, unread: 0, truncated: false }
    let shown = 0
    for await (const { record, board } of readableBoards(c, network)) {
      if (shown >= maxSearchHits) {
        // Enough to read: the rest of the network is not searched.
        answer.truncated = true
        break
      }
      const found = await runOn(c, board.id, (stored) => ({ kind: 'network-search', board: { id: board.id, title: board.title }, stored, query, internal: record.internal }))
      const parsed = BoardSearchHits.omit({ boardId: true, title: true, internal: true }).safeParse(found)
      if (!parsed.success) {
        answer.unread++
        continue
      }
      answer.searched++
      if (parsed.data.total === 0) continue
      const hits = parsed.data.hits.slice(0, maxSearchHits - shown)
      if (hits.length < parsed.data.hits.length) answer.truncated = true
      shown += hits.length
      answer.boards.push({ boardId: board.id, title: board.title, internal: record.internal, total: parsed.data.total, hits })
    }
    c.header('Cache-Control', 'no-store')
    return c.json(answer)
  })

  /** The sign-in's pseudonym and e-mail, where the provider gave one. */
  const digestPerson = async (c: Context) => {
    const session = await sessionOf(c)
    return session?.method === 'oidc' && session.actor && session.email ? { actor: session.actor, email: session.email } : null
  }

  const digestState = async (c: Context, networkId: string): Promise<DigestState> => {
    const person = await digestPerson(c)
    const subscribed = !!person && !!(await storage.digestSubscription(networkId, person.actor))
    return { available: digestEveryMs !== null, everyDays: (digestEveryMs ?? 7 * 86_400_000) / 86_400_000, signedIn: !!person, email: person?.email ?? null, subscribed }
  }

  api.get('/:id/digest', authorized, async (c) => {
    const network = c.get('network')
    c.header('Cache-Control', 'no-store')
    return c.json(await digestState(c, network.id))
  })

  api.put('/:id/digest', jsonOnly('send the digest request as application/json'), limitBody, authorized, jsonBody(DigestRequest, firstIssue), async (c) => {
    const network = c.get('network')
    const { locale } = c.req.valid('json')
    if (digestEveryMs === null) throw new HTTPException(409, { message: 'this server sends no e-mail: its operator has not set up a mail relay (SMTP_URL)' })
    const person = await digestPerson(c)
    if (!person) throw new HTTPException(401, { message: 'sign in (with an account that has an e-mail address) to receive the digest' })
    await takeRead(c)
    // What the boards hold now: the first digest counts from here.
    const seen: Record<string, string> = {}
    const day = new Date().toISOString().slice(0, 10)
    for await (const { board } of readableBoards(c, network)) {
      const read = BoardSince.safeParse(await runOn(c, board.id, (stored) => ({ kind: 'board-since', board: { id: board.id, title: board.title }, stored, since: null, day })))
      if (read.success) seen[board.id] = read.data.seen
    }
    await storage.putDigestSubscription({ networkId: network.id, actor: person.actor, email: person.email, locale, tokenHash: network.tokenHash, createdAt: new Date().toISOString(), seen: JSON.stringify(seen) })
    logger.info('digest asked for', { network: network.id })
    return c.json(await digestState(c, network.id))
  })

  api.delete('/:id/digest', authorized, async (c) => {
    const network = c.get('network')
    const person = await digestPerson(c)
    if (!person) throw new HTTPException(401, { message: 'sign in to stop your digest' })
    await storage.removeDigestSubscription(network.id, person.actor)
    logger.info('digest stopped', { network: network.id })
    return c.json(await digestState(c, network.id))
  })

  api.post(
    '/:id/since',
    jsonOnly('send what this device saw as application/json'),
    bodyLimit({
      maxSize: maxSinceBodyBytes,
      onError: (c) => {
        c.header('Connection', 'close')
        throw new HTTPException(413, { message: `the request is larger than ${maxSinceBodyBytes / 1024 / 1024} MB` })
      },
    }),
    authorized,
    // Counted before the body is parsed: a refused request costs no parse of its megabytes.
    countRead,
    jsonBody(NetworkSinceRequest, firstIssue),
    async (c) => {
      const network = c.get('network')
      const { since, seen, day } = c.req.valid('json')
      if (Object.keys(seen).length > maxNetworkBoards) throw new HTTPException(400, { message: `what a device saw of at most ${maxNetworkBoards} boards` })
      const answer: NetworkSinceAnswer = { boards: [] }
      for await (const { board } of readableBoards(c, network)) {
        const read = await runOn(c, board.id, (stored) => ({ kind: 'board-since', board: { id: board.id, title: board.title }, stored, seen: seen[board.id], since, day }))
        const parsed = BoardSince.safeParse(read)
        if (parsed.success) answer.boards.push(parsed.data)
      }
      c.header('Cache-Control', 'no-store')
      return c.json({ boards: dueOnce(answer.boards) } satisfies NetworkSinceAnswer)
    },
  )
}

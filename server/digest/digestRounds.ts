/**
 * The relay's round of network digests (SMTP_URL set, `docs/operations.md`): every so often it
 * looks for digests whose period has passed, reads what changed on the network's boards since the
 * last one (one board at a time, in the document worker, as the Fahrplan's „Seit Ihrem letzten
 * Besuch“ does), and sends the titles and counts to the person who asked for them
 * (`digestMail.ts`). A digest is taken before its mail goes (`claimDigest`), so that two relay
 * processes on one database never send it twice; a mail the relay refuses gives it back.
 *
 * A digest asked for under a network link that has since been renewed sends nothing: the person
 * asks again with the new link.
 *
 * The mail stands for the network's link, which opens a board as its facilitator link does, and
 * carries no sign-in: a board whose facilitator link needs one (its own switch or the server's
 * SIGN_IN_POLICY) is never read for it, as for the pack; the mail only counts such boards.
 */
import nodemailer from 'nodemailer'
import type { Locale } from '../../shared/locale.ts'
import { maxNetworkBoards, networkPath } from '../../shared/networkApi.ts'
import { BoardSince } from '../../shared/networkBetween.ts'
import { localDay } from '../../shared/dates.ts'
import { needsSignIn, type SignInPolicy } from '../auth/signInPolicy.ts'
import type { DigestSettings } from '../ops/config.ts'
import type { DocumentJob, DocumentResult } from '../documents/documentJobs.ts'
import { describeError, type Logger } from '../base/logger.ts'
import type { BoardDirectory, DigestSubscription, NetworkDigests, Networks, StoredDocument } from '../storage/Storage.ts'
import { digestHasNews, digestMail } from './digestMail.ts'

export interface DigestRoundOptions {
  settings: DigestSettings
  storage: NetworkDigests & Networks & BoardDirectory
  logger: Logger
  /** The server's sign-in rule: boards it (or their own switch) closes to the facilitator link without sign-in are not read. */
  signInPolicy: SignInPolicy
  loadStored(boardId: string): Promise<StoredDocument>
  documents: { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> }
  now?: () => number
}

/** The document workers' budget key of the round: its reads wait their turn like anyone's. */
const digestAddress = 'digest'

export class DigestRounds {
  private readonly transport
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | null = null
  private readonly now: () => number

  constructor(private readonly options: DigestRoundOptions) {
    this.transport = nodemailer.createTransport(options.settings.smtpUrl)
    this.now = options.now ?? Date.now
  }

  /** Looks every quarter period (at most every 15 minutes, at least every quarter second). */
  start(): void {
    const every = Math.min(15 * 60_000, Math.max(250, this.options.settings.everyMs / 4))
    this.timer = setInterval(() => void this.round(), every)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running
    this.transport.close()
  }

  /** One look at every digest; a round still under way is not started twice. */
  round(): Promise<void> {
    this.running ??= this.sendDue().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async sendDue(): Promise<void> {
    const { storage, logger, settings } = this.options
    let subscriptions: DigestSubscription[]
    try {
      subscriptions = await storage.digestSubscriptions()
    } catch (error) {
      logger.error('digest round failed', describeError(error))
      return
    }
    for (const subscription of subscriptions) {
      const from = Date.parse(subscription.sentAt ?? subscription.createdAt)
      if (this.now() - from < settings.everyMs) continue
      try {
        await this.send(subscription, from)
      } catch (error) {
        logger.error('digest not sent', { network: subscription.networkId, ...describeError(error) })
      }
    }
  }

  private async send(subscription: DigestSubscription, from: number): Promise<void> {
    const { storage, logger, settings, loadStored, documents, signInPolicy } = this.options
    const network = await storage.getNetwork(subscription.networkId)
    if (!network || network.tokenHash !== subscription.tokenHash) return
    const seen = JSON.parse(subscription.seen) as Record<string, string>
    const day = localDay(new Date(this.now()))
    const boards: BoardSince[] = []
    // Unread boards that need a sign-in keep what was seen of them, so they count on from there once open again.
    const keptSeen: Record<string, string> = {}
    let signInLeftOut = 0
    for (const record of (await storage.networkBoards(network.id)).slice(0, maxNetworkBoards)) {
      const board = await storage.getBoard(record.boardId)
      if (!board) continue
      if (needsSignIn(signInPolicy, board, 'facilitator')) {
        signInLeftOut++
        if (seen[board.id]) keptSeen[board.id] = seen[board.id]!
        continue
      }
      try {
        const job: DocumentJob = { kind: 'board-since', board: { id: board.id, title: board.title }, stored: await loadStored(board.id), seen: seen[board.id], since: from, day }
        const result = await documents.run(job, digestAddress, [board.id])
        const read = BoardSince.safeParse(result.kind === 'json' ? result.value : null)
        if (read.success) boards.push(read.data)
      } catch (error) {
        // A board that cannot be read now is counted the next time, from what was seen of it before.
        logger.warn('digest board not read', { board: board.id, ...describeError(error) })
        if (seen[board.id]) boards.push({ boardId: board.id, title: board.title, seen: seen[board.id]!, firstSeen: false, notes: 0, comments: 0, released: null, due: [] })
      }
    }
    const sentAt = new Date(this.now()).toISOString()
    const nowSeen = JSON.stringify({ ...keptSeen, ...Object.fromEntries(boards.map((b) => [b.boardId, b.seen])) })
    if (!(await storage.claimDigest(subscription.networkId, subscription.actor, subscription.sentAt, sentAt, nowSeen))) return
    if (!digestHasNews(boards)) {
      logger.info('digest skipped: nothing new', { network: network.id })
      return
    }
    const locale: Locale = subscription.locale === 'en' ? 'en' : 'de'
    const mail = digestMail({
      network: network.name,
      fahrplanUrl: new URL(networkPath(network.id), settings.publicUrl).href,
      sinceDay: localDay(new Date(from)),
      boards,
      signInLeftOut,
      locale,
    })
    try {
      await this.transport.sendMail({ from: settings.from, to: subscription.email, subject: mail.subject, text: mail.text, textEncoding: 'base64' })
    } catch (error) {
      // Given back: the next round tries again, counting from the same day.
      await storage.claimDigest(subscription.networkId, subscription.actor, sentAt, subscription.sentAt, subscription.seen)
      throw error
    }
    logger.info('digest sent', { network: network.id })
  }
}

/**
 * Warnings weeks before retention deletes a network's boards (`retention.ts`), to someone who can
 * act: once a network's deletion date is within RETENTION_WARN_DAYS,
 * - a log line a monitor can alert on, at most once a day per network (its id, dates and counts
 *   only: nothing of its boards, not even their titles, which on a case board are the case's);
 * - where mail is set up (SMTP_URL), one mail per network and deletion date to the addresses its
 *   coordinators left for the digest under the network's current link (`NetworkDigests.ts`): the
 *   network's name, the date and the Fahrplan's address without its token, as the digest writes it.
 * The operator's `npm run admin -- retention` lists the same. A use of the network moves its date,
 * and a new date is warned of anew. Several relay processes claim each warning in the database
 * (`RetentionArchives.claimRetentionNotice`), so it goes once.
 */
import nodemailer from 'nodemailer'
import { networkPath } from '../../shared/networkApi.ts'
import { formatDate, localDay } from '../../shared/dates.ts'
import { counted, type Locale } from '../../shared/locale.ts'
import { describeError, type Logger } from '../base/logger.ts'
import type { DigestSettings } from './config.ts'
import { retentionSchedule } from './retention.ts'
import type { NetworkDigests, Networks, RetentionArchives, Storage } from '../storage/Storage.ts'

const dayMs = 24 * 60 * 60_000

/** A network whose boards go within the warning's days. */
export interface NetworkDue {
  networkId: string
  /** The earliest of its boards' dates (they share the network's, so: the network's). */
  deleteAfter: string
  lastUsed: string
  boards: number
}

/** The networks among `scheduled` (boards due, earliest first), each once with its boards counted. */
export function networksDue(scheduled: ReadonlyArray<{ networkId: string | null; deleteAfter: string; lastUsed: string }>): NetworkDue[] {
  const due = new Map<string, NetworkDue>()
  for (const entry of scheduled) {
    if (!entry.networkId) continue
    const known = due.get(entry.networkId)
    if (known) known.boards++
    else due.set(entry.networkId, { networkId: entry.networkId, deleteAfter: entry.deleteAfter, lastUsed: entry.lastUsed, boards: 1 })
  }
  return [...due.values()]
}

const words = {
  subject: { de: '„{network}“: die Boards werden am {date} gelöscht', en: '“{network}”: its boards will be deleted on {date}' },
  hello: { de: 'Guten Tag,', en: 'Hello,' },
  /** Who goes, with its verb: „1 Board des Netzwerks wird“, „6 Boards des Netzwerks werden“. */
  boards: {
    one: { de: '{n} Board des Netzwerks wird', en: '{n} board of the network' },
    other: { de: '{n} Boards des Netzwerks werden', en: '{n} boards of the network' },
  },
  days: {
    one: { de: '{n} Tag', en: '{n} day' },
    other: { de: '{n} Tage', en: '{n} days' },
  },
  body: {
    de: 'das Netzwerk „{network}“ wurde seit dem {used} nicht mehr genutzt. Diese Netzwerkstatt löscht Boards, die {days} lang niemand genutzt hat: {boards} am {date} gelöscht.',
    en: 'the network “{network}” has not been used since {used}. This Netzwerkstatt deletes boards nobody used for {days}: {boards} will be deleted on {date}.',
  },
  keep: {
    de: 'Wenn Sie das Netzwerk behalten wollen, öffnen Sie seinen Fahrplan (oder klicken Sie dort „Behalten“): {url}',
    en: 'To keep the network, open its Fahrplan (or click „Keep“ there): {url}',
  },
  archive: {
    de: 'Nach dem Löschen lässt sich jedes Board noch {archiveDays} Tage lang als Archiv herunterladen, mit dem Link des Netzwerks; danach ist auch das Archiv gelöscht.',
    en: "After the deletion, each board can still be downloaded as an archive for {archiveDays} days, with the network's link; after that the archive is deleted too.",
  },
  noArchive: { de: 'Gelöschte Boards lassen sich nicht wiederherstellen.', en: 'Deleted boards cannot be restored.' },
  linkNote: {
    de: 'Der Fahrplan öffnet sich auf einem Gerät, das den Link des Netzwerks kennt; sonst fragt die Seite danach.',
    en: "The Fahrplan opens on a device that holds the network's link; otherwise the page asks for it.",
  },
  why: {
    de: 'Sie erhalten diese Mail, weil Sie auf dem Fahrplan die Zusammenfassung per E-Mail eingeschaltet haben.',
    en: 'You receive this mail because you switched on the digest by e-mail in the Fahrplan.',
  },
} as const

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))

export interface WarningMailInput {
  network: string
  fahrplanUrl: string
  due: NetworkDue
  days: number
  archiveDays: number
  locale: Locale
}

/** The warning's words: the network's name, dates and a count; nothing of its boards. */
export function warningMail({ network, fahrplanUrl, due, days, archiveDays, locale }: WarningMailInput): { subject: string; text: string } {
  const date = formatDate(localDay(new Date(due.deleteAfter)), locale)
  const used = formatDate(localDay(new Date(due.lastUsed)), locale)
  const lines = [
    words.hello[locale],
    '',
    fill(words.body[locale], { network, used, days: counted(words.days, days, locale), boards: counted(words.boards, due.boards, locale), date }),
    '',
    fill(words.keep[locale], { url: fahrplanUrl }),
    '',
    archiveDays > 0 ? fill(words.archive[locale], { archiveDays }) : words.noArchive[locale],
    '',
    words.linkNote[locale],
    '',
    '--',
    words.why[locale],
  ]
  return { subject: fill(words.subject[locale], { network, date }), text: `${lines.join('\n')}\n` }
}

export interface RetentionWarningOptions {
  storage: Pick<Storage, 'boardsDueBefore'> & Pick<Networks, 'getNetwork'> & Pick<NetworkDigests, 'digestSubscriptions'> & Pick<RetentionArchives, 'claimRetentionNotice' | 'releaseRetentionNotice'>
  logger: Logger
  /** BOARD_RETENTION_DAYS. */
  days: number
  /** RETENTION_WARN_DAYS: how many days before the date the warnings start; 0: none. */
  warnDays: number
  /** RETENTION_ARCHIVE_DAYS, for the mail's words. */
  archiveDays: number
  /** Where SMTP_URL is set; null: the log line only. */
  mail: { settings: DigestSettings; send(message: { from: string; bcc: string[]; subject: string; text: string }): Promise<unknown> } | null
  now?: number
}

/** A sender on the operator's mail relay (SMTP_URL), or null without one. */
export function warningMailer(settings: DigestSettings | null): (RetentionWarningOptions['mail'] & { close(): void }) | null {
  if (!settings) return null
  // Short waits: a mail relay that does not answer must not hold the relay's shutdown for minutes (the next sweep tries again).
  const transport = nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 })
  return { settings, send: (message) => transport.sendMail({ ...message, textEncoding: 'base64' }), close: () => transport.close() }
}

/** One round of warnings (hourly, with retention's sweep); returns the networks warned of. */
export async function warnOfRetention({ storage, logger, days, warnDays, archiveDays, mail, now = Date.now() }: RetentionWarningOptions): Promise<NetworkDue[]> {
  if (days <= 0 || warnDays <= 0) return []
  const due = networksDue(await retentionSchedule(storage, days, warnDays, now))
  if (due.length === 0) return due
  const at = new Date(now).toISOString()
  const subscriptions = mail ? await storage.digestSubscriptions() : []
  let lines = 0
  let mails = 0
  for (const network of due) {
    let mailed = 0
    if (mail) {
      try {
        mailed = await mailWarning(network)
        if (mailed > 0) mails++
      } catch (error) {
        await storage.releaseRetentionNotice(network.networkId, 'mail').catch(() => {})
        logger.error('retention: the warning mail was not sent', { network: network.networkId, ...describeError(error) })
      }
    }
    if (await storage.claimRetentionNotice(network.networkId, 'log', network.deleteAfter, at, new Date(now - dayMs).toISOString())) {
      const daysLeft = Math.max(0, Math.ceil((Date.parse(network.deleteAfter) - now) / dayMs))
      logger.warn('retention: network will be deleted', { network: network.networkId, deleteAfter: network.deleteAfter, daysLeft, lastUsed: network.lastUsed, boards: network.boards, mailed, archiveDays })
      lines++
    }
  }
  // The round's end, with what it said (each warning goes once a day or once a date: mostly nothing).
  logger.info('retention warnings checked', { networks: due.length, lines, mails })
  return due

  /** The mail of one network, once per date; how many addresses it went to. */
  async function mailWarning(network: NetworkDue): Promise<number> {
    const stored = await storage.getNetwork(network.networkId)
    if (!stored || !mail) return 0
    // Addresses left under the current link only: a renewed link ends the old one's mail, as for the digest.
    const addresses = subscriptions.filter((s) => s.networkId === stored.id && s.tokenHash === stored.tokenHash)
    if (addresses.length === 0) return 0
    if (!(await storage.claimRetentionNotice(stored.id, 'mail', network.deleteAfter, at, null))) return 0
    const fahrplanUrl = new URL(networkPath(stored.id), mail.settings.publicUrl).href
    for (const locale of ['de', 'en'] as const) {
      const to = addresses.filter((s) => (s.locale === 'en' ? 'en' : 'de') === locale).map((s) => s.email)
      if (to.length === 0) continue
      const { subject, text } = warningMail({ network: stored.name, fahrplanUrl, due: network, days, archiveDays, locale })
      // Each address blind: coordinators of one network need not see each other's.
      await mail.send({ from: mail.settings.from, bcc: to, subject, text })
    }
    return addresses.length
  }
}

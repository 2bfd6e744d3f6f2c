/**
 * The digest's words: what changed on a network's boards since the last digest, as board titles
 * and counts only. Nothing written on a board goes into a mail (no Zettel, no comment, no open
 * item's text), and no link that opens anything by itself: the Fahrplan's address without its
 * token, which asks for the network's link where the browser does not hold it. A board that
 * requires sign-in is not even read (a mail carries no sign-in): it is counted, without its title.
 */
import type { Locale } from '../../shared/locale.ts'
import type { BoardSince } from '../../shared/networkBetween.ts'
import { formatDate } from '../../shared/dates.ts'

export interface DigestInput {
  network: string
  /** The Fahrplan's address, without any token. */
  fahrplanUrl: string
  /** The day the digest counts from (`YYYY-MM-DD`). */
  sinceDay: string
  boards: readonly BoardSince[]
  /** How many boards were left unread because their links need a sign-in. */
  signInLeftOut: number
  locale: Locale
}

const words = {
  subject: { de: '„{network}“: was sich seit dem {date} getan hat', en: '“{network}”: what changed since {date}' },
  intro: { de: 'im Netzwerk „{network}“ hat sich seit dem {date} auf diesen Boards etwas getan:', en: 'on these boards of the network “{network}” something changed since {date}:' },
  hello: { de: 'Guten Tag,', en: 'Hello,' },
  notes: { de: ['{n} neuer Zettel', '{n} neue Zettel'], en: ['{n} new Zettel', '{n} new Zettel'] },
  comments: { de: ['{n} neuer Kommentar', '{n} neue Kommentare'], en: ['{n} new comment', '{n} new comments'] },
  released: { de: 'zur Weitergabe freigegeben am {date}', en: 'released to be passed on, {date}' },
  newBoard: { de: 'neu im Netzwerk', en: 'new in the network' },
  due: { de: ['{n} offener Punkt bald fällig', '{n} offene Punkte bald fällig'], en: ['{n} open item due soon', '{n} open items due soon'] },
  signInLeftOut: {
    de: ['{n} Board, das eine Anmeldung verlangt, ist hier nicht aufgeführt; nichts daraus erscheint hier.', '{n} Boards, die eine Anmeldung verlangen, sind hier nicht aufgeführt; nichts daraus erscheint hier.'],
    en: ['{n} board that requires sign-in is not listed here; nothing of it appears here.', '{n} boards that require sign-in are not listed here; nothing of them appears here.'],
  },
  dueHeading: { de: 'Bald fällig oder überfällig (offene Punkte):', en: 'Due soon or overdue (open items):' },
  open: { de: 'Zum Fahrplan: {url}', en: 'To the Fahrplan: {url}' },
  linkNote: {
    de: 'Der Fahrplan öffnet sich auf einem Gerät, das den Link des Netzwerks kennt; sonst fragt die Seite danach. Diese Mail enthält nur Titel und Zahlen, nichts von dem, was auf den Boards steht.',
    en: "The Fahrplan opens on a device that holds the network's link; otherwise the page asks for it. This mail holds only titles and numbers, nothing of what is written on the boards.",
  },
  why: {
    de: 'Sie erhalten diese Zusammenfassung, weil Sie sie auf dem Fahrplan eingeschaltet haben. Dort schalten Sie sie auch wieder aus.',
    en: 'You receive this digest because you switched it on in the Fahrplan. Switch it off there too.',
  },
} as const

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))
const count = (forms: readonly [string, string], n: number, locale: Locale) => fill(new Intl.PluralRules(locale).select(n) === 'one' ? forms[0] : forms[1], { n })

/** Whether there is anything to tell: no mail goes for a week in which nothing happened. */
export const digestHasNews = (boards: readonly BoardSince[]) =>
  boards.some((b) => b.notes > 0 || b.comments > 0 || b.released !== null || b.firstSeen || b.due.length > 0)

export function digestMail({ network, fahrplanUrl, sinceDay, boards, signInLeftOut, locale }: DigestInput): { subject: string; text: string } {
  const date = formatDate(sinceDay, locale)
  const lines: string[] = [words.hello[locale], '', fill(words.intro[locale], { network, date }), '']
  for (const board of boards) {
    const parts = [
      board.firstSeen && words.newBoard[locale],
      board.notes > 0 && count(words.notes[locale], board.notes, locale),
      board.comments > 0 && count(words.comments[locale], board.comments, locale),
      board.released && fill(words.released[locale], { date: formatDate(board.released, locale) }),
    ].filter((part): part is string => !!part)
    if (parts.length > 0) lines.push(`- ${board.title}: ${parts.join(', ')}`)
  }
  if (signInLeftOut > 0) lines.push('', count(words.signInLeftOut[locale], signInLeftOut, locale))
  const due = boards.filter((board) => board.due.length > 0)
  if (due.length > 0) {
    lines.push('', words.dueHeading[locale])
    for (const board of due) lines.push(`- ${board.title}: ${count(words.due[locale], board.due.length, locale)}`)
  }
  lines.push('', fill(words.open[locale], { url: fahrplanUrl }), '', words.linkNote[locale], '', '--', words.why[locale])
  return { subject: fill(words.subject[locale], { network, date }), text: `${lines.join('\n')}\n` }
}

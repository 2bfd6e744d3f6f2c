/**
 * The words of the network between meetings on the Fahrplan (`NetworkSearch.tsx`,
 * `SinceLastVisit.tsx`), German and English. Kept beside them rather than in the board's catalogue
 * (`i18n.ts`): only the Fahrplan says them.
 */
import { pick, type Labels } from '../../shared/locale.ts'
import { locale } from '../locale.ts'

const words = {
  searchHeading: { de: 'Im ganzen Netzwerk suchen', en: 'Search the whole network' },
  searchPlaceholder: { de: 'z. B. Familienhebamme, Kita, Frau Yilmaz', en: 'e.g. midwife, day care, Ms Yilmaz' },
  searchButton: { de: 'Suchen', en: 'Search' },
  searchHint: {
    de: 'Sucht auf allen Boards des Netzwerks, auch den internen: Zettel, Texte, Kommentare und Felder der Vorlagen.',
    en: "Searches every board of the network, internal ones too: Zettel, texts, comments and the templates' fields.",
  },
  searching: { de: 'Suche auf allen Boards …', en: 'Searching every board …' },
  searchNone: { de: 'Auf keinem Board gefunden.', en: 'Found on no board.' },
  searchFoundOne: { de: '{hits} auf einem Board', en: '{hits} on one board' },
  searchFoundOther: { de: '{hits} auf {count} Boards', en: '{hits} on {count} boards' },
  hitsOne: { de: '{count} Treffer', en: '{count} result' },
  hitsOther: { de: '{count} Treffer', en: '{count} results' },
  shownOfTotal: { de: 'die ersten {shown} von {total}', en: 'the first {shown} of {total}' },
  searchTruncated: {
    de: 'Mehr Treffer, als eine Liste zeigen kann: Suchen Sie genauer, um alle zu sehen.',
    en: 'More results than a list can show: search more narrowly to see them all.',
  },
  searchUnreadOne: { de: 'Ein Board konnte nicht durchsucht werden.', en: 'One board could not be searched.' },
  searchUnreadOther: { de: '{count} Boards konnten nicht durchsucht werden.', en: '{count} boards could not be searched.' },
  internal: { de: 'intern', en: 'internal' },
  noLink: { de: 'Das Netzwerk kann dieses Board nicht mehr öffnen.', en: 'The network can no longer open this board.' },

  sinceHeading: { de: 'Seit Ihrem letzten Besuch', en: 'Since your last visit' },
  sinceLoading: { de: 'Lese die Boards …', en: 'Reading the boards …' },
  sinceFirst: {
    de: 'Dieses Gerät merkt sich ab jetzt, was auf den Boards steht: Beim nächsten Besuch sehen Sie hier, was seitdem dazugekommen ist.',
    en: 'From now on this device remembers what the boards hold: on your next visit you see here what was added since.',
  },
  sinceWhen: { de: '{what} seit {date}.', en: '{what} since {date}.' },
  sinceNothing: { de: 'Seit {date} hat sich auf den Boards nichts getan.', en: 'Nothing changed on the boards since {date}.' },
  notesOne: { de: '{count} neuer Zettel', en: '{count} new Zettel' },
  notesOther: { de: '{count} neue Zettel', en: '{count} new Zettel' },
  commentsOne: { de: '{count} neuer Kommentar', en: '{count} new comment' },
  commentsOther: { de: '{count} neue Kommentare', en: '{count} new comments' },
  releasesOne: { de: '{count} Freigabe', en: '{count} release' },
  releasesOther: { de: '{count} Freigaben', en: '{count} releases' },
  newBoardsOne: { de: '{count} neues Board', en: '{count} new board' },
  newBoardsOther: { de: '{count} neue Boards', en: '{count} new boards' },
  onBoardsOne: { de: 'auf einem Board', en: 'on one board' },
  onBoardsOther: { de: 'auf {count} Boards', en: 'on {count} boards' },
  releasedOn: { de: 'zur Weitergabe freigegeben am {date}', en: 'released to be passed on, {date}' },
  newInNetwork: { de: 'neu im Netzwerk', en: 'new in the network' },
  dueHeading: { de: 'Bald fällig', en: 'Due soon' },
  dueBy: { de: 'bis {date}', en: 'by {date}' },
  overdue: { de: 'überfällig seit {date}', en: 'overdue since {date}' },
  sinceFailed: { de: 'Was sich getan hat, konnte nicht gelesen werden', en: 'What changed could not be read' },
  searchFailed: { de: 'Die Suche ist fehlgeschlagen', en: 'The search failed' },
  digestHeading: { de: 'Zusammenfassung per E-Mail', en: 'Digest by e-mail' },
  digestSignIn: {
    de: 'Melden Sie sich an, um alle {days} Tage per E-Mail zu erfahren, was sich auf den Boards getan hat.',
    en: 'Sign in to learn by e-mail every {days} days what changed on the boards.',
  },
  digestSignInButton: { de: 'Anmelden', en: 'Sign in' },
  digestSwitch: { de: 'Alle {days} Tage an {email} schicken', en: 'Send to {email} every {days} days' },
  digestWhat: {
    de: 'Nur Titel der Boards und Zahlen, nichts von dem, was darauf steht; kein Link, der ohne den Netzwerk-Link etwas öffnet.',
    en: "Only the boards' titles and numbers, nothing written on them; no link that opens anything without the network's link.",
  },
  digestFailed: { de: 'Die Zusammenfassung konnte nicht umgestellt werden', en: 'The digest could not be changed' },
} satisfies Record<string, Labels>

export type BetweenWord = keyof typeof words
export const w = (key: BetweenWord): string => pick(words[key], locale)

/**
 * The words of comments on a board: threads on Zettel, their badge, the panel and who may write them;
 * `catalogs.ts` puts them into the one catalogue `t` reads.
 */
const de = {
  commentsButton: 'Kommentare',
  commentsHeading: 'Kommentare',
  commentsClose: 'Kommentare schließen',
  commentAdd: 'Kommentieren',
  commentAddHint: 'Zum ausgewählten Zettel oder zur ausgewählten Form; ohne Auswahl zur Mitte der Ansicht. Oder mit der rechten Maustaste an der Stelle selbst.',
  commentAddHintTouch: 'Zum ausgewählten Zettel oder zur ausgewählten Form; ohne Auswahl zur Mitte der Ansicht.',
  commentNewLabel: 'Ihr Kommentar',
  commentReplyLabel: 'Antworten',
  commentReply: 'Antworten',
  commentResolve: 'Als erledigt markieren',
  commentReopen: 'Wieder öffnen',
  commentJump: 'Zeigen',
  commentOnShape: 'zu „{what}“',
  commentOnShapeUntitled: 'zu einer Form',
  commentOnPlace: 'zu einer Stelle auf „{page}“',
  commentOnMissing: 'zu etwas, das nicht mehr da ist',
  commentsNone: 'Noch keine offenen Kommentare.',
  commentsObservers: 'Link „Nur ansehen“ darf kommentieren',
  commentsObserversHint: 'Wer mit dem Link „Nur ansehen“ zusieht, darf dann Kommentare schreiben, aber sonst nichts ändern.',
  commentBadge: '{count} offene Kommentare',
  commentBadgeOne: '{count} offener Kommentar',
} as const

const en: { readonly [K in keyof typeof de]: string } = {
  commentsButton: 'Comments',
  commentsHeading: 'Comments',
  commentsClose: 'Close comments',
  commentAdd: 'Comment',
  commentAddHint: 'On the selected note or shape; with nothing selected, on the middle of the view. Or right-click the spot itself.',
  commentAddHintTouch: 'On the selected note or shape; with nothing selected, on the middle of the view.',
  commentNewLabel: 'Your comment',
  commentReplyLabel: 'Reply',
  commentReply: 'Reply',
  commentResolve: 'Mark as resolved',
  commentReopen: 'Reopen',
  commentJump: 'Show',
  commentOnShape: 'on “{what}”',
  commentOnShapeUntitled: 'on a shape',
  commentOnPlace: 'on a spot of “{page}”',
  commentOnMissing: 'on something no longer there',
  commentsNone: 'No open comments yet.',
  commentsObservers: '“View only” link may comment',
  commentsObserversHint: 'Whoever watches with the “View only” link may then write comments, but change nothing else.',
  commentBadge: '{count} open comments',
  commentBadgeOne: '{count} open comment',
}

export const commentsMessages = { de, en }

/**
 * The words of searching a board (and the network's boards): the field, its filters and what it finds;
 * `catalogs.ts` puts them into the one catalogue `t` reads.
 */
const de = {
  searchOpen: 'Suchen',
  searchRegion: 'Suche auf dem Board',
  searchLabel: 'Auf dem Board suchen',
  searchPlaceholder: 'Zettel, Vorlagen, Rahmen, Kommentare …',
  searchHint: 'Enter: nächster Treffer · Umschalt+Enter: voriger · Esc: schließen',
  searchClose: 'Suche schließen',
  searchResultsList: 'Treffer',
  searchResults: '{count} Treffer',
  searchResultsOne: '{count} Treffer',
  searchNone: 'Keine Treffer',
  searchShownFirst: 'Die ersten {shown} werden gezeigt; ein weiteres Wort grenzt die Suche ein.',
  searchKindNote: 'Zettel',
  searchKindText: 'Text',
  searchKindShape: 'Form',
  searchKindTemplate: 'Vorlage',
  searchKindHeading: 'Überschrift',
  searchKindCell: 'Feld',
  searchKindCard: 'Karte',
  searchKindFrame: 'Rahmen',
  searchKindComment: 'Kommentar von {name}',
} as const

const en: { readonly [K in keyof typeof de]: string } = {
  searchOpen: 'Search',
  searchRegion: 'Board search',
  searchLabel: 'Search this board',
  searchPlaceholder: 'Notes, templates, frames, comments …',
  searchHint: 'Enter: next result · Shift+Enter: previous · Esc: close',
  searchClose: 'Close search',
  searchResultsList: 'Results',
  searchResults: '{count} results',
  searchResultsOne: '{count} result',
  searchNone: 'No results',
  searchShownFirst: 'The first {shown} are shown; another word narrows the search.',
  searchKindNote: 'Note',
  searchKindText: 'Text',
  searchKindShape: 'Shape',
  searchKindTemplate: 'Template',
  searchKindHeading: 'Heading',
  searchKindCell: 'Field',
  searchKindCard: 'Card',
  searchKindFrame: 'Frame',
  searchKindComment: 'Comment by {name}',
}

export const searchMessages = { de, en }

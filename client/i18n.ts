/** German by default; English when the browser prefers English over German. */
export type Locale = 'de' | 'en'

/** The first of German or English in the browser's preference list wins; neither → German. */
export function chooseLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0]
    if (primary === 'de' || primary === 'en') return primary
  }
  return 'de'
}

export function browserLocale(): Locale {
  if (typeof navigator === 'undefined') return 'de'
  return chooseLocale(navigator.languages?.length ? navigator.languages : [navigator.language ?? ''])
}

const de = {
  appName: 'Netzwerkstatt',
  tagline: 'Gemeinsam zeichnen, skizzieren und planen – in Echtzeit, auf deinem eigenen Server.',
  createHeading: 'Neues Board',
  titleLabel: 'Titel',
  titlePlaceholder: 'z. B. Gründungsworkshop Netzwerk Alleinerziehende',
  createButton: 'Board anlegen',
  creating: 'Wird angelegt…',
  createFailed: 'Das Board konnte nicht angelegt werden: {error}',
  openHeading: 'Board öffnen',
  openLabel: 'Link oder Board-ID',
  openPlaceholder: 'Link einfügen',
  openButton: 'Öffnen',
  openInvalid: 'Das sieht nicht nach einem Board-Link aus.',
  recentHeading: 'Zuletzt geöffnet',
  recentEmpty: 'Hier erscheinen die Boards, die du in diesem Browser geöffnet hast.',
  recentOpened: 'geöffnet {when}',
  recentForget: 'Aus der Liste entfernen',
  recentForgetNamed: '„{title}“ aus der Liste entfernen',
  recentNote: 'Diese Liste liegt nur in diesem Browser.',
  loadingBoard: 'Board wird geladen…',
  waitingForServer: 'Verbindung zum Server wird aufgebaut…',
  waitingOffline:
    'Du bist offline. Dieses Board war in diesem Browser noch nie geöffnet, deshalb gibt es keine lokale Kopie. Es erscheint, sobald die Verbindung steht.',
  notFoundHeading: 'Board nicht gefunden',
  notFoundText: 'Unter dieser Adresse gibt es kein Board. Vielleicht wurde es gelöscht, oder der Link ist unvollständig.',
  backToStart: 'Zur Startseite',
  pageNotFound: 'Diese Seite gibt es nicht.',
  loadFailedHeading: 'Board konnte nicht geladen werden',
  newerVersionText:
    'Dieses Board wurde mit einer neueren Version von Netzwerkstatt gespeichert. Lade die Seite neu, um die aktuelle Version zu bekommen.',
  reload: 'Neu laden',
  licenceHeading: 'Zeichenfläche nicht verfügbar',
  licenceText:
    'Diese Netzwerkstatt läuft über HTTPS unter einer öffentlichen Adresse. Dort verlangt die Zeichenbibliothek tldraw einen Lizenzschlüssel, und auf diesem Server ist keiner hinterlegt.',
  licenceOperator:
    'Für den Betrieb: Setze auf dem Server die Umgebungsvariable TLDRAW_LICENSE_KEY (siehe README) und starte ihn neu – oder biete Netzwerkstatt im lokalen Netz über einfaches HTTP an.',
  statusConnected: 'Verbunden',
  statusConnectedHint: 'Änderungen werden sofort mit allen geteilt.',
  statusConnecting: 'Verbinde…',
  statusReconnecting: 'Verbindung wird wiederhergestellt…',
  statusOffline: 'Offline',
  statusOfflineHint: 'Änderungen werden in diesem Browser gespeichert und abgeglichen, sobald die Verbindung zurück ist.',
  statusGone: 'Board gelöscht',
  statusGoneHint: 'Dieses Board gibt es auf dem Server nicht mehr. Deine Änderungen werden nicht mehr geteilt.',
  peopleButton: 'Teilnehmende und dein Name',
  you: 'du',
  fileTooLarge: 'Datei zu groß',
  fileTooLargeText: 'Der Server nimmt Dateien bis {size} an.',
  uploadFailed: 'Hochladen fehlgeschlagen',
  uploadOffline: 'Bilder lassen sich nur mit Verbindung zum Server hochladen.',
  copyLink: 'Link kopieren',
  linkCopied: 'Link kopiert',
  firstPageName: 'Seite 1',
  templateLabel: 'Vorlage',
  templateNone: 'Leeres Board',
  templatesButton: 'Vorlagen',
  templatesButtonHint: 'Workshop-Vorlagen einfügen und erweitern, Ergebnisse exportieren',
  templatesTitle: 'Vorlagen',
  templatesClose: 'Schließen',
  templatesChoose: 'Vorlage einfügen',
  templatesBack: 'Alle Vorlagen',
  templatesInsert: 'Einfügen',
  templatesInsertHint: 'Die Vorlage kommt in einen freien Bereich neben die Mitte deiner Ansicht. Rückgängig entfernt sie wieder.',
  templatesOnBoard: 'Vorlagen auf dieser Seite',
  templatesOnBoardEmpty: 'Auf dieser Seite gibt es noch keine Vorlage.',
  templatesShow: 'Zeigen',
  templatesShowNamed: '„{title}“ zeigen',
  templatesAdd: 'Hinzufügen',
  templatesCancel: 'Abbrechen',
  templatesFailed: 'Das hat nicht geklappt: {error}',
  templatesAtLimit: 'Mehr geht nicht: Die Vorlage hat ihre Grenze erreicht oder hat diesen Eintrag schon.',
  serviceCardAdd: 'Leistungskarte hinzufügen',
  handoversAdd: 'Schnittstellen ergänzen',
  handoversAdded: 'Schnittstellen ergänzt: {count}',
  handoversNone: 'Es fehlt keine Schnittstelle.',
  exportHeading: 'Ergebnisse exportieren',
  exportHint: 'Alle Zettel in den Vorlagen dieses Boards als Datei.',
  exportMarkdown: 'Markdown',
  exportCsv: 'CSV (Tabelle)',
  exportJson: 'JSON',
  picklistOther: 'Weitere Organisation',
  picklistOtherPlaceholder: 'Name eingeben',
  picklistAdd: 'Hinzufügen',
  picklistEmpty: 'Wähle mindestens einen Eintrag.',
  partnersLegend: 'Beteiligte',
  organisationsLegend: 'Organisationen',
  caseLabel: 'Fall',
  caseBlank: 'Leer – eigenen Fall eintragen',
  scenesLabel: 'Anzahl der Szenen',
  questionLabel: 'Leitfrage',
  groupsLabel: 'Anzahl der Kleingruppen',
  targetGroupLabel: 'Zielgruppe',
  targetGroupPlaceholder: 'z. B. Alleinerziehende im SGB II',
  variantLegend: 'Kette',
  variantIst: 'Ist',
  variantSoll: 'Soll',
  variantBoth: 'beide',
} as const

export type Messages = { readonly [K in keyof typeof de]: string }

const en: Messages = {
  appName: 'Netzwerkstatt',
  tagline: 'Draw, sketch and plan together – live, on your own server.',
  createHeading: 'New board',
  titleLabel: 'Title',
  titlePlaceholder: 'e.g. Founding workshop, single-parent network',
  createButton: 'Create board',
  creating: 'Creating…',
  createFailed: 'The board could not be created: {error}',
  openHeading: 'Open a board',
  openLabel: 'Link or board ID',
  openPlaceholder: 'Paste a link',
  openButton: 'Open',
  openInvalid: 'That does not look like a board link.',
  recentHeading: 'Recently opened',
  recentEmpty: 'Boards you open in this browser will show up here.',
  recentOpened: 'opened {when}',
  recentForget: 'Remove from list',
  recentForgetNamed: 'Remove “{title}” from the list',
  recentNote: 'This list is kept in this browser only.',
  loadingBoard: 'Loading board…',
  waitingForServer: 'Connecting to the server…',
  waitingOffline:
    'You are offline. This board has never been opened in this browser, so there is no local copy yet. It will appear as soon as you are connected.',
  notFoundHeading: 'Board not found',
  notFoundText: 'There is no board at this address. It may have been deleted, or the link is incomplete.',
  backToStart: 'Back to start page',
  pageNotFound: 'This page does not exist.',
  loadFailedHeading: 'The board could not be loaded',
  newerVersionText:
    'This board was saved by a newer version of Netzwerkstatt. Reload the page to get the current version.',
  reload: 'Reload',
  licenceHeading: 'Canvas unavailable',
  licenceText:
    'This Netzwerkstatt is served over HTTPS at a public address. There, the tldraw drawing library requires a licence key, and none is configured on this server.',
  licenceOperator:
    'For the operator: set the TLDRAW_LICENSE_KEY environment variable on the server (see README) and restart it – or serve Netzwerkstatt over plain HTTP on your local network.',
  statusConnected: 'Connected',
  statusConnectedHint: 'Changes are shared with everyone right away.',
  statusConnecting: 'Connecting…',
  statusReconnecting: 'Reconnecting…',
  statusOffline: 'Offline',
  statusOfflineHint: 'Changes are saved in this browser and merged once the connection is back.',
  statusGone: 'Board deleted',
  statusGoneHint: 'This board no longer exists on the server. Your changes are no longer shared.',
  peopleButton: 'People and your name',
  you: 'you',
  fileTooLarge: 'File too large',
  fileTooLargeText: 'The server accepts files up to {size}.',
  uploadFailed: 'Upload failed',
  uploadOffline: 'Images can only be uploaded while connected to the server.',
  copyLink: 'Copy link',
  linkCopied: 'Link copied',
  firstPageName: 'Page 1',
  templateLabel: 'Template',
  templateNone: 'Empty board',
  templatesButton: 'Templates',
  templatesButtonHint: 'Insert and extend workshop templates, export results',
  templatesTitle: 'Templates',
  templatesClose: 'Close',
  templatesChoose: 'Insert a template',
  templatesBack: 'All templates',
  templatesInsert: 'Insert',
  templatesInsertHint: 'The template goes into free space next to the centre of your view. Undo removes it again.',
  templatesOnBoard: 'Templates on this page',
  templatesOnBoardEmpty: 'There is no template on this page yet.',
  templatesShow: 'Show',
  templatesShowNamed: 'Show “{title}”',
  templatesAdd: 'Add',
  templatesCancel: 'Cancel',
  templatesFailed: 'That did not work: {error}',
  templatesAtLimit: 'Nothing added: the template is at its limit or already has this entry.',
  serviceCardAdd: 'Add a service card',
  handoversAdd: 'Add missing hand-overs',
  handoversAdded: 'Hand-overs added: {count}',
  handoversNone: 'No hand-over is missing.',
  exportHeading: 'Export results',
  exportHint: "All notes in this board's templates, as a file.",
  exportMarkdown: 'Markdown',
  exportCsv: 'CSV (table)',
  exportJson: 'JSON',
  picklistOther: 'Another organisation',
  picklistOtherPlaceholder: 'Type a name',
  picklistAdd: 'Add',
  picklistEmpty: 'Choose at least one entry.',
  partnersLegend: 'Stakeholders',
  organisationsLegend: 'Organisations',
  caseLabel: 'Case',
  caseBlank: 'Blank – write your own case',
  scenesLabel: 'Number of scenes',
  questionLabel: 'Guiding question',
  groupsLabel: 'Number of small groups',
  targetGroupLabel: 'Target group',
  targetGroupPlaceholder: 'e.g. single parents on benefits',
  variantLegend: 'Chain',
  variantIst: 'As is',
  variantSoll: 'To be',
  variantBoth: 'both',
}

export const catalogs: Record<Locale, Messages> = { de, en }

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match))
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = value % 1 === 0 ? 0 : 1
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`
}

/**
 * What the board page says when tldraw's licence check would switch the canvas off, and the
 * facilitators' early warning; German and English. Kept beside the gate, not in the main
 * catalogue: the texts name the licence's reasons, which only this page knows.
 */
import type { Locale } from '../shared/locale.ts'
import type { RejectionReason } from './licenceGate.ts'

interface LicenceTexts {
  heading: string
  why: Record<RejectionReason, (facts: { expiry: string; hosts: string; host: string }) => string>
  whoToTell: string
  operator: Record<RejectionReason, (facts: { host: string }) => string>
  contentHeading: string
  contentLoading: string
  contentRefused: string
  contentFailed: string
  download: string
  warning: (facts: { lastDay: string; days: number }) => string
  warningClose: string
  /** Where the canvas is missing, every role works on in the list: what goes on, for whom. */
  listInstead: string
  listInsteadFacilitator: string
  /** The explanation folded under the list's notice. */
  details: string
  /** Every operator's text ends with where the steps are written down. */
  docs: string
  /** On the wall, under the tables, small. */
  wallNote: string
  /** The facilitator's panel over the list (`beitragen/FacilitatorList.tsx`). */
  steering: { heading: string; part: string; partNone: string; partHint: string; voteOn: string; timer: string }
}

const dayWords: Record<Locale, Intl.PluralRules> = { de: new Intl.PluralRules('de'), en: new Intl.PluralRules('en') }
const days = (locale: Locale, n: number, one: string, other: string) => `${n} ${dayWords[locale].select(n) === 'one' ? one : other}`

/** The operator's check, named in the texts; the page keeps it on one line. */
export const checkCommand = 'npm run admin -- licence'

export const licenceTexts: Record<Locale, LicenceTexts> = {
  de: {
    heading: 'Die Zeichenfläche ist gerade nicht verfügbar',
    why: {
      missing: () =>
        'Diese Netzwerkstatt läuft über HTTPS unter einer öffentlichen Adresse. Dort verlangt die Zeichenbibliothek tldraw einen Lizenzschlüssel, und auf diesem Server ist keiner hinterlegt.',
      expired: ({ expiry }) => `Der Lizenzschlüssel der Zeichenbibliothek tldraw ist abgelaufen${expiry ? ` (Datum im Schlüssel: ${expiry})` : ''}. Mit einem abgelaufenen Schlüssel schaltet tldraw die Zeichenfläche ab.`,
      'wrong-host': ({ hosts, host }) => `Der Lizenzschlüssel der Zeichenbibliothek tldraw gilt für ${hosts}, nicht für diese Adresse (${host}). Dort schaltet tldraw die Zeichenfläche ab.`,
      unreadable: () => 'Der hinterlegte Lizenzschlüssel der Zeichenbibliothek tldraw ist nicht lesbar. Mit einem solchen Schlüssel schaltet tldraw die Zeichenfläche ab.',
      'not-signed': () =>
        'Der hinterlegte Lizenzschlüssel der Zeichenbibliothek tldraw ist nicht von tldraw unterschrieben, vermutlich beim Kopieren beschädigt. Mit einem solchen Schlüssel schaltet tldraw die Zeichenfläche ab.',
      'refused-at-run-time': () => 'Die Zeichenbibliothek tldraw hat den Lizenzschlüssel dieses Servers beim Laden abgelehnt und schaltet die Zeichenfläche ab.',
    },
    whoToTell: 'Bitte sagen Sie der Moderation Bescheid; sie gibt es an die IT weiter, die diese Netzwerkstatt betreibt.',
    operator: {
      missing: () => 'Für den Betrieb: Setzen Sie auf dem Server TLDRAW_LICENSE_KEY und starten Sie ihn neu.',
      expired: () => `Für den Betrieb: Erneuern Sie die Lizenz bei tldraw, tragen Sie den neuen Schlüssel in TLDRAW_LICENSE_KEY ein und starten Sie den Server neu. „${checkCommand}“ prüft den Schlüssel.`,
      'wrong-host': ({ host }) => `Für den Betrieb: Lassen Sie den Schlüssel bei tldraw auch für ${host} ausstellen, oder öffnen Sie die Netzwerkstatt unter der Adresse, für die er gilt (PUBLIC_URL). „${checkCommand}“ prüft den Schlüssel.`,
      unreadable: () => `Für den Betrieb: Kopieren Sie den Schlüssel noch einmal vollständig in TLDRAW_LICENSE_KEY und starten Sie den Server neu. „${checkCommand}“ prüft ihn.`,
      'not-signed': () => `Für den Betrieb: Kopieren Sie den Schlüssel noch einmal vollständig in TLDRAW_LICENSE_KEY und starten Sie den Server neu. „${checkCommand}“ prüft ihn.`,
      'refused-at-run-time': () =>
        `Für den Betrieb: „${checkCommand}“ zeigt, was tldraw am Schlüssel stört. Findet es nichts, geht vielleicht die Uhr des Geräts falsch, auf dem diese Seite offen ist.`,
    },
    contentHeading: 'Inhalt des Boards',
    contentLoading: 'Inhalt wird geladen …',
    contentRefused: 'Mit dem Link „Nur ansehen“ lässt sich der Inhalt erst lesen, wenn die Moderation das Exportieren für ihn freigibt. Mit den Links „Teilnehmende“ und „Moderation“ geht es gleich.',
    contentFailed: 'Der Inhalt konnte gerade nicht geladen werden. Versuchen Sie es später noch einmal.',
    download: 'Als Markdown herunterladen',
    warning: ({ lastDay, days: n }) =>
      `Die tldraw-Lizenz dieses Servers läuft aus: Die Zeichenfläche funktioniert noch bis zum ${lastDay} (${n > 0 ? `noch ${days('de', n, 'Tag', 'Tage')}` : 'nur noch heute'}). Bitte geben Sie der IT Bescheid, die diese Netzwerkstatt betreibt.`,
    warningClose: 'Hinweis schließen',
    listInstead: 'Die Werkstatt geht hier in der Liste „Beitragen“ weiter: lesen, schreiben, Punkte vergeben und verdeckt schreiben wie gewohnt.',
    listInsteadFacilitator:
      'Den Ablauf steuern Sie im Feld „Moderation“ über der Liste: den aktuellen Teil, die Punktabfrage, den Timer und das verdeckte Schreiben. Die Wand (Link mit ?beamer=1) zeigt den aktuellen Teil als Tabelle.',
    details: 'Warum, und was die IT tun kann',
    docs: 'Anleitung: docs/operations.md, Abschnitt „tldraw licence“.',
    wallNote: 'Ohne Zeichenfläche (tldraw-Lizenz): Die Wand zeigt den aktuellen Teil als Tabelle.',
    steering: {
      heading: 'Moderation',
      part: 'Aktueller Teil',
      partNone: '– kein Teil gewählt –',
      partHint: 'Alle Listen und die Wand zeigen diesen Teil.',
      voteOn: 'Bereich: {scope}',
      timer: 'Timer',
    },
  },
  en: {
    heading: 'The canvas is not available right now',
    why: {
      missing: () => 'This Netzwerkstatt is served over HTTPS at a public address. There, the tldraw drawing library requires a licence key, and none is configured on this server.',
      expired: ({ expiry }) => `The licence key of the tldraw drawing library has expired${expiry ? ` (date in the key: ${expiry})` : ''}. With an expired key, tldraw switches the canvas off.`,
      'wrong-host': ({ hosts, host }) => `The licence key of the tldraw drawing library is for ${hosts}, not for this address (${host}). Here, tldraw switches the canvas off.`,
      unreadable: () => 'The tldraw licence key configured on this server cannot be read. With such a key, tldraw switches the canvas off.',
      'not-signed': () => 'The tldraw licence key configured on this server is not signed by tldraw, probably damaged when it was copied. With such a key, tldraw switches the canvas off.',
      'refused-at-run-time': () => 'The tldraw drawing library refused this server’s licence key while loading and switches the canvas off.',
    },
    whoToTell: 'Please tell the facilitator; they pass it on to the IT team that runs this Netzwerkstatt.',
    operator: {
      missing: () => 'For the operator: set TLDRAW_LICENSE_KEY on the server and restart it.',
      expired: () => `For the operator: renew the licence with tldraw, put the new key into TLDRAW_LICENSE_KEY and restart the server. “${checkCommand}” checks the key.`,
      'wrong-host': ({ host }) => `For the operator: have tldraw issue the key for ${host} too, or open Netzwerkstatt at the address it is for (PUBLIC_URL). “${checkCommand}” checks the key.`,
      unreadable: () => `For the operator: copy the whole key into TLDRAW_LICENSE_KEY again and restart the server. “${checkCommand}” checks it.`,
      'not-signed': () => `For the operator: copy the whole key into TLDRAW_LICENSE_KEY again and restart the server. “${checkCommand}” checks it.`,
      'refused-at-run-time': () => `For the operator: “${checkCommand}” shows what tldraw objects to in the key. If it finds nothing, the clock of the device showing this page may be wrong.`,
    },
    contentHeading: 'Content of the board',
    contentLoading: 'Loading the content …',
    contentRefused: 'The “View only” link can read the content once the facilitator allows it to export. The “Participant” and “Facilitator” links can read it now.',
    contentFailed: 'The content could not be loaded just now. Please try again later.',
    download: 'Download as Markdown',
    warning: ({ lastDay, days: n }) =>
      `This server’s tldraw licence runs out: the canvas keeps working until ${lastDay} (${n > 0 ? `${days('en', n, 'day', 'days')} left` : 'today only'}). Please tell the IT team that runs this Netzwerkstatt.`,
    warningClose: 'Close notice',
    listInstead: 'The workshop goes on here in the list “Contribute”: reading, writing, giving dots and private writing work as usual.',
    listInsteadFacilitator:
      'You steer the workshop from the “Facilitation” panel above the list: the current part, the dot vote, the timer and private writing. The wall (link with ?beamer=1) shows the current part as a table.',
    details: 'Why, and what IT can do',
    docs: 'Instructions: docs/operations.md, section “tldraw licence”.',
    wallNote: 'Without the canvas (tldraw licence): the wall shows the current part as a table.',
    steering: {
      heading: 'Facilitation',
      part: 'Current part',
      partNone: '– no part chosen –',
      partHint: 'Every list and the wall show this part.',
      voteOn: 'Scope: {scope}',
      timer: 'Timer',
    },
  },
}

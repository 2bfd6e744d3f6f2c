/**
 * The words of joining a board: the room's join code and screen, and the join page that opens a board from it;
 * `catalogs.ts` puts them into the one catalogue `t` reads.
 */
const de = {
  joinBusy: 'Beitrittscode wird geprüft …',
  joinUnknownHeading: 'Beitrittscode unbekannt',
  joinUnknownText:
    'Diesen Code kennt der Server nicht, oder er ist abgelaufen. Bitte prüfen Sie die Schreibweise oder fragen Sie die Moderation nach dem aktuellen Code.',
  joinUnreachableHeading: 'Server nicht erreichbar',
  joinUnreachableText: 'Der Beitrittscode konnte gerade nicht geprüft werden. Bitte versuchen Sie es gleich noch einmal.',
  joinScreenOpen: 'Beitreten-Ansicht für den Beamer',
  joinScreenRoleLabel: 'Beitreten als',
  joinScreenClose: 'Schließen',
  joinScreenScan: 'QR-Code scannen oder diese Adresse eingeben:',
  joinScreenCode: 'Beitrittscode: {code}',
  joinScreenQrLabel: 'QR-Code für {link}',
  joinScreenHint: '„{role}“ · gültig bis {date} · Ein neuer Link im Links-Bereich macht den Code ungültig.',
  joinScreenMaking: 'Beitrittscode wird erzeugt …',
  joinScreenUnknownLink:
    'Weder dieser Browser noch der Server kennt den Link „{role}“ (das Board ist älter als diese Funktion). Öffnen Sie diese Ansicht einmal im Browser, in dem das Board angelegt wurde – danach zeigt sie jedes Gerät mit dem Moderationslink.',
  joinScreenFailed: 'Der Beitrittscode konnte nicht erzeugt werden: {error}',
  joinReachLocalOnly:
    'Nur dieser Rechner erreicht diese Adresse – andere Geräte können so nicht beitreten. Starten Sie Netzwerkstatt mit HOST=0.0.0.0 (alle im selben WLAN) oder mit PUBLIC_URL und öffnen Sie diese Ansicht dann neu.',
  joinReachNetwork: 'Adresse im lokalen Netzwerk: Beitreten kann, wer im selben Netzwerk (WLAN) ist.',
} as const

const en: { readonly [K in keyof typeof de]: string } = {
  joinBusy: 'Checking the join code …',
  joinUnknownHeading: 'Unknown join code',
  joinUnknownText:
    'The server does not know this code, or it has expired. Please check the spelling or ask the facilitator for the current code.',
  joinUnreachableHeading: 'Server not reachable',
  joinUnreachableText: 'The join code could not be checked just now. Please try again in a moment.',
  joinScreenOpen: 'Join screen for the projector',
  joinScreenRoleLabel: 'Join as',
  joinScreenClose: 'Close',
  joinScreenScan: 'Scan the QR code or type this address:',
  joinScreenCode: 'Join code: {code}',
  joinScreenQrLabel: 'QR code for {link}',
  joinScreenHint: '“{role}” · valid until {date} · A new link in the links panel ends the code.',
  joinScreenMaking: 'Making a join code …',
  joinScreenUnknownLink:
    'Neither this browser nor the server knows the “{role}” link (the board is older than this feature). Open this view once in the browser the board was created in – after that, every device with the facilitator link shows it.',
  joinScreenFailed: 'The join code could not be made: {error}',
  joinReachLocalOnly:
    'Only this computer reaches this address – other devices cannot join this way. Start Netzwerkstatt with HOST=0.0.0.0 (everyone on the same Wi-Fi) or with PUBLIC_URL, then open this view again.',
  joinReachNetwork: 'Address in the local network: whoever is on the same network (Wi-Fi) can join.',
}

export const joinMessages = { de, en }

/** The words of the Fallkonferenz's confirmations dialog, its banner and its notice, German and English. */
import type { Labels } from '../../shared/locale.ts'
import type { ConsentStatus } from '../../shared/board/entries/consent.ts'

export const caseShutText = {
  title: { de: 'Fall noch gesperrt', en: 'Case still locked' },
  description: {
    de: 'In Fallbeschreibung, Lösungswege und Erkenntnisse kommt erst etwas, wenn die Moderation alle Bestätigungen festgehalten hat.',
    en: 'Nothing goes into the case, the ways forward or the lessons until the facilitator has recorded every confirmation.',
  },
} satisfies Record<string, Labels>

export const consentTexts = {
  open: { de: 'Bestätigungen festhalten', en: 'Record confirmations' },
  show: { de: 'Bestätigungen ansehen', en: 'See confirmations' },
  title: { de: 'Bestätigungen vor der Fallkonferenz', en: 'Confirmations before the case conference' },
  intro: {
    de: 'Der Fall wird erst geöffnet, wenn alles hier schriftlich bestätigt ist. Was nur angefragt, mündlich zugesagt oder unklar ist, bleibt „steht aus“ oder „nur mündlich“ – der Fall bleibt dann gesperrt.',
    en: 'The case opens only once everything here is confirmed in writing. Anything only requested, promised verbally or unclear stays “outstanding” or “verbal only”, and the case stays locked.',
  },
  einverstaendnis: { de: 'Einverständnis der Person', en: 'Consent of the person' },
  entbindung: { de: 'Schweigepflichtsentbindung (schriftlich)', en: 'Written release from confidentiality' },
  entbundeneStellen: { de: 'Entbunden sind (eine Stelle je Zeile)', en: 'Released are (one service per line)' },
  anwesendeStellen: { de: 'Heute am Tisch (eine Stelle je Zeile)', en: 'At the table today (one service per line)' },
  anwesendeHint: {
    de: 'Nur Stellen. Nimmt die Person selbst teil, unten ankreuzen; eine Zeile wie „Mutter selbst“ wird dorthin übernommen.',
    en: 'Services only. If the person takes part, tick the box below; a line such as “mother herself” is moved there.',
  },
  personSelbst: { de: 'Die Person nimmt selbst teil', en: 'The person takes part in person' },
  nurPseudonym: { de: 'Auf dem Board steht nur das Pseudonym, nichts Erkennbares.', en: 'The board shows only the pseudonym, nothing recognisable.' },
  moderation: { de: 'Moderation (Name)', en: 'Chair (name)' },
  moderationNichtEinbringend: { de: 'Die Moderation gehört nicht zur Stelle, die den Fall einbringt.', en: 'The chair is not from the service bringing the case.' },
  datum: { de: 'Geprüft am', en: 'Checked on' },
  bestaetigtVon: { de: 'Bestätigt von (Name oder Kürzel)', en: 'Confirmed by (name or initials)' },
  save: { de: 'Festhalten', en: 'Record' },
  cancel: { de: 'Schließen', en: 'Close' },
  withdraw: { de: 'Zurückziehen (Fall sperren)', en: 'Withdraw (lock the case)' },
  saved: { de: 'Festgehalten.', en: 'Recorded.' },
  released: { de: 'Alle Bestätigungen liegen vor: der Fall ist offen.', en: 'All confirmations are in: the case is open.' },
  stillMissing: { de: 'Der Fall bleibt gesperrt. Es fehlt:', en: 'The case stays locked. Missing:' },
  onlyFacilitator: { de: 'Nur die Moderation hält die Bestätigungen fest.', en: 'Only the facilitator records the confirmations.' },
} satisfies Record<string, Labels>

/** „Fall vom Board entfernen“ after a withdrawn consent (`CaseRemoval.tsx`). */
export const removalTexts = {
  open: { de: 'Fall vom Board entfernen …', en: 'Remove the case from the board …' },
  intro: {
    de: 'Ist das Einverständnis zurückgezogen (Art. 7 Abs. 3, Art. 17 DSGVO), kommt der Fall mit allen Kopien vom Board. Endgültig entfernt werden:',
    en: 'Once consent is withdrawn (Art. 7(3), Art. 17 GDPR), the case leaves the board with all its copies. Removed for good:',
  },
  stays: {
    de: 'Es bleiben: die Vorlage mit ihrem Pseudonym, die festgehaltenen Bestätigungen und Versionen ohne den Fall. Sicherungen der Datenbank und Kopien in Browsern erreicht das nicht. Rückgängig machen lässt es sich nicht.',
    en: 'What stays: the template with its pseudonym, the recorded confirmations and versions without the case. Database backups and copies in browsers are not reached. This cannot be undone.',
  },
  confirm: { de: 'Ja, endgültig entfernen', en: 'Yes, remove for good' },
  back: { de: 'Nicht entfernen', en: 'Do not remove' },
  reading: { de: 'Die Kopien des Falls werden gesucht …', en: 'Looking for the case’s copies …' },
  nothing: { de: 'Vom Fall ist nichts mehr da: keine Zettel, keine Versionen mit ihm, keine übernommenen Zettel.', en: 'Nothing of the case is left: no Zettel, no versions holding it, no carried Zettel.' },
  done: { de: 'Der Fall ist mit seinen Kopien vom Board entfernt.', en: 'The case and its copies are removed from the board.' },
  left: { de: 'Nicht alles ließ sich entfernen:', en: 'Not everything could be removed:' },
  failed: { de: 'Das ging nicht. Bitte noch einmal versuchen.', en: 'That did not work. Please try again.' },
} satisfies Record<string, Labels>

export const statusLabels: Record<ConsentStatus, Labels> = {
  offen: { de: 'steht aus (angefragt, wird eingeholt, unklar)', en: 'outstanding (requested, being obtained, unclear)' },
  muendlich: { de: 'nur mündlich zugesagt', en: 'promised verbally only' },
  'liegt-vor': { de: 'liegt schriftlich vor', en: 'given in writing' },
  abgelehnt: { de: 'abgelehnt oder zurückgezogen', en: 'refused or withdrawn' },
}

export const bannerTexts = {
  heading: { de: 'Fallkonferenz auf diesem Board', en: 'Case conference on this board' },
  locked: { de: 'Fall gesperrt', en: 'Case locked' },
  open: { de: 'Fall offen', en: 'Case open' },
  who: { de: 'Wer dieses Board sehen kann:', en: 'Who can see this board:' },
  facilitator: { de: 'Moderation', en: 'Facilitator' },
  participants: { de: 'Teilnehmende (Link zum Mitschreiben)', en: 'Participants (link to write)' },
  observers: { de: 'Nur-Lesen-Link', en: 'Read-only link' },
  network: { de: 'wer den Link eines Netzwerks hat, zu dem das Board gehört', en: 'anyone with the link of a network the board belongs to' },
  signIn: { de: 'Jeder Link gilt nur mit Anmeldung', en: 'Every link needs a sign-in' },
  noSignIn: { de: 'Ohne Anmeldung: wer einen Link hat, ist drin', en: 'No sign-in: anyone with a link gets in' },
  linksUnknown: { de: 'welche Links es gibt, weiß nur die Moderation', en: 'only the facilitator knows which links exist' },
  more: { de: 'Mehr', en: 'More' },
  less: { de: 'Weniger', en: 'Less' },
} satisfies Record<string, Labels>
